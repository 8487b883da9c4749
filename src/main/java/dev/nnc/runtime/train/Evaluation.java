package dev.nnc.runtime.train;

import dev.nnc.metrics.BinaryReport;
import dev.nnc.metrics.MulticlassConfusion;
import dev.nnc.runtime.PredictionKind;
import dev.nnc.runtime.data.Dataset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's predictions over a data set and the metrics of SPEC.md's documents: binary (after
 * bce or bce_logits), multiclass (after cross_entropy or hinge) or regression (after mse).
 */
public final class Evaluation {
  private final PredictionKind kind;
  private final int[] truth;
  private final double[] scores;
  private final int[] classes;
  private final double[] values;

  private Evaluation(PredictionKind kind, int[] truth, double[] scores, int[] classes, double[] values) {
    this.kind = kind;
    this.truth = truth;
    this.scores = scores;
    this.classes = classes;
    this.values = values;
  }

  /** Runs the model over every row, in order, in full batches and a last smaller one. */
  public static Evaluation of(BatchRunner full, BatchRunner tail, Dataset data) {
    PredictionKind kind = full.program().info().predictionKind();
    int rows = data.rows();
    int[] truth = new int[rows];
    double[] scores = new double[rows];
    int[] classes = new int[rows];
    double[] values = new double[rows];
    double[] one = new double[Math.max(1, full.predictionWidth())];
    for (int from = 0; from < rows; from += full.batch()) {
      BatchRunner runner = rows - from >= full.batch() ? full : tail;
      if (runner == tail) tail.copyParameters(full);
      runner.load(data, null, from);
      runner.arena().forward();
      for (int e = 0; e < runner.batch(); e++) {
        int row = from + e;
        runner.prediction(e, one);
        if (data.labels().length > 0) truth[row] = (int) data.labels()[row];
        values[row] = one[0];
        if (kind != PredictionKind.REGRESSION) {
          classes[row] = Predictions.classOf(one, runner.predictionWidth(), kind, 0.5);
          scores[row] = kind == PredictionKind.ARGMAX ? 0 : Predictions.score(one, kind);
        }
      }
    }
    if (kind == PredictionKind.REGRESSION) {
      for (int r = 0; r < rows; r++) scores[r] = data.labels().length > 0 ? data.labels()[r] : 0;
    }
    return new Evaluation(kind, truth, scores, classes, values);
  }

  public boolean isBinary() {
    return kind == PredictionKind.LOGIT || kind == PredictionKind.PROBABILITY;
  }

  public int[] truth() {
    return truth;
  }

  /** The binary scores (sigmoid(z) or p), for ROC curves and threshold picking. */
  public double[] scores() {
    return scores;
  }

  /** The metrics document at {@code threshold} (binary models only use it). */
  public Map<String, Object> metrics(double threshold) {
    return switch (kind) {
      case ARGMAX -> MulticlassConfusion.of(truth, classes).toMap();
      case LOGIT, PROBABILITY -> BinaryReport.of(truth, scores, threshold).toMap();
      case REGRESSION -> regression();
    };
  }

  /** Accuracy as train prints it: the fraction right, or null for a regression. */
  public Double accuracy() {
    if (kind == PredictionKind.REGRESSION) return null;
    long right = 0;
    for (int r = 0; r < truth.length; r++) if (classes[r] == truth[r]) right++;
    return truth.length == 0 ? null : (double) right / truth.length;
  }

  private Map<String, Object> regression() {
    double se = 0;
    double ae = 0;
    for (int r = 0; r < values.length; r++) {
      double d = values[r] - scores[r];
      se += d * d;
      ae += Math.abs(d);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("mse", se / values.length);
    doc.put("mae", ae / values.length);
    doc.put("accuracy", null);
    return doc;
  }
}
