package dev.nnc.runtime.train;

import java.util.Arrays;

/**
 * Times one step as SPEC.md's {@code nnc bench} asks: warm-up first, then blocks of at least 1 ms
 * of back-to-back steps, and the median of the blocks' time per step (a median, because a 2-core
 * machine has neighbours).
 */
public final class StepTimer {
  private static final long BLOCK_NANOS = 1_000_000;

  private StepTimer() {}

  /** Microseconds per call of {@code step}: the median over {@code blocks} blocks after warm-up. */
  public static double medianMicros(Runnable step, double warmupSeconds, int blocks) {
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    while (System.nanoTime() < warmupEnd) step.run();
    double[] perStep = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      long start = System.nanoTime();
      long steps = 0;
      long now;
      do {
        step.run();
        steps++;
        now = System.nanoTime();
      } while (now - start < BLOCK_NANOS);
      perStep[b] = (now - start) / 1e3 / steps;
    }
    Arrays.sort(perStep);
    return blocks % 2 == 1 ? perStep[blocks / 2] : (perStep[blocks / 2 - 1] + perStep[blocks / 2]) / 2;
  }
}
