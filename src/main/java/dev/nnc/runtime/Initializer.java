package dev.nnc.runtime;

import java.util.Random;

/**
 * How a parameter gets its first value (SPEC.md §1 "Initializers"). Random draws come from the
 * one seeded generator the caller passes, in declaration order, so a seed fixes every weight.
 */
public sealed interface Initializer {

  /** Fills {@code out[off .. off+count)} for a parameter with the given fan-in and fan-out. */
  void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random);

  /** A literal value for every element (a scalar {@code param w0 = 2}). */
  record Constant(double value) implements Initializer {
    @Override
    public void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random) {
      java.util.Arrays.fill(out, off, off + count, value);
    }
  }

  /** {@code uniform(s)}: s · U[0, 1), the lecture's {@code 0.01*np.random.rand}. */
  record Uniform(double scale) implements Initializer {
    @Override
    public void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random) {
      for (int i = 0; i < count; i++) out[off + i] = scale * random.nextDouble();
    }
  }

  /** {@code normal(s)}: s · N(0, 1). */
  record Normal(double scale) implements Initializer {
    @Override
    public void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random) {
      for (int i = 0; i < count; i++) out[off + i] = scale * random.nextGaussian();
    }
  }
}
