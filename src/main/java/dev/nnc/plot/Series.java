package dev.nnc.plot;

/**
 * One line of a {@link Chart}: points in data coordinates joined in order, how the line is drawn,
 * and its legend entry. {@code filled} shades the area between the line and the bottom of the
 * chart (an area under a curve). The arrays are the caller's and must not change.
 */
public record Series(String label, double[] x, double[] y, String color, boolean dashed, boolean filled) {

  public Series {
    if (x.length != y.length) throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
  }

  /** A solid, unfilled line. */
  public static Series line(String label, double[] x, double[] y, String color) {
    return new Series(label, x, y, color, false, false);
  }

  public Series asDashed() {
    return new Series(label, x, y, color, true, filled);
  }

  public Series asFilled() {
    return new Series(label, x, y, color, dashed, true);
  }
}
