package dev.nnc.runtime.kernels;

import java.util.Arrays;

/**
 * Double-precision GEMM for {@code --dtype f64} and gradient checks: plain i-k-j loops, the same
 * shape as {@link PlainFloatGemm} (Java has no generics over primitives). Operand (r, c) lives at
 * {@code off + r * rowStride + c * colStride}; B stored transposed is first copied row-major into
 * a per-thread buffer that grows only when a larger B first appears. C must not overlap A or B.
 */
final class DoubleGemm {
  private static final ThreadLocal<double[][]> ROW_MAJOR_B =
      ThreadLocal.withInitial(() -> new double[1][0]);

  private DoubleGemm() {}

  static void multiply(int m, int n, int k,
      double[] a, int aOff, int aRowStride, int aColStride,
      double[] b, int bOff, int bRowStride, int bColStride,
      double[] c, int cOff, int ldc, boolean accumulate) {
    FloatGemm.checkSizes(m, n, k);
    if (bColStride != 1) {
      b = rowMajorCopy(k, n, b, bOff, bRowStride, bColStride);
      bOff = 0;
      bRowStride = n;
    }
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      int ai = aOff + i * aRowStride;
      if (!accumulate) {
        Arrays.fill(c, ci, ci + n, 0.0);
      }
      for (int p = 0; p < k; p++) {
        double aip = a[ai + p * aColStride];
        int bi = bOff + p * bRowStride;
        for (int j = 0; j < n; j++) {
          c[ci + j] += aip * b[bi + j];
        }
      }
    }
  }

  private static double[] rowMajorCopy(int rows, int cols, double[] src, int off, int rowStride,
      int colStride) {
    double[][] holder = ROW_MAJOR_B.get();
    if (holder[0].length < rows * cols) {
      holder[0] = new double[rows * cols];
    }
    double[] copy = holder[0];
    for (int j = 0; j < cols; j++) {
      for (int p = 0; p < rows; p++) {
        copy[p * cols + j] = src[off + p * rowStride + j * colStride];
      }
    }
    return copy;
  }
}
