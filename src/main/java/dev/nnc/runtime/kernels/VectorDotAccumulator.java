package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of A·Bᵀ over many calls, for a shared convolution kernel's gradient: dK = Σ over the
 * examples of g·columnsᵀ, rows of both running along the output positions. Each element of C
 * keeps its sum as a vector of lane partial sums in an accumulator block ({@link #MAX_LANES}
 * floats per element), so an example adds to it with vector FMAs alone, and the lanes are reduced
 * once, after the last example ({@link #reduce}); reducing after every example would cost as much
 * as the products at a few hundred positions. A row length that is not a multiple of the lane
 * count ends with the last whole vector of the row, its lanes already counted masked to zero.
 */
final class VectorDotAccumulator {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  private static final int LANES = SPECIES.length();
  /** Accumulator floats per element of C: the widest float vector (AVX-512), whatever this JVM's. */
  static final int MAX_LANES = 16;
  /** LANES zeros then LANES ones: read from offset r, the mask that keeps a vector's last r lanes. */
  private static final float[] TAIL_MASKS = new float[2 * LANES];

  static {
    java.util.Arrays.fill(TAIL_MASKS, LANES, 2 * LANES, 1f);
  }

  private VectorDotAccumulator() {}

  /** acc(i, j) += the lanes of A row i · B row j, for A [m×k] and B [n×k] (rows k apart), k ≥ LANES. */
  static void add(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] acc, int accOff) {
    int kv = k - k % LANES;
    int mt = m - m % 4;
    int nt = n - n % 4;
    for (int i = 0; i < mt; i += 4) {
      for (int j = 0; j < nt; j += 4) tile(kv, k, a, aOff + i * k, b, bOff + j * k, acc, accOff + (i * n + j) * MAX_LANES, n);
    }
    for (int i = 0; i < m; i++) {
      for (int j = i < mt ? nt : 0; j < n; j++) one(kv, k, a, aOff + i * k, b, bOff + j * k, acc, accOff + (i * n + j) * MAX_LANES);
    }
  }

  /** C[m×n] (+)= the reduced accumulators. */
  static void reduce(int m, int n, float[] acc, int accOff, float[] c, int cOff, boolean accumulate) {
    for (int e = 0; e < m * n; e++) {
      float sum = FloatVector.fromArray(SPECIES, acc, accOff + e * MAX_LANES).reduceLanes(VectorOperators.ADD);
      c[cOff + e] = accumulate ? c[cOff + e] + sum : sum;
    }
  }

  /** The mask of the last vector of a row of k: loaded where it is used, since a vector passed to a call is boxed. */
  private static FloatVector tailMask(int k, int kv) {
    return FloatVector.fromArray(SPECIES, TAIL_MASKS, k - kv);
  }

  private static void tile(int kv, int k, float[] a, int a0, float[] b, int b0, float[] acc, int t, int n) {
    FloatVector mask = tailMask(k, kv);
    int row = n * MAX_LANES;
    int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    int b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
    FloatVector s00 = load(acc, t), s01 = load(acc, t + MAX_LANES), s02 = load(acc, t + 2 * MAX_LANES), s03 = load(acc, t + 3 * MAX_LANES);
    FloatVector s10 = load(acc, t + row), s11 = load(acc, t + row + MAX_LANES), s12 = load(acc, t + row + 2 * MAX_LANES), s13 = load(acc, t + row + 3 * MAX_LANES);
    int t2 = t + 2 * row, t3 = t + 3 * row;
    FloatVector s20 = load(acc, t2), s21 = load(acc, t2 + MAX_LANES), s22 = load(acc, t2 + 2 * MAX_LANES), s23 = load(acc, t2 + 3 * MAX_LANES);
    FloatVector s30 = load(acc, t3), s31 = load(acc, t3 + MAX_LANES), s32 = load(acc, t3 + 2 * MAX_LANES), s33 = load(acc, t3 + 3 * MAX_LANES);
    for (int p = 0; p <= kv; p += LANES) {
      // The step past kv (when k is not a multiple of LANES) is the row's last vector, masked.
      boolean tail = p == kv;
      if (tail && kv == k) break;
      int q = tail ? k - LANES : p;
      FloatVector x0 = load(a, a0 + q), x1 = load(a, a1 + q), x2 = load(a, a2 + q), x3 = load(a, a3 + q);
      if (tail) {
        x0 = x0.mul(mask);
        x1 = x1.mul(mask);
        x2 = x2.mul(mask);
        x3 = x3.mul(mask);
      }
      FloatVector w = load(b, b0 + q);
      s00 = x0.fma(w, s00); s10 = x1.fma(w, s10); s20 = x2.fma(w, s20); s30 = x3.fma(w, s30);
      w = load(b, b1 + q);
      s01 = x0.fma(w, s01); s11 = x1.fma(w, s11); s21 = x2.fma(w, s21); s31 = x3.fma(w, s31);
      w = load(b, b2 + q);
      s02 = x0.fma(w, s02); s12 = x1.fma(w, s12); s22 = x2.fma(w, s22); s32 = x3.fma(w, s32);
      w = load(b, b3 + q);
      s03 = x0.fma(w, s03); s13 = x1.fma(w, s13); s23 = x2.fma(w, s23); s33 = x3.fma(w, s33);
    }
    s00.intoArray(acc, t); s01.intoArray(acc, t + MAX_LANES); s02.intoArray(acc, t + 2 * MAX_LANES); s03.intoArray(acc, t + 3 * MAX_LANES);
    s10.intoArray(acc, t + row); s11.intoArray(acc, t + row + MAX_LANES); s12.intoArray(acc, t + row + 2 * MAX_LANES); s13.intoArray(acc, t + row + 3 * MAX_LANES);
    s20.intoArray(acc, t2); s21.intoArray(acc, t2 + MAX_LANES); s22.intoArray(acc, t2 + 2 * MAX_LANES); s23.intoArray(acc, t2 + 3 * MAX_LANES);
    s30.intoArray(acc, t3); s31.intoArray(acc, t3 + MAX_LANES); s32.intoArray(acc, t3 + 2 * MAX_LANES); s33.intoArray(acc, t3 + 3 * MAX_LANES);
  }

  private static void one(int kv, int k, float[] a, int ai, float[] b, int bj, float[] acc, int t) {
    FloatVector s = load(acc, t);
    for (int p = 0; p < kv; p += LANES) s = load(a, ai + p).fma(load(b, bj + p), s);
    if (kv < k) s = load(a, ai + k - LANES).mul(tailMask(k, kv)).fma(load(b, bj + k - LANES), s);
    s.intoArray(acc, t);
  }

  private static FloatVector load(float[] array, int at) {
    return FloatVector.fromArray(SPECIES, array, at);
  }
}
