package dev.nnc.runtime.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnc.runtime.data.Preprocessing.Mode;
import org.junit.jupiter.api.Test;

/** Expected values are scikit-learn's (StandardScaler, MinMaxScaler((-1, 1))) except where noted. */
class PreprocessingTest {
  /** Four rows; column 2 is constant, and 0.1 repeated has a mean that is not exactly 0.1. */
  private static final double[][] ROWS = {{1, 10, 0.1, 5}, {2, 20, 0.1, -5}, {3, 40, 0.1, 0}, {4, 50, 0.1, 2}};

  @Test
  void standardUsesThePopulationStd() {
    double[] table = flat(Preprocessing.fit(Mode.STANDARD, ROWS), ROWS);
    assertThat(table).usingTolerance(1e-15).containsExactly(
        -1.3416407864998738, -1.2649110640673518, 0, 1.2362450755382013,
        -0.4472135954999579, -0.6324555320336759, 0, -1.5109662034355793,
        0.4472135954999579, 0.6324555320336759, 0, -0.13736056394868904,
        1.3416407864998738, 1.2649110640673518, 0, 0.4120816918460671).inOrder();
  }

  @Test
  void minmaxSpansMinusOneToOneExactly() {
    Preprocessing minmax = Preprocessing.fit(Mode.MINMAX, ROWS);
    double[] table = flat(minmax, ROWS);
    // scikit-learn gives −0.9999999999999999 for the first value; nnc's form makes the ends exact.
    assertThat(table).usingTolerance(1e-15).containsExactly(
        -1, -1, 0, 1,
        -1.0 / 3, -0.5, 0, -1,
        1.0 / 3, 0.5, 0, 0,
        1, 1, 0, 0.4).inOrder();
    assertThat(table[0]).isEqualTo(-1.0);
    assertThat(table[12]).isEqualTo(1.0);
    assertThat(minmax.apply(1, 90)).isEqualTo(3.0); // a test row may fall outside [−1, 1]
  }

  @Test
  void centerSubtractsTheMean() {
    double[] table = flat(Preprocessing.fit(Mode.CENTER, ROWS), ROWS);
    assertThat(table).usingTolerance(1e-15).containsExactly(
        -1.5, -20, 0, 4.5, -0.5, -10, 0, -5.5, 0.5, 10, 0, -0.5, 1.5, 20, 0, 1.5).inOrder();
  }

  @Test
  void aConstantColumnMapsToZeroEvenForOtherValuesLater() {
    // Unlike scikit-learn (which leaves it shifted, or puts it at −1 for minmax), nnc maps a column
    // that was constant in training to 0 everywhere: SPEC.md §2.
    for (Mode mode : new Mode[] {Mode.STANDARD, Mode.MINMAX}) {
      Preprocessing p = Preprocessing.fit(mode, ROWS);
      assertThat(p.apply(2, 0.1)).isEqualTo(0.0);
      assertThat(p.apply(2, 7)).isEqualTo(0.0);
      assertThat(p.divisor()[2]).isEqualTo(0.0);
    }
    assertThat(Preprocessing.fit(Mode.CENTER, ROWS).apply(2, 0.1)).isEqualTo(0.0);
  }

  @Test
  void statisticsComeFromTheFittedRowsOnly() {
    // Fit on the first two rows of the table; the rest (test rows) take the same statistics.
    double[] table = {0, 2, 4, 100};
    Preprocessing p = Preprocessing.fit(Mode.STANDARD, table, 2, 1);
    assertThat(p.shift()).usingExactEquality().containsExactly(1.0);
    assertThat(p.divisor()).usingExactEquality().containsExactly(1.0);
    p.applyInPlace(table);
    assertThat(table).usingExactEquality().containsExactly(-1.0, 1.0, 3.0, 99.0).inOrder();
  }

  @Test
  void floatTablesAreScaledInDoubleAndRoundedOnce() {
    Preprocessing p = Preprocessing.fit(Mode.STANDARD, ROWS);
    float[] narrow = new float[16];
    double[] wide = new double[16];
    for (int i = 0; i < 16; i++) narrow[i] = (float) (wide[i] = ROWS[i / 4][i % 4]);
    p.applyInPlace(narrow);
    p.applyInPlace(wide);
    for (int i = 0; i < 16; i++) assertThat((double) narrow[i]).isWithin(1e-6).of(wide[i]);
  }

  @Test
  void noneIsTheIdentityAndStatisticsRoundTrip() {
    Preprocessing none = Preprocessing.fit(Mode.NONE, ROWS);
    assertThat(flat(none, ROWS)).usingExactEquality().containsExactly(flatten(ROWS)).inOrder();
    Preprocessing fitted = Preprocessing.fit(Mode.STANDARD, ROWS);
    Preprocessing copy = new Preprocessing(fitted.mode(), fitted.shift(), fitted.divisor());
    assertThat(flat(copy, ROWS)).usingExactEquality().containsExactly(flat(fitted, ROWS)).inOrder();
    assertThat(Preprocessing.none(3).apply(1, 42)).isEqualTo(42.0);
  }

  @Test
  void badUseIsRefused() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Mode.named("zscore"))).hasMessageThat().contains("none, center, standard or minmax");
    assertThat(Mode.named("minmax")).isEqualTo(Mode.MINMAX);
    assertThrows(IllegalArgumentException.class, () -> Preprocessing.none(3).applyInPlace(new double[4]));
    assertThrows(IllegalArgumentException.class, () -> Preprocessing.fit(Mode.CENTER, new double[3], 2, 2));
  }

  private static double[] flat(Preprocessing p, double[][] rows) {
    double[] table = flatten(rows);
    p.applyInPlace(table);
    return table;
  }

  private static double[] flatten(double[][] rows) {
    double[] table = new double[rows.length * rows[0].length];
    for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, table, r * rows[0].length, rows[0].length);
    return table;
  }
}
