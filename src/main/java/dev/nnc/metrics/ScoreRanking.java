package dev.nnc.metrics;

import java.util.Arrays;

/**
 * Labelled scores ranked once, from the highest score down, with tied scores merged into one
 * step: for each distinct score {@code s} (a threshold, descending) the number of positives and
 * negatives scoring at least {@code s}. Every curve, AUC, average precision, threshold pick and
 * confusion matrix at a threshold is read off this in linear time, as in scikit-learn's
 * {@code _binary_clf_curve}.
 *
 * <p>Ranking sorts the positives' scores and the negatives' scores separately (primitive sorts,
 * no boxing, no index arrays) and merges them from the top, which is O(n log n).
 */
public final class ScoreRanking {
  private final double[] thresholds;
  private final long[] truePositives;
  private final long[] falsePositives;
  private final long positives;
  private final long negatives;

  private ScoreRanking(double[] thresholds, long[] truePositives, long[] falsePositives, long positives, long negatives) {
    this.thresholds = thresholds;
    this.truePositives = truePositives;
    this.falsePositives = falsePositives;
    this.positives = positives;
    this.negatives = negatives;
  }

  /**
   * Ranks {@code scores} with their {@code labels} (each 0 or 1).
   *
   * @throws IllegalArgumentException if the lengths differ, a label is not 0 or 1 or a score is NaN
   */
  public static ScoreRanking of(int[] labels, double[] scores) {
    if (labels.length != scores.length) {
      throw new IllegalArgumentException(labels.length + " labels but " + scores.length + " scores");
    }
    int positiveCount = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is not 0 or 1");
      }
      if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score at row " + i + " is NaN");
      positiveCount += labels[i];
    }
    double[] positiveScores = new double[positiveCount];
    double[] negativeScores = new double[labels.length - positiveCount];
    for (int i = 0, p = 0, n = 0; i < labels.length; i++) {
      if (labels[i] == 1) positiveScores[p++] = scores[i];
      else negativeScores[n++] = scores[i];
    }
    Arrays.sort(positiveScores);
    Arrays.sort(negativeScores);
    return mergeFromTop(positiveScores, negativeScores);
  }

  // Walks both ascending arrays from their ends. Values equal under == (which includes -0.0 and
  // 0.0) sit next to each other in the sort order, so each step consumes one whole tie group.
  private static ScoreRanking mergeFromTop(double[] positiveScores, double[] negativeScores) {
    int capacity = positiveScores.length + negativeScores.length;
    double[] thresholds = new double[capacity];
    long[] tps = new long[capacity];
    long[] fps = new long[capacity];
    int p = positiveScores.length - 1;
    int n = negativeScores.length - 1;
    int steps = 0;
    long tp = 0;
    long fp = 0;
    while (p >= 0 || n >= 0) {
      double score = p < 0 ? negativeScores[n] : n < 0 ? positiveScores[p] : Math.max(positiveScores[p], negativeScores[n]);
      for (; p >= 0 && positiveScores[p] == score; p--) tp++;
      for (; n >= 0 && negativeScores[n] == score; n--) fp++;
      thresholds[steps] = score;
      tps[steps] = tp;
      fps[steps] = fp;
      steps++;
    }
    return new ScoreRanking(
        Arrays.copyOf(thresholds, steps), Arrays.copyOf(tps, steps), Arrays.copyOf(fps, steps), tp, fp);
  }

  /** The number of distinct scores. */
  public int steps() {
    return thresholds.length;
  }

  /** The distinct score of step {@code i}; steps go from the highest score down. */
  public double threshold(int i) {
    return thresholds[i];
  }

  /** The positives scoring at least {@link #threshold(int) threshold(i)}. */
  public long truePositives(int i) {
    return truePositives[i];
  }

  /** The negatives scoring at least {@link #threshold(int) threshold(i)}. */
  public long falsePositives(int i) {
    return falsePositives[i];
  }

  public long positives() {
    return positives;
  }

  public long negatives() {
    return negatives;
  }

  /** Whether both classes occur, without which ROC and AUC are undefined. */
  public boolean hasBothClasses() {
    return positives > 0 && negatives > 0;
  }

  /** The confusion matrix when a row is predicted positive iff its score ≥ {@code threshold}. */
  public BinaryConfusion confusionAt(double threshold) {
    int above = stepsAtOrAbove(threshold);
    long tp = above == 0 ? 0 : truePositives[above - 1];
    long fp = above == 0 ? 0 : falsePositives[above - 1];
    return confusionAtCounts(tp, fp);
  }

  /** The confusion matrix when exactly the rows of steps 0..i are predicted positive. */
  public BinaryConfusion confusionAtStep(int i) {
    return confusionAtCounts(truePositives[i], falsePositives[i]);
  }

  private BinaryConfusion confusionAtCounts(long tp, long fp) {
    return new BinaryConfusion(tp, fp, negatives - fp, positives - tp);
  }

  // Binary search for the number of (descending) thresholds that are >= threshold.
  private int stepsAtOrAbove(double threshold) {
    int low = 0;
    int high = thresholds.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (thresholds[mid] >= threshold) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
