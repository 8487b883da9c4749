package dev.nnc.runtime.kernels;

/**
 * A matrix product on arena views, for each of {@code count} examples: C_e = op(A_e) · op(B_e),
 * where an operand's stride between examples is 0 when it is shared (a weight). The common MLP
 * case never reaches the loop: the planner folds the batch into the rows of one GEMM.
 */
public final class MatMul {
  private MatMul() {}

  public static void run(double[] arena, int count, int m, int n, int k,
      int a, int aStride, boolean transA, int b, int bStride, boolean transB, int c, int cStride, boolean accumulate) {
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    for (int e = 0; e < count; e++) {
      int ao = a + e * aStride;
      int bo = b + e * bStride;
      int co = c + e * cStride;
      if (transA && transB) throw new IllegalArgumentException("op(A)ᵀ·op(B)ᵀ is never planned");
      if (transA) Gemm.tn(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
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
      if (transA) Gemm.tn(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
      else if (transB) Gemm.nt(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
      else Gemm.nn(m, n, k, arena, ao, lda, arena, bo, ldb, arena, co, n, accumulate);
    }
  }
}
