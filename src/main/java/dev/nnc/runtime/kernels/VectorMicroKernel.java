package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner product: a {@link #ROWS}×{@link #COLS} tile of C kept in vector
 * registers while it sums {@code depth} rank-1 updates, read from a packed panel of B and from six
 * rows of A.
 *
 * <p>Shape: each step along k loads two vectors of B and broadcasts one scalar from each row of A,
 * feeding twelve independent FMAs. Twelve accumulators hide the 4-cycle FMA latency with room to spare,
 * and 12 + 2 + 1 = 15 of the 32 vector registers leave C2 no reason to spill.
 *
 * <p>C2 turns vectors into registers only when every Vector API call in this method is inlined
 * into it; a vector passed to a call it did not inline is boxed on the heap, and the boxes then
 * cost more than the arithmetic. Each call inlines a deep tree, so the method is close to C2's
 * per-compilation node budget (NodeCountInliningCutoff): it therefore has a single path with no
 * edge cases, which the caller handles with a scratch tile. (With a branch per row for partial
 * tiles the last row's store fell over the budget as soon as a program reached both branches.)
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
   * Stores the product of ROWS rows of A, row r being the {@code depth} floats from
   * {@code a[aOff + r·aRow]} on, and the packed COLS-wide panel of B at {@code bOff} (laid out by
   * {@link PanelPacker}), plus the ROWS×COLS tile at {@code from}/{@code fromOff} (rows
   * {@code fromLd} apart), into the tile of C at {@code cOff}. A's rows are read where they lie
   * when they run along k (NN, NT), else from rows packed contiguous: a unit step along k keeps
   * every index of the loop an offset plus the loop counter, which C2's range-check elimination
   * needs (a variable step left a check per load and cost a quarter of the speed). The tile added
   * is C's own to accumulate, or a tile of zeros to overwrite C without a zeroing pass: no branch,
   * so the inline tree stays within C2's budget.
   */
  static void multiplyAdd(int depth, float[] a, int aOff, int aRow, float[] packedB, int bOff,
      float[] from, int fromOff, int fromLd, float[] c, int cOff, int ldc) {
    FloatVector c00 = load(from, fromOff), c01 = load(from, fromOff + LANES);
    FloatVector c10 = load(from, fromOff + fromLd), c11 = load(from, fromOff + fromLd + LANES);
    FloatVector c20 = load(from, fromOff + 2 * fromLd), c21 = load(from, fromOff + 2 * fromLd + LANES);
    FloatVector c30 = load(from, fromOff + 3 * fromLd), c31 = load(from, fromOff + 3 * fromLd + LANES);
    FloatVector c40 = load(from, fromOff + 4 * fromLd), c41 = load(from, fromOff + 4 * fromLd + LANES);
    FloatVector c50 = load(from, fromOff + 5 * fromLd), c51 = load(from, fromOff + 5 * fromLd + LANES);
    int bi = bOff;
    int r0 = aOff, r1 = r0 + aRow, r2 = r1 + aRow, r3 = r2 + aRow, r4 = r3 + aRow, r5 = r4 + aRow;
    for (int p = 0; p < depth; p++, bi += COLS) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bi + LANES);
      FloatVector x = FloatVector.broadcast(SPECIES, a[r0 + p]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(SPECIES, a[r1 + p]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(SPECIES, a[r2 + p]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(SPECIES, a[r3 + p]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(SPECIES, a[r4 + p]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(SPECIES, a[r5 + p]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + LANES);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + LANES);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + LANES);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + LANES);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + LANES);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + LANES);
  }

  private static FloatVector load(float[] c, int at) {
    return FloatVector.fromArray(SPECIES, c, at);
  }
}
