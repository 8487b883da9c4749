package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * C (+)= A·Bᵀ as dot products, for operands whose rows both run along k (a batch of examples
 * times a weight matrix stored [n×k], the forward product of every dense layer). It reads A and B
 * where they lie: the packed kernel must transpose B into panels first, and at a batch of 32 that
 * packing costs as much as the arithmetic, since each packed element is then used only 32 times.
 *
 * <p>A 4×4 tile of C is sixteen vector sums along k, fed by four vectors of A and four of B per
 * step (sixteen FMAs for eight loads), reduced across lanes once at the end. Rows and columns of
 * C past the last whole tile, and steps of k past the last whole vector, take scalar-tail paths.
 */
final class VectorDotKernel {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  private static final int LANES = SPECIES.length();
  static final int TILE = 4;
  /** Floats of B per block: 256 KiB, a quarter of the L2 cache. */
  private static final int BLOCK_FLOATS = 64 * 1024;

  private VectorDotKernel() {}

  /** C[m×n] (+)= A[m×k]·B[n×k]ᵀ, rows of A lda apart and rows of B ldb apart. */
  static void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    int kv = k - k % LANES;
    int mt = m - m % TILE;
    int nt = n - n % TILE;
    // Blocks of B's rows that stay in L2 while every tile of A's rows, read into L1 once per
    // block, meets each of them.
    int blockRows = Math.max(TILE, BLOCK_FLOATS / k / TILE * TILE);
    for (int jb = 0; jb < nt; jb += blockRows) {
      int jEnd = Math.min(nt, jb + blockRows);
      for (int i = 0; i < mt; i += TILE) {
        for (int j = jb; j < jEnd; j += TILE) {
          tile(kv, a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, c, cOff + i * ldc + j, ldc,
              accumulate);
        }
      }
    }
    // C's right edge beside whole tiles: four rows at a time, one column of B per step (a C of
    // 10 classes has two such columns in ten).
    for (int i = 0; i < mt; i += TILE) {
      for (int j = nt; j < n; j++) {
        column(kv, a, aOff + i * lda, lda, b, bOff + j * ldb, c, cOff + i * ldc + j, ldc, accumulate);
      }
    }
    // C's bottom edge: one dot product per element
    for (int i = mt; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int at = cOff + i * ldc + j;
        float sum = dot(kv, a, aOff + i * lda, b, bOff + j * ldb);
        c[at] = accumulate ? c[at] + sum : sum;
      }
    }
    if (kv < k) addTail(kv, k, m, n, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /** The first {@code kv} steps (a multiple of the lane count) of a whole 4×4 tile of C. */
  private static void tile(int kv, float[] a, int a0, int lda, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc, boolean accumulate) {
    FloatVector s00 = FloatVector.zero(SPECIES), s01 = s00, s02 = s00, s03 = s00;
    FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
    FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
    FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
    int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    int b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
    for (int p = 0; p < kv; p += LANES) {
      FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + p);
      FloatVector x1 = FloatVector.fromArray(SPECIES, a, a1 + p);
      FloatVector x2 = FloatVector.fromArray(SPECIES, a, a2 + p);
      FloatVector x3 = FloatVector.fromArray(SPECIES, a, a3 + p);
      FloatVector w = FloatVector.fromArray(SPECIES, b, b0 + p);
      s00 = x0.fma(w, s00);
      s10 = x1.fma(w, s10);
      s20 = x2.fma(w, s20);
      s30 = x3.fma(w, s30);
      w = FloatVector.fromArray(SPECIES, b, b1 + p);
      s01 = x0.fma(w, s01);
      s11 = x1.fma(w, s11);
      s21 = x2.fma(w, s21);
      s31 = x3.fma(w, s31);
      w = FloatVector.fromArray(SPECIES, b, b2 + p);
      s02 = x0.fma(w, s02);
      s12 = x1.fma(w, s12);
      s22 = x2.fma(w, s22);
      s32 = x3.fma(w, s32);
      w = FloatVector.fromArray(SPECIES, b, b3 + p);
      s03 = x0.fma(w, s03);
      s13 = x1.fma(w, s13);
      s23 = x2.fma(w, s23);
      s33 = x3.fma(w, s33);
    }
    // Only floats leave this method through store(): a vector passed to a callee that C2 does not
    // inline is boxed on the heap, and C2 declines to inline a callee it already compiled on its
    // own into a large body. sum() is one reduction, small enough to be inlined always.
    store(c, c0, accumulate, sum(s00), sum(s01), sum(s02), sum(s03));
    store(c, c0 + ldc, accumulate, sum(s10), sum(s11), sum(s12), sum(s13));
    store(c, c0 + 2 * ldc, accumulate, sum(s20), sum(s21), sum(s22), sum(s23));
    store(c, c0 + 3 * ldc, accumulate, sum(s30), sum(s31), sum(s32), sum(s33));
  }

  /**
   * The first {@code kv} steps of four rows of A with one row of B: four sums per vector of B,
   * each the same sequence of FMAs as {@link #dot} (so the same value as there and in a tile).
   */
  private static void column(int kv, float[] a, int a0, int lda, float[] b, int bj, float[] c,
      int c0, int ldc, boolean accumulate) {
    FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
    int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    for (int p = 0; p < kv; p += LANES) {
      FloatVector w = FloatVector.fromArray(SPECIES, b, bj + p);
      s0 = FloatVector.fromArray(SPECIES, a, a0 + p).fma(w, s0);
      s1 = FloatVector.fromArray(SPECIES, a, a1 + p).fma(w, s1);
      s2 = FloatVector.fromArray(SPECIES, a, a2 + p).fma(w, s2);
      s3 = FloatVector.fromArray(SPECIES, a, a3 + p).fma(w, s3);
    }
    storeOne(c, c0, accumulate, sum(s0));
    storeOne(c, c0 + ldc, accumulate, sum(s1));
    storeOne(c, c0 + 2 * ldc, accumulate, sum(s2));
    storeOne(c, c0 + 3 * ldc, accumulate, sum(s3));
  }

  private static void storeOne(float[] c, int at, boolean accumulate, float r) {
    c[at] = accumulate ? c[at] + r : r;
  }

  private static float sum(FloatVector v) {
    return v.reduceLanes(VectorOperators.ADD);
  }

  private static void store(float[] c, int at, boolean accumulate, float r0, float r1, float r2,
      float r3) {
    if (accumulate) {
      r0 += c[at];
      r1 += c[at + 1];
      r2 += c[at + 2];
      r3 += c[at + 3];
    }
    c[at] = r0;
    c[at + 1] = r1;
    c[at + 2] = r2;
    c[at + 3] = r3;
  }

  /** The first {@code kv} steps of one row of A with one row of B. */
  private static float dot(int kv, float[] a, int ai, float[] b, int bj) {
    FloatVector s = FloatVector.zero(SPECIES);
    for (int p = 0; p < kv; p += LANES) {
      s = FloatVector.fromArray(SPECIES, a, ai + p).fma(FloatVector.fromArray(SPECIES, b, bj + p), s);
    }
    return s.reduceLanes(VectorOperators.ADD);
  }

  /** Adds the steps kv..k-1 to every element of C, whose sums of the first kv steps are in place. */
  private static void addTail(int kv, int k, int m, int n, float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0;
        for (int p = kv; p < k; p++) sum += a[aOff + i * lda + p] * b[bOff + j * ldb + p];
        c[cOff + i * ldc + j] += sum;
      }
    }
  }
}
