package dev.nnc.runtime.train;

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
    int slot = 0;
    for (ParameterBlock block : blocks) {
      for (int i = 0; i < block.length(); i++, slot++) {
        int at = block.paramOffset() + i;
        double param = store.param(at);
        store.setParam(at, update(slot, param, penalty.apply(param, store.grad(block.gradOffset() + i))));
      }
    }
  }

  /** Called once before each step's updates, for state shared by all parameters (Adam's step count). */
  protected void beginStep() {}

  /**
   * The new value of the parameter whose state is at {@code slot}, from its value and its penalised
   * gradient.
   */
  protected abstract double update(int slot, double param, double grad);
}
