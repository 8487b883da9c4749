package dev.nnc.runtime.kernels;

import java.util.Arrays;

/**
 * Copies a strip of a strided operand into the contiguous layout the micro-kernel streams
 * through: {@code depth} consecutive groups of {@code width} values, one group per step along
 * the shared dimension k. A strip narrower than {@code width} is padded with zeros, so the
 * micro-kernel never needs a tail case on its inputs.
 *
 * <p>A row panel of A and a column panel of B are the same operation: A's panel is the column
 * panel of Aᵀ, which is only a swap of strides. This is also how NN, NT and TN share one kernel:
 * they differ only in the strides passed here.
 */
final class PanelPacker {
  private PanelPacker() {}

  /**
   * Packs {@code dst[dstOff + p * width + w] = src[off + p * depthStride + w * widthStride]} for
   * {@code p < depth} and {@code w < used}, and zero for {@code used <= w < width}.
   */
  static void pack(int depth, int width, int used, float[] src, int off, int depthStride,
      int widthStride, float[] dst, int dstOff) {
    for (int p = 0; p < depth; p++) {
      int from = off + p * depthStride;
      int to = dstOff + p * width;
      for (int w = 0; w < used; w++) {
        dst[to + w] = src[from + w * widthStride];
      }
      if (used < width) {
        Arrays.fill(dst, to + used, to + width, 0f);
      }
    }
  }
}
