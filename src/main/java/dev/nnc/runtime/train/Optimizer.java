package dev.nnc.runtime.train;

import dev.nnc.runtime.kernels.WorkerTeam;
import java.util.List;
import java.util.Locale;

/**
 * Updates parameters in place from their gradients (SPEC.md {@code --optimizer}). Per-parameter
 * state is allocated once, at construction, in double precision whatever the dtype; a
 * {@link #step} allocates nothing, so a training loop runs without garbage.
 */
public abstract sealed class Optimizer permits Sgd, Momentum, Adam {
  /** The learning rate. */
  protected final double lr;

  private final Penalty penalty;
  private final ParameterBlock[] blocks;
  private final int size;

  protected Optimizer(double lr, Penalty penalty, List<ParameterBlock> blocks) {
    if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("--lr must be a positive number, but it is " + lr);
    this.lr = lr;
    this.penalty = penalty;
    this.blocks = blocks.toArray(ParameterBlock[]::new);
    int total = 0;
    for (ParameterBlock b : this.blocks) total = Math.addExact(total, b.length());
    this.size = total;
  }

  /**
   * The optimizer {@code --optimizer NAME} selects: sgd, momentum (μ = {@value Momentum#DEFAULT_MU})
   * or adam (PyTorch's defaults).
   */
  public static Optimizer named(String name, double lr, Penalty penalty, List<ParameterBlock> blocks) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd" -> new Sgd(lr, penalty, blocks);
      case "momentum" -> new Momentum(lr, Momentum.DEFAULT_MU, penalty, blocks);
      case "adam" -> new Adam(lr, penalty, blocks);
      default -> throw new IllegalArgumentException("unknown optimizer '" + name + "': use sgd, momentum or adam");
    };
  }

  /** How many parameter values the optimizer updates (and keeps state for). */
  public final int size() {
    return size;
  }

  /** One update of every parameter block from the gradients now in {@code store}. */
  public final void step(ParameterStore store) {
    beginStep();
    // The training default gets a loop over the float array itself: the per-element interface
    // calls of the general path cost more than the update.
    if (store instanceof ParameterStore.F32 f) {
      stepF32(f.params(), f.grads());
      return;
    }
    int slot = 0;
    for (ParameterBlock block : blocks) {
      for (int i = 0; i < block.length(); i++, slot++) {
        int at = block.paramOffset() + i;
        double param = store.param(at);
        store.setParam(at, update(slot, param, penalty.apply(param, store.grad(block.gradOffset() + i))));
      }
    }
  }

  private void stepF32(float[] params, float[] grads) {
    WorkerTeam team = WorkerTeam.current();
    int slot = 0;
    for (ParameterBlock block : blocks) {
      int n = block.length();
      if (team.size() > 1 && n >= PARALLEL_MIN) {
        split.set(params, grads, block, slot);
        team.run(split);
      } else {
        updateRange(params, grads, block, slot, 0, n);
      }
      slot += n;
    }
  }

  /** Elements of a block from which its update is split over the thread team (see FloatGemm.PARALLEL_MIN). */
  private static final int PARALLEL_MIN = 1 << 19;

  /** Updates elements [from, to) of a block whose optimizer state starts at {@code slot}. */
  private void updateRange(float[] params, float[] grads, ParameterBlock block, int slot, int from, int to) {
    int p = block.paramOffset() + from;
    int g = block.gradOffset() + from;
    int n = to - from;
    slot += from;
    // Without a penalty the loop has no sign test, so C2 can unroll it tightly.
    if (penalty.l1() != 0 || penalty.l2() != 0) {
      for (int i = 0; i < n; i++) {
        double param = params[p + i];
        params[p + i] = (float) update(slot + i, param, penalty.apply(param, grads[g + i]));
      }
    } else if (!updateFloats(params, p, grads, g, n)) {
      for (int i = 0; i < n; i++) params[p + i] = (float) update(slot + i, params[p + i], grads[g + i]);
    }
  }

  private final BlockSplit split = new BlockSplit();

  /** One block's update cut into a slice per thread: each element's update is independent. */
  private final class BlockSplit implements WorkerTeam.Task {
    private float[] params;
    private float[] grads;
    private ParameterBlock block;
    private int slot;

    void set(float[] params, float[] grads, ParameterBlock block, int slot) {
      this.params = params;
      this.grads = grads;
      this.block = block;
      this.slot = slot;
    }

    @Override
    public void run(int part, int parts) {
      int n = block.length();
      int from = (int) ((long) n * part / parts);
      int to = (int) ((long) n * (part + 1) / parts);
      updateRange(params, grads, block, slot, from, to);
    }
  }

  /**
   * Updates a whole unpenalised block in single precision, as PyTorch's float32 optimizers do, if
   * this optimizer has such a form (a loop C2 vectorises); returns false to use {@link #update}.
   */
  protected boolean updateFloats(float[] params, int p, float[] grads, int g, int n) {
    return false;
  }

  /**
   * The state a resumed training needs to continue exactly: the steps taken and each per-parameter
   * vector (momentum's velocity, Adam's two moments), copied; SGD has none.
   */
  public final OptimizerState state() {
    List<double[]> copies = new java.util.ArrayList<>();
    for (double[] v : vectors()) copies.add(v.clone());
    return new OptimizerState(steps(), copies);
  }

  /**
   * Continues from a saved state.
   *
   * @throws IllegalArgumentException if the state is not of this optimizer over these parameters
   */
  public final void restore(OptimizerState state) {
    List<double[]> mine = vectors();
    if (state.vectors().size() != mine.size()) {
      throw new IllegalArgumentException("the saved optimizer state has " + state.vectors().size() + " vectors, this optimizer " + mine.size());
    }
    for (int k = 0; k < mine.size(); k++) {
      if (state.vectors().get(k).length != mine.get(k).length) throw new IllegalArgumentException("the saved optimizer state is for other parameters");
      System.arraycopy(state.vectors().get(k), 0, mine.get(k), 0, mine.get(k).length);
    }
    restoreSteps(state.steps());
  }

  /** The live per-parameter state vectors, in a fixed order. */
  protected List<double[]> vectors() {
    return List.of();
  }

  /** Steps taken so far, where the update depends on it. */
  protected long steps() {
    return 0;
  }

  protected void restoreSteps(long steps) {}

  /** Called once before each step's updates, for state shared by all parameters (Adam's step count). */
  protected void beginStep() {}

  /**
   * The new value of the parameter whose state is at {@code slot}, from its value and its penalised
   * gradient.
   */
  protected abstract double update(int slot, double param, double grad);
}
