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
 * the usual conv nets) need not hold: where a step's vectors start is worked out per shape in
 * {@link PoolSteps}, and its lanes past a row hold values that a later step overwrites.
 *
 * <p>What C2 in JDK 17 makes of these loops, read in its disassembly, and what the loops do about
 * it (the cnn_28 pools went from 0.2-0.5 ns to 0.1-0.3 ns an input element):
 * <ul>
 *   <li>a mask is a vector of all-ones lanes, made from a compare's mask register and turned
 *       back into one for each blend, so every compare and blend costs two instructions; logic on
 *       masks (and, or, not) becomes one three-input instruction and is cheap;</li>
 *   <li>a bounds check (one per load and store) with a mask live at it makes C2 keep a boolean
 *       copy of the mask for deoptimization, computed eagerly: so each loop body does all its
 *       loads, then the arithmetic, then all its stores;</li>
 *   <li>each rearrange checks its shuffle's indexes with a branch, which is shared by the
 *       rearranges of one body when no store comes between them, and then costs little: a pair's
 *       partner is a rearrange rather than two more loads;</li>
 *   <li>mask logic only through the methods the mask class defines itself (and, or, not):
 *       {@code andNot} and {@code eq} are AbstractMask's, whose {@code m.not()} is a call site
 *       shared with every other user of the library; when its profile saw another mask class, C2
 *       left it a call and boxed the masks, 260 kB a cnn_28 step at batch 8, in one run of
 *       three (AllocationTest);</li>
 *   <li>row, column and chunk counters spill registers the vectors need, so the steps' offsets
 *       come from a table; two steps a body let one's arithmetic overlap the other's loads, while
 *       four made the body too big for C2, which then boxed vectors and ran 6 times slower.</li>
 * </ul>
 */
final class VectorPooling {
  private static final VectorSpecies<Float> SPECIES = VectorMicroKernel.SPECIES;
  /** Floats in a vector. */
  static final int LANES = SPECIES.length();

  /** The odd lanes. */
  private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(SPECIES, 0xAAAA_AAAA_AAAA_AAAAL);
  /** Each lane trades places with the other lane of its pair. */
  private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(SPECIES, i -> i ^ 1);
  /** (v0, v0, v1, v1, ...) from (v0, v1, ...). */
  private static final VectorShuffle<Float> EACH_TWICE = VectorShuffle.fromOp(SPECIES, i -> i / 2);
  /**
   * {@code SPLIT_AT[k]}: the first k even lanes to lanes 0 to k - 1, then the odd lanes from lane
   * k on (lanes past both: any), for the forward's zipped maxima.
   */
  private static final VectorShuffle<Float>[] SPLIT_AT = splits();

  private VectorPooling() {}

  @SuppressWarnings("unchecked")
  private static VectorShuffle<Float>[] splits() {
    VectorShuffle<Float>[] splits = new VectorShuffle[LANES / 2 + 1];
    for (int k = 0; k <= LANES / 2; k++) {
      int at = k;
      splits[k] = VectorShuffle.fromOp(SPECIES, i -> i < at ? 2 * i : Math.min(2 * (i - at) + 1, LANES - 1));
    }
    return splits;
  }

  /**
   * Whether these loops are worth running: vectors of at least 8 floats (AVX2, AVX-512). Narrower
   * preferred species are emulated in Java on some machines, far slower than the scalar loops.
   */
  static boolean usable() {
    return LANES >= 8;
  }

  /**
   * Whether {@link #max2} may run on an example at {@code x}: it has outputs, and the arena reaches
   * a vector past the image, which the last steps' loads run into (values they read there are not
   * used).
   */
  static boolean forwardFits(float[] a, int x, int c, int h, int w) {
    return c > 0 && h >= 2 && w >= 2 && x + c * h * w + LANES <= a.length;
  }

  /**
   * The pool of an example's c planes h × w at {@code x} into c planes (h/2) × (w/2) at {@code out}:
   * {@code steps} are {@link PoolSteps#forward}'s for its shape, {@code tail} a scratch vector for
   * the steps that would pass the example's outputs. A vector of outputs a step: two groups of
   * LANES / 2 windows, each from a vector of its top and bottom rows; the vertical maxima, each
   * group's pairs zipped into even and odd lanes (one group's swapped), their maxima, and one
   * rearrange into output order.
   */
  static void max2(float[] a, PoolSteps steps, float[] tail, int x, int w, int out) {
    int[] at = steps.at;
    VectorShuffle<Float> order = SPLIT_AT[steps.split];
    // Two steps an iteration, all loads first and all stores last (see max2Gradient).
    for (int s = 0; s < steps.length; s += 8) {
      int firstA = x + at[s + 0];
      int secondA = x + at[s + 1];
      FloatVector oneA = FloatVector.fromArray(SPECIES, a, firstA).lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, a, firstA + w));
      FloatVector twoA = FloatVector.fromArray(SPECIES, a, secondA).lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, a, secondA + w));
      int firstB = x + at[s + 4];
      int secondB = x + at[s + 5];
      FloatVector oneB = FloatVector.fromArray(SPECIES, a, firstB).lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, a, firstB + w));
      FloatVector twoB = FloatVector.fromArray(SPECIES, a, secondB).lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, a, secondB + w));
      // lane 2i: group one's window i, lane 2i + 1: group two's window i
      FloatVector leftA = oneA.blend(twoA.rearrange(SWAP_PAIRS), ODD_LANES);
      FloatVector rightA = oneA.rearrange(SWAP_PAIRS).blend(twoA, ODD_LANES);
      FloatVector pooledA = leftA.lanewise(VectorOperators.MAX, rightA).rearrange(order);
      FloatVector leftB = oneB.blend(twoB.rearrange(SWAP_PAIRS), ODD_LANES);
      FloatVector rightB = oneB.rearrange(SWAP_PAIRS).blend(twoB, ODD_LANES);
      FloatVector pooledB = leftB.lanewise(VectorOperators.MAX, rightB).rearrange(order);
      int oA = out + at[s + 2];
      int copyA = at[s + 3];
      pooledA.intoArray(copyA == 0 ? a : tail, copyA == 0 ? oA : 0);
      if (copyA != 0) System.arraycopy(tail, 0, a, oA, copyA);
      int oB = out + at[s + 6];
      int copyB = at[s + 7];
      pooledB.intoArray(copyB == 0 ? a : tail, copyB == 0 ? oB : 0);
      if (copyB != 0) System.arraycopy(tail, 0, a, oB, copyB);
    }
  }

  /** Whether {@link #max2Gradient} may read the example's g at {@code g}: it reads up to a vector past it. */
  static boolean gradientFits(float[] a, int g, int c, int h, int w) {
    return g + c * (h / 2) * (w / 2) + LANES <= a.length;
  }

  /**
   * The gradient of {@link #max2} into the example's dx at {@code dx} ({@code steps} are
   * {@link PoolSteps#gradient}'s for its shape): each window's g at its first maximum and 0 at its
   * other three elements, or 0 throughout with {@code positiveOnly} unless that maximum is > 0.
   * What no window covers (an odd last row or column) may be left holding anything: the caller
   * zeroes it afterwards.
   *
   * <p>A step ({@link PoolSteps#gradient}) is LANES columns of a row pair, a lane a column, each
   * lane next to its pair's other column, the same comparisons as the scalar loop made lanewise: a
   * row's odd column wins its pair only when greater than the even one (so an even lane holds its
   * row's winner unless its partner is greater, an odd lane when it is greater than its partner),
   * and the bottom row's winner wins the window only when greater than the top's. The row pairs
   * at an example's end whose narrow rows' vectors would pass it go to the scalar loop.
   */
  static void max2Gradient(float[] a, PoolSteps steps, int x, int c, int h, int w, int g, int dx, boolean positiveOnly) {
    int[] at = steps.at;
    FloatVector zero = FloatVector.zero(SPECIES);
    VectorMask<Float> ungated = SPECIES.maskAll(!positiveOnly);
    // Two independent steps an iteration, straight-line. All loads first and all stores last: a
    // bounds check with a mask live at it makes C2 keep that mask as booleans too, for
    // deoptimization.
    for (int s = 0; s < steps.length; s += 4) {
      int pA = at[s];
      int qA = at[s + 1];
      int pB = at[s + 2];
      int qB = at[s + 3];
      FloatVector topA = FloatVector.fromArray(SPECIES, a, x + pA);
      FloatVector bottomA = FloatVector.fromArray(SPECIES, a, x + pA + w);
      FloatVector shareA = FloatVector.fromArray(SPECIES, a, g + qA).rearrange(EACH_TWICE);
      FloatVector topB = FloatVector.fromArray(SPECIES, a, x + pB);
      FloatVector bottomB = FloatVector.fromArray(SPECIES, a, x + pB + w);
      FloatVector shareB = FloatVector.fromArray(SPECIES, a, g + qB).rearrange(EACH_TWICE);
      FloatVector topSwappedA = topA.rearrange(SWAP_PAIRS);
      FloatVector bottomSwappedA = bottomA.rearrange(SWAP_PAIRS);
      VectorMask<Float> topWinnerA = ODD_LANES.and(topA.compare(VectorOperators.GT, topSwappedA)).or(topSwappedA.compare(VectorOperators.GT, topA).or(ODD_LANES).not());
      VectorMask<Float> bottomWinnerA = ODD_LANES.and(bottomA.compare(VectorOperators.GT, bottomSwappedA)).or(bottomSwappedA.compare(VectorOperators.GT, bottomA).or(ODD_LANES).not());
      FloatVector topMaxA = topSwappedA.blend(topA, topWinnerA);
      FloatVector bottomMaxA = bottomSwappedA.blend(bottomA, bottomWinnerA);
      VectorMask<Float> bottomWinsA = bottomMaxA.compare(VectorOperators.GT, topMaxA);
      VectorMask<Float> passesA = topMaxA.blend(bottomMaxA, bottomWinsA).compare(VectorOperators.GT, zero).or(ungated);
      FloatVector topOutA = zero.blend(shareA, topWinnerA.and(bottomWinsA.not()).and(passesA));
      FloatVector bottomOutA = zero.blend(shareA, bottomWinnerA.and(bottomWinsA).and(passesA));
      FloatVector topSwappedB = topB.rearrange(SWAP_PAIRS);
      FloatVector bottomSwappedB = bottomB.rearrange(SWAP_PAIRS);
      VectorMask<Float> topWinnerB = ODD_LANES.and(topB.compare(VectorOperators.GT, topSwappedB)).or(topSwappedB.compare(VectorOperators.GT, topB).or(ODD_LANES).not());
      VectorMask<Float> bottomWinnerB = ODD_LANES.and(bottomB.compare(VectorOperators.GT, bottomSwappedB)).or(bottomSwappedB.compare(VectorOperators.GT, bottomB).or(ODD_LANES).not());
      FloatVector topMaxB = topSwappedB.blend(topB, topWinnerB);
      FloatVector bottomMaxB = bottomSwappedB.blend(bottomB, bottomWinnerB);
      VectorMask<Float> bottomWinsB = bottomMaxB.compare(VectorOperators.GT, topMaxB);
      VectorMask<Float> passesB = topMaxB.blend(bottomMaxB, bottomWinsB).compare(VectorOperators.GT, zero).or(ungated);
      FloatVector topOutB = zero.blend(shareB, topWinnerB.and(bottomWinsB.not()).and(passesB));
      FloatVector bottomOutB = zero.blend(shareB, bottomWinnerB.and(bottomWinsB).and(passesB));
      topOutA.intoArray(a, dx + pA);
      bottomOutA.intoArray(a, dx + pA + w);
      topOutB.intoArray(a, dx + pB);
      bottomOutB.intoArray(a, dx + pB + w);
    }
    int ow = w / 2;
    for (int r = steps.vectorPairs; r < c * (h / 2); r++) {
      int start = PoolSteps.rowOf(r, h, w);
      Pooling.max2GradientRow(a, x + start, w, ow, g + r * ow, dx + start, positiveOnly);
    }
  }
}
