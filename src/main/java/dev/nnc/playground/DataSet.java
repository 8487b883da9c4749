package dev.nnc.playground;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/**
 * TensorFlow Playground's data sets, as its {@code dataset.ts} generates them, with a seeded
 * random stream in place of {@code Math.random}. Points lie in about [−6, 6]²; noise is a
 * fraction (the page's percent / 100). Classification labels are 1 (Playground's +1, blue) and 0
 * (its −1, orange), as {@code bce_logits} takes them; regression labels are in [−1, 1].
 */
public enum DataSet {
  CIRCLE(true, 500),
  XOR(true, 500),
  GAUSSIAN(true, 500),
  SPIRAL(true, 500),
  PLANE(false, 1200),
  MULTI_GAUSSIAN(false, 1200);

  private final boolean classification;
  private final int size;

  DataSet(boolean classification, int size) {
    this.classification = classification;
    this.size = size;
  }

  /** The data set a page name ({@code circle}, {@code multi-gaussian}, ...) names. */
  public static DataSet named(String name) {
    for (DataSet d : values()) if (d.id().equals(name)) return d;
    throw new IllegalArgumentException("unknown data set '" + name + "': use circle, xor, gaussian, spiral, plane or multi-gaussian");
  }

  /** The name the page and the program's comment use. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean classification() {
    return classification;
  }

  /** How many points Playground draws: 500 to classify, 1200 to regress. */
  public int size() {
    return size;
  }

  /** The points, in the order Playground generates them. */
  public List<Point> generate(double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Point> points = new ArrayList<>(size);
    switch (this) {
      case CIRCLE -> circle(points, noise, random);
      case XOR -> xor(points, noise, random);
      case GAUSSIAN -> twoGaussians(points, noise, random);
      case SPIRAL -> spiral(points, noise, random);
      case PLANE -> regression(points, noise, random, DataSet::plane);
      case MULTI_GAUSSIAN -> regression(points, noise, random, DataSet::multiGaussian);
    }
    return points;
  }

  private void circle(List<Point> points, double noise, SplittableRandom random) {
    double radius = 5;
    for (int ring = 0; ring < 2; ring++) {
      // Half inside radius/2 (positive), half in the ring from 0.7 to 1 radius (negative); the
      // label is decided after the noise moves the point, so noise mislabels near the edge.
      double from = ring == 0 ? 0 : radius * 0.7;
      double to = ring == 0 ? radius * 0.5 : radius;
      for (int i = 0; i < size / 2; i++) {
        double r = uniform(random, from, to);
        double angle = uniform(random, 0, 2 * Math.PI);
        double x = r * Math.sin(angle);
        double y = r * Math.cos(angle);
        double nx = uniform(random, -radius, radius) * noise;
        double ny = uniform(random, -radius, radius) * noise;
        points.add(new Point(x, y, Math.hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0));
      }
    }
  }

  private void xor(List<Point> points, double noise, SplittableRandom random) {
    double padding = 0.3;
    for (int i = 0; i < size; i++) {
      double x = uniform(random, -5, 5);
      x += x > 0 ? padding : -padding;
      double y = uniform(random, -5, 5);
      y += y > 0 ? padding : -padding;
      double nx = uniform(random, -5, 5) * noise;
      double ny = uniform(random, -5, 5) * noise;
      points.add(new Point(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0));
    }
  }

  private void twoGaussians(List<Point> points, double noise, SplittableRandom random) {
    double variance = 0.5 + noise / 0.5 * 3.5;   // Playground's scale: noise 0..0.5 -> variance 0.5..4
    for (int g = 0; g < 2; g++) {
      double centre = g == 0 ? 2 : -2;
      for (int i = 0; i < size / 2; i++) {
        double x = normal(random, centre, variance);
        double y = normal(random, centre, variance);
        points.add(new Point(x, y, g == 0 ? 1 : 0));
      }
    }
  }

  private void spiral(List<Point> points, double noise, SplittableRandom random) {
    int n = size / 2;
    for (int arm = 0; arm < 2; arm++) {
      double deltaT = arm == 0 ? 0 : Math.PI;
      for (int i = 0; i < n; i++) {
        double r = (double) i / n * 5;
        double t = 1.75 * i / n * 2 * Math.PI + deltaT;
        double x = r * Math.sin(t) + uniform(random, -1, 1) * noise;
        double y = r * Math.cos(t) + uniform(random, -1, 1) * noise;
        points.add(new Point(x, y, arm == 0 ? 1 : 0));
      }
    }
  }

  /** x + y, from [−10, 10] to [−1, 1]. */
  private static double plane(double x, double y) {
    return (x + y) / 10;
  }

  // Six bumps of alternating sign; a point takes the strongest bump's value, falling linearly
  // from ±1 at a centre to 0 at distance 2.
  private static final double[][] BUMPS = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};

  private static double multiGaussian(double x, double y) {
    double label = 0;
    for (double[] b : BUMPS) {
      double value = b[2] * Math.max(0, 1 - Math.hypot(x - b[0], y - b[1]) / 2);
      if (Math.abs(value) > Math.abs(label)) label = value;
    }
    return label;
  }

  /** Uniform points in the square, each labelled by {@code target} at the point moved by noise. */
  private void regression(List<Point> points, double noise, SplittableRandom random, DoubleBinaryOperator target) {
    double radius = 6;
    for (int i = 0; i < size; i++) {
      double x = uniform(random, -radius, radius);
      double y = uniform(random, -radius, radius);
      double nx = uniform(random, -radius, radius) * noise;
      double ny = uniform(random, -radius, radius) * noise;
      points.add(new Point(x, y, target.applyAsDouble(x + nx, y + ny)));
    }
  }

  private static double uniform(SplittableRandom random, double from, double to) {
    return from + random.nextDouble() * (to - from);
  }

  /** Playground's Marsaglia polar method, with its (mean, variance) arguments. */
  private static double normal(SplittableRandom random, double mean, double variance) {
    double v1, v2, s;
    do {
      v1 = 2 * random.nextDouble() - 1;
      v2 = 2 * random.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s > 1 || s == 0);
    return mean + Math.sqrt(variance) * Math.sqrt(-2 * Math.log(s) / s) * v1;
  }
}
