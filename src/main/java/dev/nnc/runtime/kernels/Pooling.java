package dev.nnc.runtime.kernels;

/**
 * Max and average pooling over a batch of images [C, H, W] in the arena (square windows, no
 * padding) and their gradients: max routes each window's gradient to the first maximum of the
 * window in row-major order, as PyTorch does; average spreads it evenly. Overlapping windows
 * (stride < size) add their shares. Each method has a double[] and a float[] overload, the float
 * ones made from the double ones by a type substitution: keep them in step.
 */
public final class Pooling {
  private Pooling() {}

  public static void max(double[] a, int count, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int o = out + e * outStride;
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          if (size == 2 && stride == 2) {
            max2(a, xe + (ch * h + 2 * oy) * w, w, o, ow);
            o += ow;
          } else {
            for (int ox = 0; ox < ow; ox++) a[o++] = a[argmax(a, xe + ch * h * w, w, oy * stride, ox * stride, size)];
          }
        }
      }
    }
  }

  /** Each window's gradient goes to its first maximum in row-major order (SPEC.md, as PyTorch). */
  public static void maxGradient(double[] a, int count, int x, int xStride, int g, int gStride, int dx, int dxStride,
      int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int ge = g + e * gStride;
      int de = dx + e * dxStride;
      java.util.Arrays.fill(a, de, de + c * h * w, 0);
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          if (size == 2 && stride == 2) {
            int row = (ch * h + 2 * oy) * w;
            max2Gradient(a, xe + row, w, ge, de + row, ow);
            ge += ow;
            continue;
          }
          for (int ox = 0; ox < ow; ox++) {
            int at = argmax(a, xe + ch * h * w, w, oy * stride, ox * stride, size);
            a[de + (at - xe)] += a[ge++];
          }
        }
      }
    }
  }

  /**
   * One output row of the common 2×2 pool with stride 2: the windows of input rows {@code x} and
   * {@code x + w}. Math.max compiles to branch-free max instructions; with branches, which
   * element wins is a coin toss on real data, and the mispredictions cost more than the maxima.
   */
  private static void max2(double[] a, int x, int w, int out, int ow) {
    for (int ox = 0; ox < ow; ox++) {
      int p = x + 2 * ox;
      a[out + ox] = Math.max(Math.max(a[p], a[p + 1]), Math.max(a[p + w], a[p + w + 1]));
    }
  }

  /** The gradient of {@link #max2}'s row: each g to its window's first maximum. */
  private static void max2Gradient(double[] a, int x, int w, int g, int dx, int ow) {
    for (int ox = 0; ox < ow; ox++) {
      int p = 2 * ox;
      int top = a[x + p + 1] > a[x + p] ? p + 1 : p;
      int bottom = a[x + p + w + 1] > a[x + p + w] ? p + w + 1 : p + w;
      a[dx + (a[x + bottom] > a[x + top] ? bottom : top)] += a[g + ox];
    }
  }

  /** The index of the first maximum of the window at (y, x) of a channel starting at {@code plane}. */
  private static int argmax(double[] a, int plane, int w, int y, int x, int size) {
    int best = plane + y * w + x;
    double max = a[best];
    for (int i = 0; i < size; i++) {
      int row = plane + (y + i) * w + x;
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

  // ---- float: the same with float in place of double

  public static void max(float[] a, int count, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int o = out + e * outStride;
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          if (size == 2 && stride == 2) {
            max2(a, xe + (ch * h + 2 * oy) * w, w, o, ow);
            o += ow;
          } else {
            for (int ox = 0; ox < ow; ox++) a[o++] = a[argmax(a, xe + ch * h * w, w, oy * stride, ox * stride, size)];
          }
        }
      }
    }
  }

  /** Each window's gradient goes to its first maximum in row-major order (SPEC.md, as PyTorch). */
  public static void maxGradient(float[] a, int count, int x, int xStride, int g, int gStride, int dx, int dxStride,
      int c, int h, int w, int size, int stride) {
    int oh = (h - size) / stride + 1;
    int ow = (w - size) / stride + 1;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int ge = g + e * gStride;
      int de = dx + e * dxStride;
      java.util.Arrays.fill(a, de, de + c * h * w, 0);
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          if (size == 2 && stride == 2) {
            int row = (ch * h + 2 * oy) * w;
            max2Gradient(a, xe + row, w, ge, de + row, ow);
            ge += ow;
            continue;
          }
          for (int ox = 0; ox < ow; ox++) {
            int at = argmax(a, xe + ch * h * w, w, oy * stride, ox * stride, size);
            a[de + (at - xe)] += a[ge++];
          }
        }
      }
    }
  }

  /**
   * One output row of the common 2×2 pool with stride 2: the windows of input rows {@code x} and
   * {@code x + w}. Math.max compiles to branch-free max instructions; with branches, which
   * element wins is a coin toss on real data, and the mispredictions cost more than the maxima.
   */
  private static void max2(float[] a, int x, int w, int out, int ow) {
    for (int ox = 0; ox < ow; ox++) {
      int p = x + 2 * ox;
      a[out + ox] = Math.max(Math.max(a[p], a[p + 1]), Math.max(a[p + w], a[p + w + 1]));
    }
  }

  /** The gradient of {@link #max2}'s row: each g to its window's first maximum. */
  private static void max2Gradient(float[] a, int x, int w, int g, int dx, int ow) {
    for (int ox = 0; ox < ow; ox++) {
      int p = 2 * ox;
      int top = a[x + p + 1] > a[x + p] ? p + 1 : p;
      int bottom = a[x + p + w + 1] > a[x + p + w] ? p + w + 1 : p + w;
      a[dx + (a[x + bottom] > a[x + top] ? bottom : top)] += a[g + ox];
    }
  }

  /** The index of the first maximum of the window at (y, x) of a channel starting at {@code plane}. */
  private static int argmax(float[] a, int plane, int w, int y, int x, int size) {
    int best = plane + y * w + x;
    float max = a[best];
    for (int i = 0; i < size; i++) {
      int row = plane + (y + i) * w + x;
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
