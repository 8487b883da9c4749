package dev.nnc.metrics;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassImbalanceTest {
  @Test
  void lectureTumoursWarnWithTheAlwaysBenignBaseline() {
    int[] labels = labels(90, 10);
    assertThat(ClassImbalance.warning(labels)).hasValue(
        "class imbalance: class 0 is 90 of 100 rows, so always predicting it scores accuracy 0.9;"
            + " judge the model by precision, recall, F1 and AUC instead");
  }

  @Test
  void warnsFromEightyPercent() {
    assertThat(ClassImbalance.warning(labels(20, 80)).orElseThrow()).contains("class 1 is 80 of 100 rows");
    assertThat(ClassImbalance.warning(labels(79, 21))).isEmpty();
  }

  @Test
  void balancedMulticlassAndEmptyLabelsDoNotWarn() {
    assertThat(ClassImbalance.warning(new int[] {0, 1, 2, 0, 1, 2})).isEmpty();
    assertThat(ClassImbalance.warning(new int[0])).isEmpty();
  }

  @Test
  void baselineIsRoundedForReading() {
    int[] sevenOfEight = {4, 4, 4, 4, 4, 4, 4, 1};
    assertThat(ClassImbalance.warning(sevenOfEight).orElseThrow()).contains("accuracy 0.875;");
    assertThat(ClassImbalance.warning(labels(5, 1)).orElseThrow()).contains("accuracy 0.8333;");
  }

  /** {@code zeros} labels 0 followed by {@code ones} labels 1. */
  private static int[] labels(int zeros, int ones) {
    int[] labels = new int[zeros + ones];
    Arrays.fill(labels, zeros, labels.length, 1);
    return labels;
  }
}
