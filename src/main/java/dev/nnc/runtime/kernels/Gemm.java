package dev.nnc.runtime.kernels;

/**
 * The matrix products generated training code calls. Matrices are row-major in flat arrays, each
 * given by an offset and a leading dimension (the distance between the starts of two rows, at
 * least the row length). C must not overlap A or B; sizes must be at least 1.
 *
 * <p>Single precision goes to {@link FloatGemm#best()}: the Vector API kernel when the JVM has
 * {@code jdk.incubator.vector}, plain loops otherwise. Both are deterministic.
 */
public final class Gemm {
  private static final FloatGemm FLOAT = FloatGemm.best();

  private Gemm() {}

  /** C[m×n] = (accumulate ? C : 0) + A·B with A [m×k] (lda) and B [k×n] (ldb). */
  public static void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    FLOAT.nn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  /** C[m×n] = (accumulate ? C : 0) + A·Bᵀ with A [m×k] (lda) and B stored [n×k] (ldb). */
  public static void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    FLOAT.nt(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  /** C[m×n] = (accumulate ? C : 0) + Aᵀ·B with A stored [k×m] (lda) and B [k×n] (ldb). */
  public static void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    FLOAT.tn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
  }

  /** Double-precision {@link #nn(int, int, int, float[], int, int, float[], int, int, float[], int, int, boolean) nn}. */
  public static void nn(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff,
      int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
    DoubleGemm.multiply(m, n, k, a, aOff, lda, 1, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  }

  /** Double-precision {@link #nt(int, int, int, float[], int, int, float[], int, int, float[], int, int, boolean) nt}. */
  public static void nt(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff,
      int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
    DoubleGemm.multiply(m, n, k, a, aOff, lda, 1, b, bOff, 1, ldb, c, cOff, ldc, accumulate);
  }

  /** Double-precision {@link #tn(int, int, int, float[], int, int, float[], int, int, float[], int, int, boolean) tn}. */
  public static void tn(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff,
      int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
    DoubleGemm.multiply(m, n, k, a, aOff, 1, lda, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  }
}
