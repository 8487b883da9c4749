package dev.nnc.runtime.kernels;

/**
 * Max and average pooling over a batch of images [C, H, W] in the arena (square windows, no
 * padding) and their gradients: max routes each window's gradient to the first maximum of the
 * window in row-major order, as PyTorch does; average spreads it evenly. Overlapping windows
 * (stride < size) add their shares. Each method has a double[] and a float[] overload, the float
 * ones made from the double ones by a type substitution: keep them in step.
 *
 * <p>Fast paths, for the usual pools whose windows tile the image (size == stride):
 * <ul>
 *   <li>the max gradient writes each window whole (its g at the first maximum, 0 elsewhere) and
 *       zeroes only the rows and columns no window covers, instead of zeroing all of dx and then
 *       adding into it: one pass over dx, no read-modify-write;</li>
 *   <li>2×2 with stride 2, the pool of nearly every conv net, has its own loops ({@code max2},
 *       {@code max2Gradient}), and in float, when the JVM has the Vector API, runs on
 *       {@link VectorPooling}.</li>
 * </ul>
 * NaN, as before these fast paths: the 2×2 forward propagates it (Math.max), and in its gradient a
 * NaN loses every comparison; elsewhere a NaN that is not a window's first element never counts as
 * its maximum. The vector loops give exactly the scalar loops' results, NaN included.
 */
public final class Pooling {
  private Pooling() {}

  public static void max(double[] a, int count, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int o = out + e * outStride;
      if (size == 2 && stride == 2) {
        max2(a, xe, c, h, w, o);
        continue;
      }
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          int row = xe + (ch * h + oy * stride) * w;
          for (int ox = 0; ox < ow; ox++) a[o++] = a[argmax(a, row + ox * stride, w, size)];
        }
      }
    }
  }

  /**
   * Each window's gradient goes to its first maximum in row-major order (SPEC.md, as PyTorch). With
   * {@code positiveOnly} it goes there only when that maximum is > 0, else the window passes
   * nothing: relu's backward mask fused in. For c = relu(z) the gradient through a pool of c,
   * ifGt(c, 0, maxGradient(c, g), 0), is nonzero only at arg-maxima, where the mask is c > 0.
   */
  public static void maxGradient(double[] a, int count, int x, int xStride, int g, int gStride, int dx, int dxStride,
      int c, int h, int w, int size, int stride, boolean positiveOnly) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int ge = g + e * gStride;
      int de = dx + e * dxStride;
      if (size != stride) {
        addMaxGradient(a, xe, ge, de, c, h, w, size, stride, positiveOnly);
        continue;
      }
      if (size != 2) tiledMaxGradient(a, xe, c, h, w, size, ge, de, positiveOnly);
      else max2Gradient(a, xe, c, h, w, ge, de, positiveOnly);
      zeroUncovered(a, de, c, h, w, oh * size, ow * size);
    }
  }

  /**
   * The gradient when windows overlap (or leave gaps): dx is zeroed, then each window adds its g at
   * its first maximum, so an element that is the maximum of several windows gets their sum.
   */
  private static void addMaxGradient(double[] a, int x, int g, int dx, int c, int h, int w, int size, int stride, boolean positiveOnly) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    java.util.Arrays.fill(a, dx, dx + c * h * w, 0);
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = x + (ch * h + oy * stride) * w;
        for (int ox = 0; ox < ow; ox++) {
          int at = argmax(a, row + ox * stride, w, size);
          double share = a[g++];
          if (!positiveOnly || a[at] > 0) a[dx + (at - x)] += share;
        }
      }
    }
  }

  /**
   * The gradient when windows tile the image (size == stride): each window is written whole, its g
   * at the first maximum and 0 elsewhere, so dx needs no zeroing pass before and no adding into.
   */
  private static void tiledMaxGradient(double[] a, int x, int c, int h, int w, int size, int g, int dx, boolean positiveOnly) {
    int oh = h / size;
    int ow = w / size;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          int corner = (ch * h + oy * size) * w + ox * size;
          int at = argmax(a, x + corner, w, size) - x;
          for (int i = 0; i < size; i++) java.util.Arrays.fill(a, dx + corner + i * w, dx + corner + i * w + size, 0);
          double share = a[g++];
          if (!positiveOnly || a[x + at] > 0) a[dx + at] = share;
        }
      }
    }
  }

  /** Zeroes what no window of a tiling covers: the columns right of {@code columns} and the rows below {@code rows}. */
  private static void zeroUncovered(double[] a, int dx, int c, int h, int w, int rows, int columns) {
    if (rows == h && columns == w) return;                // nothing: the usual even planes
    for (int ch = 0; ch < c; ch++) {
      int plane = dx + ch * h * w;
      if (columns < w) {
        for (int y = 0; y < rows; y++) java.util.Arrays.fill(a, plane + y * w + columns, plane + (y + 1) * w, 0);
      }
      java.util.Arrays.fill(a, plane + rows * w, plane + h * w, 0);
    }
  }

  /**
   * The common 2×2 pool with stride 2 over one example. Math.max compiles to branch-free max
   * instructions; with branches, which element wins is a coin toss on real data, and the
   * mispredictions cost more than the maxima.
   */
  private static void max2(double[] a, int x, int c, int h, int w, int out) {
    int oh = h / 2;
    int ow = w / 2;
    int o = out;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = x + (ch * h + 2 * oy) * w;
        for (int ox = 0; ox < ow; ox++) {
          int p = row + 2 * ox;
          a[o++] = Math.max(Math.max(a[p], a[p + 1]), Math.max(a[p + w], a[p + w + 1]));
        }
      }
    }
  }

  /** The gradient of {@link #max2}, each window written whole as in {@link #tiledMaxGradient}. */
  private static void max2Gradient(double[] a, int x, int c, int h, int w, int g, int dx, boolean positiveOnly) {
    int oh = h / 2;
    int ow = w / 2;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = (ch * h + 2 * oy) * w;
        max2GradientRow(a, x + row, w, ow, g + (ch * oh + oy) * ow, dx + row, positiveOnly);
      }
    }
  }

  /**
   * The ow windows of the row pair at {@code x} and {@code x + w}. The winner is chosen by
   * comparing indices, which compile to conditional moves, where choosing among values would branch.
   */
  static void max2GradientRow(double[] a, int x, int w, int ow, int g, int dx, boolean positiveOnly) {
    for (int ox = 0; ox < ow; ox++) {
      int p = 2 * ox;
      int top = a[x + p + 1] > a[x + p] ? p + 1 : p;
      int bottom = a[x + p + w + 1] > a[x + p + w] ? p + w + 1 : p + w;
      int at = a[x + bottom] > a[x + top] ? bottom : top;
      a[dx + p] = 0;
      a[dx + p + 1] = 0;
      a[dx + p + w] = 0;
      a[dx + p + w + 1] = 0;
      double share = a[g + ox];
      a[dx + at] = positiveOnly && !(a[x + at] > 0) ? 0 : share;
    }
  }

  /** The index of the first maximum of the size × size window whose top-left element is at {@code x}. */
  private static int argmax(double[] a, int x, int w, int size) {
    int best = x;
    double max = a[best];
    for (int i = 0; i < size; i++) {
      int row = x + i * w;
      for (int j = 0; j < size; j++) {
        double v = a[row + j];
        boolean more = v > max;
        best = more ? row + j : best;
        max = more ? v : max;
      }
    }
    return best;
  }

  public static void average(double[] a, int count, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    double area = size * size;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int o = out + e * outStride;
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            double sum = 0;
            for (int i = 0; i < size; i++) {
              int row = xe + (ch * h + oy * stride + i) * w + ox * stride;
              for (int j = 0; j < size; j++) sum += a[row + j];
            }
            a[o++] = sum / area;
          }
        }
      }
    }
  }

  /** Each window's gradient, divided by its area, to every element of the window. */
  public static void averageGradient(double[] a, int count, int g, int gStride, int dx, int dxStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    double area = size * size;
    for (int e = 0; e < count; e++) {
      int ge = g + e * gStride;
      int de = dx + e * dxStride;
      java.util.Arrays.fill(a, de, de + c * h * w, 0);
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            double share = a[ge++] / area;
            for (int i = 0; i < size; i++) {
              int row = de + (ch * h + oy * stride + i) * w + ox * stride;
              for (int j = 0; j < size; j++) a[row + j] += share;
            }
          }
        }
      }
    }
  }

  // ---- float: the same with float in place of double, and the 2×2 stride-2 pool on the Vector API

  /** Whether the float 2×2 stride-2 pool runs on {@link VectorPooling}. */
  private static final boolean VECTOR = VectorSupport.available() && VectorPooling.usable();

  public static void max(float[] a, int count, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
    PoolSlices.run(a, count, x, xStride, -1, 0, out, outStride, c, h, w, size, stride, false, false);
  }

  /** The max pool of examples [from, to). */
  static void maxSlice(float[] a, int from, int to, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    // the vector loop's step table and scratch, looked up once a slice rather than once an example
    PoolSteps steps = VECTOR && size == 2 && stride == 2 ? PoolSteps.forward(c, h, w) : null;
    float[] tail = steps == null ? null : ThreadScratch.floats(VectorPooling.LANES);
    for (int e = from; e < to; e++) {
      int xe = x + e * xStride;
      int o = out + e * outStride;
      if (size == 2 && stride == 2) {
        if (steps != null && VectorPooling.forwardFits(a, xe, c, h, w)) VectorPooling.max2(a, steps, tail, xe, w, o);
        else max2(a, xe, c, h, w, o);
        continue;
      }
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          int row = xe + (ch * h + oy * stride) * w;
          for (int ox = 0; ox < ow; ox++) a[o++] = a[argmax(a, row + ox * stride, w, size)];
        }
      }
    }
  }

  /**
   * Each window's gradient goes to its first maximum in row-major order (SPEC.md, as PyTorch). With
   * {@code positiveOnly} it goes there only when that maximum is > 0, else the window passes
   * nothing: relu's backward mask fused in. For c = relu(z) the gradient through a pool of c,
   * ifGt(c, 0, maxGradient(c, g), 0), is nonzero only at arg-maxima, where the mask is c > 0.
   */
  public static void maxGradient(float[] a, int count, int x, int xStride, int g, int gStride, int dx, int dxStride,
      int c, int h, int w, int size, int stride, boolean positiveOnly) {
    PoolSlices.run(a, count, x, xStride, g, gStride, dx, dxStride, c, h, w, size, stride, positiveOnly, true);
  }

  /** The gradient of examples [from, to). */
  static void maxGradientSlice(float[] a, int from, int to, int x, int xStride, int g, int gStride, int dx, int dxStride,
      int c, int h, int w, int size, int stride, boolean positiveOnly) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    PoolSteps steps = VECTOR && size == 2 && stride == 2 ? PoolSteps.gradient(c, h, w) : null;
    for (int e = from; e < to; e++) {
      int xe = x + e * xStride;
      int ge = g + e * gStride;
      int de = dx + e * dxStride;
      if (size != stride) {
        addMaxGradient(a, xe, ge, de, c, h, w, size, stride, positiveOnly);
        continue;
      }
      if (size != 2) tiledMaxGradient(a, xe, c, h, w, size, ge, de, positiveOnly);
      else if (steps != null && VectorPooling.gradientFits(a, ge, c, h, w)) VectorPooling.max2Gradient(a, steps, xe, c, h, w, ge, de, positiveOnly);
      else max2Gradient(a, xe, c, h, w, ge, de, positiveOnly);
      zeroUncovered(a, de, c, h, w, oh * size, ow * size);
    }
  }

  /**
   * The gradient when windows overlap (or leave gaps): dx is zeroed, then each window adds its g at
   * its first maximum, so an element that is the maximum of several windows gets their sum.
   */
  private static void addMaxGradient(float[] a, int x, int g, int dx, int c, int h, int w, int size, int stride, boolean positiveOnly) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    java.util.Arrays.fill(a, dx, dx + c * h * w, 0);
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = x + (ch * h + oy * stride) * w;
        for (int ox = 0; ox < ow; ox++) {
          int at = argmax(a, row + ox * stride, w, size);
          float share = a[g++];
          if (!positiveOnly || a[at] > 0) a[dx + (at - x)] += share;
        }
      }
    }
  }

  /**
   * The gradient when windows tile the image (size == stride): each window is written whole, its g
   * at the first maximum and 0 elsewhere, so dx needs no zeroing pass before and no adding into.
   */
  private static void tiledMaxGradient(float[] a, int x, int c, int h, int w, int size, int g, int dx, boolean positiveOnly) {
    int oh = h / size;
    int ow = w / size;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          int corner = (ch * h + oy * size) * w + ox * size;
          int at = argmax(a, x + corner, w, size) - x;
          for (int i = 0; i < size; i++) java.util.Arrays.fill(a, dx + corner + i * w, dx + corner + i * w + size, 0);
          float share = a[g++];
          if (!positiveOnly || a[x + at] > 0) a[dx + at] = share;
        }
      }
    }
  }

  /** Zeroes what no window of a tiling covers: the columns right of {@code columns} and the rows below {@code rows}. */
  private static void zeroUncovered(float[] a, int dx, int c, int h, int w, int rows, int columns) {
    if (rows == h && columns == w) return;                // nothing: the usual even planes
    for (int ch = 0; ch < c; ch++) {
      int plane = dx + ch * h * w;
      if (columns < w) {
        for (int y = 0; y < rows; y++) java.util.Arrays.fill(a, plane + y * w + columns, plane + (y + 1) * w, 0);
      }
      java.util.Arrays.fill(a, plane + rows * w, plane + h * w, 0);
    }
  }

  /**
   * The common 2×2 pool with stride 2 over one example. Math.max compiles to branch-free max
   * instructions; with branches, which element wins is a coin toss on real data, and the
   * mispredictions cost more than the maxima.
   */
  private static void max2(float[] a, int x, int c, int h, int w, int out) {
    int oh = h / 2;
    int ow = w / 2;
    int o = out;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = x + (ch * h + 2 * oy) * w;
        for (int ox = 0; ox < ow; ox++) {
          int p = row + 2 * ox;
          a[o++] = Math.max(Math.max(a[p], a[p + 1]), Math.max(a[p + w], a[p + w + 1]));
        }
      }
    }
  }

  /** The gradient of {@link #max2}, each window written whole as in {@link #tiledMaxGradient}. */
  private static void max2Gradient(float[] a, int x, int c, int h, int w, int g, int dx, boolean positiveOnly) {
    int oh = h / 2;
    int ow = w / 2;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = (ch * h + 2 * oy) * w;
        max2GradientRow(a, x + row, w, ow, g + (ch * oh + oy) * ow, dx + row, positiveOnly);
      }
    }
  }

  /**
   * The ow windows of the row pair at {@code x} and {@code x + w}. The winner is chosen by
   * comparing indices, which compile to conditional moves, where choosing among values would branch.
   */
  static void max2GradientRow(float[] a, int x, int w, int ow, int g, int dx, boolean positiveOnly) {
    for (int ox = 0; ox < ow; ox++) {
      int p = 2 * ox;
      int top = a[x + p + 1] > a[x + p] ? p + 1 : p;
      int bottom = a[x + p + w + 1] > a[x + p + w] ? p + w + 1 : p + w;
      int at = a[x + bottom] > a[x + top] ? bottom : top;
      a[dx + p] = 0;
      a[dx + p + 1] = 0;
      a[dx + p + w] = 0;
      a[dx + p + w + 1] = 0;
      float share = a[g + ox];
      a[dx + at] = positiveOnly && !(a[x + at] > 0) ? 0 : share;
    }
  }

  /** The index of the first maximum of the size × size window whose top-left element is at {@code x}. */
  private static int argmax(float[] a, int x, int w, int size) {
    int best = x;
    float max = a[best];
    for (int i = 0; i < size; i++) {
      int row = x + i * w;
      for (int j = 0; j < size; j++) {
        float v = a[row + j];
        boolean more = v > max;
        best = more ? row + j : best;
        max = more ? v : max;
      }
    }
    return best;
  }

  public static void average(float[] a, int count, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    float area = size * size;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int o = out + e * outStride;
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            float sum = 0;
            for (int i = 0; i < size; i++) {
              int row = xe + (ch * h + oy * stride + i) * w + ox * stride;
              for (int j = 0; j < size; j++) sum += a[row + j];
            }
            a[o++] = sum / area;
          }
        }
      }
    }
  }

  /** Each window's gradient, divided by its area, to every element of the window. */
  public static void averageGradient(float[] a, int count, int g, int gStride, int dx, int dxStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    float area = size * size;
    for (int e = 0; e < count; e++) {
      int ge = g + e * gStride;
      int de = dx + e * dxStride;
      java.util.Arrays.fill(a, de, de + c * h * w, 0);
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            float share = a[ge++] / area;
            for (int i = 0; i < size; i++) {
              int row = de + (ch * h + oy * stride + i) * w + ox * stride;
              for (int j = 0; j < size; j++) a[row + j] += share;
            }
          }
        }
      }
    }
  }
}
