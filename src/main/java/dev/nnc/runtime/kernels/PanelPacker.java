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
 *   <li>A: {@link #packRows} lays ROWS lines (rows of C) out each contiguous along depth,
 *       {@code dst[w·depth + p]}, for TN's A (whose rows run across k) and for C's bottom edge.
 * </ul>
 *
 * <p>Where lines run along depth and the layout interleaves them (B in NT), packing is a
 * transpose, done with gathers: one gather reads one depth of {@link #LANES} lines. When those
 * lines are a multiple of 2 KiB apart they share one or two 8-way L1 sets and every gather would
 * miss; such a block goes a tile of LANES depths at a time through a small stage instead (each
 * line's tile copied as one vector, then gathered back from the stage, whose lines are 64 bytes
 * apart), which costs a copy more than a direct gather elsewhere. TN's A goes through the stage
 * the same way.
 *
 * <p>Only the preferred species (the micro-kernel's) appears here: a second vector shape at the
 * Vector API's shared call sites makes C2 box vectors in unrelated kernels (a conv step then
 * allocated megabytes). The instance holds index maps and the stage, so a packer belongs to one
 * thread.
 */
final class PanelPacker {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  private static final int LANES = VectorMicroKernel.LANES;
  private static final int COLS = VectorMicroKernel.COLS;
  private static final int ROWS = VectorMicroKernel.ROWS;
  /** Gathers only where the hardware has them: narrower vectors would be emulated, and slow. */
  private static final boolean GATHERS = LANES >= 8;
  /** Line strides (in floats) that are multiples of this put a gather's lines in one or two L1 sets. */
  private static final int ALIASING_STRIDE = 512;
  /**
   * Where a stage tile's packed floats come from: packed float f of a tile (depth f / COLS, line
   * f % COLS) is stage float {@code (f % COLS)·LANES + f / COLS}; COLS index vectors of LANES.
   */
  private static final int[] STAGE_MAP = stageMap();

  /** One tile of B: COLS lines of LANES depths, line w at {@code w·LANES}. */
  private final float[] stage = new float[COLS * LANES];
  /** A gather's offsets, {@code i·stride} for the stride in {@link #offsetsStride}. */
  private final int[] offsets = new int[LANES];
  private int offsetsStride;

  /** Packs {@code count} lines of B into COLS-wide panels (see the class comment). */
  void packPanels(int depth, int count, float[] src, int off, int depthStride, int lineStride,
      float[] dst) {
    if (lineStride == 1) {
      copyRuns(depth, count, src, off, depthStride, dst);
    } else if (GATHERS && depthStride == 1 && lineStride % ALIASING_STRIDE != 0) {
      gatherPanels(depth, count, src, off, lineStride, dst);
    } else if (GATHERS && depthStride == 1) {
      transposeStaged(depth, count, src, off, lineStride, dst);
      return;
    } else {
      transposeScalar(depth, 0, count, src, off, depthStride, lineStride, dst);
    }
    padLastPanel(depth, count, dst);
  }

  /**
   * Packs {@code rows} lines of A each contiguous along depth, {@code dst[w·depth + p]}, and
   * zeroes the lines after them up to a multiple of ROWS (their products are computed, then
   * dropped). Lines contiguous across depth (TN's A) are transposed in {@link #LANES}² tiles
   * through the stage: a tile's depths are LANES vector loads, each of one cache line (lines a
   * multiple of 4 KiB apart cost no more), and a gather from the stage gives one line's LANES
   * depths.
   */
  void packRows(int depth, int rows, float[] src, int off, int depthStride, int lineStride,
      float[] dst) {
    if (depthStride == 1) {
      for (int w = 0; w < rows; w++) {
        System.arraycopy(src, off + w * lineStride, dst, w * depth, depth);
      }
    } else {
      int tiled = GATHERS && lineStride == 1 ? rows - rows % LANES : 0;
      transposeTiles(depth, tiled, src, off, depthStride, dst);
      for (int w = 0; w < rows; w++) {
        int from = off + w * lineStride;
        for (int p = w < tiled ? depth - depth % LANES : 0; p < depth; p++) {
          dst[w * depth + p] = src[from + p * depthStride];
        }
      }
    }
    Arrays.fill(dst, rows * depth, ceilDiv(rows, ROWS) * ROWS * depth, 0f);
  }

  /** The first {@code lines} (a multiple of LANES) lines, whole tiles of LANES depths. */
  private void transposeTiles(int depth, int lines, float[] src, int off, int depthStride,
      float[] dst) {
    float[] stage = this.stage;
    int[] offsets = offsetsFor(LANES);
    for (int w0 = 0; w0 < lines; w0 += LANES) {
      for (int p0 = 0; p0 + LANES <= depth; p0 += LANES) {
        int from = off + p0 * depthStride + w0;
        for (int t = 0; t < LANES; t++) {
          FloatVector.fromArray(SPECIES, src, from + t * depthStride).intoArray(stage, t * LANES);
        }
        for (int w = 0; w < LANES; w++) {
          FloatVector.fromArray(SPECIES, stage, w, offsets, 0).intoArray(dst, (w0 + w) * depth + p0);
        }
      }
    }
  }

  static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  private int[] offsetsFor(int stride) {
    if (offsetsStride != stride) {
      for (int i = 0; i < LANES; i++) {
        offsets[i] = i * stride;
      }
      offsetsStride = stride;
    }
    return offsets;
  }

  private static int[] stageMap() {
    int[] map = new int[COLS * LANES];
    for (int f = 0; f < map.length; f++) {
      map[f] = (f % COLS) * LANES + f / COLS;
    }
    return map;
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

  /**
   * Transposes whole panels of a source whose lines are contiguous along depth, LANES lines at a
   * time over the whole depth (each source line's cache lines are read by consecutive gathers),
   * then the lines of a last partial panel one float at a time.
   */
  private void gatherPanels(int depth, int count, float[] src, int off, int lineStride,
      float[] dst) {
    int[] offsets = offsetsFor(lineStride);
    int lines = count - count % COLS;
    for (int w = 0; w < lines; w += LANES) {
      int from = off + w * lineStride;
      int to = (w / COLS) * depth * COLS + w % COLS;
      for (int p = 0; p < depth; p++) {
        FloatVector.fromArray(SPECIES, src, from + p, offsets, 0).intoArray(dst, to + p * COLS);
      }
    }
    transposeScalar(depth, lines, count, src, off, 1, lineStride, dst);
  }

  /**
   * Transposes lines contiguous along depth tile by tile: stage each line's LANES depths (lines
   * past {@code count} as zeros, which pads the last panel), then gather the tile's packed floats
   * from the stage in order. A last tile shorter than LANES is staged and moved by scalar code.
   */
  private void transposeStaged(int depth, int count, float[] src, int off, int lineStride,
      float[] dst) {
    float[] stage = this.stage;
    for (int w0 = 0; w0 < count; w0 += COLS) {
      int lines = Math.min(COLS, count - w0);
      int panel = (w0 / COLS) * depth * COLS;
      int from = off + w0 * lineStride;
      for (int p0 = 0; p0 < depth; p0 += LANES) {
        int tileDepth = Math.min(LANES, depth - p0);
        int to = panel + p0 * COLS;
        if (tileDepth == LANES) {
          for (int w = 0; w < lines; w++) {
            FloatVector.fromArray(SPECIES, src, from + w * lineStride + p0).intoArray(stage, w * LANES);
          }
          for (int w = lines; w < COLS; w++) {
            FloatVector.zero(SPECIES).intoArray(stage, w * LANES);
          }
          for (int v = 0; v < COLS; v++) {
            FloatVector.fromArray(SPECIES, stage, 0, STAGE_MAP, v * LANES).intoArray(dst, to + v * LANES);
          }
        } else {
          for (int w = 0; w < COLS; w++) {
            for (int p = 0; p < tileDepth; p++) {
              stage[w * LANES + p] = w < lines ? src[from + w * lineStride + p0 + p] : 0f;
            }
          }
          for (int f = 0; f < tileDepth * COLS; f++) {
            dst[to + f] = stage[STAGE_MAP[f]];
          }
        }
      }
    }
  }

  /**
   * Moves lines [first, end) one float at a time, in tiles one cache line deep so that each
   * source line's 64 bytes are read in one go. Reading the panel's lines side by side instead
   * thrashes L1 when the leading dimension is a multiple of 4 KiB (all in one 8-way set).
   */
  private static void transposeScalar(int depth, int first, int end, float[] src, int off,
      int depthStride, int lineStride, float[] dst) {
    for (int w0 = first - first % COLS; w0 < end; w0 += COLS) {
      int panel = (w0 / COLS) * depth * COLS;
      int lineStart = Math.max(first, w0);
      int lineEnd = Math.min(end, w0 + COLS);
      for (int p0 = 0; p0 < depth; p0 += 16) {
        int tileDepth = Math.min(16, depth - p0);
        for (int line = lineStart; line < lineEnd; line++) {
          int from = off + line * lineStride + p0 * depthStride;
          int to = panel + p0 * COLS + line - w0;
          for (int p = 0; p < tileDepth; p++) {
            dst[to + p * COLS] = src[from + p * depthStride];
          }
        }
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
