package dev.nnc.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;

/**
 * The lecture's warning that accuracy misleads on unbalanced data: with 90 benign tumours in
 * 100, always answering "benign" scores accuracy 0.9 and finds no malignant one.
 *
 * <p>Rule: the labels are unbalanced when one class holds at least {@link #MAJORITY_SHARE} of the
 * rows. At 80% the majority-class baseline already looks like a good accuracy, which is when a
 * user is likely to be fooled; below it, the baseline is visibly modest.
 */
public final class ClassImbalance {
  public static final double MAJORITY_SHARE = 0.8;

  private ClassImbalance() {}

  /** A warning naming the majority class and its baseline accuracy, or empty when balanced. */
  public static Optional<String> warning(int[] labels) {
    if (labels.length == 0) return Optional.empty();
    int[] sorted = labels.clone();
    Arrays.sort(sorted);
    int majority = sorted[0];
    int majorityCount = 0;
    for (int start = 0, end; start < sorted.length; start = end) {
      for (end = start; end < sorted.length && sorted[end] == sorted[start]; end++) {}
      if (end - start > majorityCount) {
        majority = sorted[start];
        majorityCount = end - start;
      }
    }
    double baseline = (double) majorityCount / labels.length;
    if (baseline < MAJORITY_SHARE) return Optional.empty();
    return Optional.of(String.format(
        "class imbalance: class %d is %d of %d rows, so always predicting it scores accuracy %s;"
            + " judge the model by precision, recall, F1 and AUC instead",
        majority, majorityCount, labels.length, rounded(baseline)));
  }

  private static String rounded(double value) {
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
