package dev.nnc.runtime.train;

import java.util.List;

/**
 * Heavy-ball momentum in PyTorch's form ({@code torch.optim.SGD(momentum=μ)}, no dampening, not
 * Nesterov): v ← μ·v + g, p ← p − lr·v, with v = 0 at the start (so the first step is plain SGD).
 * The lecture's form v ← μ·v − lr·g differs only when lr changes during training.
 */
public final class Momentum extends Optimizer {
  public static final double DEFAULT_MU = 0.9;

  private final double mu;
  private final double[] velocity;

  public Momentum(double lr, double mu, Penalty penalty, List<ParameterBlock> blocks) {
    super(lr, penalty, blocks);
    if (!(mu >= 0 && mu < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), but it is " + mu);
    this.mu = mu;
    this.velocity = new double[size()];
  }

  @Override
  protected List<double[]> vectors() {
    return List.of(velocity);
  }

  @Override
  protected double update(int slot, double param, double grad) {
    double v = mu * velocity[slot] + grad;
    velocity[slot] = v;
    return param - lr * v;
  }
}
