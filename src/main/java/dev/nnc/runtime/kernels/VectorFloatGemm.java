package dev.nnc.runtime.kernels;

import static dev.nnc.runtime.kernels.VectorMicroKernel.COLS;
import static dev.nnc.runtime.kernels.VectorMicroKernel.ROWS;

/**
 * Cache-blocked GEMM around {@link VectorMicroKernel} (the GotoBLAS/BLIS loop nest).
 *
 * <p>For each block of {@link #BLOCK_DEPTH} steps of k and {@link #BLOCK_COLS} columns, B's block
 * is packed once into column panels that stay in the 1 MiB L2; then every ROWS-row panel of A (a
 * few KiB, it stays in L1) is swept across all of B's panels. Each element of A's panel is thus
 * reused BLOCK_COLS / COLS times from L1 and each element of B m / ROWS times from L2. A's rows
 * are not packed when they run along k (NN, NT): the micro-kernel reads them in place.
 *
 * <p>Only this class and the micro-kernel name {@code jdk.incubator.vector}; they are loaded only
 * through {@link FloatGemm#vector()}.
 */
final class VectorFloatGemm extends FloatGemm {
  /**
   * Steps of k per block: long enough to amortise loading and storing the C tile (two vector
   * loads and stores per row of the tile per block), short enough that B's block stays in L2.
   */
  static final int BLOCK_DEPTH = 256;
  /** Columns of C per block: B's packed block is BLOCK_DEPTH × BLOCK_COLS floats = 512 KiB. */
  static final int BLOCK_COLS = 512;

  /**
   * Up to this many rows, A·Bᵀ with both operands' rows along k runs as dot products
   * ({@link VectorDotKernel}) instead of packing B: packing costs the same at any m, and pays off
   * only when many rows of A reuse the packed panels. So does a C narrower than one tile (a
   * layer of 10 classes), where the packed kernel would compute mostly padding.
   */
  static final int DOT_ROWS = 64;

  /**
   * When B's rows run along n (NN, TN) and B has at most this many floats (512 KiB, half the L2),
   * or A at most {@link #DOT_ROWS} rows, the product reads B where it lies ({@link
   * VectorRowKernel}): its 4-row × 4-vector tile needs half a load per FMA, against two thirds
   * for the packed kernel's 6 × 2, and B stays in L2 without packing. Larger B (TN 256×784×256,
   * NN 128×1024×1024) runs faster packed, whose panels stay in L2 and L1. Thread CPU time, µs,
   * packed → rows: TN 128×256×256 182 → 154, NN 256×256×128 160 → 148, TN 512×128×512
   * 803 → 629, TN 10×128×256 14.4 → 8.0; TN 256×784×256 1,065 → 1,128.
   */
  static final int ROW_KERNEL_FLOATS = 1 << 17;
  /** Narrower C goes packed: the row kernel's widest tile is four vectors. */
  static final int ROW_KERNEL_MIN_COLS = 4 * VectorMicroKernel.LANES;

  private static final FloatGemm DOTS = new FloatGemm() {
    @Override
    void multiply(int m, int n, int k, float[] a, int aOff, int aRowStride, int aColStride,
        float[] b, int bOff, int bRowStride, int bColStride, float[] c, int cOff, int ldc,
        boolean accumulate) {
      VectorDotKernel.multiply(m, n, k, a, aOff, aRowStride, b, bOff, bColStride, c, cOff, ldc, accumulate);
    }
  };

  private static final FloatGemm ROWS_OF_B = new FloatGemm() {
    @Override
    void multiply(int m, int n, int k, float[] a, int aOff, int aRowStride, int aColStride,
        float[] b, int bOff, int bRowStride, int bColStride, float[] c, int cOff, int ldc,
        boolean accumulate) {
      VectorRowKernel.multiply(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, c, cOff, ldc, accumulate);
    }
  };
  static final boolean IN_PLACE = Boolean.getBoolean("inplace");

  /** The tile a product that overwrites C starts from (never written). */
  private static final float[] ZEROS = new float[ROWS * COLS];

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /** Packing buffers, one set per thread: their sizes are fixed by the blocking, not by m, n, k. */
  private static final class Workspace {
    final float[] packedA = new float[ROWS * BLOCK_DEPTH];
    final float[] packedB = new float[BLOCK_DEPTH * roundUp(BLOCK_COLS, COLS)];
    /** Receives tiles cut short by the bottom or right edge of C. */
    final float[] edgeTile = new float[ROWS * COLS];
    /** TN's depth block of A as rows; grows to the largest block asked for, then is reused. */
    private float[] slab = new float[0];

    float[] slab(int length) {
      if (slab.length < length) {
        slab = new float[length];
      }
      return slab;
    }
  }

  private VectorFloatGemm() {}

  static FloatGemm create() {
    return new VectorFloatGemm();
  }

  @Override
  FloatGemm kernelFor(int m, int n, int k, int aColStride, int bRowStride, int bColStride) {
    if (aColStride == 1 && bRowStride == 1 && (m <= DOT_ROWS || n < COLS)) {
      return DOTS;
    }
    if (bColStride == 1 && n >= ROW_KERNEL_MIN_COLS && (m <= DOT_ROWS || (long) k * n <= ROW_KERNEL_FLOATS)) {
      return ROWS_OF_B;
    }
    return this;
  }

  @Override
  void multiply(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate) {
    Workspace work = WORKSPACE.get();
    // Equal depth blocks (784 = 4 × 196, not 3 × 256 + 16) keep every block long.
    int depthBlocks = ceilDiv(k, BLOCK_DEPTH);
    int depthStep = ceilDiv(k, depthBlocks);
    // A's rows are read where they lie when they run along k (NN, NT): packing them would cost
    // as much as packing B. When they run across k (TN) each depth block of A is transposed once
    // into rows, for all of B's column blocks.
    boolean aInPlace = aColStride == 1;
    float[] slab = aInPlace ? null : work.slab(roundUp(m, ROWS) * depthStep);
    for (int pc = 0; pc < k; pc += depthStep) {
      int depth = Math.min(depthStep, k - pc);
      // The first depth block overwrites C unless the product accumulates: no zeroing pass.
      boolean add = accumulate || pc > 0;
      if (!aInPlace) {
        PanelPacker.packRows(depth, m, a, aOff + pc * aColStride, aColStride, aRowStride, slab);
      }
      for (int jc = 0; jc < n; jc += BLOCK_COLS) {
        int blockCols = Math.min(BLOCK_COLS, n - jc);
        PanelPacker.packPanels(depth, blockCols, b, bOff + pc * bRowStride + jc * bColStride,
            bRowStride, bColStride, work.packedB);
        for (int ic = 0; ic < m; ic += ROWS) {
          int rows = Math.min(ROWS, m - ic);
          float[] panelA = slab;
          int panelOff = ic * depth;
          int panelRow = depth;
          if (aInPlace && rows == ROWS) {
            panelA = a;
            panelOff = aOff + ic * aRowStride + pc;
            panelRow = aRowStride;
          } else if (aInPlace) {
            // C's bottom edge: the missing rows would be read past A's end.
            PanelPacker.packRows(depth, rows, a, aOff + ic * aRowStride + pc, 1, aRowStride,
                work.packedA);
            panelA = work.packedA;
            panelOff = 0;
          }
          for (int jr = 0; jr < blockCols; jr += COLS) {
            int cols = Math.min(COLS, blockCols - jr);
            int at = cOff + ic * ldc + jc + jr;
            if (rows == ROWS && cols == COLS) {
              if (add) {
                VectorMicroKernel.multiplyAdd(depth, panelA, panelOff, panelRow, work.packedB,
                    jr * depth, c, at, ldc, c, at, ldc);
              } else {
                VectorMicroKernel.multiplyAdd(depth, panelA, panelOff, panelRow, work.packedB,
                    jr * depth, ZEROS, 0, COLS, c, at, ldc);
              }
            } else {
              multiplyAddEdge(depth, panelA, panelOff, panelRow, work, jr * depth, c, at, ldc,
                  rows, cols, add);
            }
          }
        }
      }
    }
  }

  /**
   * A tile that C's edge cuts to {@code rows}×{@code cols}: the full tile goes to a scratch tile
   * and its used corner is added to (or, when not {@code add}, stored in) C with scalar code
   * (masked vector stores would allocate their masks on Java 17).
   */
  private static void multiplyAddEdge(int depth, float[] panelA, int panelOff, int panelRow,
      Workspace work, int bOff, float[] c, int at, int ldc, int rows, int cols, boolean add) {
    float[] tile = work.edgeTile;
    VectorMicroKernel.multiplyAdd(depth, panelA, panelOff, panelRow, work.packedB, bOff, ZEROS, 0,
        COLS, tile, 0, COLS);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        c[at + i * ldc + j] = (add ? c[at + i * ldc + j] : 0f) + tile[i * COLS + j];
      }
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  private static int roundUp(int x, int multiple) {
    return ceilDiv(x, multiple) * multiple;
  }
}
