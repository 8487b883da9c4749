package dev.nnc.runtime.kernels;

/**
 * A float convolution call on the calling thread's {@link WorkerTeam}. The forward pass and the
 * input gradient split the examples; the kernel gradient, a sum over the examples, splits the
 * filters instead (one slice per thread: each lays out every example's input again, a copy into
 * padded planes with stride 1), so that every element of every result is computed by one thread
 * in the serial order.
 */
final class ConvSlices extends Slices {
  enum Kind { FORWARD, INPUT_GRADIENT, KERNEL_GRADIENT }

  private static final ThreadLocal<ConvSlices> TASKS = ThreadLocal.withInitial(ConvSlices::new);

  private Kind kind;
  private float[] a;
  private int count, p, pStride, q, qStride, out, outStride, c, h, w, f, kh, kw, stride, pad, cols, bias;
  private boolean depthwise, relu;

  /**
   * Conv2d's float call of this kind: p and q are its two operands (x and K, g and K, x and g),
   * out its result, each with its stride between examples; bias is the forward pass's bias, or
   * where the kernel gradient's call also sums the bias's gradient (−1: none).
   */
  static void run(Kind kind, float[] a, int count, int p, int pStride, int q, int qStride, int out, int outStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, boolean depthwise, int cols, int bias, boolean relu) {
    ConvSlices t = TASKS.get();
    t.kind = kind;
    t.a = a;
    t.count = count;
    t.p = p;
    t.pStride = pStride;
    t.q = q;
    t.qStride = qStride;
    t.out = out;
    t.outStride = outStride;
    t.c = c;
    t.h = h;
    t.w = w;
    t.f = f;
    t.kh = kh;
    t.kw = kw;
    t.stride = stride;
    t.pad = pad;
    t.depthwise = depthwise;
    t.cols = cols;
    t.bias = bias;
    t.relu = relu;
    t.run(t.span(), t.work(), kind == Kind.KERNEL_GRADIENT ? 1 : PARTS_PER_THREAD);
    t.a = null;                                          // the arena is not the task's to keep
  }

  /** What is split: examples, or the kernel gradient's filters (a 2-D kernel's gradient is one sum). */
  private int span() {
    if (kind != Kind.KERNEL_GRADIENT) return count;
    return depthwise ? 1 : f;
  }

  private long work() {
    int oh = Conv2d.outSize(h, kh, stride, pad);
    int ow = Conv2d.outSize(w, kw, stride, pad);
    return (long) count * (depthwise ? 1 : f) * c * kh * kw * oh * ow;
  }

  @Override
  void slice(int from, int to) {
    switch (kind) {
      case FORWARD -> Conv2d.forwardSlice(a, from, to, p, pStride, q, qStride, out, outStride, c, h, w, f, kh, kw, stride, pad, depthwise,
          cols, bias, relu);
      case INPUT_GRADIENT -> Conv2d.inputGradientSlice(a, from, to, p, pStride, q, qStride, out, outStride, c, h, w, f, kh, kw, stride, pad,
          depthwise, cols);
      case KERNEL_GRADIENT -> Conv2d.kernelGradientSlice(a, count, from, to, p, pStride, q, qStride, out, outStride, c, h, w, f, kh, kw,
          stride, pad, depthwise, cols, bias);
    }
  }
}
