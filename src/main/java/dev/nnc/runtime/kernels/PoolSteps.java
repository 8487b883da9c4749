package dev.nnc.runtime.kernels;

/**
 * Where {@link VectorPooling}'s vector steps start in an example of one shape [c, h, w], worked
 * out once per thread and shape rather than per example: the kernels' loops then read a step's
 * offsets from a table instead of keeping row, column and chunk counters in registers they need
 * for vectors. One table per thread for the forward and one for the gradient, made again when the
 * shape changes (a new array only when it grows), so a training step allocates nothing.
 */
final class PoolSteps {
  private static final int LANES = VectorPooling.LANES;
  private static final ThreadLocal<PoolSteps> FORWARD = ThreadLocal.withInitial(PoolSteps::new);
  private static final ThreadLocal<PoolSteps> GRADIENT = ThreadLocal.withInitial(PoolSteps::new);

  private int c = -1, h, w;
  /** Ints of {@link #at} in use. */
  int length;
  /** Forward: where the odd lanes' windows start in a vector of outputs (VectorPooling.SPLIT_AT). */
  int split;
  /** Gradient: the row pairs the vector steps cover, the first ones; the rest are the scalar loop's. */
  int vectorPairs;
  int[] at = new int[0];

  private PoolSteps() {}

  /**
   * The forward's steps, a vector of outputs each, four ints a step: where its two groups of
   * LANES / 2 windows start (their top-left elements, from the example's start), where its
   * outputs go (from the example's first output), and 0 to store the vector there or, when it
   * would reach past the example's last output, how many of its outputs to copy there.
   *
   * <p>Rows of at least LANES windows take a vector per LANES windows, the last moved back to end
   * at the row's end; rows of at least LANES / 2 windows a vector a row pair (lanes past the row
   * then hold values that the next step's store overwrites); narrower ones a vector per two row pairs.
   */
  static PoolSteps forward(int c, int h, int w) {
    PoolSteps steps = FORWARD.get();
    if (!steps.isFor(c, h, w)) steps.makeForward(c, h, w);
    return steps;
  }

  /**
   * The gradient's steps, LANES columns of a row pair each, two ints a step: where its first column
   * starts in the row pair's top row and where its windows' first g is (from the example's starts),
   * their count even (the last step repeated: done twice, it writes the same values). Rows of at
   * least LANES columns take several steps, the last moved back to end at the last covered column;
   * narrower rows one vector from each row's start, whose lanes past the row write into later rows,
   * which are written afterwards, except at the example's end: the row pairs there whose vector
   * would pass it are left out, from {@link #vectorPairs} on.
   */
  static PoolSteps gradient(int c, int h, int w) {
    PoolSteps steps = GRADIENT.get();
    if (!steps.isFor(c, h, w)) steps.makeGradient(c, h, w);
    return steps;
  }

  /** Where row pair {@code r}'s top row starts in an example of planes h × w. */
  static int rowOf(int r, int h, int w) {
    int oh = h / 2;
    return (r / oh * h + r % oh * 2) * w;
  }

  private boolean isFor(int c, int h, int w) {
    return this.c == c && this.h == h && this.w == w;
  }

  private void makeForward(int c, int h, int w) {
    int ow = w / 2;
    int pairs = c * (h / 2);
    int outputs = pairs * ow;
    int perStep = ow < LANES / 2 ? 2 : 1;
    int chunks = ow < LANES ? 1 : (ow + LANES - 1) / LANES;
    int count = chunks * ((pairs + perStep - 1) / perStep);
    begin(c, h, w, 4 * (count + count % 2));
    split = Math.min(ow, LANES / 2);
    int n = 0;
    for (int r = 0; r < pairs; r += perStep) {
      for (int k = 0; k < chunks; k++) {
        int window = Math.min(k * LANES, Math.max(ow - LANES, 0));
        int o = r * ow + window;
        int first = rowOf(r, h, w) + 2 * window;
        at[n++] = first;
        at[n++] = perStep == 1 ? first + LANES : r + 1 < pairs ? rowOf(r + 1, h, w) : first;
        at[n++] = o;
        at[n++] = o + LANES <= outputs ? 0 : Math.min(perStep, pairs - r) * ow;
      }
    }
    if (n < length) System.arraycopy(at, n - 4, at, n, 4);
  }

  private void makeGradient(int c, int h, int w) {
    int ow = w / 2;
    int covered = 2 * ow;
    int pairs = c * (h / 2);
    vectorPairs = pairs;
    while (covered < LANES && vectorPairs > 0 && rowOf(vectorPairs - 1, h, w) + w + LANES > c * h * w) vectorPairs--;
    int chunks = covered < LANES ? 1 : (covered + LANES - 1) / LANES;
    int count = vectorPairs * chunks;
    begin(c, h, w, 2 * (count + count % 2));
    int n = 0;
    for (int r = 0; r < vectorPairs; r++) {
      for (int k = 0; k < chunks; k++) {
        int column = Math.min(k * LANES, Math.max(covered - LANES, 0));
        at[n++] = rowOf(r, h, w) + column;
        at[n++] = r * ow + column / 2;
      }
    }
    if (n < length) System.arraycopy(at, n - 2, at, n, 2);
  }

  private void begin(int c, int h, int w, int length) {
    this.c = c;
    this.h = h;
    this.w = w;
    this.length = length;
    if (at.length < length) at = new int[length];
  }
}
