package dev.nnc.metrics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScoreRankingTest {
  // scikit-learn's documentation example for roc_auc_score and precision_recall_curve.
  private static final int[] LABELS = {0, 0, 1, 1};
  private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};

  @Test
  void rocCurveAndAucOfTheScikitLearnExample() {
    ScoreRanking ranking = ScoreRanking.of(LABELS, SCORES);
    RocCurve roc = RocCurve.of(ranking).orElseThrow();
    assertThat(roc.fpr()).usingExactEquality().containsExactly(0, 0, 0.5, 0.5, 1).inOrder();
    assertThat(roc.tpr()).usingExactEquality().containsExactly(0, 0.5, 0.5, 1, 1).inOrder();
    assertThat(roc.thresholds()).usingExactEquality()
        .containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1).inOrder();
    assertThat(RocCurve.auc(ranking)).isEqualTo(0.75);
  }

  @Test
  void precisionRecallCurveAndAverageOfTheScikitLearnExample() {
    ScoreRanking ranking = ScoreRanking.of(LABELS, SCORES);
    PrecisionRecallCurve pr = PrecisionRecallCurve.of(ranking).orElseThrow();
    assertThat(pr.precision()).usingExactEquality().containsExactly(0.5, 2.0 / 3, 0.5, 1, 1).inOrder();
    assertThat(pr.recall()).usingExactEquality().containsExactly(1, 1, 0.5, 0.5, 0).inOrder();
    assertThat(pr.thresholds()).usingExactEquality().containsExactly(0.1, 0.35, 0.4, 0.8).inOrder();
    // 0.5 · 1 + 0.5 · 2/3
    assertThat(PrecisionRecallCurve.averagePrecision(ranking)).isWithin(1e-15).of(5.0 / 6);
  }

  @Test
  void allEqualScoresFormOneStep() {
    ScoreRanking ranking = ScoreRanking.of(new int[] {1, 0, 1, 0, 0}, new double[] {0.7, 0.7, 0.7, 0.7, 0.7});
    assertThat(ranking.steps()).isEqualTo(1);
    RocCurve roc = RocCurve.of(ranking).orElseThrow();
    assertThat(roc.fpr()).usingExactEquality().containsExactly(0, 1).inOrder();
    assertThat(roc.tpr()).usingExactEquality().containsExactly(0, 1).inOrder();
    assertThat(RocCurve.auc(ranking)).isEqualTo(0.5);
    assertThat(PrecisionRecallCurve.averagePrecision(ranking)).isEqualTo(0.4);
    assertThat(ranking.confusionAt(0.7)).isEqualTo(new BinaryConfusion(2, 3, 0, 0));
    assertThat(ranking.confusionAt(0.71)).isEqualTo(new BinaryConfusion(0, 0, 3, 2));
  }

  @Test
  void tiedPairsCountHalf() {
    // The positive at 0.5 ties one negative (half) and beats the other (whole): AUC = 1.5 / 2.
    ScoreRanking ranking = ScoreRanking.of(new int[] {1, 0, 0}, new double[] {0.5, 0.5, 0.2});
    assertThat(RocCurve.auc(ranking)).isEqualTo(0.75);
  }

  @Test
  void negativeAndPositiveZeroAreOneScore() {
    ScoreRanking ranking = ScoreRanking.of(new int[] {1, 0, 1}, new double[] {-0.0, 0.0, -0.0});
    assertThat(ranking.steps()).isEqualTo(1);
    assertThat(ranking.confusionAt(0.0)).isEqualTo(new BinaryConfusion(2, 1, 0, 0));
  }

  @Test
  void oneClassLeavesRocUndefined() {
    ScoreRanking negatives = ScoreRanking.of(new int[] {0, 0}, new double[] {0.3, 0.6});
    assertThat(RocCurve.of(negatives)).isEmpty();
    assertThat(RocCurve.auc(negatives)).isNull();
    assertThat(PrecisionRecallCurve.of(negatives)).isEmpty();
    assertThat(PrecisionRecallCurve.averagePrecision(negatives)).isNull();

    ScoreRanking positives = ScoreRanking.of(new int[] {1, 1}, new double[] {0.3, 0.6});
    assertThat(RocCurve.auc(positives)).isNull();
    assertThat(PrecisionRecallCurve.averagePrecision(positives)).isEqualTo(1.0);
  }

  @Test
  void rowsAtTheThresholdArePredictedPositive() {
    BinaryReport report = BinaryReport.of(new int[] {1, 0, 1, 0}, new double[] {0.5, 0.5, 0.49, 0.1}, 0.5);
    assertThat(report.confusion()).isEqualTo(new BinaryConfusion(1, 1, 1, 1));
  }

  @Test
  void emptyInputGivesAnEmptyRanking() {
    BinaryReport report = BinaryReport.of(new int[0], new double[0], BinaryReport.DEFAULT_THRESHOLD);
    assertThat(report.confusion()).isEqualTo(new BinaryConfusion(0, 0, 0, 0));
    assertThat(report.auc()).isNull();
    assertThat(report.averagePrecision()).isNull();
  }

  @Test
  void rejectsLabelsOtherThanZeroAndOneAndNanScores() {
    assertThrows(IllegalArgumentException.class, () -> ScoreRanking.of(new int[] {2}, new double[] {0.5}));
    assertThrows(IllegalArgumentException.class, () -> ScoreRanking.of(new int[] {1}, new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> ScoreRanking.of(new int[] {1, 0}, new double[] {0.5}));
  }
}
