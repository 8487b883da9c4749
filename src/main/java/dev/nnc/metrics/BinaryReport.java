package dev.nnc.metrics;

import java.util.Map;

/**
 * Everything SPEC.md's binary {@code metrics}/{@code eval} document holds: the confusion matrix
 * at a threshold with its rates, and the threshold-free ROC AUC and average precision.
 */
public record BinaryReport(BinaryConfusion confusion, Double auc, Double averagePrecision, double threshold) {

  /** A row is predicted positive iff its score ≥ this, unless told otherwise (SPEC.md). */
  public static final double DEFAULT_THRESHOLD = 0.5;

  /** The report of {@code labels} (0 or 1) and {@code scores}, positive iff score ≥ threshold. */
  public static BinaryReport of(int[] labels, double[] scores, double threshold) {
    return of(ScoreRanking.of(labels, scores), threshold);
  }

  /** The report from an existing ranking, e.g. after a {@link ThresholdRule} picked from it. */
  public static BinaryReport of(ScoreRanking ranking, double threshold) {
    return new BinaryReport(
        ranking.confusionAt(threshold),
        RocCurve.auc(ranking),
        PrecisionRecallCurve.averagePrecision(ranking),
        threshold);
  }

  /** The keys and order of SPEC.md's binary document; undefined values are null. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = confusion.toMap();
    map.put("auc", auc);
    map.put("average_precision", averagePrecision);
    map.put("threshold", threshold);
    return map;
  }
}
