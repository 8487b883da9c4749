package dev.nnc.runtime.kernels;

import java.util.Arrays;

/**
 * GEMM in plain Java for JVMs without the Vector API: i-k-j loops whose innermost loop runs along
 * a row of B and a row of C, the one shape C2 can auto-vectorise. B stored transposed (NT) is
 * first copied row-major into a per-thread buffer, which grows only when a larger B first appears.
 */
final class PlainFloatGemm extends FloatGemm {
  static final PlainFloatGemm INSTANCE = new PlainFloatGemm();

  private static final ThreadLocal<float[][]> ROW_MAJOR_B =
      ThreadLocal.withInitial(() -> new float[1][0]);

  private PlainFloatGemm() {}

  @Override
  void multiply(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate) {
    if (bColStride != 1) {
      b = rowMajorCopy(k, n, b, bOff, bRowStride, bColStride);
      bOff = 0;
      bRowStride = n;
    }
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      int ai = aOff + i * aRowStride;
      if (!accumulate) {
        Arrays.fill(c, ci, ci + n, 0f);
      }
      for (int p = 0; p < k; p++) {
        float aip = a[ai + p * aColStride];
        int bi = bOff + p * bRowStride;
        for (int j = 0; j < n; j++) {
          c[ci + j] += aip * b[bi + j];
        }
      }
    }
  }

  private static float[] rowMajorCopy(int rows, int cols, float[] src, int off, int rowStride,
      int colStride) {
    float[][] holder = ROW_MAJOR_B.get();
    if (holder[0].length < rows * cols) {
      holder[0] = new float[rows * cols];
    }
    float[] copy = holder[0];
    for (int j = 0; j < cols; j++) {
      for (int p = 0; p < rows; p++) {
        copy[p * cols + j] = src[off + p * rowStride + j * colStride];
      }
    }
    return copy;
  }
}
