package dev.nnc.schedule;

import dev.nnc.ir.Node;
import dev.nnc.ir.Shape;
import dev.nnc.runtime.kernels.Conv2d;
import dev.nnc.schedule.KernelProgram.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel calls of the ops that slide a window over images: conv2d and its two gradients
 * ({@link Conv2d}), max and average pooling and theirs ({@code Pooling}). Each call runs over
 * {@code count} examples; an operand's stride between examples is 0 when it is shared (a kernel).
 */
final class WindowCalls {
  /** What the calls need from the scheduler: where values live, scratch space, the batch. */
  interface Arena {
    int bufferOf(Node n);

    /** A block of {@code length} arena elements for a kernel's own use (im2col columns). */
    int scratch(String name, int length);

    int batch();
  }

  private static final String CONV = "dev/nnc/runtime/kernels/Conv2d";
  private static final String POOLING = "dev/nnc/runtime/kernels/Pooling";

  private final Arena arena;

  WindowCalls(Arena arena) {
    this.arena = arena;
  }

  /**
   * conv2d(x, K): out[F, H', W'], plus the per-channel bias at arena offset {@code bias} (−1:
   * none) and then relu, when the scheduler folded a conv layer's epilogue into the call.
   */
  Call conv(Node n, int out, int bias, boolean relu, int line) {
    Geometry geo = new Geometry(n.input(0).shape(), n.input(1).shape(), n.setting("stride"), n.setting("pad"));
    return convCall("forward", n, geo, out, stride(n, count(n)), line, bias, relu);
  }

  /** dx from (g, K), into out[C, H, W]. */
  Call inputGradient(Node n, int out, int line) {
    Geometry geo = new Geometry(n.shape(), n.input(1).shape(), n.setting("stride"), n.setting("pad"));
    return convCall("inputGradient", n, geo, out, stride(n, count(n)), line);
  }

  /**
   * dK from (x, g): per example, or summed over the examples when {@code summed}; with the bias's
   * gradient, g summed over the examples and positions per filter, at arena offset
   * {@code biasGradient} (−1: none), when the scheduler folded that sum into the call.
   */
  Call kernelGradient(Node n, int out, boolean summed, int biasGradient, int line) {
    Geometry geo = new Geometry(n.input(0).shape(), n.shape(), n.setting("stride"), n.setting("pad"));
    return convCall("kernelGradient", n, geo, out, summed ? 0 : stride(n, count(n)), line, biasGradient);
  }

  /** Conv2d.method(arena, count, first operand, its stride, second, its stride, out, its stride, geometry, scratch, extra...). */
  private Call convCall(String method, Node n, Geometry geo, int out, int outStride, int line, Object... extra) {
    int count = count(n);
    Node a = n.input(0);
    Node b = n.input(1);
    List<Object> args = new ArrayList<>(List.of(count, arena.bufferOf(a), stride(a, count), arena.bufferOf(b), stride(b, count), out, outStride,
        geo.c, geo.h, geo.w, geo.f, geo.kh, geo.kw, geo.stride, geo.pad, geo.depthwise, scratch(n, geo, count)));
    args.addAll(List.of(extra));
    return call(CONV, method, line, args.toArray());
  }

  /**
   * maxpool, avgpool and their gradients; max pool's gradient routes only to positive maxima when
   * {@code positiveOnly} (relu's backward mask, folded in by the scheduler).
   */
  Call pool(Node n, int out, boolean positiveOnly, int line) {
    int count = count(n);
    int size = n.setting("size");
    int step = n.setting("stride");
    Node first = n.input(0);
    Shape image = switch (n.op()) {
      case MAXPOOL, AVGPOOL, MAXPOOL_GRAD -> first.shape();
      default -> n.shape();
    };
    int c = image.dim(0);
    int h = image.dim(1);
    int w = image.dim(2);
    return switch (n.op()) {
      case MAXPOOL -> call(POOLING, "max", line, count, arena.bufferOf(first), stride(first, count), out, stride(n, count), c, h, w, size, step);
      case AVGPOOL -> call(POOLING, "average", line, count, arena.bufferOf(first), stride(first, count), out, stride(n, count), c, h, w, size, step);
      case MAXPOOL_GRAD -> {
        Node g = n.input(1);
        yield call(POOLING, "maxGradient", line, count, arena.bufferOf(first), stride(first, count), arena.bufferOf(g), stride(g, count),
            out, stride(n, count), c, h, w, size, step, positiveOnly);
      }
      case AVGPOOL_GRAD -> call(POOLING, "averageGradient", line, count, arena.bufferOf(first), stride(first, count), out, stride(n, count),
          c, h, w, size, step);
      default -> throw new IllegalArgumentException(n.op() + " is not a pooling op");
    };
  }

  /** The image [C, H, W], the kernels and the window's step, as the kernels take them. */
  private record Geometry(int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise) {
    Geometry(Shape image, Shape kernel, int stride, int pad) {
      this(image.dim(0), image.dim(1), image.dim(2), kernel.rank() == 4 ? kernel.dim(0) : image.dim(0),
          kernel.dim(kernel.rank() - 2), kernel.dim(kernel.rank() - 1), stride, pad, kernel.rank() == 2);
    }
  }

  private int scratch(Node n, Geometry g, int count) {
    int length = Conv2d.scratchLength(count, g.c, g.h, g.w, g.f, g.kh, g.kw, g.stride, g.pad, g.depthwise);
    return length == 0 ? 0 : arena.scratch("scratch" + n.id(), length);
  }

  private int count(Node n) {
    return n.batched() ? arena.batch() : 1;
  }

  private static int stride(Node n, int count) {
    return n.batched() && count > 1 ? (int) n.shape().size() : 0;
  }

  /** A static call whose descriptor follows from its arguments' types. */
  private static Call call(String owner, String method, int line, Object... ints) {
    List<Object> args = new ArrayList<>();
    args.add(KernelProgram.ARENA);
    args.addAll(List.of(ints));
    StringBuilder desc = new StringBuilder("([D");
    for (Object a : ints) desc.append(a instanceof Boolean ? 'Z' : 'I');
    return new Call(owner, method, desc.append(")V").toString(), args, line);
  }
}
