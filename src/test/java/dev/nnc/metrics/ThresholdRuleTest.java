package dev.nnc.metrics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ThresholdRuleTest {
  // From the top: F1 = 2·tp / (tp + fp + 3) is 2/4, 4/5, 4/6, 6/7, 6/8, 6/9; recall 1/3, 2/3, 2/3, 1, 1, 1.
  private static final ScoreRanking RANKING =
      ScoreRanking.of(new int[] {1, 1, 0, 1, 0, 0}, new double[] {0.9, 0.8, 0.7, 0.6, 0.4, 0.2});

  @Test
  void f1PicksTheScoreOfHighestF1() {
    assertThat(ThresholdRule.parse("f1").pick(RANKING)).isEqualTo(0.6);
  }

  @Test
  void f1TiePicksTheHigherThreshold() {
    // F1 from the top: 2/3, 2/4, 2/5, 4/6.
    ScoreRanking tie = ScoreRanking.of(new int[] {1, 0, 0, 1}, new double[] {0.9, 0.8, 0.7, 0.6});
    assertThat(new ThresholdRule.MaxF1().pick(tie)).isEqualTo(0.9);
  }

  @Test
  void recallPicksTheHighestThresholdReachingIt() {
    assertThat(ThresholdRule.parse("recall=0.5").pick(RANKING)).isEqualTo(0.8);
    assertThat(ThresholdRule.parse("recall=0.6666666666666666").pick(RANKING)).isEqualTo(0.8);
    assertThat(ThresholdRule.parse("recall=0.9").pick(RANKING)).isEqualTo(0.6);
    assertThat(ThresholdRule.parse("recall=1").pick(RANKING)).isEqualTo(0.6);
    assertThat(ThresholdRule.parse("recall=0").pick(RANKING)).isEqualTo(0.9);
  }

  @Test
  void nothingToPickWithoutPositives() {
    ScoreRanking negatives = ScoreRanking.of(new int[] {0, 0}, new double[] {0.1, 0.2});
    assertThat(new ThresholdRule.MaxF1().pick(negatives)).isNull();
    assertThat(new ThresholdRule.MinRecall(0.5).pick(negatives)).isNull();
  }

  @Test
  void parseRejectsOtherRules() {
    assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("accuracy"));
    assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("recall=high"));
    assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("recall=1.5"));
    assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("recall=NaN"));
  }
}
