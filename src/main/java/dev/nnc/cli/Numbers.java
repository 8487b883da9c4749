package dev.nnc.cli;

/** Numbers as the human-readable output prints them: full double precision, as JSON does. */
final class Numbers {
  private Numbers() {}

  static String format(double v) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    // Java writes 1.0E-6; people and Python write 1e-06 or 1e-6.
    return Double.toString(v).replace(".0E", "E").replace("E", "e");
  }
}
