package dev.nnc.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of a binary confusion matrix and every rate of the lecture's table. A rate whose
 * denominator is zero is null.
 *
 * <p>Rates built from other rates (F1, LR+, LR−, DOR) are computed from the counts in one
 * division, so that they round once and reproduce a hand computation (F1 = 2/11 exactly in the
 * lecture's tumour example), but they are undefined exactly when the table's definition is.
 */
public record BinaryConfusion(long tp, long fp, long tn, long fn) {

  public BinaryConfusion {
    if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
      throw new IllegalArgumentException("negative count in " + tp + ", " + fp + ", " + tn + ", " + fn);
    }
  }

  public long total() {
    return tp + fp + tn + fn;
  }

  /** Condition positive: the rows whose true label is positive. */
  public long positives() {
    return tp + fn;
  }

  /** Condition negative: the rows whose true label is negative. */
  public long negatives() {
    return fp + tn;
  }

  public Double prevalence() {
    return Ratio.of(positives(), total());
  }

  public Double accuracy() {
    return Ratio.of(tp + tn, total());
  }

  /** Precision, positive predictive value (PPV). */
  public Double precision() {
    return Ratio.of(tp, tp + fp);
  }

  /** False discovery rate. */
  public Double fdr() {
    return Ratio.of(fp, tp + fp);
  }

  /** False omission rate. */
  public Double falseOmissionRate() {
    return Ratio.of(fn, fn + tn);
  }

  /** Negative predictive value. */
  public Double npv() {
    return Ratio.of(tn, fn + tn);
  }

  /** Recall, sensitivity, true positive rate (TPR). */
  public Double recall() {
    return Ratio.of(tp, positives());
  }

  /** False positive rate, fall-out. */
  public Double fpr() {
    return Ratio.of(fp, negatives());
  }

  /** False negative rate, miss rate. */
  public Double fnr() {
    return Ratio.of(fn, positives());
  }

  /** Specificity, true negative rate (TNR). */
  public Double specificity() {
    return Ratio.of(tn, negatives());
  }

  /** LR+ = TPR / FPR = tp·N / (P·fp); undefined when P, N or fp is zero. */
  public Double lrPlus() {
    return Ratio.of((double) tp * negatives(), (double) positives() * fp);
  }

  /** LR− = FNR / TNR = fn·N / (P·tn); undefined when P, N or tn is zero. */
  public Double lrMinus() {
    return Ratio.of((double) fn * negatives(), (double) positives() * tn);
  }

  /**
   * DOR = LR+ / LR− = tp·tn / (fp·fn); undefined when LR+ or LR− is, or LR− is zero, that is when
   * fp, fn or tn is zero (the usual count formula would give 0 for tn = 0 where LR− is undefined).
   */
  public Double dor() {
    return tn == 0 ? null : Ratio.of((double) tp * tn, (double) fp * fn);
  }

  /** F1, the harmonic mean of precision and recall, as 2·tp / (2·tp + fp + fn). */
  public Double f1() {
    return Ratio.of(2.0 * tp, 2.0 * tp + fp + fn);
  }

  /** The counts and rates under the keys of SPEC.md's binary document, in its order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("tp", tp);
    map.put("fp", fp);
    map.put("tn", tn);
    map.put("fn", fn);
    map.put("accuracy", accuracy());
    map.put("precision", precision());
    map.put("recall", recall());
    map.put("f1", f1());
    map.put("specificity", specificity());
    map.put("fpr", fpr());
    map.put("fnr", fnr());
    map.put("npv", npv());
    map.put("fdr", fdr());
    map.put("for", falseOmissionRate());
    map.put("prevalence", prevalence());
    map.put("lr_plus", lrPlus());
    map.put("lr_minus", lrMinus());
    map.put("dor", dor());
    return map;
  }
}
