package dev.nnc.runtime.train;

import java.util.List;

/** Plain gradient descent: p ← p − lr·g. */
public final class Sgd extends Optimizer {
  public Sgd(double lr, Penalty penalty, List<ParameterBlock> blocks) {
    super(lr, penalty, blocks);
  }

  @Override
  protected double update(int slot, double param, double grad) {
    return param - lr * grad;
  }
}
