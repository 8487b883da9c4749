package dev.nnc.runtime.kernels;

/**
 * A float array per thread for kernels' working space that lives no longer than a call (padded
 * planes, a wide output grid, lane sums). It grows to the largest size asked for and is then
 * reused, so a training step allocates nothing once each thread has run it; a thread of its own
 * keeps kernels that run on several threads from sharing one. Contents are whatever the last call
 * left: a caller zeroes what it reads before writing.
 */
final class ThreadScratch {
  private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<int[]> INTS = ThreadLocal.withInitial(() -> new int[0]);

  private ThreadScratch() {}

  static float[] floats(int length) {
    float[] f = FLOATS.get();
    if (f.length < length) {
      f = new float[length];
      FLOATS.set(f);
    }
    return f;
  }

  /** The same for offsets and indices. */
  static int[] ints(int length) {
    int[] i = INTS.get();
    if (i.length < length) {
      i = new int[length];
      INTS.set(i);
    }
    return i;
  }
}
