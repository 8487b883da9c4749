package dev.nnc.playground;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Playground's data sets: sizes, the rule behind each label, seeding, and what noise does. */
class DataSetTest {
  @Test
  void circleIsADiscOfPositivesInsideARingOfNegatives() {
    List<Point> points = DataSet.CIRCLE.generate(0, 7);
    assertThat(points).hasSize(500);
    for (int i = 0; i < 500; i++) {
      Point p = points.get(i);
      double r = Math.hypot(p.x1(), p.x2());
      if (i < 250) {
        assertThat(p.label()).isEqualTo(1.0);
        assertThat(r).isLessThan(2.5);
      } else {
        assertThat(p.label()).isEqualTo(0.0);
        assertThat(r).isAtLeast(3.5 - 1e-12);
        assertThat(r).isAtMost(5.0);
      }
    }
  }

  @Test
  void xorLabelsByTheQuadrantAndKeepsAGapAroundTheAxes() {
    for (Point p : DataSet.XOR.generate(0, 3)) {
      assertThat(Math.abs(p.x1())).isAtLeast(0.3);
      assertThat(Math.abs(p.x2())).isAtLeast(0.3);
      assertThat(p.label()).isEqualTo(p.x1() * p.x2() >= 0 ? 1.0 : 0.0);
    }
  }

  @Test
  void noiseMislabelsSomeXorPointsNearTheAxes() {
    long flipped = DataSet.XOR.generate(0.5, 3).stream().filter(p -> p.label() != (p.x1() * p.x2() >= 0 ? 1.0 : 0.0)).count();
    assertThat(flipped).isGreaterThan(20L);
    assertThat(flipped).isLessThan(250L);
  }

  @Test
  void gaussiansAreCentredAtPlusAndMinusTwoWithVarianceOneHalfWithoutNoise() {
    List<Point> points = DataSet.GAUSSIAN.generate(0, 11);
    double[] mean = new double[2];
    double squares = 0;
    for (int i = 0; i < 250; i++) {
      assertThat(points.get(i).label()).isEqualTo(1.0);
      assertThat(points.get(250 + i).label()).isEqualTo(0.0);
      mean[0] += points.get(i).x1() / 250;
      mean[1] += points.get(250 + i).x1() / 250;
    }
    for (int i = 0; i < 250; i++) squares += Math.pow(points.get(i).x1() - mean[0], 2) / 250;
    assertThat(mean[0]).isWithin(0.15).of(2.0);
    assertThat(mean[1]).isWithin(0.15).of(-2.0);
    assertThat(squares).isWithin(0.12).of(0.5);
  }

  @Test
  void spiralArmsFollowPlaygroundsFormulaExactlyWithoutNoise() {
    List<Point> points = DataSet.SPIRAL.generate(0, 1);
    // Point 100 of each arm: r = 100/250 * 5 = 2, t = 1.75 * 100/250 * 2π (+ π for the second arm).
    double t = 1.75 * 100 / 250 * 2 * Math.PI;
    assertThat(points.get(100)).isEqualTo(new Point(2 * Math.sin(t), 2 * Math.cos(t), 1));
    assertThat(points.get(350)).isEqualTo(new Point(2 * Math.sin(t + Math.PI), 2 * Math.cos(t + Math.PI), 0));
  }

  @Test
  void regressionLabelsFollowTheirSurfaces() {
    List<Point> plane = DataSet.PLANE.generate(0, 5);
    assertThat(plane).hasSize(1200);
    for (Point p : plane) assertThat(p.label()).isWithin(1e-15).of((p.x1() + p.x2()) / 10);
    for (Point p : DataSet.MULTI_GAUSSIAN.generate(0, 5)) {
      assertThat(Math.abs(p.label())).isAtMost(1.0);
      // Nearest the bump at (0, 2.5), of sign −1, within distance 1: the label is −(1 − d/2).
      double d = Math.hypot(p.x1(), p.x2() - 2.5);
      if (d < 1) assertThat(p.label()).isWithin(1e-12).of(-(1 - d / 2));
    }
  }

  @Test
  void theSeedDecidesThePoints() {
    assertThat(DataSet.SPIRAL.generate(0.3, 9)).isEqualTo(DataSet.SPIRAL.generate(0.3, 9));
    assertThat(DataSet.SPIRAL.generate(0.3, 9)).isNotEqualTo(DataSet.SPIRAL.generate(0.3, 10));
  }

  @Test
  void namesAreThePagesAndUnknownOnesAreRefused() {
    assertThat(DataSet.named("multi-gaussian")).isEqualTo(DataSet.MULTI_GAUSSIAN);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DataSet.named("moons"));
    assertThat(e).hasMessageThat().isEqualTo("unknown data set 'moons': use circle, xor, gaussian, spiral, plane or multi-gaussian");
  }
}
