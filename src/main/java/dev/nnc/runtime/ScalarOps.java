package dev.nnc.runtime;

/**
 * The scalar meaning of every IR operation, one static method per op (named by
 * {@code Op.method}). Generated code calls these (C2 inlines them) and the compiler's constant
 * folder calls the same methods, so a folded constant equals what the program would compute.
 * Each activation is written to stay finite for inputs in ±1000 (SPEC.md §1, numerical stability).
 */
public final class ScalarOps {
  private ScalarOps() {}

  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double GELU_CUBIC = 0.044715;

  public static double add(double a, double b) { return a + b; }
  public static double sub(double a, double b) { return a - b; }
  public static double mul(double a, double b) { return a * b; }
  public static double div(double a, double b) { return a / b; }
  public static double neg(double a) { return -a; }

  /** x ^ c; x ^ 2 is x * x, as a hand computation writes it (and as fast). */
  public static double pow(double x, double c) {
    return c == 2 ? x * x : Math.pow(x, c);
  }

  public static double exp(double x) { return Math.exp(x); }
  public static double log(double x) { return Math.log(x); }
  public static double sqrt(double x) { return Math.sqrt(x); }
  public static double abs(double x) { return Math.abs(x); }
  public static double sin(double x) { return Math.sin(x); }
  public static double cos(double x) { return Math.cos(x); }
  public static double max(double a, double b) { return Math.max(a, b); }
  public static double min(double a, double b) { return Math.min(a, b); }
  public static double sign(double x) { return Math.signum(x); }

  // Float forms of the ops C2 vectorises, for single-precision loops (ClassEmitter): each gives
  // exactly the double op's result rounded to float.
  public static float max(float a, float b) { return Math.max(a, b); }
  public static float min(float a, float b) { return Math.min(a, b); }
  public static float relu(float x) { return Math.max(x, 0f); }

  /**
   * ifGt(x, 0, g, 0), relu's backward, without a branch: bits − 1 lies in [0, 0x7F7FFFFF] exactly
   * when x > 0 (+0, negatives and NaNs fall outside), and the sign of those two differences makes
   * the mask. A branch would mispredict on half of a layer's elements, and blocks vectorisation.
   */
  public static float passIfPositive(float x, float g) {
    int u = Float.floatToRawIntBits(x) - 1;
    int mask = ~(u | (0x7F7FFFFF - u)) >> 31;
    return Float.intBitsToFloat(Float.floatToRawIntBits(g) & mask);
  }

  /** 1 / (1 + e^-x), computed from e^-|x| so neither branch overflows. */
  public static double sigmoid(double x) {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /**
   * tanh through Math.exp, which HotSpot intrinsifies (Math.tanh is a slow library call, ~20 ns):
   * (1 - e) / (1 + e) with e = e^-2|x|, exact to a few ulps; below 0.03 that form cancels, so the
   * Taylor series x - x³/3 + 2x⁵/15 - 17x⁷/315 + 62x⁹/2835 is used there (error under 1e-17).
   */
  public static double tanh(double x) {
    double a = Math.abs(x);
    if (a < 0.03) {
      double x2 = x * x;
      return x * (1 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835)))));
    }
    double e = Math.exp(-2 * a);
    return Math.copySign((1 - e) / (1 + e), x);
  }
  /**
   * tanh to float accuracy, for the f32 arena, whose store rounds the result to float anyway:
   * Eigen's odd rational approximation p(x)/q(x), with p's linear term set to q's constant so
   * that tanh'(0) = 1, on x clamped to ±9 (where float tanh is ±1). Measured over all floats it
   * stays within 2.4 float ulps, and costs a third of the exp form. The clamp is a ternary, not
   * Math.min/max: branch-free code lets C2 vectorise the region loop, which measured 3× slower.
   */
  public static double tanhF32(double x) {
    double c = x > 9 ? 9 : x < -9 ? -9 : x;
    double x2 = c * c;
    double p = -2.76076847742355e-16;
    p = p * x2 + 2.00018790482477e-13;
    p = p * x2 - 8.60467152213735e-11;
    p = p * x2 + 5.12229709037114e-08;
    p = p * x2 + 1.48572235717979e-05;
    p = p * x2 + 6.37261928875436e-04;
    p = p * x2 + TANH_Q0;
    double q = 1.19825839466702e-06;
    q = q * x2 + 1.18534705686654e-04;
    q = q * x2 + 2.26843463243900e-03;
    q = q * x2 + TANH_Q0;
    return c * p / q;
  }

  private static final double TANH_Q0 = 4.89352518554385e-03;

  /** max(x, 0): relu(NaN) is NaN, as in PyTorch. */
  public static double relu(double x) { return Math.max(x, 0.0); }
  public static double leakyRelu(double x, double alpha) { return x > 0 ? x : alpha * x; }
  public static double elu(double x, double alpha) { return x > 0 ? x : alpha * Math.expm1(x); }

  /** The tanh form of GELU, as in the lecture and PyTorch's {@code approximate='tanh'}. */
  public static double gelu(double x) {
    return 0.5 * x * (1 + tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x)));
  }

  public static double geluGrad(double x) {
    double t = tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
    // (1 - t*t) reaches exactly 0 where tanh saturates, so the x-term vanishes instead of overflowing.
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x);
  }

  public static double swish(double x) { return x * sigmoid(x); }

  public static double mish(double x) { return x * tanh(softplus(x)); }

  public static double mishGrad(double x) {
    double t = tanh(softplus(x));
    return t + x * (1 - t * t) * sigmoid(x);
  }

  /** log(1 + e^x) as max(x, 0) + log1p(e^-|x|): no overflow for large x, no loss for small. */
  public static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  public static double softsign(double x) { return x / (1 + Math.abs(x)); }

  /** sin(x) / x, 1 at 0 (unnormalised, as SPEC.md defines it). */
  public static double sinc(double x) { return x == 0 ? 1 : Math.sin(x) / x; }

  /**
   * (cos x - sin(x)/x) / x. Near 0 the two terms cancel, so below 0.1 the Taylor series
   * sum_n (-1)^n 2n x^(2n-1) / (2n+1)! is used; six terms leave an error under 1e-18 there.
   */
  public static double sincGrad(double x) {
    if (Math.abs(x) >= 0.1) return (Math.cos(x) - Math.sin(x) / x) / x;
    double x2 = x * x;
    return x * (-1.0 / 3 + x2 * (1.0 / 30 + x2 * (-1.0 / 840 + x2 * (1.0 / 45360 + x2 * (-1.0 / 3991680 + x2 / 518918400)))));
  }

  public static double step(double x) { return x >= 0 ? 1 : 0; }

  /** log(sigmoid(x)) = -softplus(-x), stable at both ends. */
  public static double logSigmoid(double x) {
    return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
  }

  public static double identity(double x) { return x; }

  /** -[y log σ(z) + (1-y) log(1-σ(z))] = max(z, 0) - z y + log1p(e^-|z|), stable for any z. */
  public static double bceLogits(double z, double y) {
    return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /**
   * {@link #bceLogits} for the f32 arena: Math.log1p is a library call in JDK 17 (not an
   * intrinsic) and costs more than the rest of a training step's loss; {@link #log1pSmall} does
   * the same through the intrinsic Math.log.
   */
  public static double bceLogitsF32(double z, double y) {
    return (z > 0 ? z : 0) - z * y + log1pSmall(Math.exp(-Math.abs(z)));
  }

  /**
   * log(1 + e) for e in [0, 1], within a few double ulps: log(u) for u = 1 + e, times e / (u - 1)
   * to undo the rounding of u (Goldberg's correction); when u rounds to 1, log(1 + e) is e.
   */
  private static double log1pSmall(double e) {
    double u = 1 + e;
    return u == 1 ? e : Math.log(u) * (e / (u - 1));
  }

  public static double ifGt(double a, double b, double then, double otherwise) {
    return a > b ? then : otherwise;
  }

  public static double ifGe(double a, double b, double then, double otherwise) {
    return a >= b ? then : otherwise;
  }
}
