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

  /**
   * C (+)= op(A)·op(B) by direct loops, for products below {@link #SMALL}, with the transposes
   * decided outside the loops: A·op(B) by a dot product per element, Aᵀ·B by adding rows of B
   * into C (the loop orders measured fastest for a 2-8-8-1 net's products).
   */
  private static void small(double[] a, int ao, int lda, boolean transA, double[] b, int bo, int ldb, boolean transB,
      double[] c, int co, int m, int n, int k, boolean accumulate) {
    if (!transA) {
      // B[p, j] is b[p·ldb + j], and Bᵀ[p, j] is b[j·ldb + p]
      if (transB) smallDots(a, ao, lda, b, bo, ldb, 1, c, co, m, n, k, accumulate);
      else smallDots(a, ao, lda, b, bo, 1, ldb, c, co, m, n, k, accumulate);
      return;
    }
    if (!accumulate) java.util.Arrays.fill(c, co, co + m * n, 0);
    smallTn(a, ao, lda, b, bo, ldb, c, co, m, n, k);
  }

  /** C += Aᵀ·B: row i of C gains A[p,i] times row p of B. */
  private static void smallTn(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int m, int n, int k) {
    for (int p = 0; p < k; p++) {
      int ap = ao + p * lda;
      int bp = bo + p * ldb;
      for (int i = 0; i < m; i++) {
        double api = a[ap + i];
        int ci = co + i * n;
        for (int j = 0; j < n; j++) c[ci + j] += api * b[bp + j];
      }
    }
  }

  /**
   * C (+)= A·op(B), op(B)[p, j] being b[bo + j·bj + p·bp]: each element is a dot product of a row
   * of A with a column of op(B), summed in a local and stored once, so C needs no zeroing first.
   * For the tiny k of small nets this beats adding rows of B into C.
   */
  private static void smallDots(double[] a, int ao, int lda, double[] b, int bo, int bj, int bp, double[] c, int co,
      int m, int n, int k, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int ai = ao + i * lda;
      int ci = co + i * n;
      for (int j = 0; j < n; j++) {
        int bCol = bo + j * bj;
        double sum = 0;
        for (int p = 0; p < k; p++) sum += a[ai + p] * b[bCol + p * bp];
        c[ci + j] = accumulate ? c[ci + j] + sum : sum;
      }
    }
  }

  /**
   * C (+)= op(A)·op(B) by direct loops, for products below {@link #SMALL}, with the transposes
   * decided outside the loops: A·op(B) by a dot product per element, Aᵀ·B by adding rows of B
   * into C (the loop orders measured fastest for a 2-8-8-1 net's products).
   * Floats are summed in float, as PyTorch's float GEMM does; k is small here, so the
   * rounding stays within a few ulps.
   */
  private static void small(float[] a, int ao, int lda, boolean transA, float[] b, int bo, int ldb, boolean transB,
      float[] c, int co, int m, int n, int k, boolean accumulate) {
    if (!transA) {
      // B[p, j] is b[p·ldb + j], and Bᵀ[p, j] is b[j·ldb + p]
      if (transB) smallDots(a, ao, lda, b, bo, ldb, 1, c, co, m, n, k, accumulate);
      else smallDots(a, ao, lda, b, bo, 1, ldb, c, co, m, n, k, accumulate);
      return;
    }
    if (!accumulate) java.util.Arrays.fill(c, co, co + m * n, 0);
    smallTn(a, ao, lda, b, bo, ldb, c, co, m, n, k);
  }

  /** C += Aᵀ·B: row i of C gains A[p,i] times row p of B. */
  private static void smallTn(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int m, int n, int k) {
    for (int p = 0; p < k; p++) {
      int ap = ao + p * lda;
      int bp = bo + p * ldb;
      for (int i = 0; i < m; i++) {
        float api = a[ap + i];
        int ci = co + i * n;
        for (int j = 0; j < n; j++) c[ci + j] += api * b[bp + j];
      }
    }
  }

  /**
   * C (+)= A·op(B), op(B)[p, j] being b[bo + j·bj + p·bp]: each element is a dot product of a row
   * of A with a column of op(B), summed in a local and stored once, so C needs no zeroing first.
   * For the tiny k of small nets this beats adding rows of B into C.
   */
  private static void smallDots(float[] a, int ao, int lda, float[] b, int bo, int bj, int bp, float[] c, int co,
      int m, int n, int k, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int ai = ao + i * lda;
      int ci = co + i * n;
      for (int j = 0; j < n; j++) {
        int bCol = bo + j * bj;
        float sum = 0;
        for (int p = 0; p < k; p++) sum += a[ai + p] * b[bCol + p * bp];
        c[ci + j] = accumulate ? c[ci + j] + sum : sum;
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
