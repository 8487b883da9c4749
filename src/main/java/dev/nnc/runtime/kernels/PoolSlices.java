package dev.nnc.runtime.kernels;

/**
 * A float max pool call, or its gradient, on the calling thread's {@link WorkerTeam}: the examples
 * are split, each written by one thread.
 */
final class PoolSlices extends Slices {
  /** An input element costs about as much as this many multiply-adds of a product (a few loads and compares). */
  private static final int COST_PER_ELEMENT = 8;

  private static final ThreadLocal<PoolSlices> TASKS = ThreadLocal.withInitial(PoolSlices::new);

  private float[] a;
  private int x, xStride, g, gStride, out, outStride, c, h, w, size, stride;
  private boolean positiveOnly, gradient;

  /** Pooling.max (g unused) or, when {@code gradient}, Pooling.maxGradient, over {@code count} examples. */
  static void run(float[] a, int count, int x, int xStride, int g, int gStride, int out, int outStride,
      int c, int h, int w, int size, int stride, boolean positiveOnly, boolean gradient) {
    PoolSlices t = TASKS.get();
    t.a = a;
    t.x = x;
    t.xStride = xStride;
    t.g = g;
    t.gStride = gStride;
    t.out = out;
    t.outStride = outStride;
    t.c = c;
    t.h = h;
    t.w = w;
    t.size = size;
    t.stride = stride;
    t.positiveOnly = positiveOnly;
    t.gradient = gradient;
    t.run(count, (long) count * c * h * w * COST_PER_ELEMENT, PARTS_PER_THREAD);
    t.a = null;                                          // the arena is not the task's to keep
  }

  @Override
  void slice(int from, int to) {
    if (gradient) Pooling.maxGradientSlice(a, from, to, x, xStride, g, gStride, out, outStride, c, h, w, size, stride, positiveOnly);
    else Pooling.maxSlice(a, from, to, x, xStride, out, outStride, c, h, w, size, stride);
  }
}
