package dev.nnc.bench;

import dev.nnc.runtime.kernels.Gemm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * A timing loop without JMH, quick enough to run between edits: GFLOP/s = 2·m·n·k / time in
 * steady state (after a 2 s warm-up), for the MLP's forward product at batch 32 (NT, B = a
 * 128×784 weight, where packing the transposed weight dominates) and the three forms at
 * 256×1024×784. Time is this thread's CPU time: the machine is shared, and wall time also counts
 * the slices other processes take. Run from the repository root after {@code mvn package}:
 *
 * <pre>java --add-modules jdk.incubator.vector -cp target/classes bench/src/main/java/dev/nnc/bench/GemmTiming.java</pre>
 */
public final class GemmTiming {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private interface Form {
    void run(int m, int n, int k, float[] a, float[] b, float[] c);
  }

  public static void main(String[] args) {
    time("NT 32x128x784", 32, 128, 784,
        (m, n, k, a, b, c) -> Gemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false));
    time("NT 32x10x128", 32, 10, 128,
        (m, n, k, a, b, c) -> Gemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false));
    time("TN 10x128x32", 10, 128, 32,
        (m, n, k, a, b, c) -> Gemm.tn(m, n, k, a, 0, m, b, 0, n, c, 0, n, false));
    time("NN 32x128x10", 32, 128, 10,
        (m, n, k, a, b, c) -> Gemm.nn(m, n, k, a, 0, k, b, 0, n, c, 0, n, false));
    time("TN 128x784x32", 128, 784, 32,
        (m, n, k, a, b, c) -> Gemm.tn(m, n, k, a, 0, m, b, 0, n, c, 0, n, false));
    time("NT 64x128x784", 64, 128, 784,
        (m, n, k, a, b, c) -> Gemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false));
    time("NT 33x127x783", 33, 127, 783,
        (m, n, k, a, b, c) -> Gemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false));
    time("NT 256x10x1024", 256, 10, 1024,
        (m, n, k, a, b, c) -> Gemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false));
    time("NN 1024x1024x1024", 1024, 1024, 1024,
        (m, n, k, a, b, c) -> Gemm.nn(m, n, k, a, 0, k, b, 0, n, c, 0, n, false));
    time("NN 256x1024x784", 256, 1024, 784,
        (m, n, k, a, b, c) -> Gemm.nn(m, n, k, a, 0, k, b, 0, n, c, 0, n, false));
    time("NT 256x1024x784", 256, 1024, 784,
        (m, n, k, a, b, c) -> Gemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false));
    time("TN 256x1024x784", 256, 1024, 784,
        (m, n, k, a, b, c) -> Gemm.tn(m, n, k, a, 0, m, b, 0, n, c, 0, n, false));
  }

  private static void time(String name, int m, int n, int k, Form form) {
    Random random = new Random(42);
    float[] a = randomFloats(random, m * k);
    float[] b = randomFloats(random, k * n);
    float[] c = new float[m * n];
    runFor(2_000_000_000L, m, n, k, form, a, b, c);
    // Best of five 1 s rounds: the machine is shared, and the best round is the least disturbed.
    double best = 0;
    for (int round = 0; round < 5; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      long calls = runFor(1_000_000_000L, m, n, k, form, a, b, c);
      double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
      best = Math.max(best, 2.0 * m * n * k * calls / seconds / 1e9);
    }
    System.out.printf("%-18s %6.1f GFLOP/s  %8.1f us/call%n", name, best,
        2.0 * m * n * k / best / 1e3);
  }

  private static long runFor(long nanos, int m, int n, int k, Form form, float[] a, float[] b,
      float[] c) {
    long end = System.nanoTime() + nanos;
    long calls = 0;
    while (System.nanoTime() < end) {
      form.run(m, n, k, a, b, c);
      calls++;
    }
    return calls;
  }

  private static float[] randomFloats(Random random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextFloat() - 0.5f;
    }
    return values;
  }
}
