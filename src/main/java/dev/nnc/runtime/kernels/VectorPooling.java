package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float 2×2 stride-2 max pool of one example [C, H, W] and its gradient, for {@link Pooling},
 * on the Vector API: each row pair of the input (rows {@code row} and {@code row + w}) in steps of
 * 16 or 8 columns, the last step moved back to end at the last covered column. It recomputes a
 * few windows already stored, with the same values, which costs less than a scalar tail. The
 * results are exactly those of {@link Pooling}'s scalar loops, NaN included: Math.max in the
 * forward (as lanewise MAX is), the same comparisons in the gradient.
 *
 * <p>Written for what the JDK 17 C2 compiler turns into vector instructions reliably. It must know
 * each vector's class; it knows it for the results of blend, rearrange, compare and lanewise, but
 * not for loaded vectors or the results of reinterpretShape and convertShape. Calls on those
 * dispatch inside the library at call sites that every user of the API shares, and once other
 * kernels have used other vector sizes there, they stay calls on boxed vectors, 50 to 100 times
 * slower, for good. So: float vectors of 256 and 128 bits only, loaded vectors used as receivers
 * only at this class's own call sites (whose profiles see one class each), no reinterpretation, and
 * no vector kept across a loop back-edge or passed to a helper, where it would be boxed.
 */
final class VectorPooling {
  private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
  private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;

  /** Lanes 2i of 8 (or 4) to lane i of the low half; lanes 2i + 1 likewise. */
  private static final VectorShuffle<Float> EVEN_8 = VectorShuffle.fromOp(F256, i -> 2 * i % 8);
  private static final VectorShuffle<Float> ODD_8 = VectorShuffle.fromOp(F256, i -> (2 * i + 1) % 8);
  private static final VectorShuffle<Float> EVEN_4 = VectorShuffle.fromOp(F128, i -> 2 * i % 4);
  private static final VectorShuffle<Float> ODD_4 = VectorShuffle.fromOp(F128, i -> (2 * i + 1) % 4);
  private static final VectorMask<Float> HIGH_HALF_8 = VectorMask.fromLong(F256, 0b1111_0000);
  private static final VectorMask<Float> HIGH_HALF_4 = VectorMask.fromLong(F128, 0b1100);

  /** The odd columns of 8. */
  private static final VectorMask<Float> ODD = VectorMask.fromLong(F256, 0b1010_1010);
  /** Each column trades places with its window's other column in the same row. */
  private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(F256, i -> i ^ 1);
  /** (g0, g0, g1, g1, g2, g2, g3, g3) from (g0, g1, g2, g3, ...). */
  private static final VectorShuffle<Float> EACH_TWICE = VectorShuffle.fromOp(F256, i -> i / 2);

  /** Covered columns (2 · (w / 2)) a row needs for the vector loops. */
  static final int MIN_COLUMNS = 8;

  private VectorPooling() {}

  /**
   * Whether the hardware runs 256-bit vectors; on narrower ones the species used here would fall
   * back to the Vector API's Java implementation, far slower than the scalar loops.
   */
  static boolean usable() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
  }

  /** The pool of an example's c planes h × w at {@code x} into c planes (h/2) × (w/2) at {@code out}. */
  static void max2(float[] a, int x, int c, int h, int w, int out) {
    if (w / 2 * 2 >= 16) max2By16(a, x, c, h, w, out);
    else max2By8(a, x, c, h, w, out);
  }

  /**
   * 16 columns, 8 windows, a step: two vectors of vertical maxima, whose even and odd columns are
   * gathered into one vector each (the left's in the low half, the right's in the high half).
   */
  private static void max2By16(float[] a, int x, int c, int h, int w, int out) {
    int oh = h / 2;
    int ow = w / 2;
    int last = 2 * ow - 16;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = x + (ch * h + 2 * oy) * w;
        int o = out + (ch * oh + oy) * ow;
        for (int j = 0; ; j += 16) {
          j = Math.min(j, last);
          FloatVector left = FloatVector.fromArray(F256, a, row + j).lanewise(VectorOperators.MAX, FloatVector.fromArray(F256, a, row + w + j));
          FloatVector right = FloatVector.fromArray(F256, a, row + j + 8).lanewise(VectorOperators.MAX, FloatVector.fromArray(F256, a, row + w + j + 8));
          FloatVector even = left.rearrange(EVEN_8).blend(right.rearrange(EVEN_8), HIGH_HALF_8);
          FloatVector odd = left.rearrange(ODD_8).blend(right.rearrange(ODD_8), HIGH_HALF_8);
          even.lanewise(VectorOperators.MAX, odd).intoArray(a, o + j / 2);
          if (j == last) break;
        }
      }
    }
  }

  /** {@link #max2By16} with 128-bit vectors, for rows of 8 to 15 covered columns. */
  private static void max2By8(float[] a, int x, int c, int h, int w, int out) {
    int oh = h / 2;
    int ow = w / 2;
    int last = 2 * ow - 8;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = x + (ch * h + 2 * oy) * w;
        int o = out + (ch * oh + oy) * ow;
        for (int j = 0; ; j += 8) {
          j = Math.min(j, last);
          FloatVector left = FloatVector.fromArray(F128, a, row + j).lanewise(VectorOperators.MAX, FloatVector.fromArray(F128, a, row + w + j));
          FloatVector right = FloatVector.fromArray(F128, a, row + j + 4).lanewise(VectorOperators.MAX, FloatVector.fromArray(F128, a, row + w + j + 4));
          FloatVector even = left.rearrange(EVEN_4).blend(right.rearrange(EVEN_4), HIGH_HALF_4);
          FloatVector odd = left.rearrange(ODD_4).blend(right.rearrange(ODD_4), HIGH_HALF_4);
          even.lanewise(VectorOperators.MAX, odd).intoArray(a, o + j / 2);
          if (j == last) break;
        }
      }
    }
  }

  /** Whether {@link #max2Gradient} may read its g: it reads 4 floats past the end. */
  static boolean gradientFits(float[] a, int g, int c, int h, int w) {
    return g + c * (h / 2) * (w / 2) + 4 <= a.length;
  }

  /**
   * The gradient of {@link #max2} into the example's dx at {@code dx}: each window's g at its first
   * maximum and 0 at its other three elements, or 0 throughout with {@code positiveOnly} unless
   * that maximum is > 0. What no window covers (an odd last row or column) is left alone.
   *
   * <p>As in the scalar loop, a row's odd column wins its pair only when greater than the even one,
   * and the bottom row's winner wins the window only when greater than the top's. With each pair
   * swapped beside itself, every lane sees its pair's (even, odd) values and all tests are lanewise.
   * A step's 4 g are read as a vector of 8 (hence {@link #gradientFits}) and spread to their windows.
   */
  static void max2Gradient(float[] a, int x, int c, int h, int w, int g, int dx, boolean positiveOnly) {
    int oh = h / 2;
    int ow = w / 2;
    int last = 2 * ow - 8;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = (ch * h + 2 * oy) * w;
        int gRow = g + (ch * oh + oy) * ow;
        for (int j = 0; ; j += 8) {
          j = Math.min(j, last);
          FloatVector zero = FloatVector.zero(F256);
          FloatVector top = FloatVector.fromArray(F256, a, x + row + j);
          FloatVector bottom = FloatVector.fromArray(F256, a, x + row + w + j);
          FloatVector topSwapped = top.rearrange(SWAP_PAIRS);
          FloatVector bottomSwapped = bottom.rearrange(SWAP_PAIRS);
          // In both lanes of a pair: whether its odd column is greater than its even one.
          VectorMask<Float> topOddWins = topSwapped.blend(top, ODD).compare(VectorOperators.GT, top.blend(topSwapped, ODD));
          VectorMask<Float> bottomOddWins = bottomSwapped.blend(bottom, ODD).compare(VectorOperators.GT, bottom.blend(bottomSwapped, ODD));
          // The lanes that hold their row's winner, and in both lanes of a pair the winner's value.
          VectorMask<Float> topWinner = topOddWins.eq(ODD);
          VectorMask<Float> bottomWinner = bottomOddWins.eq(ODD);
          FloatVector topMax = topSwapped.blend(top, topWinner);
          FloatVector bottomMax = bottomSwapped.blend(bottom, bottomWinner);
          VectorMask<Float> bottomWins = bottomMax.compare(VectorOperators.GT, topMax);
          // A mask, not a branch: vectors chosen by a branch are boxed where the paths meet.
          VectorMask<Float> passes = topMax.blend(bottomMax, bottomWins).compare(VectorOperators.GT, zero).or(F256.maskAll(!positiveOnly));
          FloatVector share = FloatVector.fromArray(F256, a, gRow + j / 2).rearrange(EACH_TWICE);
          zero.blend(share, topWinner.and(bottomWins.not()).and(passes)).intoArray(a, dx + row + j);
          zero.blend(share, bottomWinner.and(bottomWins).and(passes)).intoArray(a, dx + row + w + j);
          if (j == last) break;
        }
      }
    }
  }
}
