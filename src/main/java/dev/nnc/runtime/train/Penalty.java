package dev.nnc.runtime.train;

/**
 * Weight penalties, as terms added to the gradient before the optimizer sees it (PyTorch's
 * {@code weight_decay}, so Adam with L2 is Adam, not AdamW): L2 adds λ₂·p, the gradient of
 * (λ₂/2)·p²; L1 adds λ₁·sign(p), with sign(0) = 0 as {@code torch.sign} has it. Both apply to
 * every parameter, biases included, as a PyTorch parameter group does.
 */
public record Penalty(double l1, double l2) {
  public static final Penalty NONE = new Penalty(0, 0);

  public Penalty {
    if (!(l1 >= 0) || !(l2 >= 0)) throw new IllegalArgumentException("--l1 and --l2 must be non-negative numbers, but they are " + l1 + " and " + l2);
  }

  /** The penalised gradient of a parameter with value {@code param} and loss gradient {@code grad}. */
  double apply(double param, double grad) {
    return grad + l2 * param + l1 * Math.signum(param);
  }
}
