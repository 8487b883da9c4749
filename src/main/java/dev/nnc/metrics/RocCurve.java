package dev.nnc.metrics;

import java.util.Optional;

/**
 * The ROC curve: for every distinct score, taken as the threshold, the false positive rate (x)
 * and true positive rate (y) of predicting "positive iff score ≥ threshold". Tied scores form
 * one step. The first point is (0, 0) at threshold +∞ (nothing predicted positive) and the last is
 * (1, 1) at the lowest score. No point is dropped (scikit-learn's
 * {@code roc_curve(drop_intermediate=False)}). The arrays are the caller's.
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

  /** The curve, or empty when only one class occurs (one of the rates is then undefined). */
  public static Optional<RocCurve> of(ScoreRanking ranking) {
    if (!ranking.hasBothClasses()) return Optional.empty();
    int points = ranking.steps() + 1;
    double[] fpr = new double[points];
    double[] tpr = new double[points];
    double[] thresholds = new double[points];
    thresholds[0] = Double.POSITIVE_INFINITY;
    for (int i = 0; i < ranking.steps(); i++) {
      fpr[i + 1] = (double) ranking.falsePositives(i) / ranking.negatives();
      tpr[i + 1] = (double) ranking.truePositives(i) / ranking.positives();
      thresholds[i + 1] = ranking.threshold(i);
    }
    return Optional.of(new RocCurve(fpr, tpr, thresholds));
  }

  /**
   * The area under the curve by the trapezoid rule, which counts a tied positive–negative pair as
   * half (the same as scikit-learn's {@code roc_auc_score}); null when only one class occurs.
   *
   * <p>The trapezoids are summed in counts, Σ Δfp·(tp + tp_prev), which is exact in a long (at
   * most n²/2), so the area rounds once, in the final division by 2·P·N.
   */
  public static Double auc(ScoreRanking ranking) {
    if (!ranking.hasBothClasses()) return null;
    long doubledArea = 0;
    long previousTp = 0;
    long previousFp = 0;
    for (int i = 0; i < ranking.steps(); i++) {
      long tp = ranking.truePositives(i);
      long fp = ranking.falsePositives(i);
      doubledArea += (fp - previousFp) * (tp + previousTp);
      previousTp = tp;
      previousFp = fp;
    }
    return doubledArea / (2.0 * ranking.positives() * ranking.negatives());
  }
}
