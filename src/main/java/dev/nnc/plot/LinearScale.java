package dev.nnc.plot;

import java.math.BigDecimal;

/**
 * Maps data values in [{@code min}, {@code max}] linearly onto pixels in [{@code from}, {@code to}]
 * ({@code to} may be smaller, as on a y axis, where pixels grow downwards), and chooses ticks at
 * round values: steps of 1, 2 or 5 times a power of ten, about five of them.
 */
record LinearScale(double min, double max, double from, double to) {
  private static final int TARGET_TICKS = 5;

  LinearScale {
    if (!(max > min)) throw new IllegalArgumentException("empty scale [" + min + ", " + max + "]");
  }

  double map(double value) {
    return from + (value - min) / (max - min) * (to - from);
  }

  /** The tick values, at multiples of {@link #tickStep()} within [min, max]. */
  double[] ticks() {
    BigDecimal step = tickStep();
    // Counting in whole steps and scaling each once keeps 0.6 from printing as 0.6000000000000001.
    long first = (long) Math.ceil(min / step.doubleValue() - 1e-9);
    long last = (long) Math.floor(max / step.doubleValue() + 1e-9);
    double[] ticks = new double[(int) (last - first + 1)];
    for (int i = 0; i < ticks.length; i++) ticks[i] = step.multiply(BigDecimal.valueOf(first + i)).doubleValue();
    return ticks;
  }

  /** A tick's label, as short as the value: 0, 0.2, 1 rather than 0.0, 0.2, 1.0. */
  static String label(double tick) {
    return BigDecimal.valueOf(tick).stripTrailingZeros().toPlainString();
  }

  private BigDecimal tickStep() {
    double rough = (max - min) / TARGET_TICKS;
    int exponent = (int) Math.floor(Math.log10(rough));
    double fraction = rough / Math.pow(10, exponent);
    int mantissa = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
    return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
  }
}
