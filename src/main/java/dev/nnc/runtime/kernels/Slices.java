package dev.nnc.runtime.kernels;

/**
 * A kernel call split into slices of a range (examples, filters) on the calling thread's
 * {@link WorkerTeam}. A subclass holds the call's arguments in fields, reused per calling thread
 * so that splitting allocates nothing, and computes one slice; each element of the result must be
 * computed by one slice, in the serial order, so the numbers do not depend on the thread count.
 */
abstract class Slices implements WorkerTeam.Task {
  /**
   * Work (multiply-adds, or elements) below which a call stays on one thread: handing a slice over
   * costs a few microseconds when the other core is idle, and a scheduler slice when it is not.
   */
  static final long PARALLEL_MIN = 1L << 20;

  /**
   * Slices per thread when they are independent: small ones, claimed by whichever thread is free,
   * so that a thread that loses its core to another process holds up little.
   */
  static final int PARTS_PER_THREAD = 4;

  private int span;

  /** Computes [from, to) of the range. */
  abstract void slice(int from, int to);

  /**
   * Runs the call over [0, span): on this thread alone when there is no team, too little work
   * or no Vector API (the float kernels' per-thread scratch needs it), else in
   * {@code partsPerThread} slices per thread of the team.
   */
  final void run(int span, long work, int partsPerThread) {
    this.span = span;
    WorkerTeam team = WorkerTeam.current();
    if (team.size() == 1 || span < 2 || work < PARALLEL_MIN || !VectorSupport.available()) slice(0, span);
    else team.run(this, Math.min(span, partsPerThread * team.size()));
  }

  @Override
  public final void run(int part, int parts) {
    int from = (int) ((long) span * part / parts);
    int to = (int) ((long) span * (part + 1) / parts);
    if (from < to) slice(from, to);
  }
}
