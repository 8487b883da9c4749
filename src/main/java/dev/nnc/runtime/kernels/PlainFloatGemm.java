package dev.nnc.runtime.kernels;

import java.util.Arrays;

/**
 * GEMM in plain Java for JVMs without the Vector API: i-k-j loops whose innermost loop adds a
 * multiple of a row of B to a row of C.
 *
 * <p>C2 vectorises that loop only when both rows are separate arrays indexed from 0 (with
 * offsets into one flat array it must assume the rows overlap: about 4 GFLOP/s, against 20 to 25).
 * So B is first copied into one array per row (which also turns NT's transposed B row-major),
 * and each row of C is summed in a separate buffer. Both live in a per-thread workspace that
 * grows only when a larger size first appears.
 */
final class PlainFloatGemm extends FloatGemm {
  static final PlainFloatGemm INSTANCE = new PlainFloatGemm();

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private static final class Workspace {
    float[][] bRows = new float[0][0];
    float[] cRow = new float[0];

    /** Grows both buffers together: every row of bRows is as long as cRow. */
    void ensure(int k, int n) {
      int rows = Math.max(k, bRows.length);
      int cols = Math.max(n, cRow.length);
      if (rows > bRows.length || cols > cRow.length) {
        bRows = new float[rows][cols];
        cRow = new float[cols];
      }
    }
  }

  private PlainFloatGemm() {}

  @Override
  void multiply(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate) {
    Workspace work = WORKSPACE.get();
    work.ensure(k, n);
    float[][] bRows = work.bRows;
    float[] cRow = work.cRow;
    copyRows(k, n, b, bOff, bRowStride, bColStride, bRows);
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      int ai = aOff + i * aRowStride;
      if (accumulate) {
        System.arraycopy(c, ci, cRow, 0, n);
      } else {
        Arrays.fill(cRow, 0, n, 0f);
      }
      for (int p = 0; p < k; p++) {
        float aip = a[ai + p * aColStride];
        float[] bRow = bRows[p];
        for (int j = 0; j < n; j++) {
          cRow[j] += aip * bRow[j];
        }
      }
      System.arraycopy(cRow, 0, c, ci, n);
    }
  }

  private static void copyRows(int rows, int cols, float[] src, int off, int rowStride,
      int colStride, float[][] dst) {
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
