package dev.nnc.metrics;

/**
 * How {@code --pick-threshold} chooses the threshold from the scores: {@code f1} or
 * {@code recall=R}. The candidates are the distinct scores, since any threshold between two
 * neighbouring scores gives the same predictions as the higher one.
 */
public sealed interface ThresholdRule permits ThresholdRule.MaxF1, ThresholdRule.MinRecall {

  /**
   * The chosen threshold, or null when the rule cannot be met: both rules need at least one
   * positive (without one, recall is undefined and F1 is 0 everywhere).
   */
  Double pick(ScoreRanking ranking);

  /**
   * Reads {@code f1} or {@code recall=R} with R in [0, 1].
   *
   * @throws IllegalArgumentException with a message for the user otherwise
   */
  static ThresholdRule parse(String text) {
    if (text.equals("f1")) return new MaxF1();
    String prefix = "recall=";
    if (text.startsWith(prefix)) {
      double recall;
      try {
        recall = Double.parseDouble(text.substring(prefix.length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "': the recall must be a number in [0, 1]");
      }
      return new MinRecall(recall);
    }
    throw new IllegalArgumentException("'" + text + "': expected f1 or recall=R");
  }

  /** The threshold of the highest F1; on a tie the highest such threshold (fewer alarms). */
  record MaxF1() implements ThresholdRule {
    @Override
    public Double pick(ScoreRanking ranking) {
      if (ranking.positives() == 0) return null;
      // With a positive, every step's F1 is defined: its denominator 2·tp + fp + fn ≥ positives.
      int best = 0;
      double bestF1 = -1;
      for (int i = 0; i < ranking.steps(); i++) {
        double f1 = ranking.confusionAtStep(i).f1();
        if (f1 > bestF1) {
          bestF1 = f1;
          best = i;
        }
      }
      return ranking.threshold(best);
    }
  }

  /**
   * The highest threshold whose recall is at least {@code recall}: the fewest positive
   * predictions that still find that share of the positives.
   */
  record MinRecall(double recall) implements ThresholdRule {
    public MinRecall {
      if (!(recall >= 0 && recall <= 1)) {
        throw new IllegalArgumentException("recall=" + recall + ": the recall must be in [0, 1]");
      }
    }

    @Override
    public Double pick(ScoreRanking ranking) {
      if (ranking.positives() == 0) return null;
      // Recall only grows as the threshold falls, so the first step that reaches it is the highest.
      for (int i = 0; i < ranking.steps(); i++) {
        if (ranking.confusionAtStep(i).recall() >= recall) return ranking.threshold(i);
      }
      throw new AssertionError("the lowest threshold has recall 1");
    }
  }
}
