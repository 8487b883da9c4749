package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner product: a {@link #ROWS}×{@link #COLS} tile of C kept in vector
 * registers while it sums {@code depth} rank-1 updates read from packed panels.
 *
 * <p>Shape: each step along k loads two vectors of B and broadcasts six scalars of A, feeding
 * twelve independent FMAs. Twelve accumulators hide the 4-cycle FMA latency with room to spare,
 * and 12 + 2 + 1 = 15 of the 32 vector registers leave C2 no reason to spill.
 */
final class VectorMicroKernel {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  /** Rows of C per tile: scalars of A broadcast per step. */
  static final int ROWS = 6;
  /** Columns of C per tile: two vectors of B per step. */
  static final int COLS = 2 * LANES;

  private VectorMicroKernel() {}

  /**
   * Computes the product of the packed ROWS-wide panel of A at the start of {@code packedA} and
   * the packed COLS-wide panel of B at {@code bOff} (both laid out by {@link PanelPacker}), and
   * stores it into, or adds it to, the top-left {@code rows}×{@code cols} corner of the tile of C
   * at {@code cOff}. {@code spill} (COLS floats) receives the vectors of a row that is cut short
   * by the right edge of C.
   */
  static void multiply(int depth, float[] packedA, float[] packedB, int bOff,
      float[] c, int cOff, int ldc, int rows, int cols, boolean add, float[] spill) {
    FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00;
    FloatVector c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    int ai = 0;
    int bi = bOff;
    for (int p = 0; p < depth; p++, ai += ROWS, bi += COLS) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bi + LANES);
      FloatVector a = FloatVector.broadcast(SPECIES, packedA[ai]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(SPECIES, packedA[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(SPECIES, packedA[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(SPECIES, packedA[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(SPECIES, packedA[ai + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(SPECIES, packedA[ai + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
    }
    storeRow(c00, c01, c, cOff, cols, add, spill);
    if (rows > 1) storeRow(c10, c11, c, cOff + ldc, cols, add, spill);
    if (rows > 2) storeRow(c20, c21, c, cOff + 2 * ldc, cols, add, spill);
    if (rows > 3) storeRow(c30, c31, c, cOff + 3 * ldc, cols, add, spill);
    if (rows > 4) storeRow(c40, c41, c, cOff + 4 * ldc, cols, add, spill);
    if (rows > 5) storeRow(c50, c51, c, cOff + 5 * ldc, cols, add, spill);
  }

  /** Writes the first {@code cols} lanes of (left, right) to C, or adds them to it. */
  private static void storeRow(FloatVector left, FloatVector right, float[] c, int at, int cols,
      boolean add, float[] spill) {
    if (cols == COLS) {
      if (add) {
        left = left.add(FloatVector.fromArray(SPECIES, c, at));
        right = right.add(FloatVector.fromArray(SPECIES, c, at + LANES));
      }
      left.intoArray(c, at);
      right.intoArray(c, at + LANES);
      return;
    }
    // Masked stores would allocate their masks on Java 17; a scalar tail through a spill row
    // stays allocation-free and is rare (only the last column strip of C).
    left.intoArray(spill, 0);
    right.intoArray(spill, LANES);
    for (int j = 0; j < cols; j++) {
      c[at + j] = add ? c[at + j] + spill[j] : spill[j];
    }
  }
}
