package dev.nnc.runtime.kernels;

/**
 * One implementation of single-precision GEMM. The three public forms differ only in how A and B
 * are laid out, so each is a call to {@link #multiply} with the strides that read its operands:
 * element (r, c) of an operand lives at {@code off + r * rowStride + c * colStride}.
 *
 * <p>C must not overlap A or B. Results are bit-identical across calls for a fixed implementation.
 */
public abstract class FloatGemm {
  private static final FloatGemm BEST = VectorSupport.available() ? vector() : plain();

  /** The fastest implementation this JVM can run. */
  public static FloatGemm best() {
    return BEST;
  }

  /** Plain Java loops; runs on any JVM. */
  public static FloatGemm plain() {
    return PlainFloatGemm.INSTANCE;
  }

  /**
   * The Vector API implementation.
   *
   * @throws IllegalStateException if {@link VectorSupport#available()} is false
   */
  public static FloatGemm vector() {
    if (!VectorSupport.available()) {
      throw new IllegalStateException("start the JVM with --add-modules jdk.incubator.vector");
    }
    // Named only here, so the class (and the incubator module) is loaded only when available.
    return VectorFloatGemm.create();
  }

  /** C[m×n] = (accumulate ? C : 0) + A·B with A [m×k] (lda) and B [k×n] (ldb). */
  public final void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    checkSizes(m, n, k);
    multiply(m, n, k, a, aOff, lda, 1, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  }

  /** C[m×n] = (accumulate ? C : 0) + A·Bᵀ with A [m×k] (lda) and B stored [n×k] (ldb). */
  public final void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    checkSizes(m, n, k);
    multiply(m, n, k, a, aOff, lda, 1, b, bOff, 1, ldb, c, cOff, ldc, accumulate);
  }

  /** C[m×n] = (accumulate ? C : 0) + Aᵀ·B with A stored [k×m] (lda) and B [k×n] (ldb). */
  public final void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    checkSizes(m, n, k);
    multiply(m, n, k, a, aOff, 1, lda, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  }

  /** C[m×n] = (accumulate ? C : 0) + A·B for operands read through the given strides. */
  abstract void multiply(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate);

  static void checkSizes(int m, int n, int k) {
    if (m < 1 || n < 1 || k < 1) {
      throw new IllegalArgumentException(
          "GEMM sizes must be at least 1, got m=" + m + " n=" + n + " k=" + k);
    }
  }
}
