package dev.nnc.runtime.kernels;

/**
 * Runs a float convolution call on the calling thread's {@link WorkerTeam}. The forward pass and
 * the input gradient split the examples; the kernel gradient, a sum over the examples, splits the
 * filters instead, so that every element of every result is computed by one thread in the serial
 * order and the numbers do not depend on the number of threads. The task object is reused per
 * calling thread: splitting allocates nothing.
 */
final class ConvSlices implements WorkerTeam.Task {
  enum Kind { FORWARD, INPUT_GRADIENT, KERNEL_GRADIENT }

  /**
   * Multiply-adds below which a call stays on one thread: handing a slice over costs a few
   * microseconds when the other core is idle, and a scheduler slice when it is not.
   */
  static final long PARALLEL_MIN = 1L << 20;

  /**
   * Slices of examples per thread: small ones, claimed by whichever thread is free, so that a
   * thread that loses its core to another process holds up little. The kernel gradient's slices
   * stay one per thread: each one repeats the examples' im2col.
   */
  private static final int PARTS_PER_THREAD = 4;

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
    WorkerTeam team = WorkerTeam.current();
    if (team.size() == 1 || t.span() < 2 || t.work() < PARALLEL_MIN || !VectorSupport.available()) t.run(0, 1);
    else team.run(t, kind == Kind.KERNEL_GRADIENT ? team.size() : Math.min(t.span(), PARTS_PER_THREAD * team.size()));
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
  public void run(int part, int parts) {
    int span = span();
    int from = (int) ((long) span * part / parts);
    int to = (int) ((long) span * (part + 1) / parts);
    if (from >= to) return;
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
