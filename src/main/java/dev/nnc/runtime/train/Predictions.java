package dev.nnc.runtime.train;

import dev.nnc.runtime.PredictionKind;
import dev.nnc.runtime.data.Dataset;

/**
 * Reads a model's predictions (SPEC.md §1): after cross_entropy or hinge the class is the arg-max
 * of the scores; after bce_logits the score is sigmoid(z); after bce it is p; after mse the value.
 */
public final class Predictions {
  private Predictions() {}

  /** The class of example {@code e}'s prediction at {@code threshold} (binary), or its arg-max. */
  public static int classOf(double[] values, int width, PredictionKind kind, double threshold) {
    if (kind == PredictionKind.ARGMAX) {
      int best = 0;
      for (int i = 1; i < width; i++) if (values[i] > values[best]) best = i;
      return best;
    }
    return score(values, kind) >= threshold ? 1 : 0;
  }

  /** The score of a binary prediction: sigmoid of a logit, or the probability itself. */
  public static double score(double[] values, PredictionKind kind) {
    return kind == PredictionKind.LOGIT ? dev.nnc.runtime.ScalarOps.sigmoid(values[0]) : values[0];
  }

  /** How many examples of the batch now in {@code runner} are classified right. */
  static long correct(BatchRunner runner, Dataset data, int[] order, int from, PredictionKind kind, double[] scratch) {
    if (kind == null || kind == PredictionKind.REGRESSION || data.labels().length == 0) return 0;
    long correct = 0;
    for (int e = 0; e < runner.batch(); e++) {
      runner.prediction(e, scratch);
      int row = order == null ? from + e : order[from + e];
      if (classOf(scratch, runner.predictionWidth(), kind, 0.5) == (int) data.labels()[row]) correct++;
    }
    return correct;
  }
}
