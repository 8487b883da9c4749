package dev.nnc.ir;

import dev.nnc.ir.ShapeRules.ShapeError;
import java.util.List;

/**
 * The shapes of the ops that slide a window over an image [C, H, W] (conv2d, maxpool, avgpool
 * and their gradients), and the errors when an image, a kernel or a window does not fit. An output
 * axis has (n + 2·pad − k) / stride + 1 positions, rounded down, as in PyTorch.
 */
final class WindowShapes {
  private WindowShapes() {}

  /** The result shape of {@code op} with its settings (in the op's order) on inputs {@code in}. */
  static Shape infer(Op op, int[] s, List<Node> in) {
    Shape a = in.get(0).shape();
    return switch (op) {
      case CONV2D -> conv(a, in.get(1).shape(), s[0], s[1]);
      case CONV2D_INPUT_GRAD -> {                         // (g, K): x's shape [C, H, W]
        Shape k = in.get(1).shape();
        yield Shape.of(k.rank() == 4 ? k.dim(1) : a.dim(0), s[2], s[3]);
      }
      case CONV2D_KERNEL_GRAD -> {                        // (x, g): K's shape
        Shape g = in.get(1).shape();
        yield s[4] == 4 ? Shape.of(g.dim(0), a.dim(0), s[2], s[3]) : Shape.of(s[2], s[3]);
      }
      case MAXPOOL, AVGPOOL -> pool(op, a, s[0], s[1]);
      case MAXPOOL_GRAD -> a;
      case AVGPOOL_GRAD -> Shape.of(a.dim(0), s[2], s[3]);
      default -> throw new IllegalArgumentException(op + " is not a window op");
    };
  }

  private static Shape conv(Shape x, Shape k, int stride, int pad) {
    image("conv2d", x);
    if (k.rank() != 4 && k.rank() != 2) {
      throw new ShapeError("conv2d takes kernels [F, C, kh, kw], or one kernel [kh, kw] for every channel, got shape " + k);
    }
    if (k.rank() == 4 && k.dim(1) != x.dim(0)) {
      throw new ShapeError("conv2d: the channel count " + k.dim(1) + " of the kernels " + k + " does not match the image " + x
          + " (" + x.dim(0) + (x.dim(0) == 1 ? " channel)" : " channels)"));
    }
    int kh = k.dim(k.rank() - 2);
    int kw = k.dim(k.rank() - 1);
    int h = x.dim(1) + 2 * pad;
    int w = x.dim(2) + 2 * pad;
    if (kh > h || kw > w) {
      throw new ShapeError("conv2d: the kernel " + kh + "×" + kw + " (of " + k + ") is larger than the image " + x
          + (pad == 0 ? "" : " padded by " + pad + " (" + h + "×" + w + ")"));
    }
    return Shape.of(k.rank() == 4 ? k.dim(0) : x.dim(0), (h - kh) / stride + 1, (w - kw) / stride + 1);
  }

  private static Shape pool(Op op, Shape x, int size, int stride) {
    String name = op.displayName();
    image(name, x);
    if (size > x.dim(1) || size > x.dim(2)) {
      throw new ShapeError(name + ": the window " + size + "×" + size + " is larger than the image " + x);
    }
    return Shape.of(x.dim(0), (x.dim(1) - size) / stride + 1, (x.dim(2) - size) / stride + 1);
  }

  private static void image(String name, Shape x) {
    if (x.rank() != 3) {
      throw new ShapeError(name + " takes an image [C, H, W], got shape " + x
          + (x.rank() == 2 ? " (declare one channel as [1, " + x.dim(0) + ", " + x.dim(1) + "])" : ""));
    }
  }
}
