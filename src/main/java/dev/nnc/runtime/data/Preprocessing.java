package dev.nnc.runtime.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-column input scaling ({@code --normalize}), fitted on the training rows only and then
 * applied unchanged to test rows, to {@code eval} and to {@code run}, as the lecture insists: the
 * statistics travel with the weights (see {@code docs/weights-format.md}).
 *
 * <p>Every mode is x' = (x − shift) / divisor + offset per column, which is what makes the
 * statistics two arrays. A column whose divisor is 0 (constant in the training rows) maps to 0:
 * it carries no information, and dividing by zero would give NaN. (scikit-learn instead leaves
 * such a column shifted, or at −1 under minmax.)
 *
 * <ul>
 *   <li>{@code none}: x' = x.
 *   <li>{@code center}: x' = x − mean.
 *   <li>{@code standard}: x' = (x − mean) / std, with the population standard deviation (divided
 *       by n, not n − 1), as scikit-learn's {@code StandardScaler}, so training columns have
 *       variance exactly 1.
 *   <li>{@code minmax}: x' = (x − min) / ((max − min) / 2) − 1, so the training rows span exactly
 *       [−1, 1] (the ends come out exact); test rows may fall outside.
 * </ul>
 */
public final class Preprocessing {

  /** The {@code --normalize} modes. */
  public enum Mode {
    NONE,
    CENTER,
    STANDARD,
    MINMAX;

    /** The mode a {@code --normalize} word names. */
    public static Mode named(String word) {
      for (Mode m : values()) if (m.flag().equals(word)) return m;
      throw new IllegalArgumentException("unknown --normalize mode '" + word + "': use none, center, standard or minmax");
    }

    /** The mode as {@code --normalize} spells it. */
    public String flag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Mode mode;
  private final double[] shift;
  private final double[] divisor;

  /** Statistics as fitted, or as read back from a weights file. */
  public Preprocessing(Mode mode, double[] shift, double[] divisor) {
    if (shift.length != divisor.length) throw new IllegalArgumentException("shift and divisor differ in length: " + shift.length + " and " + divisor.length);
    this.mode = mode;
    this.shift = shift.clone();
    this.divisor = divisor.clone();
  }

  /** Fits {@code mode} on the first {@code rows} rows of a row-major table with {@code columns} columns. */
  public static Preprocessing fit(Mode mode, double[] table, int rows, int columns) {
    if (rows < 1 || (long) rows * columns > table.length) {
      throw new IllegalArgumentException("cannot fit " + mode.flag() + " on " + rows + " rows of " + columns + " columns from " + table.length + " values");
    }
    double[] shift = new double[columns];
    double[] divisor = new double[columns];
    Arrays.fill(divisor, 1);
    for (int c = 0; c < columns; c++) {
      double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < rows; r++) {
        min = Math.min(min, table[r * columns + c]);
        max = Math.max(max, table[r * columns + c]);
      }
      if (min == max && mode != Mode.NONE) {
        // Tested exactly, not through a computed std: a mean of equal values can be off by an ulp,
        // and dividing that ulp by a std of 1e-17 would turn a constant column into noise.
        shift[c] = min;
        divisor[c] = mode == Mode.CENTER ? 1 : 0;
        continue;
      }
      switch (mode) {
        case NONE -> {}
        case CENTER -> shift[c] = mean(table, rows, columns, c);
        case STANDARD -> {
          shift[c] = mean(table, rows, columns, c);
          divisor[c] = Math.sqrt(meanSquaredDeviation(table, rows, columns, c, shift[c]));
        }
        case MINMAX -> {
          shift[c] = min;
          divisor[c] = (max - min) / 2;
        }
      }
    }
    return new Preprocessing(mode, shift, divisor);
  }

  /** Fits {@code mode} on rows given as arrays, each of the same length. */
  public static Preprocessing fit(Mode mode, double[][] rows) {
    int columns = rows.length == 0 ? 0 : rows[0].length;
    double[] table = new double[rows.length * columns];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != columns) throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, row 0 has " + columns);
      System.arraycopy(rows[r], 0, table, r * columns, columns);
    }
    return fit(mode, table, rows.length, columns);
  }

  /** The identity on {@code columns} columns, for a run without {@code --normalize}. */
  public static Preprocessing none(int columns) {
    double[] ones = new double[columns];
    Arrays.fill(ones, 1);
    return new Preprocessing(Mode.NONE, new double[columns], ones);
  }

  public Mode mode() {
    return mode;
  }

  public int columns() {
    return shift.length;
  }

  /** The value subtracted from each column (mean, or min for minmax); a copy. */
  public double[] shift() {
    return shift.clone();
  }

  /** The value each shifted column is divided by (std, or half the range for minmax; 0 maps to 0); a copy. */
  public double[] divisor() {
    return divisor.clone();
  }

  /** The scaled value of {@code x} in column {@code column}. */
  public double apply(int column, double x) {
    double d = divisor[column];
    if (d == 0) return 0;
    double scaled = (x - shift[column]) / d;
    return mode == Mode.MINMAX ? scaled - 1 : scaled;
  }

  /** Scales a row-major table of whole rows in place. */
  public void applyInPlace(double[] table) {
    checkWholeRows(table.length);
    for (int i = 0; i < table.length; i++) table[i] = apply(i % shift.length, table[i]);
  }

  /** Scales a row-major table of whole rows in place, computing in double and rounding once. */
  public void applyInPlace(float[] table) {
    checkWholeRows(table.length);
    for (int i = 0; i < table.length; i++) table[i] = (float) apply(i % shift.length, table[i]);
  }

  private void checkWholeRows(int length) {
    if (shift.length == 0 ? length != 0 : length % shift.length != 0) {
      throw new IllegalArgumentException(length + " values are not whole rows of " + shift.length + " columns");
    }
  }

  private static double mean(double[] table, int rows, int columns, int c) {
    double sum = 0;
    for (int r = 0; r < rows; r++) sum += table[r * columns + c];
    return sum / rows;
  }

  /** The population variance, taken about the mean in a second pass for accuracy. */
  private static double meanSquaredDeviation(double[] table, int rows, int columns, int c, double mean) {
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      double d = table[r * columns + c] - mean;
      sum += d * d;
    }
    return sum / rows;
  }
}
