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
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  /** Floats in a vector. */
  static final int LANES = SPECIES.length();

  /** The odd lanes. */
  private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(SPECIES, 0xAAAA_AAAA_AAAA_AAAAL);
  /** (v0, v0, v1, v1, ...) from (v0, v1, ...). */
  private static final VectorShuffle<Float> EACH_TWICE = VectorShuffle.fromOp(SPECIES, i -> i / 2);
  /** Even lanes to the low half, odd lanes to the high half. */
  private static final VectorShuffle<Float> HALVES_APART = VectorShuffle.fromOp(SPECIES, i -> i < LANES / 2 ? 2 * i : 2 * (i - LANES / 2) + 1);

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
    // out[o] = max(vertical[2o], vertical[2o + 1]), a vector of outputs from 2 LANES of the
    // stream: the even lanes take the pairs of the first LANES, the odd lanes (loaded a lane
    // before) those of the next, so one compare-free max and one rearrange give LANES outputs.
    // The last step moved back to end at the last output, recomputing a few with the same values.
    int last = c * oh * (covered / 2) - LANES;
    for (int o = 0; ; o += LANES) {
      o = Math.min(o, last);
      int s = 2 * o;
      FloatVector left = FloatVector.fromArray(SPECIES, vertical, s).blend(FloatVector.fromArray(SPECIES, vertical, s + LANES - 1), ODD_LANES);
      FloatVector right = FloatVector.fromArray(SPECIES, vertical, s + 1).blend(FloatVector.fromArray(SPECIES, vertical, s + LANES), ODD_LANES);
      left.lanewise(VectorOperators.MAX, right).rearrange(HALVES_APART).intoArray(a, out + o);
      if (o == last) break;
    }
  }

  /**
   * Whether {@link #max2Gradient} may run on an example: it loads from a float before the example's
   * x and up to a vector past its g and past the start of its last row.
   */
  static boolean gradientFits(float[] a, int x, int g, int c, int h, int w) {
    return x >= 1 && x + c * h * w + LANES + 1 <= a.length && g + c * (h / 2) * (w / 2) + LANES <= a.length;
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
    int pairs = c * oh;
    // Narrow rows write a whole vector from each row's start: the row pairs whose vector would
    // pass the example's end go to the scalar loop.
    int vectorPairs = pairs;
    while (covered < LANES && vectorPairs > 0 && rowOf(vectorPairs - 1, oh, h, w) + w + LANES > c * h * w) vectorPairs--;
    int chunks = covered < LANES ? 1 : (covered + LANES - 1) / LANES;
    int lastColumn = Math.max(covered - LANES, 0);
    int steps = vectorPairs * chunks;
    FloatVector zero = FloatVector.zero(SPECIES);
    VectorMask<Float> ungated = SPECIES.maskAll(!positiveOnly);
    // Two independent steps an iteration, straight-line; with an odd count the last step is done
    // twice, writing the same values. All loads first and all stores last: a bounds check with a
    // mask live at it makes C2 keep that mask as booleans too, for deoptimization.
    int oy = 0;       // of the next step's row pair, in its plane
    int row = 0;      // where that row pair starts in the example
    int q = 0;        // and its first g
    int chunk = 0;
    for (int s = 0; s < steps; s += 2) {
      int column = Math.min(chunk * LANES, lastColumn);
      int pA = row + column;
      int qA = q + column / 2;
      if (s + 1 < steps && ++chunk == chunks) {
        chunk = 0;
        row += ++oy < oh ? 2 * w : (h - 2 * oy + 2) * w;
        oy = oy < oh ? oy : 0;
        q += ow;
      }
      column = Math.min(chunk * LANES, lastColumn);
      int pB = row + column;
      int qB = q + column / 2;
      if (++chunk == chunks) {
        chunk = 0;
        row += ++oy < oh ? 2 * w : (h - 2 * oy + 2) * w;
        oy = oy < oh ? oy : 0;
        q += ow;
      }
      FloatVector topA = FloatVector.fromArray(SPECIES, a, x + pA);
      FloatVector bottomA = FloatVector.fromArray(SPECIES, a, x + pA + w);
      FloatVector topRightA = FloatVector.fromArray(SPECIES, a, x + pA + 1);
      FloatVector topLeftA = FloatVector.fromArray(SPECIES, a, x + pA - 1);
      FloatVector bottomRightA = FloatVector.fromArray(SPECIES, a, x + pA + w + 1);
      FloatVector bottomLeftA = FloatVector.fromArray(SPECIES, a, x + pA + w - 1);
      FloatVector shareA = FloatVector.fromArray(SPECIES, a, g + qA).rearrange(EACH_TWICE);
      FloatVector topB = FloatVector.fromArray(SPECIES, a, x + pB);
      FloatVector bottomB = FloatVector.fromArray(SPECIES, a, x + pB + w);
      FloatVector topRightB = FloatVector.fromArray(SPECIES, a, x + pB + 1);
      FloatVector topLeftB = FloatVector.fromArray(SPECIES, a, x + pB - 1);
      FloatVector bottomRightB = FloatVector.fromArray(SPECIES, a, x + pB + w + 1);
      FloatVector bottomLeftB = FloatVector.fromArray(SPECIES, a, x + pB + w - 1);
      FloatVector shareB = FloatVector.fromArray(SPECIES, a, g + qB).rearrange(EACH_TWICE);
      FloatVector topSwappedA = topRightA.blend(topLeftA, ODD_LANES);
      FloatVector bottomSwappedA = bottomRightA.blend(bottomLeftA, ODD_LANES);
      VectorMask<Float> topWinnerA = ODD_LANES.and(topA.compare(VectorOperators.GT, topSwappedA)).or(topSwappedA.compare(VectorOperators.GT, topA).or(ODD_LANES).not());
      VectorMask<Float> bottomWinnerA = ODD_LANES.and(bottomA.compare(VectorOperators.GT, bottomSwappedA)).or(bottomSwappedA.compare(VectorOperators.GT, bottomA).or(ODD_LANES).not());
      FloatVector topMaxA = topSwappedA.blend(topA, topWinnerA);
      FloatVector bottomMaxA = bottomSwappedA.blend(bottomA, bottomWinnerA);
      VectorMask<Float> bottomWinsA = bottomMaxA.compare(VectorOperators.GT, topMaxA);
      VectorMask<Float> passesA = topMaxA.blend(bottomMaxA, bottomWinsA).compare(VectorOperators.GT, zero).or(ungated);
      FloatVector topOutA = zero.blend(shareA, topWinnerA.andNot(bottomWinsA).and(passesA));
      FloatVector bottomOutA = zero.blend(shareA, bottomWinnerA.and(bottomWinsA).and(passesA));
      FloatVector topSwappedB = topRightB.blend(topLeftB, ODD_LANES);
      FloatVector bottomSwappedB = bottomRightB.blend(bottomLeftB, ODD_LANES);
      VectorMask<Float> topWinnerB = ODD_LANES.and(topB.compare(VectorOperators.GT, topSwappedB)).or(topSwappedB.compare(VectorOperators.GT, topB).or(ODD_LANES).not());
      VectorMask<Float> bottomWinnerB = ODD_LANES.and(bottomB.compare(VectorOperators.GT, bottomSwappedB)).or(bottomSwappedB.compare(VectorOperators.GT, bottomB).or(ODD_LANES).not());
      FloatVector topMaxB = topSwappedB.blend(topB, topWinnerB);
      FloatVector bottomMaxB = bottomSwappedB.blend(bottomB, bottomWinnerB);
      VectorMask<Float> bottomWinsB = bottomMaxB.compare(VectorOperators.GT, topMaxB);
      VectorMask<Float> passesB = topMaxB.blend(bottomMaxB, bottomWinsB).compare(VectorOperators.GT, zero).or(ungated);
      FloatVector topOutB = zero.blend(shareB, topWinnerB.andNot(bottomWinsB).and(passesB));
      FloatVector bottomOutB = zero.blend(shareB, bottomWinnerB.and(bottomWinsB).and(passesB));
      topOutA.intoArray(a, dx + pA);
      bottomOutA.intoArray(a, dx + pA + w);
      topOutB.intoArray(a, dx + pB);
      bottomOutB.intoArray(a, dx + pB + w);
    }
    for (int r = vectorPairs; r < pairs; r++) {
      int start = rowOf(r, oh, h, w);
      Pooling.max2GradientRow(a, x + start, w, ow, g + r * ow, dx + start, positiveOnly);
    }
  }

  /** Where row pair {@code r}'s top row starts in an example of planes h × w with oh row pairs each. */
  private static int rowOf(int r, int oh, int h, int w) {
    return (r / oh * h + r % oh * 2) * w;
  }





}
