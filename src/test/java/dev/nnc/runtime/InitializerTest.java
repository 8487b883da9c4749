package dev.nnc.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InitializerTest {
  private static final int DRAWS = 200_000;

  @Test
  void fansFollowSpec() {
    assertThat(Initializer.fans(128, 784)).isEqualTo(new Initializer.Fans(784, 128));
    assertThat(Initializer.fans(16, 3, 5, 5)).isEqualTo(new Initializer.Fans(3 * 25, 16 * 25));
    assertThat(Initializer.fans(10)).isEqualTo(new Initializer.Fans(10, 10));
    assertThat(Initializer.fans()).isEqualTo(new Initializer.Fans(1, 1));
  }

  @Test
  void sameSeedGivesSameWeights() {
    for (Initializer init : new Initializer[] {new Initializer.Xavier(), new Initializer.He(), new Initializer.Sparse(3, 0.5), new Initializer.Normal(2)}) {
      assertThat(draw(init, 40, 10, 4, 7)).isEqualTo(draw(init, 40, 10, 4, 7));
      assertThat(draw(init, 40, 10, 4, 7)).isNotEqualTo(draw(init, 40, 10, 4, 8));
    }
  }

  @Test
  void floatFillIsTheDoubleDrawsRounded() {
    double[] wide = draw(new Initializer.He(), 50, 5, 10, 1);
    float[] narrow = new float[52];
    new Initializer.He().fill(narrow, 2, 50, 5, 10, new Random(1));
    for (int i = 0; i < 50; i++) assertThat(narrow[2 + i]).isEqualTo((float) wide[i]);
    assertThat(narrow[0]).isEqualTo(0f);
  }

  @Test
  void xavierIsUniformOverItsBound() {
    int fanIn = 30, fanOut = 20;
    double bound = Math.sqrt(6.0 / 50);
    double[] w = draw(new Initializer.Xavier(), DRAWS, fanIn, fanOut, 3);
    for (double v : w) assertThat(Math.abs(v)).isAtMost(bound);
    assertThat(mean(w)).isWithin(0.01 * bound).of(0);
    assertThat(variance(w)).isWithin(0.01 * bound * bound).of(bound * bound / 3); // Var U(−a, a) = a²/3
  }

  @Test
  void heHasVarianceTwoOverFanIn() {
    double[] w = draw(new Initializer.He(), DRAWS, 50, 7, 4);
    assertThat(mean(w)).isWithin(0.002).of(0);
    assertThat(variance(w)).isWithin(0.02 * 2.0 / 50).of(2.0 / 50);
  }

  @Test
  void uniformAndNormalKeepTheirScale() {
    double[] u = draw(new Initializer.Uniform(0.01), DRAWS, 1, 1, 5);
    assertThat(mean(u)).isWithin(1e-4).of(0.005);
    double[] n = draw(new Initializer.Normal(3), DRAWS, 1, 1, 6);
    assertThat(variance(n)).isWithin(0.2).of(9);
  }

  @Test
  void sparseGivesEachRowExactlyKNonZeros() {
    int rows = 500, fanIn = 40, k = 5;
    double[] w = draw(new Initializer.Sparse(k, 2.0), rows * fanIn, fanIn, rows, 7);
    int[] perColumn = new int[fanIn];
    double sumSquares = 0;
    for (int r = 0; r < rows; r++) {
      int nonZero = 0;
      for (int c = 0; c < fanIn; c++) {
        double v = w[r * fanIn + c];
        if (v != 0) {
          nonZero++;
          perColumn[c]++;
          sumSquares += v * v;
        }
      }
      assertThat(nonZero).isEqualTo(k);
    }
    // Columns are chosen uniformly: each is picked rows·k/fanIn = 62.5 times on average.
    for (int count : perColumn) assertThat(count).isIn(com.google.common.collect.Range.closed(30, 100));
    assertThat(sumSquares / (rows * k)).isWithin(0.3).of(4.0);
  }

  @Test
  void sparseRefusesMoreInputsThanAUnitHas() {
    assertThrows(IllegalArgumentException.class, () -> draw(new Initializer.Sparse(5, 1), 8, 4, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new Initializer.Sparse(0, 1));
  }

  @Test
  void onlyConstantsFailToBreakSymmetry() {
    assertThat(new Initializer.Constant(0).breaksSymmetry()).isFalse();
    assertThat(new Initializer.He().breaksSymmetry()).isTrue();
    assertThat(new Initializer.Sparse(1, 1).breaksSymmetry()).isTrue();
  }

  private static double[] draw(Initializer init, int count, int fanIn, int fanOut, long seed) {
    double[] out = new double[count];
    init.fill(out, 0, count, fanIn, fanOut, new Random(seed));
    return out;
  }

  private static double mean(double[] xs) {
    double sum = 0;
    for (double x : xs) sum += x;
    return sum / xs.length;
  }

  private static double variance(double[] xs) {
    double m = mean(xs), sum = 0;
    for (double x : xs) sum += (x - m) * (x - m);
    return sum / xs.length;
  }
}
