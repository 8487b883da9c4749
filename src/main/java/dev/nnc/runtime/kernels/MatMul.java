package dev.nnc.runtime.kernels;

/**
 * A matrix product on arena views, for each of {@code count} examples: C_e = op(A_e) · op(B_e),
 * where an operand's stride between examples is 0 when it is shared (a weight). The common MLP
 * case never reaches the loop: the planner folds the batch into the rows of one GEMM.
 */
public final class MatMul {
  private MatMul() {}

  /**
   * Below this many multiply-adds a product is computed by a direct loop: packing panels for the
   * register-blocked kernel costs more than the arithmetic (a 2-8-8-1 net's layers are 32×8×8).
   */
  static final int SMALL = 16 * 1024;

  /** C (+)= op(A)·op(B) by three loops, summing in double; for products below {@link #SMALL}. */
  private static void small(double[] a, int ao, int lda, boolean transA, double[] b, int bo, int ldb, boolean transB,
      double[] c, int co, int m, int n, int k, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = accumulate ? c[co + i * n + j] : 0;
        for (int p = 0; p < k; p++) {
          sum += a[transA ? ao + p * lda + i : ao + i * lda + p] * b[transB ? bo + j * ldb + p : bo + p * ldb + j];
        }
        c[co + i * n + j] = sum;
      }
    }
  }

  /** The float form of {@link #small(double[], int, int, boolean, double[], int, int, boolean, double[], int, int, int, int, boolean)}. */
  private static void small(float[] a, int ao, int lda, boolean transA, float[] b, int bo, int ldb, boolean transB,
      float[] c, int co, int m, int n, int k, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = accumulate ? c[co + i * n + j] : 0;
        for (int p = 0; p < k; p++) {
          sum += (double) a[transA ? ao + p * lda + i : ao + i * lda + p] * b[transB ? bo + j * ldb + p : bo + p * ldb + j];
        }
        c[co + i * n + j] = (float) sum;
      }
    }
  }

  public static void run(double[] arena, int count, int m, int n, int k,
      int a, int aStride, boolean transA, int b, int bStride, boolean transB, int c, int cStride, boolean accumulate) {
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    for (int e = 0; e < count; e++) {
      int ao = a + e * aStride;
      int bo = b + e * bStride;
      int co = c + e * cStride;
      if (transA && transB) throw new IllegalArgumentException("op(A)ᵀ·op(B)ᵀ is never planned");
      if ((long) m * n * k <= SMALL) small(arena, ao, lda, transA, arena, bo, ldb, transB, arena, co, m, n, k, accumulate);
      else if (transA) Gemm.tn(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
      else if (transB) Gemm.nt(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
      else Gemm.nn(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
    }
  }
  /** The float form: the same views over a float arena. */
  public static void run(float[] arena, int count, int m, int n, int k,
      int a, int aStride, boolean transA, int b, int bStride, boolean transB, int c, int cStride, boolean accumulate) {
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    for (int e = 0; e < count; e++) {
      int ao = a + e * aStride;
      int bo = b + e * bStride;
      int co = c + e * cStride;
      if (transA && transB) throw new IllegalArgumentException("op(A)ᵀ·op(B)ᵀ is never planned");
      if ((long) m * n * k <= SMALL) small(arena, ao, lda, transA, arena, bo, ldb, transB, arena, co, m, n, k, accumulate);
      else if (transA) Gemm.tn(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
      else if (transB) Gemm.nt(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
      else Gemm.nn(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
    }
  }
}
