package dev.nnc.metrics;

import static com.google.common.truth.Truth.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryReportTest {
  @Test
  void lectureTumoursFromScoresGiveSpecDocument() {
    // 1 malignant at 0.9 (TP), 1 benign at 0.8 (FP), 8 malignant at 0.2 (FN), 90 benign at 0.1 (TN).
    int[] labels = new int[100];
    double[] scores = new double[100];
    labels[0] = 1;
    scores[0] = 0.9;
    scores[1] = 0.8;
    for (int i = 2; i < 10; i++) {
      labels[i] = 1;
      scores[i] = 0.2;
    }
    for (int i = 10; i < 100; i++) scores[i] = 0.1;

    Map<String, Object> map = BinaryReport.of(labels, scores, BinaryReport.DEFAULT_THRESHOLD).toMap();

    assertThat(map.keySet()).containsExactly("tp", "fp", "tn", "fn", "accuracy", "precision", "recall", "f1",
        "specificity", "fpr", "fnr", "npv", "fdr", "for", "prevalence", "lr_plus", "lr_minus", "dor",
        "auc", "average_precision", "threshold").inOrder();
    assertThat(map).containsAtLeast("tp", 1L, "fp", 1L, "tn", 90L, "fn", 8L, "accuracy", 0.91,
        "precision", 0.5, "recall", 0.1111111111111111, "f1", 0.18181818181818182, "threshold", 0.5);
    // Positive–negative pairs ranked right: the TP beats all 91 benign, the 8 FN beat the 90 TN.
    assertThat((Double) map.get("auc")).isWithin(1e-15).of((91.0 + 8 * 90) / (9 * 91));
    // Recall steps of 1/9 at precision 1 and 8/9 at precision 9/10.
    assertThat((Double) map.get("average_precision")).isWithin(1e-15).of((1 + 8 * 0.9) / 9);
  }
}
