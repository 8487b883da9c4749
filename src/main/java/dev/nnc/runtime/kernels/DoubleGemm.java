package dev.nnc.runtime.kernels;

import java.util.Arrays;

/**
 * Double-precision GEMM for {@code --dtype f64} and gradient checks. The same plain i-k-j loops
 * as {@link PlainFloatGemm} (Java has no generics over primitives, so the float twin is a copy by
 * necessity): the innermost loop adds a multiple of a row of B to a row of C.
 *
 * <p>B is copied into one array per row and each row of C summed in a separate buffer, because
 * only then does C2 vectorise the inner loop (see {@link PlainFloatGemm}); the per-thread
 * workspace grows only when a larger size first appears. C must not overlap A or B.
 */
final class DoubleGemm {
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private static final class Workspace {
    double[][] bRows = new double[0][0];
    double[] cRow = new double[0];

    /** Grows both buffers together: every row of bRows is as long as cRow. */
    void ensure(int k, int n) {
      int rows = Math.max(k, bRows.length);
      int cols = Math.max(n, cRow.length);
      if (rows > bRows.length || cols > cRow.length) {
        bRows = new double[rows][cols];
        cRow = new double[cols];
      }
    }
  }

  private DoubleGemm() {}

  static void multiply(int m, int n, int k,
      double[] a, int aOff, int aRowStride, int aColStride,
      double[] b, int bOff, int bRowStride, int bColStride,
      double[] c, int cOff, int ldc, boolean accumulate) {
    FloatGemm.checkSizes(m, n, k);
    Workspace work = WORKSPACE.get();
    work.ensure(k, n);
    double[][] bRows = work.bRows;
    double[] cRow = work.cRow;
    copyRows(k, n, b, bOff, bRowStride, bColStride, bRows);
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      int ai = aOff + i * aRowStride;
      if (accumulate) {
        System.arraycopy(c, ci, cRow, 0, n);
      } else {
        Arrays.fill(cRow, 0, n, 0.0);
      }
      for (int p = 0; p < k; p++) {
        double aip = a[ai + p * aColStride];
        double[] bRow = bRows[p];
        for (int j = 0; j < n; j++) {
          cRow[j] += aip * bRow[j];
        }
      }
      System.arraycopy(cRow, 0, c, ci, n);
    }
  }

  private static void copyRows(int rows, int cols, double[] src, int off, int rowStride,
      int colStride, double[][] dst) {
    for (int r = 0; r < rows; r++) {
      if (colStride == 1) {
        System.arraycopy(src, off + r * rowStride, dst[r], 0, cols);
      } else {
        for (int j = 0; j < cols; j++) {
          dst[r][j] = src[off + r * rowStride + j * colStride];
        }
      }
    }
  }
}
