package dev.nnc.cli;

import dev.nnc.plot.TrainingPlots;
import dev.nnc.runtime.PredictionKind;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Predictions;

/**
 * The decision-boundary picture of a model with two input features: the model is run over a grid
 * spanning the rows (with a margin), in the rows' own units; the preprocessing saved with the
 * weights is applied to the grid as to any input.
 */
final class DecisionBoundary {
  /** Cells per side; the runner given to draw computes this many examples at once. */
  static final int CELLS = 80;

  private DecisionBoundary() {}

  static String draw(BatchRunner runner, Weights weights, Dataset rows, String title) {
    if (rows.featureColumns() != 2) {
      throw new UsageException("--boundary draws models of two input features; this one takes " + rows.featureColumns());
    }
    PredictionKind kind = runner.program().info().predictionKind();
    if (kind == PredictionKind.REGRESSION || kind == null) throw new UsageException("--boundary draws classifiers; this model is a regression");
    double[] px = new double[rows.rows()];
    double[] py = new double[rows.rows()];
    int[] labels = new int[rows.rows()];
    for (int r = 0; r < rows.rows(); r++) {
      px[r] = rows.features()[2 * r];
      py[r] = rows.features()[2 * r + 1];
      labels[r] = rows.labels().length > 0 ? (int) rows.labels()[r] : 0;
    }
    double[] xs = edges(px);
    double[] ys = edges(py);
    // The cell centres, row by row, as a data set without labels.
    int n = CELLS * CELLS;
    double[] grid = new double[2 * n];
    for (int i = 0; i < CELLS; i++) {
      for (int j = 0; j < CELLS; j++) {
        grid[2 * (i * CELLS + j)] = (xs[j] + xs[j + 1]) / 2;
        grid[2 * (i * CELLS + j) + 1] = (ys[i] + ys[i + 1]) / 2;
      }
    }
    weights.preprocessing().applyInPlace(grid);
    Dataset cells = new Dataset(rows.file(), n, 2, grid, new double[0], new int[n]);
    double[][] scores = new double[CELLS][CELLS];
    double[] one = new double[Math.max(1, runner.predictionWidth())];
    for (int from = 0; from + runner.batch() <= n; from += runner.batch()) {
      runner.load(cells, null, from);
      runner.arena().forward();
      for (int e = 0; e < runner.batch(); e++) {
        runner.prediction(e, one);
        int cell = from + e;
        scores[cell / CELLS][cell % CELLS] = kind == PredictionKind.ARGMAX
            ? Predictions.classOf(one, runner.predictionWidth(), kind, 0.5) : Predictions.score(one, kind);
      }
    }
    return TrainingPlots.decisionBoundary("Decision of " + title, "x1", "x2", xs, ys, scores, kind != PredictionKind.ARGMAX, px, py, labels);
  }

  /** CELLS + 1 edges spanning the values with a margin of a tenth of their range on each side. */
  private static double[] edges(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double margin = Math.max(0.1 * (max - min), 0.5);
    double[] edges = new double[CELLS + 1];
    for (int k = 0; k <= CELLS; k++) edges[k] = min - margin + (max - min + 2 * margin) * k / CELLS;
    return edges;
  }
}
