package dev.nnc.metrics;

import static com.google.common.truth.Truth.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryConfusionTest {
  /** The lecture's tumour classifier: 1 true positive, 1 false positive, 8 false negatives, 90 true negatives. */
  private static final BinaryConfusion TUMOURS = new BinaryConfusion(1, 1, 90, 8);

  @Test
  void lectureTumourExampleGivesTheLectureNumbers() {
    assertThat(TUMOURS.accuracy()).isEqualTo(0.91);
    assertThat(TUMOURS.precision()).isEqualTo(0.5);
    assertThat(TUMOURS.recall()).isEqualTo(0.1111111111111111);
    assertThat(TUMOURS.f1()).isEqualTo(0.18181818181818182);
  }

  // Each expected value is the table's fraction, written out by hand from the counts: condition
  // positive P = 9, condition negative N = 91, predicted positive 2, predicted negative 98.
  @Test
  void lectureTumourExampleGivesEveryRateOfTheTable() {
    assertThat(TUMOURS.prevalence()).isEqualTo(9.0 / 100);
    assertThat(TUMOURS.fdr()).isEqualTo(1.0 / 2);
    assertThat(TUMOURS.falseOmissionRate()).isEqualTo(8.0 / 98);
    assertThat(TUMOURS.npv()).isEqualTo(90.0 / 98);
    assertThat(TUMOURS.fpr()).isEqualTo(1.0 / 91);
    assertThat(TUMOURS.fnr()).isEqualTo(8.0 / 9);
    assertThat(TUMOURS.specificity()).isEqualTo(90.0 / 91);
    // LR+ = (1/9) / (1/91) = 91/9; LR− = (8/9) / (90/91) = 728/810; DOR = LR+ / LR− = 90/8.
    assertThat(TUMOURS.lrPlus()).isEqualTo(91.0 / 9);
    assertThat(TUMOURS.lrMinus()).isEqualTo(728.0 / 810);
    assertThat(TUMOURS.dor()).isEqualTo(11.25);
  }

  @Test
  void mapHasSpecKeysInSpecOrder() {
    Map<String, Object> map = TUMOURS.toMap();
    assertThat(map.keySet()).containsExactly("tp", "fp", "tn", "fn", "accuracy", "precision", "recall", "f1",
        "specificity", "fpr", "fnr", "npv", "fdr", "for", "prevalence", "lr_plus", "lr_minus", "dor").inOrder();
    assertThat(map.get("tp")).isEqualTo(1L);
    assertThat(map.get("tn")).isEqualTo(90L);
    assertThat(map.get("for")).isEqualTo(8.0 / 98);
  }

  @Test
  void noRowsLeavesEveryRateUndefined() {
    BinaryConfusion empty = new BinaryConfusion(0, 0, 0, 0);
    assertThat(empty.toMap().values()).containsExactly(0L, 0L, 0L, 0L,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null).inOrder();
  }

  @Test
  void noPositivesLeavesTheRatesOverPositivesUndefined() {
    BinaryConfusion negativesOnly = new BinaryConfusion(0, 3, 7, 0);
    assertThat(negativesOnly.recall()).isNull();
    assertThat(negativesOnly.fnr()).isNull();
    assertThat(negativesOnly.lrPlus()).isNull();
    assertThat(negativesOnly.lrMinus()).isNull();
    assertThat(negativesOnly.precision()).isEqualTo(0.0);
    assertThat(negativesOnly.f1()).isEqualTo(0.0);
    assertThat(negativesOnly.specificity()).isEqualTo(0.7);
  }

  @Test
  void nothingPredictedPositiveLeavesPrecisionAndFdrUndefined() {
    BinaryConfusion allNegative = new BinaryConfusion(0, 0, 5, 5);
    assertThat(allNegative.precision()).isNull();
    assertThat(allNegative.fdr()).isNull();
    assertThat(allNegative.f1()).isEqualTo(0.0);
    assertThat(allNegative.npv()).isEqualTo(0.5);
  }

  @Test
  void dorIsUndefinedWhereLrMinusIsZeroOrUndefined() {
    assertThat(new BinaryConfusion(5, 2, 3, 0).dor()).isNull(); // fn = 0: LR− = 0
    assertThat(new BinaryConfusion(5, 2, 0, 1).dor()).isNull(); // tn = 0: LR− undefined
    assertThat(new BinaryConfusion(5, 0, 3, 1).dor()).isNull(); // fp = 0: LR+ undefined
    assertThat(new BinaryConfusion(5, 0, 3, 1).lrMinus()).isEqualTo(1.0 / 6); // FNR 1/6 over TNR 1
  }
}
