package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
 *
 * <p>When lines run along depth (B in NT, A in NN and NT) packing is a transpose, which element
 * by element costs two to three times a copy and, at small m, a large share of the product. Full
 * panels of B are therefore transposed with vector gathers: one gather reads one depth of
 * {@link #GATHER_LINES} lines. (Transposing 16×16 blocks in registers measured slower on Java 17:
 * its rearranges and blends cost more than the gather, and the four steps of the transpose exceed
 * C2's inlining node budget in one method.) The instance holds the gather's index map, so a
 * packer belongs to one thread.
 */
final class PanelPacker {
  /** Depth of a scalar transposing tile: the floats in one 64-byte cache line. */
  private static final int TILE_DEPTH = 16;

  /**
   * Eight lanes: 256-bit gathers were as fast as 512-bit ones on Zen 4, and eight lines at a
   * time fit one 8-way L1 set when the leading dimension is a multiple of 4 KiB (16 lines at a
   * time then ran at a third of the speed).
   */
  private static final VectorSpecies<Float> GATHER = FloatVector.SPECIES_256;
  private static final int GATHER_LINES = GATHER.length();
  /** Gathers only where the hardware has them: narrower vectors would be emulated, and slow. */
  private static final boolean GATHERS = VectorMicroKernel.LANES >= GATHER_LINES;

  /** Offsets of the gathered lines from the first: multiples of the line stride. */
  private final int[] lineOffsets = new int[GATHER_LINES];

  /** Packs line w at depth p from {@code src[off + p * depthStride + w * lineStride]}. */
  void pack(int depth, int count, int width, float[] src, int off, int depthStride,
      int lineStride, float[] dst) {
    if (lineStride == 1) {
      copyRuns(depth, count, width, src, off, depthStride, dst);
    } else if (GATHERS && depthStride == 1 && width % GATHER_LINES == 0) {
      int fullLines = count - count % width;
      gatherPanels(depth, fullLines, width, src, off, lineStride, dst);
      transposeScalar(depth, fullLines, count, width, src, off, depthStride, lineStride, dst);
    } else {
      transposeScalar(depth, 0, count, width, src, off, depthStride, lineStride, dst);
    }
    padLastPanel(depth, count, width, dst);
  }

  /** Lines are contiguous in the source: copies each depth step as width-long runs. */
  private static void copyRuns(int depth, int count, int width, float[] src, int off,
      int depthStride, float[] dst) {
    int panelSize = depth * width;
    for (int p = 0; p < depth; p++) {
      int from = off + p * depthStride;
      for (int w = 0; w < count; w += width) {
        int to = (w / width) * panelSize + p * width;
        System.arraycopy(src, from + w, dst, to, Math.min(width, count - w));
      }
    }
  }

  /**
   * Transposes the first {@code lines} lines (whole panels) of a source whose lines are
   * contiguous along depth, eight lines at a time over the whole depth: each source line's cache
   * lines are read by consecutive gathers.
   */
  private void gatherPanels(int depth, int lines, int width, float[] src, int off,
      int lineStride, float[] dst) {
    for (int i = 0; i < GATHER_LINES; i++) {
      lineOffsets[i] = i * lineStride;
    }
    for (int w = 0; w < lines; w += GATHER_LINES) {
      int from = off + w * lineStride;
      int to = (w / width) * depth * width + w % width;
      for (int p = 0; p < depth; p++) {
        FloatVector.fromArray(GATHER, src, from + p, lineOffsets, 0)
            .intoArray(dst, to + p * width);
      }
    }
  }

  /**
   * Moves lines [first, end) one float at a time, in tiles one cache line deep so that each
   * source line's 64 bytes are read in one go. Reading the panel's lines side by side instead
   * thrashes L1 when the leading dimension is a multiple of 4 KiB (all in one 8-way set).
   */
  private static void transposeScalar(int depth, int first, int end, int width, float[] src,
      int off, int depthStride, int lineStride, float[] dst) {
    for (int w0 = first - first % width; w0 < end; w0 += width) {
      int panel = (w0 / width) * depth * width;
      int lineStart = Math.max(first, w0);
      int lineEnd = Math.min(end, w0 + width);
      for (int p0 = 0; p0 < depth; p0 += TILE_DEPTH) {
        int tileDepth = Math.min(TILE_DEPTH, depth - p0);
        for (int line = lineStart; line < lineEnd; line++) {
          int from = off + line * lineStride + p0 * depthStride;
          int to = panel + p0 * width + line - w0;
          for (int p = 0; p < tileDepth; p++) {
            dst[to + p * width] = src[from + p * depthStride];
          }
        }
      }
    }
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
