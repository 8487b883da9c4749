package dev.nnc.playground;

/**
 * Playground's input features, each a function of the point (x1, x2). The server computes them
 * into the CSV's columns, so the program's input is the vector of the chosen ones, in this order.
 */
public enum Feature {
  X1("x1", "x1"),
  X2("x2", "x2"),
  X1_SQUARED("x1_sq", "x1²"),
  X2_SQUARED("x2_sq", "x2²"),
  X1_TIMES_X2("x1_x2", "x1·x2"),
  SIN_X1("sin_x1", "sin x1"),
  SIN_X2("sin_x2", "sin x2");

  private final String column;
  private final String label;

  Feature(String column, String label) {
    this.column = column;
    this.label = label;
  }

  /** The feature a page or CSV name ({@code x1_sq}) names. */
  public static Feature named(String column) {
    for (Feature f : values()) if (f.column.equals(column)) return f;
    throw new IllegalArgumentException("unknown feature '" + column + "': use x1, x2, x1_sq, x2_sq, x1_x2, sin_x1 or sin_x2");
  }

  /** The CSV column's name. */
  public String column() {
    return column;
  }

  /** How the page writes it. */
  public String label() {
    return label;
  }

  public double of(double x1, double x2) {
    return switch (this) {
      case X1 -> x1;
      case X2 -> x2;
      case X1_SQUARED -> x1 * x1;
      case X2_SQUARED -> x2 * x2;
      case X1_TIMES_X2 -> x1 * x2;
      case SIN_X1 -> Math.sin(x1);
      case SIN_X2 -> Math.sin(x2);
    };
  }
}
