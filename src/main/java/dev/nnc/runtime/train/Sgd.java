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

  /** p ← p − lr·g in float, as torch.optim.SGD computes on float32 tensors; C2 vectorises it. */
  @Override
  protected boolean updateFloats(float[] params, int p, float[] grads, int g, int n) {
    float rate = (float) lr;
    for (int i = 0; i < n; i++) params[p + i] -= rate * grads[g + i];
    return true;
  }
}
