package dev.nnc.runtime.kernels;

/**
 * conv2d (cross-correlation) over a batch of images [C, H, W] in the arena, and its two
 * gradients. With kernels [F, C, kh, kw] each example is lowered to columns (im2col: one row per
 * kernel element, one column per output position) and multiplied by the kernels as a matrix
 * [F, C·kh·kw] with the GEMM kernels; the input gradient is the columns' adjoint (col2im) of
 * Kᵀ·g, which is the full correlation of the stride-dilated g with the flipped kernel, and the
 * kernel gradient is g·columnsᵀ, summed over the examples when the kernel is shared
 * ({@code dkStride} 0). A 2-D kernel [kh, kw] filters each channel on its own, by direct loops.
 * The forward pass can add a per-channel bias and apply relu to each example's output (a conv
 * layer's {@code act(conv2d(x, K) + b)}, which the scheduler folds into the call: {@code bias} is
 * the bias's offset, or −1 for none); the kernel gradient can also sum the bias's gradient.
 * The columns live in arena scratch that the planner reserves ({@link #scratchLength}), so no
 * call allocates. Each method has a double[] and a float[] overload; the float ones were made
 * from the double ones by a type substitution, so keep them in step. They differ where float is
 * made fast: the products run on the Vector API kernels when the JVM has them
 * ({@link VectorRowKernel} for the products along the output positions), else, like double, on
 * {@link MatMul}; with the Vector API the columns live in per-thread scratch and a call is split
 * over the thread team ({@link ConvSlices}); with stride 1 and several channels the forward pass
 * and input gradient skip im2col ({@link PaddedConv2d}); and the kernel gradient's sums over
 * the output positions are dot products whose lanes are reduced once per call
 * ({@link VectorKernelGradient}, reading padded planes with stride 1).
 */
public final class Conv2d {
  private Conv2d() {}

  /** Arena elements of scratch a call needs: the columns of one example (none for 2-D kernels). */
  public static int scratchLength(int count, int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise) {
    if (depthwise) return 0;
    return c * kh * kw * outSize(h, kh, stride, pad) * outSize(w, kw, stride, pad);
  }

  /** Output positions along an axis of n: (n + 2·pad − k) / stride + 1, rounded down. */
  static int outSize(int n, int k, int stride, int pad) {
    return (n + 2 * pad - k) / stride + 1;
  }

  /** The first output position whose input column j·1 + ox·stride − pad is inside the image. */
  private static int firstInside(int j, int pad, int stride) {
    return j >= pad ? 0 : (pad - j + stride - 1) / stride;
  }

  /** One past the last output position whose input column is inside an image of width w. */
  private static int endInside(int j, int pad, int stride, int w, int ow) {
    int last = w - 1 + pad - j;                       // ox·stride ≤ last
    return last < 0 ? 0 : Math.min(ow, last / stride + 1);
  }

  private static final boolean VECTOR = VectorSupport.available();

  /**
   * C[m×n] (+)= op(A)·B on the arena, B's rows n apart (im2col columns, an output gradient),
   * C's n apart; A [m×k], or stored [k×m] when {@code transA} (the kernels, for Kᵀ·g).
   */
  private static void rows(double[] arena, int m, int n, int k, int a, boolean transA, int b, int c, boolean accumulate) {
    MatMul.run(arena, 1, m, n, k, a, 0, transA, b, 0, false, c, 0, accumulate);
  }

  /**
   * The same with B in {@code bs} and C in {@code cs}: one of them holds a thread's own columns on
   * the Vector API path; on MatMul's path both are the arena.
   */
  private static void rows(float[] arena, int m, int n, int k, int a, boolean transA, float[] bs, int b, float[] cs, int c, boolean accumulate) {
    if (VECTOR) VectorRowKernel.multiply(m, n, k, arena, a, transA ? 1 : k, transA ? m : 1, bs, b, n, cs, c, n, accumulate);
    else MatMul.run(arena, 1, m, n, k, a, 0, transA, b, 0, false, c, 0, accumulate);
  }

  /** C[m×n] (+)= A·Bᵀ on the arena: A [m×k] and B [n×k] both run along k (the output positions). */
  private static void dots(double[] arena, int m, int n, int k, int a, int b, int c, boolean accumulate) {
    MatMul.run(arena, 1, m, n, k, a, 0, false, b, 0, true, c, 0, accumulate);
  }

  private static void dots(float[] arena, int m, int n, int k, int a, int b, int c, boolean accumulate) {
    MatMul.run(arena, 1, m, n, k, a, 0, false, b, 0, true, c, 0, accumulate);
  }

  /** Whether the output has the input's size: stride 1 and "same" padding. */
  private static boolean keepsSize(int h, int w, int stride, int oh, int ow) {
    return stride == 1 && oh == h && ow == w;
  }

  /** a[dst + i] += s[src + i] for i < n. */
  private static void add(double[] s, int src, double[] a, int dst, int n) {
    for (int i = 0; i < n; i++) a[dst + i] += s[src + i];
  }

  private static void add(float[] s, int src, float[] a, int dst, int n) {
    if (VECTOR) VectorRowKernel.add(s, src, a, dst, n);
    else for (int i = 0; i < n; i++) a[dst + i] += s[src + i];
  }

  public static void forward(double[] a, int count, int x, int xStride, int k, int kStride, int out, int outStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols, int bias, boolean relu) {
    int oh = outSize(h, kh, stride, pad);
    int ow = outSize(w, kw, stride, pad);
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int ke = k + e * kStride;
      int oe = out + e * outStride;
      if (depthwise) {
        depthwiseForward(a, xe, ke, oe, c, h, w, kh, kw, stride, pad, oh, ow);
      } else {
        im2col(a, xe, a, cols, c, h, w, kh, kw, stride, pad, oh, ow);
        rows(a, f, oh * ow, c * kh * kw, ke, false, cols, oe, false);
      }
      if (bias >= 0) addBias(a, oe, bias, depthwise ? c : f, oh * ow, relu);
    }
  }

  /**
   * The epilogue of one example's output [F, plane]: out = (out + bias[f]), through relu when
   * asked, each op rounded as the fused region it replaces would round it. It runs while the
   * example's output is still in cache: as a separate loop over the batch it cost more than the
   * convolution itself.
   */
  private static void addBias(double[] a, int out, int bias, int f, int plane, boolean relu) {
    for (int ch = 0; ch < f; ch++) {
      double b = a[bias + ch];
      int row = out + ch * plane;
      if (relu) for (int p = 0; p < plane; p++) a[row + p] = Math.max(a[row + p] + b, 0);
      else for (int p = 0; p < plane; p++) a[row + p] += b;
    }
  }

  public static void inputGradient(double[] a, int count, int g, int gStride, int k, int kStride, int dx, int dxStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols) {
    int oh = outSize(h, kh, stride, pad);
    int ow = outSize(w, kw, stride, pad);
    for (int e = 0; e < count; e++) {
      int ge = g + e * gStride;
      int ke = k + e * kStride;
      int de = dx + e * dxStride;
      java.util.Arrays.fill(a, de, de + c * h * w, 0);
      if (depthwise) {
        depthwiseInputGradient(a, ge, ke, de, c, h, w, kh, kw, stride, pad, oh, ow);
      } else {
        rows(a, c * kh * kw, oh * ow, f, ke, true, ge, cols, false);   // Kᵀ g
        col2im(a, cols, a, de, c, h, w, kh, kw, stride, pad, oh, ow);
      }
    }
  }

  public static void kernelGradient(double[] a, int count, int x, int xStride, int g, int gStride, int dk, int dkStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols, int bias) {
    int oh = outSize(h, kh, stride, pad);
    int ow = outSize(w, kw, stride, pad);
    if (bias >= 0) java.util.Arrays.fill(a, bias, bias + (depthwise ? c : f), 0);
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int ge = g + e * gStride;
      int de = dk + e * dkStride;
      boolean accumulate = dkStride == 0 && e > 0;
      if (bias >= 0) RowKernels.sumRuns(a, ge, bias, 1, depthwise ? c : f, oh * ow);
      if (depthwise) {
        depthwiseKernelGradient(a, xe, ge, de, c, h, w, kh, kw, stride, pad, oh, ow, accumulate);
      } else {
        im2col(a, xe, a, cols, c, h, w, kh, kw, stride, pad, oh, ow);
        dots(a, f, c * kh * kw, oh * ow, ge, cols, de, accumulate);   // g colsᵀ
      }
    }
  }

  /**
   * The columns of one image: row (ch, i, j) holds, for every output position (oy, ox), the input
   * element x[ch, oy·stride + i − pad, ox·stride + j − pad], or 0 in the padding.
   */
  static void im2col(double[] a, int x, double[] d, int cols, int c, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {
    if (keepsSize(h, w, stride, oh, ow)) {
      planeIm2col(a, x, d, cols, c, h, w, kh, kw, pad);
      return;
    }
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int first = firstInside(j, pad, stride);
          int end = endInside(j, pad, stride, w, ow);
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * stride + i - pad;
            int dst = row + oy * ow;
            if (iy < 0 || iy >= h || first >= end) {
              for (int ox = 0; ox < ow; ox++) d[dst + ox] = 0;
              continue;
            }
            int src = x + (ch * h + iy) * w + j - pad;
            for (int ox = 0; ox < first; ox++) d[dst + ox] = 0;       // the padding: a few elements,
            if (stride == 1) System.arraycopy(a, src + first, d, dst + first, end - first);
            else for (int ox = first; ox < end; ox++) d[dst + ox] = a[src + ox * stride];
            for (int ox = end; ox < ow; ox++) d[dst + ox] = 0;        // not worth Arrays.fill's call
          }
          row += oh * ow;
        }
      }
    }
  }

  /** The adjoint of {@link #im2col}: each column element is added back to the input element it came from. */
  static void col2im(double[] s, int cols, double[] a, int dx, int c, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {
    if (keepsSize(h, w, stride, oh, ow)) {
      planeCol2im(s, cols, a, dx, c, h, w, kh, kw, pad);
      return;
    }
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int first = firstInside(j, pad, stride);
          int end = endInside(j, pad, stride, w, ow);
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            int src = row + oy * ow;
            int dst = dx + (ch * h + iy) * w + j - pad;
            for (int ox = first; ox < end; ox++) a[dst + ox * stride] += s[src + ox];
          }
          row += oh * ow;
        }
      }
    }
  }

  /**
   * im2col when the output has the input's size (stride 1, "same" padding): row (ch, i, j) is
   * the plane of channel ch shifted by (i − pad)·w + (j − pad), so one copy fills it, and only
   * what the shift brings in from outside the image is zeroed: the rows above or below, and the
   * columns that wrapped around from the other side.
   */
  private static void planeIm2col(double[] a, int x, double[] d, int cols, int c, int h, int w, int kh, int kw, int pad) {
    int plane = h * w;
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      int xc = x + ch * plane;
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int shift = (i - pad) * w + (j - pad);
          int lo = Math.max(0, -(i - pad)) * w;
          int hi = Math.min(h, h - (i - pad)) * w;
          // Positions whose source lies outside the plane are wrapped columns of the first or last row.
          int from = Math.max(lo, -shift);
          int to = Math.min(hi, plane - shift);
          for (int p = 0; p < from; p++) d[row + p] = 0;
          if (to > from) System.arraycopy(a, xc + from + shift, d, row + from, to - from);
          for (int p = Math.max(to, from); p < plane; p++) d[row + p] = 0;
          zeroWrapped(d, row, w, lo / w, hi / w, j - pad);
          row += plane;
        }
      }
    }
  }

  /** The adjoint of {@link #planeIm2col}: the wrapped columns are zeroed, then each row adds back in one pass. */
  private static void planeCol2im(double[] s, int cols, double[] a, int dx, int c, int h, int w, int kh, int kw, int pad) {
    int plane = h * w;
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      int dc = dx + ch * plane;
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int shift = (i - pad) * w + (j - pad);
          int lo = Math.max(0, -(i - pad)) * w;
          int hi = Math.min(h, h - (i - pad)) * w;
          int from = Math.max(lo, -shift);
          int to = Math.min(hi, plane - shift);
          zeroWrapped(s, row, w, lo / w, hi / w, j - pad);
          if (to > from) add(s, row + from, a, dc + from + shift, to - from);
          row += plane;
        }
      }
    }
  }

  /** In rows [from, to) of a plane of width w shifted by dx columns, zeroes the columns that wrapped. */
  private static void zeroWrapped(double[] a, int plane, int w, int from, int to, int dx) {
    for (int y = from; y < to; y++) {
      int r = plane + y * w;
      for (int ox = 0; ox < -dx; ox++) a[r + ox] = 0;
      for (int ox = w - dx; ox < w; ox++) a[r + ox] = 0;
    }
  }

  /** out[ch] = the correlation of x[ch] with the one kernel [kh, kw]. */
  private static void depthwiseForward(double[] a, int x, int k, int out, int c, int h, int w, int kh, int kw, int stride, int pad,
      int oh, int ow) {
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double sum = 0;
          for (int i = 0; i < kh; i++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            for (int j = 0; j < kw; j++) {
              int ix = ox * stride + j - pad;
              if (ix >= 0 && ix < w) sum += a[k + i * kw + j] * a[x + (ch * h + iy) * w + ix];
            }
          }
          a[out + (ch * oh + oy) * ow + ox] = sum;
        }
      }
    }
  }

  private static void depthwiseInputGradient(double[] a, int g, int k, int dx, int c, int h, int w, int kh, int kw, int stride, int pad,
      int oh, int ow) {
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double gv = a[g + (ch * oh + oy) * ow + ox];
          for (int i = 0; i < kh; i++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            for (int j = 0; j < kw; j++) {
              int ix = ox * stride + j - pad;
              if (ix >= 0 && ix < w) a[dx + (ch * h + iy) * w + ix] += a[k + i * kw + j] * gv;
            }
          }
        }
      }
    }
  }

  /** dK[i, j] = Σ over channels and positions of x[ch, iy, ix] · g[ch, oy, ox]. */
  private static void depthwiseKernelGradient(double[] a, int x, int g, int dk, int c, int h, int w, int kh, int kw, int stride, int pad,
      int oh, int ow, boolean accumulate) {
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j++) {
        double sum = 0;
        for (int ch = 0; ch < c; ch++) {
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            for (int ox = 0; ox < ow; ox++) {
              int ix = ox * stride + j - pad;
              if (ix >= 0 && ix < w) sum += a[x + (ch * h + iy) * w + ix] * a[g + (ch * oh + oy) * ow + ox];
            }
          }
        }
        int at = dk + i * kw + j;
        a[at] = accumulate ? a[at] + sum : sum;
      }
    }
  }

  // ---- float: the same with float in place of double

  public static void forward(float[] a, int count, int x, int xStride, int k, int kStride, int out, int outStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols, int bias, boolean relu) {
    ConvSlices.run(ConvSlices.Kind.FORWARD, a, count, x, xStride, k, kStride, out, outStride, c, h, w, f, kh, kw, stride, pad, depthwise,
        cols, bias, relu);
  }

  public static void inputGradient(float[] a, int count, int g, int gStride, int k, int kStride, int dx, int dxStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols) {
    ConvSlices.run(ConvSlices.Kind.INPUT_GRADIENT, a, count, g, gStride, k, kStride, dx, dxStride, c, h, w, f, kh, kw, stride, pad, depthwise,
        cols, -1, false);
  }

  public static void kernelGradient(float[] a, int count, int x, int xStride, int g, int gStride, int dk, int dkStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols, int bias) {
    ConvSlices.run(ConvSlices.Kind.KERNEL_GRADIENT, a, count, x, xStride, g, gStride, dk, dkStride, c, h, w, f, kh, kw, stride, pad, depthwise,
        cols, bias, false);
  }

  /**
   * Where one thread's im2col columns go: the arena's scratch at {@code cols} when the products
   * run on MatMul (which reads a single array), else a block of the thread's own, so that calls
   * on several threads at once do not share them.
   */
  private static float[] columns(float[] a, int length) {
    return VECTOR ? ThreadScratch.floats(length) : a;
  }

  /** The forward pass of examples [from, to). */
  static void forwardSlice(float[] a, int from, int to, int x, int xStride, int k, int kStride, int out, int outStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols, int bias, boolean relu) {
    if (PaddedConv2d.applies(stride, depthwise, c)) {
      PaddedConv2d.forward(a, to - from, x + from * xStride, xStride, k + from * kStride, kStride, out + from * outStride, outStride,
          c, h, w, f, kh, kw, pad, bias, relu);
      return;
    }
    int oh = outSize(h, kh, stride, pad);
    int ow = outSize(w, kw, stride, pad);
    float[] cs = columns(a, c * kh * kw * oh * ow);
    int at = cs == a ? cols : 0;
    for (int e = from; e < to; e++) {
      int xe = x + e * xStride;
      int ke = k + e * kStride;
      int oe = out + e * outStride;
      if (depthwise) {
        depthwiseForward(a, xe, ke, oe, c, h, w, kh, kw, stride, pad, oh, ow);
      } else {
        im2col(a, xe, cs, at, c, h, w, kh, kw, stride, pad, oh, ow);
        rows(a, f, oh * ow, c * kh * kw, ke, false, cs, at, a, oe, false);
      }
      if (bias >= 0) addBias(a, oe, bias, depthwise ? c : f, oh * ow, relu);
    }
  }

  /**
   * The epilogue of one example's output [F, plane]: out = (out + bias[f]), through relu when
   * asked, each op rounded as the fused region it replaces would round it. It runs while the
   * example's output is still in cache: as a separate loop over the batch it cost more than the
   * convolution itself.
   */
  private static void addBias(float[] a, int out, int bias, int f, int plane, boolean relu) {
    for (int ch = 0; ch < f; ch++) {
      float b = a[bias + ch];
      int row = out + ch * plane;
      if (relu) for (int p = 0; p < plane; p++) a[row + p] = Math.max(a[row + p] + b, 0);
      else for (int p = 0; p < plane; p++) a[row + p] += b;
    }
  }

  /** The input gradient of examples [from, to). */
  static void inputGradientSlice(float[] a, int from, int to, int g, int gStride, int k, int kStride, int dx, int dxStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols) {
    if (PaddedConv2d.appliesToInputGradient(stride, depthwise, f, kh, kw, pad)) {
      PaddedConv2d.inputGradient(a, to - from, g + from * gStride, gStride, k + from * kStride, kStride, dx + from * dxStride, dxStride,
          c, h, w, f, kh, kw, pad);
      return;
    }
    int oh = outSize(h, kh, stride, pad);
    int ow = outSize(w, kw, stride, pad);
    float[] cs = columns(a, c * kh * kw * oh * ow);
    int at = cs == a ? cols : 0;
    for (int e = from; e < to; e++) {
      int ge = g + e * gStride;
      int ke = k + e * kStride;
      int de = dx + e * dxStride;
      java.util.Arrays.fill(a, de, de + c * h * w, 0);
      if (depthwise) {
        depthwiseInputGradient(a, ge, ke, de, c, h, w, kh, kw, stride, pad, oh, ow);
      } else {
        rows(a, c * kh * kw, oh * ow, f, ke, true, a, ge, cs, at, false);   // Kᵀ g
        col2im(cs, at, a, de, c, h, w, kh, kw, stride, pad, oh, ow);
      }
    }
  }

  /**
   * The kernel gradient's rows [from, to) (filters), over all the examples: a thread that owns
   * some filters sums their gradient over the batch in the serial order.
   */
  static void kernelGradientSlice(float[] a, int count, int from, int to, int x, int xStride, int g, int gStride, int dk, int dkStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols, int bias) {
    if (VECTOR && !depthwise) {
      VectorKernelGradient.filters(a, count, from, to, x, xStride, g, gStride, dk, dkStride, c, h, w, f, kh, kw, stride, pad, bias);
      return;
    }
    int oh = outSize(h, kh, stride, pad);
    int ow = outSize(w, kw, stride, pad);
    int taps = c * kh * kw;
    int positions = oh * ow;
    // The bias's gradient: each filter's g summed, example after example, as RowKernels.sumRuns would.
    int filters = depthwise ? c : to - from;
    if (bias >= 0) java.util.Arrays.fill(a, bias + from, bias + from + filters, 0);
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int ge = g + e * gStride;
      int de = dk + e * dkStride;
      boolean accumulate = dkStride == 0 && e > 0;
      if (bias >= 0) RowKernels.sumRuns(a, ge + from * positions, bias + from, 1, filters, positions);
      if (depthwise) {
        depthwiseKernelGradient(a, xe, ge, de, c, h, w, kh, kw, stride, pad, oh, ow, accumulate);
      } else {
        im2col(a, xe, a, cols, c, h, w, kh, kw, stride, pad, oh, ow);
        dots(a, to - from, taps, positions, ge + from * positions, cols, de + from * taps, accumulate);   // g colsᵀ
      }
    }
  }

  /**
   * The columns of one image: row (ch, i, j) holds, for every output position (oy, ox), the input
   * element x[ch, oy·stride + i − pad, ox·stride + j − pad], or 0 in the padding.
   */
  static void im2col(float[] a, int x, float[] d, int cols, int c, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {
    if (keepsSize(h, w, stride, oh, ow)) {
      planeIm2col(a, x, d, cols, c, h, w, kh, kw, pad);
      return;
    }
    im2col(a, x, d, cols, oh * ow, c, h, w, kh, kw, stride, pad, oh, ow);
  }

  /** The same with rows {@code rowStride} apart (≥ oh·ow), the elements between left as they are. */
  static void im2col(float[] a, int x, float[] d, int cols, int rowStride, int c, int h, int w, int kh, int kw, int stride, int pad,
      int oh, int ow) {
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int first = firstInside(j, pad, stride);
          int end = endInside(j, pad, stride, w, ow);
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * stride + i - pad;
            int dst = row + oy * ow;
            if (iy < 0 || iy >= h || first >= end) {
              for (int ox = 0; ox < ow; ox++) d[dst + ox] = 0;
              continue;
            }
            int src = x + (ch * h + iy) * w + j - pad;
            for (int ox = 0; ox < first; ox++) d[dst + ox] = 0;       // the padding: a few elements,
            if (stride == 1) System.arraycopy(a, src + first, d, dst + first, end - first);
            else for (int ox = first; ox < end; ox++) d[dst + ox] = a[src + ox * stride];
            for (int ox = end; ox < ow; ox++) d[dst + ox] = 0;        // not worth Arrays.fill's call
          }
          row += rowStride;
        }
      }
    }
  }

  /** The adjoint of {@link #im2col}: each column element is added back to the input element it came from. */
  static void col2im(float[] s, int cols, float[] a, int dx, int c, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {
    if (keepsSize(h, w, stride, oh, ow)) {
      planeCol2im(s, cols, a, dx, c, h, w, kh, kw, pad);
      return;
    }
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int first = firstInside(j, pad, stride);
          int end = endInside(j, pad, stride, w, ow);
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            int src = row + oy * ow;
            int dst = dx + (ch * h + iy) * w + j - pad;
            for (int ox = first; ox < end; ox++) a[dst + ox * stride] += s[src + ox];
          }
          row += oh * ow;
        }
      }
    }
  }

  /**
   * im2col when the output has the input's size (stride 1, "same" padding): row (ch, i, j) is
   * the plane of channel ch shifted by (i − pad)·w + (j − pad), so one copy fills it, and only
   * what the shift brings in from outside the image is zeroed: the rows above or below, and the
   * columns that wrapped around from the other side.
   */
  private static void planeIm2col(float[] a, int x, float[] d, int cols, int c, int h, int w, int kh, int kw, int pad) {
    int plane = h * w;
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      int xc = x + ch * plane;
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int shift = (i - pad) * w + (j - pad);
          int lo = Math.max(0, -(i - pad)) * w;
          int hi = Math.min(h, h - (i - pad)) * w;
          // Positions whose source lies outside the plane are wrapped columns of the first or last row.
          int from = Math.max(lo, -shift);
          int to = Math.min(hi, plane - shift);
          for (int p = 0; p < from; p++) d[row + p] = 0;
          if (to > from) System.arraycopy(a, xc + from + shift, d, row + from, to - from);
          for (int p = Math.max(to, from); p < plane; p++) d[row + p] = 0;
          zeroWrapped(d, row, w, lo / w, hi / w, j - pad);
          row += plane;
        }
      }
    }
  }

  /** The adjoint of {@link #planeIm2col}: the wrapped columns are zeroed, then each row adds back in one pass. */
  private static void planeCol2im(float[] s, int cols, float[] a, int dx, int c, int h, int w, int kh, int kw, int pad) {
    int plane = h * w;
    int row = cols;
    for (int ch = 0; ch < c; ch++) {
      int dc = dx + ch * plane;
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int shift = (i - pad) * w + (j - pad);
          int lo = Math.max(0, -(i - pad)) * w;
          int hi = Math.min(h, h - (i - pad)) * w;
          int from = Math.max(lo, -shift);
          int to = Math.min(hi, plane - shift);
          zeroWrapped(s, row, w, lo / w, hi / w, j - pad);
          if (to > from) add(s, row + from, a, dc + from + shift, to - from);
          row += plane;
        }
      }
    }
  }

  /** In rows [from, to) of a plane of width w shifted by dx columns, zeroes the columns that wrapped. */
  private static void zeroWrapped(float[] a, int plane, int w, int from, int to, int dx) {
    for (int y = from; y < to; y++) {
      int r = plane + y * w;
      for (int ox = 0; ox < -dx; ox++) a[r + ox] = 0;
      for (int ox = w - dx; ox < w; ox++) a[r + ox] = 0;
    }
  }

  /** out[ch] = the correlation of x[ch] with the one kernel [kh, kw]. */
  private static void depthwiseForward(float[] a, int x, int k, int out, int c, int h, int w, int kh, int kw, int stride, int pad,
      int oh, int ow) {
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          float sum = 0;
          for (int i = 0; i < kh; i++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            for (int j = 0; j < kw; j++) {
              int ix = ox * stride + j - pad;
              if (ix >= 0 && ix < w) sum += a[k + i * kw + j] * a[x + (ch * h + iy) * w + ix];
            }
          }
          a[out + (ch * oh + oy) * ow + ox] = sum;
        }
      }
    }
  }

  private static void depthwiseInputGradient(float[] a, int g, int k, int dx, int c, int h, int w, int kh, int kw, int stride, int pad,
      int oh, int ow) {
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          float gv = a[g + (ch * oh + oy) * ow + ox];
          for (int i = 0; i < kh; i++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            for (int j = 0; j < kw; j++) {
              int ix = ox * stride + j - pad;
              if (ix >= 0 && ix < w) a[dx + (ch * h + iy) * w + ix] += a[k + i * kw + j] * gv;
            }
          }
        }
      }
    }
  }

  /** dK[i, j] = Σ over channels and positions of x[ch, iy, ix] · g[ch, oy, ox]. */
  private static void depthwiseKernelGradient(float[] a, int x, int g, int dk, int c, int h, int w, int kh, int kw, int stride, int pad,
      int oh, int ow, boolean accumulate) {
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j++) {
        float sum = 0;
        for (int ch = 0; ch < c; ch++) {
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * stride + i - pad;
            if (iy < 0 || iy >= h) continue;
            for (int ox = 0; ox < ow; ox++) {
              int ix = ox * stride + j - pad;
              if (ix >= 0 && ix < w) sum += a[x + (ch * h + iy) * w + ix] * a[g + (ch * oh + oy) * ow + ox];
            }
          }
        }
        int at = dk + i * kw + j;
        a[at] = accumulate ? a[at] + sum : sum;
      }
    }
  }
}
