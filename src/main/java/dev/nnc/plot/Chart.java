package dev.nnc.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart as an SVG document: a title, two linear axes with ticks, grid and labels, any
 * number of {@link Series} and a legend. The ROC and precision–recall curves are charts, and so
 * are loss curves; pictures that need more (a decision boundary) can draw on the same frame.
 */
public final class Chart {
  private static final int WIDTH = 560;
  private static final int HEIGHT = 520;
  private static final int LEFT = 72;
  private static final int RIGHT = 24;
  private static final int TOP = 52;
  private static final int BOTTOM = 62;
  private static final String TEXT_COLOR = "#222222";
  // A point closer than this (in pixels) to the last one drawn adds nothing visible; skipping it
  // keeps the picture of a million-row curve small.
  private static final double MIN_STEP_PIXELS = 0.5;

  /** Where the legend sits inside the plot area: where the curves leave room. */
  public enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

  private final String title;
  private final Axis xAxis;
  private final Axis yAxis;
  private final Corner legendCorner;
  private final List<Series> series = new ArrayList<>();
  private final List<Point> points = new ArrayList<>();
  private Heatmap heatmap;

  /** A marker at (x, y) in the data's coordinates. */
  public record Point(double x, double y, String color) {}

  /**
   * A field of colours behind the series: {@code colors[i][j]} fills the cell from xs[j] to xs[j+1]
   * and ys[i] to ys[i+1], as TensorFlow Playground paints a classifier's decision.
   */
  public record Heatmap(double[] xs, double[] ys, String[][] colors) {}

  public Chart background(Heatmap h) {
    this.heatmap = h;
    return this;
  }

  /** Adds markers, drawn over everything but the frame and legend. */
  public Chart add(List<Point> markers) {
    points.addAll(markers);
    return this;
  }

  public Chart(String title, Axis xAxis, Axis yAxis, Corner legendCorner) {
    this.title = title;
    this.xAxis = xAxis;
    this.yAxis = yAxis;
    this.legendCorner = legendCorner;
  }

  /** Adds a series, drawn over those added before. */
  public Chart add(Series s) {
    series.add(s);
    return this;
  }

  public String toSvg() {
    LinearScale x = new LinearScale(xAxis.min(), xAxis.max(), LEFT, WIDTH - RIGHT);
    LinearScale y = new LinearScale(yAxis.min(), yAxis.max(), HEIGHT - BOTTOM, TOP);
    Svg svg = new Svg(WIDTH, HEIGHT);
    svg.rect(0, 0, WIDTH, HEIGHT, "fill=\"white\"");
    svg.text(WIDTH / 2.0, TOP / 2.0 + 6, title, "text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\" fill=\"" + TEXT_COLOR + "\"");
    if (heatmap != null) drawHeatmap(svg, x, y);
    drawGridAndTicks(svg, x, y);
    for (Series s : series) drawSeries(svg, s, x, y);
    for (Point p : points) svg.circle(x.map(p.x()), y.map(p.y()), 3.5, "fill=\"" + p.color() + "\" stroke=\"white\" stroke-width=\"1\"");
    svg.rect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, "fill=\"none\" stroke=\"#444444\"");
    drawAxisLabels(svg);
    drawLegend(svg);
    return svg.finish();
  }

  private void drawHeatmap(Svg svg, LinearScale x, LinearScale y) {
    for (int i = 0; i + 1 < heatmap.ys().length; i++) {
      for (int j = 0; j + 1 < heatmap.xs().length; j++) {
        double left = x.map(heatmap.xs()[j]);
        double top = y.map(heatmap.ys()[i + 1]);
        // A hair of overlap hides the seams a renderer leaves between adjacent cells.
        svg.rect(left, top, x.map(heatmap.xs()[j + 1]) - left + 0.5, y.map(heatmap.ys()[i]) - top + 0.5,
            "fill=\"" + heatmap.colors()[i][j] + "\" stroke=\"none\"");
      }
    }
  }

  private void drawGridAndTicks(Svg svg, LinearScale x, LinearScale y) {
    String grid = heatmap == null ? "stroke=\"#e4e4e4\"" : "stroke=\"#ffffff\" stroke-opacity=\"0.35\"";
    String tick = "stroke=\"#444444\"";
    String labels = "font-size=\"12\" fill=\"" + TEXT_COLOR + "\"";
    for (double value : x.ticks()) {
      double px = x.map(value);
      svg.line(px, TOP, px, HEIGHT - BOTTOM, grid);
      svg.line(px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + 5, tick);
      svg.text(px, HEIGHT - BOTTOM + 19, LinearScale.label(value), "text-anchor=\"middle\" " + labels);
    }
    for (double value : y.ticks()) {
      double py = y.map(value);
      svg.line(LEFT, py, WIDTH - RIGHT, py, grid);
      svg.line(LEFT - 5, py, LEFT, py, tick);
      svg.text(LEFT - 9, py + 4, LinearScale.label(value), "text-anchor=\"end\" " + labels);
    }
  }

  private void drawAxisLabels(Svg svg) {
    String style = "text-anchor=\"middle\" font-size=\"14\" fill=\"" + TEXT_COLOR + "\"";
    double centreX = (LEFT + WIDTH - RIGHT) / 2.0;
    double centreY = (TOP + HEIGHT - BOTTOM) / 2.0;
    svg.text(centreX, HEIGHT - 18, xAxis.label(), style);
    svg.text(20, centreY, yAxis.label(), style + " transform=\"rotate(-90 20 " + Svg.number(centreY) + ")\"");
  }

  private static void drawSeries(Svg svg, Series s, LinearScale x, LinearScale y) {
    int n = s.x().length;
    // Two spare slots close a filled area along the bottom of the chart.
    double[] px = new double[n + 2];
    double[] py = new double[n + 2];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double nextX = x.map(s.x()[i]);
      double nextY = y.map(s.y()[i]);
      boolean last = i == n - 1;
      if (kept > 0 && !last && Math.abs(nextX - px[kept - 1]) < MIN_STEP_PIXELS && Math.abs(nextY - py[kept - 1]) < MIN_STEP_PIXELS) continue;
      px[kept] = nextX;
      py[kept] = nextY;
      kept++;
    }
    if (kept == 0) return;
    if (s.filled()) {
      double bottom = y.map(y.min());
      px[kept] = px[kept - 1];
      py[kept] = bottom;
      px[kept + 1] = px[0];
      py[kept + 1] = bottom;
      svg.path(px, py, kept + 2, true, "fill=\"" + s.color() + "\" fill-opacity=\"0.12\" stroke=\"none\"");
    }
    svg.path(px, py, kept, false, stroke(s));
  }

  private static String stroke(Series s) {
    return "fill=\"none\" stroke=\"" + s.color() + "\" stroke-width=\"" + (s.dashed() ? "1.5" : "2.5")
        + "\" stroke-linejoin=\"round\"" + (s.dashed() ? " stroke-dasharray=\"6 5\"" : "");
  }

  private void drawLegend(Svg svg) {
    if (series.isEmpty()) return;
    int rowHeight = 20;
    int sample = 28;
    int longest = series.stream().mapToInt(s -> s.label().length()).max().orElse(0);
    // No font metrics without a renderer: 7 px a character is a safe width for 13 px Helvetica.
    double width = 10 + sample + 8 + longest * 7 + 10;
    double height = series.size() * rowHeight + 10;
    boolean left = legendCorner == Corner.TOP_LEFT || legendCorner == Corner.BOTTOM_LEFT;
    boolean top = legendCorner == Corner.TOP_LEFT || legendCorner == Corner.TOP_RIGHT;
    double boxX = left ? LEFT + 10 : WIDTH - RIGHT - 10 - width;
    double boxY = top ? TOP + 10 : HEIGHT - BOTTOM - 10 - height;
    svg.rect(boxX, boxY, width, height, "fill=\"white\" fill-opacity=\"0.9\" stroke=\"#bbbbbb\"");
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      double rowY = boxY + 5 + rowHeight * (i + 0.5);
      svg.line(boxX + 10, rowY, boxX + 10 + sample, rowY, stroke(s));
      svg.text(boxX + 10 + sample + 8, rowY + 4.5, s.label(), "font-size=\"13\" fill=\"" + TEXT_COLOR + "\"");
    }
  }
}
