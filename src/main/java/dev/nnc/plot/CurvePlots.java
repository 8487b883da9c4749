package dev.nnc.plot;

import dev.nnc.metrics.PrecisionRecallCurve;
import dev.nnc.metrics.RocCurve;
import java.math.BigDecimal;
import java.math.MathContext;

/** The lecture's pictures of a classifier's scores: the ROC and precision–recall curves. */
public final class CurvePlots {
  private static final String CURVE_COLOR = "#1f77b4";
  private static final String BASELINE_COLOR = "#888888";

  private CurvePlots() {}

  /** The ROC curve, its area shaded and given in the legend, over the chance diagonal (AUC 0.5). */
  public static String roc(RocCurve curve, double auc) {
    return new Chart("ROC curve", new Axis("False positive rate (FPR)", 0, 1), new Axis("True positive rate (TPR, recall)", 0, 1),
            Chart.Corner.BOTTOM_RIGHT)
        .add(Series.line("ROC, AUC = " + rounded(auc), curve.fpr(), curve.tpr(), CURVE_COLOR).asFilled())
        .add(Series.line("chance, AUC = 0.5", new double[] {0, 1}, new double[] {0, 1}, BASELINE_COLOR).asDashed())
        .toSvg();
  }

  /**
   * The precision–recall curve as the step function average precision sums (precision P_n held
   * over each recall step R_{n−1} to R_n), over the precision of guessing: the prevalence.
   */
  public static String precisionRecall(PrecisionRecallCurve curve, double averagePrecision, double prevalence) {
    // The curve's arrays run from the lowest threshold (recall 1) to the closing point (recall 0).
    double[] recall = curve.recall();
    double[] precision = curve.precision();
    int last = recall.length - 1;
    double[] x = new double[2 * last + 1];
    double[] y = new double[2 * last + 1];
    x[0] = recall[last];
    y[0] = precision[last];
    for (int step = 1; step <= last; step++) {
      int n = last - step;
      x[2 * step - 1] = recall[n + 1];
      y[2 * step - 1] = precision[n];
      x[2 * step] = recall[n];
      y[2 * step] = precision[n];
    }
    return new Chart("Precision–recall curve", new Axis("Recall", 0, 1), new Axis("Precision", 0, 1), Chart.Corner.BOTTOM_LEFT)
        .add(Series.line("precision–recall, AP = " + rounded(averagePrecision), x, y, CURVE_COLOR))
        .add(Series.line("chance, precision = " + rounded(prevalence), new double[] {0, 1}, new double[] {prevalence, prevalence},
            BASELINE_COLOR).asDashed())
        .toSvg();
  }

  // Four significant digits: enough to compare two models at a glance.
  private static String rounded(double value) {
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
