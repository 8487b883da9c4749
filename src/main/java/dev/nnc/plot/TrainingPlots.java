package dev.nnc.plot;

import java.util.List;

/**
 * Pictures of training: the loss and accuracy per epoch, and a model's decision over a 2-D input
 * plane with the data on it, coloured as TensorFlow Playground colours them.
 */
public final class TrainingPlots {
  private static final String LOSS_COLOR = "#d62728";
  private static final String ACCURACY_COLOR = "#1f77b4";
  private static final String[] CLASS_COLORS = {"#f59322", "#0877bd", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#d62728"};

  private TrainingPlots() {}

  /** Loss and (when defined) accuracy per epoch on one axis from 0. */
  public static String curves(double[] epochs, double[] loss, double[] accuracy) {
    double top = 1;
    for (double l : loss) if (Double.isFinite(l)) top = Math.max(top, l);
    Chart chart = new Chart("Training", new Axis("epoch", epochs.length == 1 ? 0 : epochs[0], epochs[epochs.length - 1]),
        new Axis("loss, accuracy", 0, top), Chart.Corner.TOP_RIGHT);
    chart.add(Series.line("loss", epochs, loss, LOSS_COLOR));
    if (accuracy != null) chart.add(Series.line("accuracy", epochs, accuracy, ACCURACY_COLOR));
    return chart.toSvg();
  }

  /**
   * The decision of a model over the plane: {@code scores[i][j]} at (xs[j], ys[i]) is the positive
   * class's probability (binary) or a class index (multiclass), painted between class colours;
   * the points are the data, coloured by their labels.
   */
  public static String decisionBoundary(String title, String xLabel, String yLabel, double[] xs, double[] ys, double[][] scores,
      boolean binary, double[] px, double[] py, int[] labels) {
    String[][] colors = new String[ys.length - 1][xs.length - 1];
    for (int i = 0; i < ys.length - 1; i++) {
      for (int j = 0; j < xs.length - 1; j++) colors[i][j] = binary ? blend(scores[i][j]) : pale(CLASS_COLORS[(int) scores[i][j] % CLASS_COLORS.length]);
    }
    Chart chart = new Chart(title, new Axis(xLabel, xs[0], xs[xs.length - 1]), new Axis(yLabel, ys[0], ys[ys.length - 1]), Chart.Corner.TOP_RIGHT)
        .background(new Chart.Heatmap(xs, ys, colors));
    List<Chart.Point> points = new java.util.ArrayList<>();
    for (int k = 0; k < px.length; k++) points.add(new Chart.Point(px[k], py[k], CLASS_COLORS[labels[k] % CLASS_COLORS.length]));
    return chart.add(points).toSvg();
  }

  /** White at 0.5, toward the class colours at 0 and 1, as Playground shades its confidence. */
  private static String blend(double p) {
    int[] negative = rgb(CLASS_COLORS[0]);
    int[] positive = rgb(CLASS_COLORS[1]);
    double t = Math.abs(p - 0.5) * 2 * 0.6;
    int[] c = p >= 0.5 ? positive : negative;
    return hex(mix(255, c[0], t), mix(255, c[1], t), mix(255, c[2], t));
  }

  private static String pale(String color) {
    int[] c = rgb(color);
    return hex(mix(255, c[0], 0.35), mix(255, c[1], 0.35), mix(255, c[2], 0.35));
  }

  private static int mix(int from, int to, double t) {
    return (int) Math.round(from + (to - from) * t);
  }

  private static int[] rgb(String hex) {
    int v = Integer.parseInt(hex.substring(1), 16);
    return new int[] {v >> 16, (v >> 8) & 255, v & 255};
  }

  private static String hex(int r, int g, int b) {
    return String.format("#%02x%02x%02x", r, g, b);
  }
}
