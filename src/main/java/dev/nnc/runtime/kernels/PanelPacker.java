package dev.nnc.runtime.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of strided operands into the contiguous layouts {@link VectorMicroKernel} streams
 * through. Element (line w, depth p) of a block is {@code src[off + p·depthStride + w·lineStride]},
 * depth running along the shared dimension k.
 *
 * <ul>
 *   <li>B: {@link #packPanels} turns {@code count} lines (columns of C) into ceil(count / COLS)
 *       panels of {@code depth × COLS} floats, panel q holding lines {@code q·COLS …} interleaved:
 *       {@code dst[q·depth·COLS + p·COLS + w]} is line {@code q·COLS + w} at depth p. The last
 *       panel is padded with zero lines, so the micro-kernel never needs a tail case on B.
 *   <li>A: {@link #packRows} lays lines (rows of C) out each contiguous along depth,
 *       {@code dst[w·depth + p]}, for TN's A (whose rows run across k) and for C's bottom edge.
 * </ul>
 *
 * <p>Where lines run along depth and the layout interleaves them (B in NT), or the other way
 * round (TN's A), packing is a transpose. B's goes in scalar tiles of COLS lines ×
 * {@link #TILE_DEPTH} depths (one 64-byte cache line of each source line, read in one go): with
 * constant trip counts C2 unrolls the tile and drops its range checks, and it costs 0.33 ns per
 * element whatever the leading dimension, less than 16-lane gathers (0.41 at ld 784; 0.6 to 0.9
 * at ld 1024, whose lines share one 8-way L1 set). TN's A goes in LANES × LANES tiles through a
 * small stage: each source line's LANES floats are one vector load into the stage, and a gather
 * from the stage gives one row's LANES depths (3 % faster in the product than scalar tiles, whose
 * stores there are a row apart). Lines and depths past the last whole tile go one float at a time.
 *
 * <p>Only the preferred species (the micro-kernel's) appears here: a second vector shape at the
 * Vector API's shared call sites makes C2 box vectors in unrelated kernels (with 256-bit gathers
 * here, a conv step allocated megabytes once a GEMM had run). The stage is per thread.
 */
final class PanelPacker {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  private static final int LANES = VectorMicroKernel.LANES;
  /** Gathers only where the hardware has them: narrower vectors would be emulated, and slow. */
  private static final boolean GATHERS = LANES >= 8;
  /** Offsets of one column of a stage tile: {@code t·LANES}. */
  private static final int[] STAGE_COLUMN = stageColumn();
  private static final ThreadLocal<float[]> STAGE = ThreadLocal.withInitial(() -> new float[LANES * LANES]);
  private static final int COLS = VectorMicroKernel.COLS;
  private static final int ROWS = VectorMicroKernel.ROWS;
  /** Depths per transposing tile: the floats in one 64-byte cache line. */
  private static final int TILE_DEPTH = 16;

  private PanelPacker() {}

  /** Packs {@code count} lines of B into COLS-wide panels (see the class comment). */
  static void packPanels(int depth, int count, float[] src, int off, int depthStride,
      int lineStride, float[] dst) {
    if (lineStride == 1) {
      copyRuns(depth, count, src, off, depthStride, dst);
    } else if (depthStride == 1) {
      int lines = count - count % COLS;
      int depths = depth - depth % TILE_DEPTH;
      for (int w0 = 0; w0 < lines; w0 += COLS) {
        for (int p0 = 0; p0 < depths; p0 += TILE_DEPTH) {
          panelTile(src, off + w0 * lineStride + p0, lineStride, dst, (w0 / COLS) * depth * COLS + p0 * COLS);
        }
      }
      transposeScalar(depth, depths, 0, lines, src, off, 1, lineStride, dst);
      transposeScalar(depth, 0, lines, count, src, off, 1, lineStride, dst);
    } else {
      transposeScalar(depth, 0, 0, count, src, off, depthStride, lineStride, dst);
    }
    padLastPanel(depth, count, dst);
  }

  /** COLS lines × TILE_DEPTH depths, lines contiguous along depth, into a panel at {@code to}. */
  private static void panelTile(float[] src, int from, int lineStride, float[] dst, int to) {
    for (int w = 0; w < COLS; w += 2) {
      int line = from + w * lineStride;
      for (int p = 0; p < TILE_DEPTH; p++) {
        dst[to + p * COLS + w] = src[line + p];
        dst[to + p * COLS + w + 1] = src[line + lineStride + p];
      }
    }
  }

  /**
   * Packs {@code rows} lines of A each contiguous along depth, {@code dst[w·depth + p]}, and
   * zeroes the lines after them up to a multiple of ROWS (their products are computed, then
   * dropped).
   */
  static void packRows(int depth, int rows, float[] src, int off, int depthStride, int lineStride,
      float[] dst) {
    if (depthStride == 1) {
      for (int w = 0; w < rows; w++) {
        System.arraycopy(src, off + w * lineStride, dst, w * depth, depth);
      }
    } else {
      int lines = GATHERS && lineStride == 1 ? rows - rows % LANES : 0;
      int depths = depth - depth % LANES;
      if (lines > 0) {
        transposeTiles(depth, lines, src, off, depthStride, dst);
      }
      for (int w = 0; w < rows; w++) {
        int from = off + w * lineStride;
        for (int p = w < lines ? depths : 0; p < depth; p++) {
          dst[w * depth + p] = src[from + p * depthStride];
        }
      }
    }
    Arrays.fill(dst, rows * depth, ceilDiv(rows, ROWS) * ROWS * depth, 0f);
  }

  /** Lines [0, lines) (a multiple of LANES) over whole tiles of LANES depths, via the stage. */
  private static void transposeTiles(int depth, int lines, float[] src, int off, int depthStride,
      float[] dst) {
    float[] stage = STAGE.get();
    for (int w0 = 0; w0 < lines; w0 += LANES) {
      for (int p0 = 0; p0 + LANES <= depth; p0 += LANES) {
        int from = off + p0 * depthStride + w0;
        for (int t = 0; t < LANES; t++) {
          FloatVector.fromArray(SPECIES, src, from + t * depthStride).intoArray(stage, t * LANES);
        }
        for (int w = 0; w < LANES; w++) {
          FloatVector.fromArray(SPECIES, stage, w, STAGE_COLUMN, 0).intoArray(dst, (w0 + w) * depth + p0);
        }
      }
    }
  }

  private static int[] stageColumn() {
    int[] offsets = new int[LANES];
    for (int t = 0; t < LANES; t++) {
      offsets[t] = t * LANES;
    }
    return offsets;
  }

  static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  /** Lines are contiguous in the source: copies each depth step as COLS-long runs. */
  private static void copyRuns(int depth, int count, float[] src, int off, int depthStride,
      float[] dst) {
    int panelSize = depth * COLS;
    for (int p = 0; p < depth; p++) {
      int from = off + p * depthStride;
      for (int w = 0; w < count; w += COLS) {
        int to = (w / COLS) * panelSize + p * COLS;
        System.arraycopy(src, from + w, dst, to, Math.min(COLS, count - w));
      }
    }
  }

  /** Moves depths [pFrom, depth) of lines [first, end) into their panels one float at a time. */
  private static void transposeScalar(int depth, int pFrom, int first, int end, float[] src,
      int off, int depthStride, int lineStride, float[] dst) {
    for (int line = first; line < end; line++) {
      int panel = (line / COLS) * depth * COLS + line % COLS;
      int from = off + line * lineStride;
      for (int p = pFrom; p < depth; p++) {
        dst[panel + p * COLS] = src[from + p * depthStride];
      }
    }
  }

  private static void padLastPanel(int depth, int count, float[] dst) {
    int used = count % COLS;
    if (used == 0) {
      return;
    }
    int panel = (count / COLS) * depth * COLS;
    for (int p = 0; p < depth; p++) {
      for (int w = used; w < COLS; w++) {
        dst[panel + p * COLS + w] = 0f;
      }
    }
  }
}
