package dev.nnc.runtime.train;

import java.util.List;

/**
 * Adam (Kingma and Ba 2015) exactly as {@code torch.optim.Adam} computes it, bias correction
 * included: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
 * Note that ε is added after the bias correction of √v, as PyTorch does.
 */
public final class Adam extends Optimizer {
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPS = 1e-8;

  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double[] firstMoment;
  private final double[] secondMoment;
  private long steps;
  private double stepSize;
  private double sqrtCorrection2;

  public Adam(double lr, Penalty penalty, List<ParameterBlock> blocks) {
    this(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, penalty, blocks);
  }

  public Adam(double lr, double beta1, double beta2, double eps, Penalty penalty, List<ParameterBlock> blocks) {
    super(lr, penalty, blocks);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
      throw new IllegalArgumentException("Adam needs β₁, β₂ in [0, 1) and ε > 0, but has " + beta1 + ", " + beta2 + ", " + eps);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.firstMoment = new double[size()];
    this.secondMoment = new double[size()];
  }

  @Override
  protected List<double[]> vectors() {
    return List.of(firstMoment, secondMoment);
  }

  @Override
  protected long steps() {
    return steps;
  }

  @Override
  protected void restoreSteps(long steps) {
    this.steps = steps;
  }

  @Override
  protected void beginStep() {
    steps++;
    stepSize = lr / (1 - Math.pow(beta1, steps));
    sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, steps));
  }

  @Override
  protected double update(int slot, double param, double grad) {
    double m = beta1 * firstMoment[slot] + (1 - beta1) * grad;
    double v = beta2 * secondMoment[slot] + (1 - beta2) * grad * grad;
    firstMoment[slot] = m;
    secondMoment[slot] = v;
    return param - stepSize * m / (Math.sqrt(v) / sqrtCorrection2 + eps);
  }
}
