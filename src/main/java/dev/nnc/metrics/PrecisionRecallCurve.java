package dev.nnc.metrics;

import java.util.Optional;

/**
 * The precision–recall curve exactly as scikit-learn's {@code precision_recall_curve} gives it:
 * thresholds are the distinct scores in increasing order; {@code precision[i]} and
 * {@code recall[i]} belong to "positive iff score ≥ thresholds[i]", and one last point
 * (precision 1, recall 0) with no threshold closes the curve, so the precision and recall arrays
 * are one longer than the thresholds. The arrays are the caller's.
 */
public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {

  /**
   * The curve, or empty when no positive occurs: recall is then undefined (scikit-learn warns and
   * sets it to 1).
   */
  public static Optional<PrecisionRecallCurve> of(ScoreRanking ranking) {
    if (ranking.positives() == 0) return Optional.empty();
    int steps = ranking.steps();
    double[] precision = new double[steps + 1];
    double[] recall = new double[steps + 1];
    double[] thresholds = new double[steps];
    for (int i = 0; i < steps; i++) {
      int ascending = steps - 1 - i;
      precision[ascending] = precisionAtStep(ranking, i);
      recall[ascending] = (double) ranking.truePositives(i) / ranking.positives();
      thresholds[ascending] = ranking.threshold(i);
    }
    precision[steps] = 1;
    recall[steps] = 0;
    return Optional.of(new PrecisionRecallCurve(precision, recall, thresholds));
  }

  /**
   * Average precision as scikit-learn's {@code average_precision_score} defines it,
   * Σ (R_n − R_{n−1}) P_n over the thresholds from the highest down (a step function, no
   * interpolation); null when no positive occurs (scikit-learn would warn and give 0).
   */
  public static Double averagePrecision(ScoreRanking ranking) {
    if (ranking.positives() == 0) return null;
    // Σ Δtp · P_n, divided by the number of positives once at the end: Δrecall = Δtp / positives.
    double sum = 0;
    long previousTp = 0;
    for (int i = 0; i < ranking.steps(); i++) {
      long tp = ranking.truePositives(i);
      sum += (tp - previousTp) * precisionAtStep(ranking, i);
      previousTp = tp;
    }
    return sum / ranking.positives();
  }

  // Every step holds at least one row, so the denominator is never zero.
  private static double precisionAtStep(ScoreRanking ranking, int i) {
    long tp = ranking.truePositives(i);
    return (double) tp / (tp + ranking.falsePositives(i));
  }
}
