package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Convolution with stride 1 read straight from zero-padded planes, with no im2col columns. One
 * example's input is copied into a block of padded planes [C, Hp, Wp]; the output is computed on
 * a "wide" grid of Wp columns per row, position q = oy·Wp + ox, of which the first ow columns are
 * real and the rest are discarded. Kernel tap (c, i, j) then reads the input elements
 * {@code c·Hp·Wp + i·Wp + j + q}: consecutive positions are consecutive inputs, so every tap is a
 * row of vectors at an offset, which is what im2col would have copied out. The wide grid computes
 * Wp − ow spare columns per row (14 % more arithmetic for 14×14 images with pad 1); building and
 * reading the columns cost a third of a convolution's time.
 *
 * <p>Tiles are 4 output channels × 4 vectors of positions: sixteen accumulators fed per tap by
 * four vector loads and four broadcasts, as in {@link VectorRowKernel}; like it, each tile method
 * is one straight path so that C2 keeps the vectors in registers.
 */
final class VectorDirectConv {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  static final int LANES = SPECIES.length();
  private static final int WIDE = 4 * LANES;

  private VectorDirectConv() {}

  /** Rows come in groups of four: callers pad them to a multiple with zero rows. */
  static final int GROUP = 4;

  /** The wide grid's length for {@code rows} output rows of {@code wp} columns: whole tiles, or a half one at the end. */
  static int wideLength(int rows, int wp) {
    return (rows * wp + HALF - 1) / HALF * HALF;
  }

  private static final int HALF = WIDE / 2;

  /**
   * Padded planes are read past their end by up to this many elements (the last tile of the wide
   * grid, shifted by the last tap): a block must have them, zeroed.
   */
  static int slack(int kw) {
    return WIDE + kw;
  }

  /**
   * out[f·ldo + q] = Σ over taps t = (c, i, j) of k[kOff + f·taps + t] · xp[xpOff + c·plane + i·wp + j + q]
   * for f < m (a multiple of {@link #GROUP}) and q < n (a {@link #wideLength}), taps = cin·kh·kw.
   * Only whole tiles: a tail tile of fewer rows or vectors, in a method of its own, was not kept
   * in registers by C2 and cost as much as the rest of the product.
   */
  static void forward(int m, int n, float[] k, int kOff, int cin, int kh, int kw, float[] xp, int xpOff, int plane, int wp,
      float[] out, int outOff, int ldo) {
    int taps = cin * kh * kw;
    int whole = n - n % WIDE;
    for (int q = 0; q < whole; q += WIDE) {
      for (int f = 0; f < m; f += GROUP) tile4(k, kOff + f * taps, taps, kh, kw, xp, xpOff + q, plane, wp, out, outOff + f * ldo + q, ldo);
    }
    if (whole < n) {
      for (int f = 0; f < m; f += GROUP) half4(k, kOff + f * taps, taps, kh, kw, xp, xpOff + whole, plane, wp, out, outOff + f * ldo + whole, ldo);
    }
  }

  private static void tile4(float[] k, int a0, int taps, int kh, int kw, float[] xp, int b0, int plane, int wp,
      float[] out, int c0, int ldo) {
    FloatVector s00 = FloatVector.zero(SPECIES);
    FloatVector s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
    FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
    int a1 = a0 + taps, a2 = a1 + taps, a3 = a2 + taps;
    Taps tap = new Taps(b0, kh, kw, plane, wp);
    for (int t = 0; t < taps; t++) {
      int bp = tap.next();
      FloatVector x0 = load(xp, bp), x1 = load(xp, bp + LANES), x2 = load(xp, bp + 2 * LANES), x3 = load(xp, bp + 3 * LANES);
      FloatVector w = FloatVector.broadcast(SPECIES, k[a0 + t]);
      s00 = x0.fma(w, s00); s01 = x1.fma(w, s01); s02 = x2.fma(w, s02); s03 = x3.fma(w, s03);
      w = FloatVector.broadcast(SPECIES, k[a1 + t]);
      s10 = x0.fma(w, s10); s11 = x1.fma(w, s11); s12 = x2.fma(w, s12); s13 = x3.fma(w, s13);
      w = FloatVector.broadcast(SPECIES, k[a2 + t]);
      s20 = x0.fma(w, s20); s21 = x1.fma(w, s21); s22 = x2.fma(w, s22); s23 = x3.fma(w, s23);
      w = FloatVector.broadcast(SPECIES, k[a3 + t]);
      s30 = x0.fma(w, s30); s31 = x1.fma(w, s31); s32 = x2.fma(w, s32); s33 = x3.fma(w, s33);
    }
    int c1 = c0 + ldo, c2 = c1 + ldo, c3 = c2 + ldo;
    s00.intoArray(out, c0); s01.intoArray(out, c0 + LANES); s02.intoArray(out, c0 + 2 * LANES); s03.intoArray(out, c0 + 3 * LANES);
    s10.intoArray(out, c1); s11.intoArray(out, c1 + LANES); s12.intoArray(out, c1 + 2 * LANES); s13.intoArray(out, c1 + 3 * LANES);
    s20.intoArray(out, c2); s21.intoArray(out, c2 + LANES); s22.intoArray(out, c2 + 2 * LANES); s23.intoArray(out, c2 + 3 * LANES);
    s30.intoArray(out, c3); s31.intoArray(out, c3 + LANES); s32.intoArray(out, c3 + 2 * LANES); s33.intoArray(out, c3 + 3 * LANES);
  }

  /** The last half tile: 4 rows × 2 vectors (14×14 planes padded to 16 wide are 3½ tiles). */
  private static void half4(float[] k, int a0, int taps, int kh, int kw, float[] xp, int b0, int plane, int wp,
      float[] out, int c0, int ldo) {
    FloatVector s00 = FloatVector.zero(SPECIES);
    FloatVector s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
    int a1 = a0 + taps, a2 = a1 + taps, a3 = a2 + taps;
    Taps tap = new Taps(b0, kh, kw, plane, wp);
    for (int t = 0; t < taps; t++) {
      int bp = tap.next();
      FloatVector x0 = load(xp, bp), x1 = load(xp, bp + LANES);
      FloatVector w = FloatVector.broadcast(SPECIES, k[a0 + t]);
      s00 = x0.fma(w, s00); s01 = x1.fma(w, s01);
      w = FloatVector.broadcast(SPECIES, k[a1 + t]);
      s10 = x0.fma(w, s10); s11 = x1.fma(w, s11);
      w = FloatVector.broadcast(SPECIES, k[a2 + t]);
      s20 = x0.fma(w, s20); s21 = x1.fma(w, s21);
      w = FloatVector.broadcast(SPECIES, k[a3 + t]);
      s30 = x0.fma(w, s30); s31 = x1.fma(w, s31);
    }
    int c1 = c0 + ldo, c2 = c1 + ldo, c3 = c2 + ldo;
    s00.intoArray(out, c0); s01.intoArray(out, c0 + LANES);
    s10.intoArray(out, c1); s11.intoArray(out, c1 + LANES);
    s20.intoArray(out, c2); s21.intoArray(out, c2 + LANES);
    s30.intoArray(out, c3); s31.intoArray(out, c3 + LANES);
  }

  /**
   * The start of each tap in turn, (c, i, j) in row-major order, by steps instead of divisions.
   * One loop over the taps, not three nested ones: C2 keeps the accumulators of a single loop in
   * registers, but boxed them on the heap across nested loops (a step took 4× longer).
   */
  private static final class Taps {
    private final int kh, kw, nextRow, nextPlane;
    private int at, i, j;

    Taps(int start, int kh, int kw, int plane, int wp) {
      this.kh = kh;
      this.kw = kw;
      this.nextRow = wp - kw + 1;
      this.nextPlane = plane - (kh - 1) * wp - kw + 1;
      this.at = start;
    }

    /** The current tap's start; then moves to the next tap. */
    int next() {
      int here = at;
      if (++j < kw) {
        at++;
      } else if (++i < kh) {
        j = 0;
        at += nextRow;
      } else {
        j = 0;
        i = 0;
        at += nextPlane;
      }
      return here;
    }
  }

  /**
   * to[dst + i] = from[at + i] for i < length, two separate arrays or ranges. Rows here are tens
   * of elements: copied a vector at a time, the last vector ending at the row's end (it rewrites a
   * few elements with the same values), where a plain loop or System.arraycopy took longer than
   * the convolution between the copies. A row shorter than a vector is copied as one whole vector
   * when it may {@code spill}: write past its end, into elements the caller rewrites afterwards
   * (from may then be read past the row's end too).
   */
  static void copyRow(float[] from, int at, float[] to, int dst, int length, boolean spill) {
    if (length < LANES) {
      if (spill) load(from, at).intoArray(to, dst);
      else for (int i = 0; i < length; i++) to[dst + i] = from[at + i];
      return;
    }
    int i = 0;
    for (; i + LANES <= length; i += LANES) load(from, at + i).intoArray(to, dst + i);
    if (i < length) load(from, at + length - LANES).intoArray(to, dst + length - LANES);
  }

  /**
   * {@link #copyRow} into a block whose elements around the row are zeros: what a spilling vector
   * wrote past the row's end is zeroed again (it lands in the padding, or in rows the caller
   * copies later, which rewrite it).
   */
  static void copyRowIntoZeros(float[] from, int at, float[] to, int dst, int length, boolean spill) {
    copyRow(from, at, to, dst, length, spill);
    if (spill) for (int i = length; i < LANES; i++) to[dst + i] = 0;
  }

  /** The same, adding b to each element and then, when asked, applying relu: a conv layer's epilogue. */
  static void copyRow(float[] from, int at, float[] to, int dst, int length, boolean spill, float b, boolean relu) {
    FloatVector bias = FloatVector.broadcast(SPECIES, b);
    FloatVector floor = FloatVector.broadcast(SPECIES, relu ? 0 : Float.NEGATIVE_INFINITY);
    if (length < LANES) {
      if (spill) load(from, at).add(bias).max(floor).intoArray(to, dst);
      else for (int i = 0; i < length; i++) to[dst + i] = relu ? Math.max(from[at + i] + b, 0) : from[at + i] + b;
      return;
    }
    int i = 0;
    for (; i + LANES <= length; i += LANES) load(from, at + i).add(bias).max(floor).intoArray(to, dst + i);
    if (i < length) load(from, at + length - LANES).add(bias).max(floor).intoArray(to, dst + length - LANES);
  }

  private static FloatVector load(float[] array, int at) {
    return FloatVector.fromArray(SPECIES, array, at);
  }
}
