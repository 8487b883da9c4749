package dev.nnc.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float 2×2 stride-2 max pool of one example [C, H, W] and its gradient, for {@link Pooling},
 * on the Vector API. The results are exactly those of Pooling's scalar loops, NaN included:
 * Math.max in the forward (as lanewise MAX is), the same comparisons in the gradient.
 *
 * <p>Only the preferred species, the one every other kernel uses. The JDK 17 C2 compiler turns
 * Vector API calls into vector instructions only when it knows each vector's class, and for many
 * it learns it from the type profile of call sites inside the library, which all kernels share: a
 * second vector size there makes them polymorphic, and the calls stay calls on boxed vectors, 50
 * to 100 times slower. Tried with 256- and 128-bit vectors beside the conv kernels' 512-bit ones,
 * it made the cnn_28 training step half again slower while the pools got faster. For the same
 * reason there is no reinterpretation, no vector is kept across a loop back-edge or passed to a
 * method, where it would be boxed, and a mask chosen at run time is made without a branch.
 *
 * <p>So a step takes a whole vector of columns, {@link #LANES}, which a row (28 or 14 columns in
 * the usual conv nets) need not hold. The forward therefore works in two passes over one example:
 * the vertical maxima of each row pair into a scratch array, rows end to end, so that the windows'
 * pairs lie in one stream; then each pair's maximum, two vectors of the stream at a time.
 */
final class VectorPooling {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Floats in a vector. */
  static final int LANES = SPECIES.length();

  /** Lanes 2i and 2i + 1 to lane i (mod LANES): a vector's pairs to its low half. */
  private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, i -> 2 * i % LANES);
  private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(SPECIES, i -> (2 * i + 1) % LANES);
  private static final VectorMask<Float> HIGH_HALF = VectorMask.fromLong(SPECIES, -1L << LANES / 2);
  /** The odd lanes. */
  private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(SPECIES, 0xAAAA_AAAA_AAAA_AAAAL);
  /** Each lane trades places with the other lane of its pair. */
  private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(SPECIES, i -> i ^ 1);
  /** (v0, v0, v1, v1, ...) from (v0, v1, ...). */
  private static final VectorShuffle<Float> EACH_TWICE = VectorShuffle.fromOp(SPECIES, i -> i / 2);

  private VectorPooling() {}

  /**
   * Whether these loops are worth running: vectors of at least 8 floats (AVX2, AVX-512). Narrower
   * preferred species are emulated in Java on some machines, far slower than the scalar loops.
   */
  static boolean usable() {
    return LANES >= 8;
  }

  /**
   * Whether {@link #max2} may run on an example at {@code x} with {@code pooled} outputs: at least
   * a vector of them, and the arena reaching a vector past the image, which its last row's loads
   * run into (values they read there are not used).
   */
  static boolean forwardFits(float[] a, int x, int c, int h, int w) {
    return c * (h / 2) * (w / 2) >= LANES && x + c * h * w + LANES <= a.length;
  }

  /** The pool of an example's c planes h × w at {@code x} into c planes (h/2) × (w/2) at {@code out}. */
  static void max2(float[] a, int x, int c, int h, int w, int out) {
    int oh = h / 2;
    int covered = w / 2 * 2;
    float[] vertical = ThreadScratch.floats(c * oh * covered + LANES);
    // Each row pair's vertical maxima, rows end to end; a vector's lanes past the row land where
    // the next row goes (which then overwrites them) or, for the last, in the padding.
    int v = 0;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = x + (ch * h + 2 * oy) * w;
        for (int j = 0; j < covered; j += LANES) {
          FloatVector top = FloatVector.fromArray(SPECIES, a, row + j);
          top.lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, a, row + w + j)).intoArray(vertical, v + j);
        }
        v += covered;
      }
    }
    // out[o] = max(vertical[2o], vertical[2o + 1]): from two vectors, the even and the odd lanes
    // each gathered into one, the first vector's in the low half; the last step moved back to end
    // at the last output, recomputing a few with the same values.
    int last = c * oh * (covered / 2) - LANES;
    for (int o = 0; ; o += LANES) {
      o = Math.min(o, last);
      FloatVector left = FloatVector.fromArray(SPECIES, vertical, 2 * o);
      FloatVector right = FloatVector.fromArray(SPECIES, vertical, 2 * o + LANES);
      FloatVector even = left.rearrange(EVEN).blend(right.rearrange(EVEN), HIGH_HALF);
      FloatVector odd = left.rearrange(ODD).blend(right.rearrange(ODD), HIGH_HALF);
      even.lanewise(VectorOperators.MAX, odd).intoArray(a, out + o);
      if (o == last) break;
    }
  }

  /** Whether {@link #max2Gradient} may read the example's g at {@code g}: it reads up to a vector past it. */
  static boolean gradientFits(float[] a, int g, int c, int h, int w) {
    return g + c * (h / 2) * (w / 2) + LANES <= a.length;
  }

  /**
   * The gradient of {@link #max2} into the example's dx at {@code dx}: each window's g at its first
   * maximum and 0 at its other three elements, or 0 throughout with {@code positiveOnly} unless
   * that maximum is > 0. What no window covers (an odd last row or column) may be left holding
   * anything: the caller zeroes it afterwards.
   *
   * <p>Rows of at least a vector of covered columns go a vector at a time, the last step moved
   * back to end at the last covered column. Narrower rows take one vector from the start of each
   * row; its lanes past the row write into later rows, which are written afterwards, row pair
   * after row pair. A row pair whose vector would reach past the example goes to the scalar loop.
   */
  static void max2Gradient(float[] a, int x, int c, int h, int w, int g, int dx, boolean positiveOnly) {
    int oh = h / 2;
    int ow = w / 2;
    int covered = 2 * ow;
    for (int ch = 0; ch < c; ch++) {
      for (int oy = 0; oy < oh; oy++) {
        int row = (ch * h + 2 * oy) * w;
        int gRow = g + (ch * oh + oy) * ow;
        if (covered >= LANES) {
          int last = covered - LANES;
          for (int j = 0; ; j += LANES) {
            j = Math.min(j, last);
            gradientStep(a, x + row + j, w, gRow + j / 2, dx + row + j, positiveOnly);
            if (j == last) break;
          }
        } else if (row + w + LANES <= c * h * w) {
          gradientStep(a, x + row, w, gRow, dx + row, positiveOnly);
        } else {
          Pooling.max2GradientRow(a, x + row, w, ow, gRow, dx + row, positiveOnly);
        }
      }
    }
  }

  /**
   * LANES / 2 windows from column {@code p} of a row pair. As in the scalar loop, a row's odd
   * column wins its pair only when greater than the even one, and the bottom row's winner wins the
   * window only when greater than the top's. With each pair swapped beside itself, every lane sees
   * its pair's (even, odd) values and all tests are lanewise.
   */
  private static void gradientStep(float[] a, int p, int w, int g, int dx, boolean positiveOnly) {
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector top = FloatVector.fromArray(SPECIES, a, p);
    FloatVector bottom = FloatVector.fromArray(SPECIES, a, p + w);
    FloatVector topSwapped = top.rearrange(SWAP_PAIRS);
    FloatVector bottomSwapped = bottom.rearrange(SWAP_PAIRS);
    // In both lanes of a pair: whether its odd column is greater than its even one.
    VectorMask<Float> topOddWins = topSwapped.blend(top, ODD_LANES).compare(VectorOperators.GT, top.blend(topSwapped, ODD_LANES));
    VectorMask<Float> bottomOddWins = bottomSwapped.blend(bottom, ODD_LANES).compare(VectorOperators.GT, bottom.blend(bottomSwapped, ODD_LANES));
    // The lanes that hold their row's winner, and in both lanes of a pair the winner's value.
    VectorMask<Float> topWinner = topOddWins.eq(ODD_LANES);
    VectorMask<Float> bottomWinner = bottomOddWins.eq(ODD_LANES);
    FloatVector topMax = topSwapped.blend(top, topWinner);
    FloatVector bottomMax = bottomSwapped.blend(bottom, bottomWinner);
    VectorMask<Float> bottomWins = bottomMax.compare(VectorOperators.GT, topMax);
    VectorMask<Float> passes = topMax.blend(bottomMax, bottomWins).compare(VectorOperators.GT, zero).or(SPECIES.maskAll(!positiveOnly));
    FloatVector share = FloatVector.fromArray(SPECIES, a, g).rearrange(EACH_TWICE);
    zero.blend(share, topWinner.and(bottomWins.not()).and(passes)).intoArray(a, dx);
    zero.blend(share, bottomWinner.and(bottomWins).and(passes)).intoArray(a, dx + w);
  }
}
