package dev.nnc.runtime.data;

import java.util.Arrays;

/**
 * {@code --split F}: the rows shuffled with the seed, the first ⌊F·n⌋ for training and the rest
 * for testing (scikit-learn's {@code train_test_split} rounds the same way: 569 rows at 0.75 give
 * 426 and 143).
 */
public record Split(int[] train, int[] test) {

  public static Split of(int rows, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("--split takes a fraction between 0 and 1 (exclusive), but got " + fraction);
    int trainRows = (int) Math.floor(fraction * rows);
    if (trainRows == 0 || trainRows == rows) {
      throw new IllegalArgumentException("--split " + fraction + " of " + rows + " rows leaves " + (trainRows == 0 ? "no training rows" : "no test rows"));
    }
    int[] order = Shuffle.rows(rows, seed);
    return new Split(Arrays.copyOfRange(order, 0, trainRows), Arrays.copyOfRange(order, trainRows, rows));
  }
}
