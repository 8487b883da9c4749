package dev.nnc.runtime.kernels;

/**
 * Copies a block of a strided operand into the contiguous panels the micro-kernel streams
 * through. A block of {@code count} lines, each {@code depth} long along the shared dimension k,
 * becomes ceil(count / width) panels of {@code depth × width} floats, panel q holding lines
 * {@code q·width …} interleaved: {@code dst[q·depth·width + p·width + w]} is line
 * {@code q·width + w} at depth p. The last panel is padded with zero lines, so the micro-kernel
 * never needs a tail case on its inputs.
 *
 * <p>A row panel of A and a column panel of B are the same operation (A's rows are the columns of
 * Aᵀ: a swap of strides), and so are the three GEMM forms: they differ only in the strides given
 * here.
 */
final class PanelPacker {
  /** Depth of a transposing tile: the floats in one 64-byte cache line. */
  private static final int TILE_DEPTH = 16;

  private PanelPacker() {}

  /** Packs line w at depth p from {@code src[off + p * depthStride + w * lineStride]}. */
  static void pack(int depth, int count, int width, float[] src, int off, int depthStride,
      int lineStride, float[] dst) {
    int panelSize = depth * width;
    if (lineStride == 1) {
      // Lines are contiguous in the source: copy each depth step as width-long runs.
      for (int p = 0; p < depth; p++) {
        int from = off + p * depthStride;
        for (int w = 0; w < count; w += width) {
          int to = (w / width) * panelSize + p * width;
          System.arraycopy(src, from + w, dst, to, Math.min(width, count - w));
        }
      }
    } else {
      // Each line is contiguous along depth: transpose in tiles one cache line deep, reading
      // each source line's 64 bytes in one go. Reading the panel's lines side by side instead
      // thrashes L1 when the leading dimension is a multiple of 4 KiB (all in one 8-way set).
      for (int w0 = 0; w0 < count; w0 += width) {
        int used = Math.min(width, count - w0);
        int panel = (w0 / width) * panelSize;
        for (int p0 = 0; p0 < depth; p0 += TILE_DEPTH) {
          int tileDepth = Math.min(TILE_DEPTH, depth - p0);
          for (int w = 0; w < used; w++) {
            int from = off + (w0 + w) * lineStride + p0 * depthStride;
            int to = panel + p0 * width + w;
            for (int p = 0; p < tileDepth; p++) {
              dst[to + p * width] = src[from + p * depthStride];
            }
          }
        }
      }
    }
    padLastPanel(depth, count, width, dst);
  }

  private static void padLastPanel(int depth, int count, int width, float[] dst) {
    int used = count % width;
    if (used == 0) {
      return;
    }
    int panel = (count / width) * depth * width;
    for (int p = 0; p < depth; p++) {
      for (int w = used; w < width; w++) {
        dst[panel + p * width + w] = 0f;
      }
    }
  }
}
