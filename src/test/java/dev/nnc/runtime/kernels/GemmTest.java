package dev.nnc.runtime.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
  enum Form { NN, NT, TN }

  /** The implementations under test, all fed the same float-representable data. */
  enum Implementation {
    VECTOR, PLAIN, DOUBLE;

    void run(Form form, Problem p, double[] a, double[] b, double[] c) {
      if (this == DOUBLE) {
        switch (form) {
          case NN -> Gemm.nn(p.m, p.n, p.k, a, p.aOff, p.lda, b, p.bOff, p.ldb, c, p.cOff, p.ldc, p.accumulate);
          case NT -> Gemm.nt(p.m, p.n, p.k, a, p.aOff, p.lda, b, p.bOff, p.ldb, c, p.cOff, p.ldc, p.accumulate);
          case TN -> Gemm.tn(p.m, p.n, p.k, a, p.aOff, p.lda, b, p.bOff, p.ldb, c, p.cOff, p.ldc, p.accumulate);
        }
        return;
      }
      FloatGemm gemm = this == VECTOR ? FloatGemm.vector() : FloatGemm.plain();
      float[] fa = toFloats(a), fb = toFloats(b), fc = toFloats(c);
      switch (form) {
        case NN -> gemm.nn(p.m, p.n, p.k, fa, p.aOff, p.lda, fb, p.bOff, p.ldb, fc, p.cOff, p.ldc, p.accumulate);
        case NT -> gemm.nt(p.m, p.n, p.k, fa, p.aOff, p.lda, fb, p.bOff, p.ldb, fc, p.cOff, p.ldc, p.accumulate);
        case TN -> gemm.tn(p.m, p.n, p.k, fa, p.aOff, p.lda, fb, p.bOff, p.ldb, fc, p.cOff, p.ldc, p.accumulate);
      }
      for (int i = 0; i < c.length; i++) {
        c[i] = fc[i];
      }
    }

    double relativeTolerancePerTerm() {
      return this == DOUBLE ? 1e-15 : 1e-6;
    }
  }

  /** One product: sizes, where each operand starts and how far apart its stored rows are. */
  record Problem(int m, int n, int k, int aOff, int lda, int bOff, int ldb, int cOff, int ldc,
      boolean accumulate, Form form) {
    static Problem of(Form form, int m, int n, int k, int offset, int rowPadding, boolean accumulate) {
      int aCols = form == Form.TN ? m : k;
      int bCols = form == Form.NT ? k : n;
      return new Problem(m, n, k, offset, aCols + rowPadding, 2 * offset, bCols + rowPadding,
          3 * offset, n + rowPadding, accumulate, form);
    }

    int aRows() { return form == Form.TN ? k : m; }
    int bRows() { return form == Form.NT ? n : k; }
    double a(double[] a, int i, int p) { return form == Form.TN ? a[aOff + p * lda + i] : a[aOff + i * lda + p]; }
    double b(double[] b, int p, int j) { return form == Form.NT ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]; }

    @Override
    public String toString() {
      return form + " m=" + m + " n=" + n + " k=" + k + " offsets=" + aOff + " lda=" + lda
          + " ldb=" + ldb + " ldc=" + ldc + (accumulate ? " accumulate" : "");
    }
  }

  private static final int[][] SHAPES = {
      {1, 1, 1}, {1, 17, 3}, {3, 1, 5}, {5, 7, 9}, {6, 32, 1}, {7, 33, 13}, {13, 47, 31},
      {31, 16, 64}, {64, 64, 64}, {12, 100, 257}, {65, 9, 20},
      // The forward product of a 784-128 layer at batch 32 (A·Bᵀ as dot products).
      {32, 128, 784},
      // Past both blocking thresholds: two column blocks (n > 512) and three depth blocks (k > 512).
      {37, 531, 600},
      // NN and TN packed (m > 64 and B past 128 Ki floats), not read in place by the row kernel.
      {100, 300, 500},
  };

  static Stream<Arguments> problems() {
    List<Arguments> cases = new ArrayList<>();
    for (Implementation implementation : Implementation.values()) {
      for (Form form : Form.values()) {
        for (int[] s : SHAPES) {
          cases.add(Arguments.of(implementation, Problem.of(form, s[0], s[1], s[2], 0, 0, false)));
          cases.add(Arguments.of(implementation, Problem.of(form, s[0], s[1], s[2], 5, 3, true)));
        }
        // Rows 512 floats apart (2 KiB, lines in few L1 sets), with a last partial panel of B
        // (n = 45) and a depth that ends in a partial transposing tile (k = 100).
        cases.add(Arguments.of(implementation, Problem.of(form, 70, 45, 100, 1, 512 - 100, true)));
        cases.add(Arguments.of(implementation, Problem.of(form, 70, 45, 512, 0, 0, false)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("problems")
  void matchesDoublePrecisionReference(Implementation implementation, Problem p) {
    assumeTrue(implementation != Implementation.VECTOR || VectorSupport.available(), "no jdk.incubator.vector");
    Random random = new Random(p.toString().hashCode());
    double[] a = randomFloats(random, p.aOff + p.aRows() * p.lda);
    double[] b = randomFloats(random, p.bOff + p.bRows() * p.ldb);
    double[] c = randomFloats(random, p.cOff + p.m * p.ldc);
    double[] before = c.clone();

    implementation.run(p.form, p, a, b, c);

    for (int i = 0; i < p.m; i++) {
      for (int j = 0; j < p.n; j++) {
        double sum = p.accumulate ? before[p.cOff + i * p.ldc + j] : 0;
        double magnitude = Math.abs(sum);
        for (int q = 0; q < p.k; q++) {
          double term = p.a(a, i, q) * p.b(b, q, j);
          sum += term;
          magnitude += Math.abs(term);
        }
        double tolerance = implementation.relativeTolerancePerTerm() * (p.k + 1) * magnitude;
        assertWithMessage("C[%s][%s]", i, j)
            .that(c[p.cOff + i * p.ldc + j]).isWithin(tolerance).of(sum);
      }
    }
    assertOutsideOfCUnchanged(p, before, c);
  }

  @ParameterizedTest
  @MethodSource("floatImplementations")
  void sameInputsGiveBitIdenticalOutputs(Implementation implementation) {
    assumeTrue(implementation != Implementation.VECTOR || VectorSupport.available(), "no jdk.incubator.vector");
    Problem p = Problem.of(Form.NT, 29, 530, 300, 1, 2, true);
    Random random = new Random(7);
    double[] a = randomFloats(random, p.aOff + p.aRows() * p.lda);
    double[] b = randomFloats(random, p.bOff + p.bRows() * p.ldb);
    double[] c = randomFloats(random, p.cOff + p.m * p.ldc);
    double[] again = c.clone();
    implementation.run(p.form, p, a, b, c);
    implementation.run(p.form, p, a, b, again);
    assertThat(again).isEqualTo(c);
  }

  /** Shapes split by columns (wide C) and by rows (C of 10 columns), past the parallel threshold. */
  static Stream<Arguments> splitProblems() {
    List<Arguments> cases = new ArrayList<>();
    for (Implementation implementation : floatImplementations().toList()) {
      for (Form form : Form.values()) {
        for (int threads : new int[] {2, 3}) {
          cases.add(Arguments.of(implementation, Problem.of(form, 70, 530, 300, 1, 2, true), threads));
          // NN and TN on the row kernel (B of 120 Ki floats), sliced by columns.
          cases.add(Arguments.of(implementation, Problem.of(form, 130, 300, 400, 1, 2, true), threads));
          cases.add(Arguments.of(implementation, Problem.of(form, 2100, 10, 400, 0, 0, false), threads));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} on {2} threads")
  @MethodSource("splitProblems")
  void aTeamOfThreadsGivesTheSerialResultBitForBit(Implementation implementation, Problem p, int threads) {
    assumeTrue(implementation != Implementation.VECTOR || VectorSupport.available(), "no jdk.incubator.vector");
    assertThat((long) p.m * p.n * p.k).isAtLeast(FloatGemm.PARALLEL_MIN);
    Random random = new Random(11);
    double[] a = randomFloats(random, p.aOff + p.aRows() * p.lda);
    double[] b = randomFloats(random, p.bOff + p.bRows() * p.ldb);
    double[] c = randomFloats(random, p.cOff + p.m * p.ldc);
    double[] parallel = c.clone();
    implementation.run(p.form, p, a, b, c);
    try (WorkerTeam team = new WorkerTeam(threads)) {
      team.install();
      implementation.run(p.form, p, a, b, parallel);
    }
    assertThat(parallel).isEqualTo(c);
  }

  static Stream<Implementation> floatImplementations() {
    return Stream.of(Implementation.VECTOR, Implementation.PLAIN);
  }

  @Test
  void rejectsEmptySizes() {
    float[] x = new float[4];
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Gemm.nn(0, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2, false));
  }

  /** A JVM without {@code --add-modules jdk.incubator.vector} must still multiply, on plain loops. */
  @Test
  void runsWithoutTheVectorModule() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WithoutVectorModule.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    assertThat(process.waitFor()).isEqualTo(0);
    assertThat(output).isEqualTo("vector=false c=[19.0, 22.0, 43.0, 50.0]");
  }

  static final class WithoutVectorModule {
    public static void main(String[] args) {
      float[] a = {1, 2, 3, 4};
      float[] b = {5, 6, 7, 8};
      float[] c = new float[4];
      Gemm.nn(2, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2, false);
      System.out.println("vector=" + VectorSupport.available() + " c=" + java.util.Arrays.toString(c));
    }
  }

  private static void assertOutsideOfCUnchanged(Problem p, double[] before, double[] after) {
    for (int idx = 0; idx < after.length; idx++) {
      int rel = idx - p.cOff;
      boolean insideC = rel >= 0 && rel / p.ldc < p.m && rel % p.ldc < p.n;
      if (!insideC) {
        assertWithMessage("C storage at %s, outside the matrix", idx)
            .that(after[idx]).isEqualTo(before[idx]);
      }
    }
  }

  /** Values exactly representable as floats, so float and double paths see the same inputs. */
  private static double[] randomFloats(Random random, int length) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  private static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
