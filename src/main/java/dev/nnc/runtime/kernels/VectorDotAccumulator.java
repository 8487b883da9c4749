package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of A·Bᵀ over many calls, for a shared convolution kernel's gradient: dK = Σ over the
 * examples of g·tapsᵀ, rows of both running along the output positions. Each element of C keeps
 * its sum as a vector of lane partial sums in an accumulator block ({@link #LANES} floats per
 * element), so an example adds to it with vector FMAs alone, and the lanes are reduced once,
 * after the last example ({@link #sum}); reducing after every example would cost as much as the
 * products at a few hundred positions. Rows are whole vectors (callers pad them with zeros): a
 * masked last vector, tested inside the loop, cost a third of the time at 196 positions, and
 * peeled out of it made the tile too large for C2 to keep its vectors in registers.
 */
final class VectorDotAccumulator {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  static final int LANES = SPECIES.length();

  private VectorDotAccumulator() {}

  /**
   * acc(i, j) += the lanes of A row i · B row j for i < m, j < n: A's rows k apart from aOff, B's
   * row j at bRows[j] (taps read in place from padded planes are not evenly spaced); k is a
   * multiple of {@link #LANES}; acc(i, j) is the block at accOff + (i·n + j)·LANES.
   */
  static void add(int m, int n, int k, float[] a, int aOff, float[] b, int[] bRows, float[] acc, int accOff) {
    int mt = m - m % 4;
    int nt = n - n % 4;
    // Column blocks outside: a block's four B rows stay in L1 while every A row passes them.
    for (int j = 0; j < nt; j += 4) {
      for (int i = 0; i < mt; i += 4) {
        tile(k, a, aOff + i * k, b, bRows[j], bRows[j + 1], bRows[j + 2], bRows[j + 3], acc, accOff + (i * n + j) * LANES, n);
      }
    }
    // The columns left over (a bias's row of ones, 9 taps of a one-channel kernel), four rows at
    // a time: a single row's sum is one chain of dependent FMAs, four times slower per FMA.
    for (int j = nt; j < n; j++) {
      for (int i = 0; i < mt; i += 4) column(k, a, aOff + i * k, b, bRows[j], acc, accOff + (i * n + j) * LANES, n);
    }
    for (int i = mt; i < m; i++) {
      for (int j = 0; j < n; j++) one(k, a, aOff + i * k, b, bRows[j], acc, accOff + (i * n + j) * LANES);
    }
  }

  /** The sum of an accumulator's lanes. */
  static float sum(float[] acc, int at) {
    return FloatVector.fromArray(SPECIES, acc, at).reduceLanes(VectorOperators.ADD);
  }

  private static void tile(int k, float[] a, int a0, float[] b, int b0, int b1, int b2, int b3, float[] acc, int t, int n) {
    int row = n * LANES;
    int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    FloatVector s00 = load(acc, t), s01 = load(acc, t + LANES), s02 = load(acc, t + 2 * LANES), s03 = load(acc, t + 3 * LANES);
    FloatVector s10 = load(acc, t + row), s11 = load(acc, t + row + LANES), s12 = load(acc, t + row + 2 * LANES), s13 = load(acc, t + row + 3 * LANES);
    int t2 = t + 2 * row, t3 = t + 3 * row;
    FloatVector s20 = load(acc, t2), s21 = load(acc, t2 + LANES), s22 = load(acc, t2 + 2 * LANES), s23 = load(acc, t2 + 3 * LANES);
    FloatVector s30 = load(acc, t3), s31 = load(acc, t3 + LANES), s32 = load(acc, t3 + 2 * LANES), s33 = load(acc, t3 + 3 * LANES);
    for (int p = 0; p < k; p += LANES) {
      FloatVector x0 = load(a, a0 + p), x1 = load(a, a1 + p), x2 = load(a, a2 + p), x3 = load(a, a3 + p);
      FloatVector w = load(b, b0 + p);
      s00 = x0.fma(w, s00); s10 = x1.fma(w, s10); s20 = x2.fma(w, s20); s30 = x3.fma(w, s30);
      w = load(b, b1 + p);
      s01 = x0.fma(w, s01); s11 = x1.fma(w, s11); s21 = x2.fma(w, s21); s31 = x3.fma(w, s31);
      w = load(b, b2 + p);
      s02 = x0.fma(w, s02); s12 = x1.fma(w, s12); s22 = x2.fma(w, s22); s32 = x3.fma(w, s32);
      w = load(b, b3 + p);
      s03 = x0.fma(w, s03); s13 = x1.fma(w, s13); s23 = x2.fma(w, s23); s33 = x3.fma(w, s33);
    }
    s00.intoArray(acc, t); s01.intoArray(acc, t + LANES); s02.intoArray(acc, t + 2 * LANES); s03.intoArray(acc, t + 3 * LANES);
    s10.intoArray(acc, t + row); s11.intoArray(acc, t + row + LANES); s12.intoArray(acc, t + row + 2 * LANES); s13.intoArray(acc, t + row + 3 * LANES);
    s20.intoArray(acc, t2); s21.intoArray(acc, t2 + LANES); s22.intoArray(acc, t2 + 2 * LANES); s23.intoArray(acc, t2 + 3 * LANES);
    s30.intoArray(acc, t3); s31.intoArray(acc, t3 + LANES); s32.intoArray(acc, t3 + 2 * LANES); s33.intoArray(acc, t3 + 3 * LANES);
  }

  private static void column(int k, float[] a, int a0, float[] b, int b0, float[] acc, int t, int n) {
    int row = n * LANES;
    int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    FloatVector s0 = load(acc, t), s1 = load(acc, t + row), s2 = load(acc, t + 2 * row), s3 = load(acc, t + 3 * row);
    for (int p = 0; p < k; p += LANES) {
      FloatVector w = load(b, b0 + p);
      s0 = load(a, a0 + p).fma(w, s0); s1 = load(a, a1 + p).fma(w, s1); s2 = load(a, a2 + p).fma(w, s2); s3 = load(a, a3 + p).fma(w, s3);
    }
    s0.intoArray(acc, t); s1.intoArray(acc, t + row); s2.intoArray(acc, t + 2 * row); s3.intoArray(acc, t + 3 * row);
  }

  private static void one(int k, float[] a, int ai, float[] b, int bj, float[] acc, int t) {
    FloatVector s = load(acc, t);
    for (int p = 0; p < k; p += LANES) s = load(a, ai + p).fma(load(b, bj + p), s);
    s.intoArray(acc, t);
  }

  private static FloatVector load(float[] array, int at) {
    return FloatVector.fromArray(SPECIES, array, at);
  }
}
