package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C[m×n] (+)= A·B where B's rows lie contiguous along n, read where they lie (no packing): each
 * row of C is a sum of rows of B scaled by elements of A. A is read an element at a time through
 * two strides, so Aᵀ costs nothing: {@code A(i, p) = a[aOff + i·aRow + p·aCol]}. This is the shape
 * of a convolution's products, whose long axis (the output positions, hundreds wide) is B's rows
 * and C's: im2col columns times kernels, and Kᵀ times the output gradient.
 *
 * <p>A tile of C is 4 rows × 4 vectors: sixteen accumulators, fed per step of p by four vectors
 * of B and four broadcasts of A. Rows past the last group of four take 1-row tiles, columns past
 * the last group of four vectors tiles of 4 rows × 1 vector (then 1 × 1), then a scalar tail.
 * Every element is the same sequence of FMAs whichever tile computes it.
 */
final class VectorRowKernel {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  private static final int LANES = SPECIES.length();
  private static final int WIDE = 4 * LANES;

  private VectorRowKernel() {}

  static void multiply(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate) {
    int j = 0;
    for (; j + WIDE <= n; j += WIDE) {
      int i = 0;
      for (; i + 4 <= m; i += 4) wide4(k, a, aOff + i * aRow, aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
      for (; i < m; i++) wide1(k, a, aOff + i * aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, accumulate);
    }
    for (; j + LANES <= n; j += LANES) {
      narrowColumns(m, k, a, aOff, aRow, aCol, b, bOff + j, ldb, c, cOff + j, ldc, accumulate);
    }
    if (j < n && !accumulate && n >= LANES) {
      // The last columns as one vector ending at n: it recomputes a few columns already stored,
      // with the same sums, which costs less than a scalar tail over all of k.
      narrowColumns(m, k, a, aOff, aRow, aCol, b, bOff + n - LANES, ldb, c, cOff + n - LANES, ldc, false);
      return;
    }
    for (; j < n; j++) {
      for (int i = 0; i < m; i++) {
        int ai = aOff + i * aRow;
        float sum = 0;
        for (int p = 0; p < k; p++) sum += a[ai + p * aCol] * b[bOff + p * ldb + j];
        int at = cOff + i * ldc + j;
        c[at] = accumulate ? c[at] + sum : sum;
      }
    }
  }

  private static void wide4(int k, float[] a, int a0, int aRow, int aCol, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
      boolean accumulate) {
    FloatVector s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33;
    int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    if (accumulate) {
      s00 = load(c, c0); s01 = load(c, c0 + LANES); s02 = load(c, c0 + 2 * LANES); s03 = load(c, c0 + 3 * LANES);
      s10 = load(c, c1); s11 = load(c, c1 + LANES); s12 = load(c, c1 + 2 * LANES); s13 = load(c, c1 + 3 * LANES);
      s20 = load(c, c2); s21 = load(c, c2 + LANES); s22 = load(c, c2 + 2 * LANES); s23 = load(c, c2 + 3 * LANES);
      s30 = load(c, c3); s31 = load(c, c3 + LANES); s32 = load(c, c3 + 2 * LANES); s33 = load(c, c3 + 3 * LANES);
    } else {
      s00 = FloatVector.zero(SPECIES);
      s01 = s00; s02 = s00; s03 = s00; s10 = s00; s11 = s00; s12 = s00; s13 = s00;
      s20 = s00; s21 = s00; s22 = s00; s23 = s00; s30 = s00; s31 = s00; s32 = s00; s33 = s00;
    }
    int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      int ap = p * aCol;
      FloatVector x0 = load(b, bp), x1 = load(b, bp + LANES), x2 = load(b, bp + 2 * LANES), x3 = load(b, bp + 3 * LANES);
      FloatVector w = FloatVector.broadcast(SPECIES, a[a0 + ap]);
      s00 = x0.fma(w, s00); s01 = x1.fma(w, s01); s02 = x2.fma(w, s02); s03 = x3.fma(w, s03);
      w = FloatVector.broadcast(SPECIES, a[a1 + ap]);
      s10 = x0.fma(w, s10); s11 = x1.fma(w, s11); s12 = x2.fma(w, s12); s13 = x3.fma(w, s13);
      w = FloatVector.broadcast(SPECIES, a[a2 + ap]);
      s20 = x0.fma(w, s20); s21 = x1.fma(w, s21); s22 = x2.fma(w, s22); s23 = x3.fma(w, s23);
      w = FloatVector.broadcast(SPECIES, a[a3 + ap]);
      s30 = x0.fma(w, s30); s31 = x1.fma(w, s31); s32 = x2.fma(w, s32); s33 = x3.fma(w, s33);
    }
    s00.intoArray(c, c0); s01.intoArray(c, c0 + LANES); s02.intoArray(c, c0 + 2 * LANES); s03.intoArray(c, c0 + 3 * LANES);
    s10.intoArray(c, c1); s11.intoArray(c, c1 + LANES); s12.intoArray(c, c1 + 2 * LANES); s13.intoArray(c, c1 + 3 * LANES);
    s20.intoArray(c, c2); s21.intoArray(c, c2 + LANES); s22.intoArray(c, c2 + 2 * LANES); s23.intoArray(c, c2 + 3 * LANES);
    s30.intoArray(c, c3); s31.intoArray(c, c3 + LANES); s32.intoArray(c, c3 + 2 * LANES); s33.intoArray(c, c3 + 3 * LANES);
  }

  private static void wide1(int k, float[] a, int a0, int aCol, float[] b, int b0, int ldb, float[] c, int c0, boolean accumulate) {
    FloatVector s0, s1, s2, s3;
    if (accumulate) {
      s0 = load(c, c0); s1 = load(c, c0 + LANES); s2 = load(c, c0 + 2 * LANES); s3 = load(c, c0 + 3 * LANES);
    } else {
      s0 = FloatVector.zero(SPECIES);
      s1 = s0; s2 = s0; s3 = s0;
    }
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      FloatVector w = FloatVector.broadcast(SPECIES, a[a0 + p * aCol]);
      s0 = load(b, bp).fma(w, s0);
      s1 = load(b, bp + LANES).fma(w, s1);
      s2 = load(b, bp + 2 * LANES).fma(w, s2);
      s3 = load(b, bp + 3 * LANES).fma(w, s3);
    }
    s0.intoArray(c, c0); s1.intoArray(c, c0 + LANES); s2.intoArray(c, c0 + 2 * LANES); s3.intoArray(c, c0 + 3 * LANES);
  }

  /**
   * One vector's width of columns for all m rows: four rows at a time (four independent sums,
   * where one row alone waits on each FMA's latency), then the rows left one at a time.
   */
  private static void narrowColumns(int m, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc, boolean accumulate) {
    int i = 0;
    for (; i + 4 <= m; i += 4) narrow4(k, a, aOff + i * aRow, aRow, aCol, b, b0, ldb, c, c0 + i * ldc, ldc, accumulate);
    for (; i < m; i++) narrow1(k, a, aOff + i * aRow, aCol, b, b0, ldb, c, c0 + i * ldc, accumulate);
  }

  private static void narrow4(int k, float[] a, int a0, int aRow, int aCol, float[] b, int b0, int ldb, float[] c, int c0,
      int ldc, boolean accumulate) {
    int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    FloatVector s0, s1, s2, s3;
    if (accumulate) {
      s0 = load(c, c0); s1 = load(c, c1); s2 = load(c, c2); s3 = load(c, c3);
    } else {
      s0 = FloatVector.zero(SPECIES);
      s1 = s0; s2 = s0; s3 = s0;
    }
    int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
    for (int p = 0; p < k; p++) {
      FloatVector x = load(b, b0 + p * ldb);
      int ap = p * aCol;
      s0 = x.fma(FloatVector.broadcast(SPECIES, a[a0 + ap]), s0);
      s1 = x.fma(FloatVector.broadcast(SPECIES, a[a1 + ap]), s1);
      s2 = x.fma(FloatVector.broadcast(SPECIES, a[a2 + ap]), s2);
      s3 = x.fma(FloatVector.broadcast(SPECIES, a[a3 + ap]), s3);
    }
    s0.intoArray(c, c0); s1.intoArray(c, c1); s2.intoArray(c, c2); s3.intoArray(c, c3);
  }

  private static void narrow1(int k, float[] a, int a0, int aCol, float[] b, int b0, int ldb, float[] c, int c0, boolean accumulate) {
    FloatVector s = accumulate ? load(c, c0) : FloatVector.zero(SPECIES);
    for (int p = 0; p < k; p++) s = load(b, b0 + p * ldb).fma(FloatVector.broadcast(SPECIES, a[a0 + p * aCol]), s);
    s.intoArray(c, c0);
  }

  /** a[dst + i] += s[src + i] for i < n (a row of im2col columns added back into its image). */
  static void add(float[] s, int src, float[] a, int dst, int n) {
    int i = 0;
    for (; i + LANES <= n; i += LANES) load(a, dst + i).add(load(s, src + i)).intoArray(a, dst + i);
    for (; i < n; i++) a[dst + i] += s[src + i];
  }

  private static FloatVector load(float[] array, int at) {
    return FloatVector.fromArray(SPECIES, array, at);
  }
}
