package dev.nnc.metrics;

/** Division that says "undefined" instead of producing NaN or infinity. */
final class Ratio {
  private Ratio() {}

  /** {@code numerator / denominator}, or null when the denominator is zero. */
  static Double of(double numerator, double denominator) {
    return denominator == 0 ? null : numerator / denominator;
  }
}
