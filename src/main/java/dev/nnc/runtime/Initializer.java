package dev.nnc.runtime;

import java.util.Arrays;
import java.util.Random;

/**
 * How a parameter gets its first value (SPEC.md §1 "Initializers"). Random draws come from the
 * one seeded generator the caller passes, in declaration order, so a seed fixes every weight.
 */
public sealed interface Initializer {

  /** Fills {@code out[off .. off+count)} for a parameter with the given fan-in and fan-out. */
  void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random);

  /**
   * The single-precision form: the same draws as {@link #fill(double[], int, int, int, int,
   * Random)}, rounded to float, so an f32 and an f64 run of one seed start from the same point.
   */
  default void fill(float[] out, int off, int count, int fanIn, int fanOut, Random random) {
    double[] values = new double[count];
    fill(values, 0, count, fanIn, fanOut, random);
    for (int i = 0; i < count; i++) out[off + i] = (float) values[i];
  }

  /**
   * Whether this initializer gives every element of a weight the same value, so the units fed by
   * it stay identical under gradient descent (the warning SPEC.md asks for on {@code zeros}).
   */
  default boolean breaksSymmetry() {
    return true;
  }

  /** The fan-in and fan-out of a tensor, which scale {@link Xavier} and {@link He}. */
  record Fans(int in, int out) {}

  /**
   * Fans as SPEC.md defines them: {@code W[n, m]} has fan_in m and fan_out n; {@code K[F, C, kh,
   * kw]} has fan_in C·kh·kw and fan_out F·kh·kw (every axis after the second is a receptive
   * field). A vector {@code b[n]} counts n both ways and a scalar 1, as Keras does.
   */
  static Fans fans(int... dims) {
    if (dims.length == 0) return new Fans(1, 1);
    if (dims.length == 1) return new Fans(dims[0], dims[0]);
    int receptiveField = 1;
    for (int i = 2; i < dims.length; i++) receptiveField *= dims[i];
    return new Fans(dims[1] * receptiveField, dims[0] * receptiveField);
  }

  /** A literal value for every element (a scalar {@code param w0 = 2}, or {@code zeros}). */
  record Constant(double value) implements Initializer {
    @Override
    public void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random) {
      Arrays.fill(out, off, off + count, value);
    }

    @Override
    public boolean breaksSymmetry() {
      return false;
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

  /** {@code xavier} (Glorot uniform): U(−a, a) with a = √(6 / (fan_in + fan_out)). */
  record Xavier() implements Initializer {
    @Override
    public void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random) {
      double bound = Math.sqrt(6.0 / (fanIn + fanOut));
      for (int i = 0; i < count; i++) out[off + i] = bound * (2 * random.nextDouble() - 1);
    }
  }

  /** {@code he} (Kaiming normal): N(0, 2 / fan_in), for ReLU layers. */
  record He() implements Initializer {
    @Override
    public void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random) {
      double std = Math.sqrt(2.0 / fanIn);
      for (int i = 0; i < count; i++) out[off + i] = std * random.nextGaussian();
    }
  }

  /**
   * {@code sparse(k, s)} (Martens 2010): each output unit, a row of fan_in consecutive elements
   * ({@code W[n, m]} row-major, or one filter of {@code K[F, C, kh, kw]}), gets k inputs chosen
   * without replacement, each s · N(0, 1); the others are 0.
   */
  record Sparse(int k, double scale) implements Initializer {
    public Sparse {
      if (k < 1) throw new IllegalArgumentException("sparse(k, s) needs k ≥ 1, but k is " + k);
    }

    @Override
    public void fill(double[] out, int off, int count, int fanIn, int fanOut, Random random) {
      if (k > fanIn) {
        throw new IllegalArgumentException("sparse(" + k + ", s) asks for " + k + " non-zero inputs per unit, but each unit has only " + fanIn);
      }
      Arrays.fill(out, off, off + count, 0);
      int[] columns = new int[fanIn];
      for (int row = off; row < off + count; row += fanIn) {
        for (int c = 0; c < fanIn; c++) columns[c] = c;
        // A partial Fisher–Yates shuffle: the first k slots become k distinct random columns.
        for (int i = 0; i < k; i++) {
          int j = i + random.nextInt(fanIn - i);
          int chosen = columns[j];
          columns[j] = columns[i];
          columns[i] = chosen;
          out[row + chosen] = scale * random.nextGaussian();
        }
      }
    }
  }
}
