package dev.nnc.runtime.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The max-pooling kernels on their own, in both precisions: hand-checked windows (ties, zeros,
 * negative maxima, rows and columns no window covers, relu's mask fused in with positiveOnly),
 * the definition computed directly over many shapes, and float against double on data with NaN,
 * infinities and signed zeros, also in a JVM without the Vector API. The float 2×2 stride-2 pool
 * runs on the Vector API a vector (16 floats with AVX-512) at a time, loading and storing whole
 * vectors past a row's end, and on the scalar loops where they would pass the example or the
 * array: so widths run from 2 past 32, the conv net's 8 × 28 × 28 and 16 × 14 × 14 are among
 * the shapes, and operands sit at the arena's very end. ConvPrecisionTest and
 * PyTorchReferenceTest hold the same kernels to PyTorch inside networks.
 */
class PoolingTest {
  /** The arena's filler outside the operands: a kernel that writes there is caught. */
  private static final double UNTOUCHED = -7;

  enum Precision {
    F64, F32;

    double[] max(double[] arena, int count, int x, int xStride, int out, int outStride, int c, int h, int w, int size, int stride) {
      if (this == F64) {
        double[] a = arena.clone();
        Pooling.max(a, count, x, xStride, out, outStride, c, h, w, size, stride);
        return a;
      }
      float[] a = toFloats(arena);
      Pooling.max(a, count, x, xStride, out, outStride, c, h, w, size, stride);
      return toDoubles(a);
    }

    double[] maxGradient(double[] arena, int count, int x, int xStride, int g, int gStride, int dx, int dxStride,
        int c, int h, int w, int size, int stride, boolean positiveOnly) {
      if (this == F64) {
        double[] a = arena.clone();
        Pooling.maxGradient(a, count, x, xStride, g, gStride, dx, dxStride, c, h, w, size, stride, positiveOnly);
        return a;
      }
      float[] a = toFloats(arena);
      Pooling.maxGradient(a, count, x, xStride, g, gStride, dx, dxStride, c, h, w, size, stride, positiveOnly);
      return toDoubles(a);
    }
  }

  // ---- hand-checked

  /**
   * One channel 5 × 9 in 2×2 windows with stride 2: 2 × 4 windows, the last row and column
   * uncovered (100s that no window may see). By window, row-major from the top left:
   * A [1 3; 3 2] first max 3 at (0,1), though (1,0) ties; B all 0; E [-3 4; 4 -3] first 4 at (0,5);
   * F all 1, first at (0,6); C [-1 -2; -3 -0.5] max -0.5 at (3,1); D [0 2; 5 5] first 5 at (3,2);
   * G [0 -1; 0 0] max 0, first at (2,4); H [2 3; 6 4] max 6 at (3,6).
   */
  private static final double[][] IMAGE = {
      {1, 3, 0, 0, -3, 4, 1, 1, 100},
      {3, 2, 0, 0, 4, -3, 1, 1, 100},
      {-1, -2, 0, 2, 0, -1, 2, 3, 100},
      {-3, -0.5, 5, 5, 0, 0, 6, 4, 100},
      {100, 100, 100, 100, 100, 100, 100, 100, 100}};
  private static final double[][] POOLED = {{3, 0, 4, 1}, {-0.5, 5, 0, 6}};
  private static final double[][] G = {{10, 20, 30, 40}, {50, 60, 70, 80}};
  /** Each g at its window's first maximum. */
  private static final double[][] ROUTED = {
      {0, 10, 20, 0, 0, 30, 40, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 70, 0, 0, 0, 0},
      {0, 50, 60, 0, 0, 0, 80, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0}};
  /** With positiveOnly: B and G (maximum 0) and C (maximum -0.5) pass nothing. */
  private static final double[][] ROUTED_POSITIVE = {
      {0, 10, 0, 0, 0, 30, 40, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 60, 0, 0, 0, 80, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0}};

  @ParameterizedTest
  @EnumSource(Precision.class)
  void poolsTwoByTwoWindows(Precision precision) {
    Layout at = new Layout(flat(IMAGE), flat(G), 45, 8);
    double[] after = precision.max(at.arena, 1, at.x, 0, at.out, 0, 1, 5, 9, 2, 2);
    assertThat(at.outOf(after)).isEqualTo(flat(POOLED));
    at.assertOnlyOutWritten(after);
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void routesEachWindowsGradientToItsFirstMaximum(Precision precision) {
    Layout at = new Layout(flat(IMAGE), flat(G), 45, 45);
    double[] after = precision.maxGradient(at.arena, 1, at.x, 0, at.g, 0, at.out, 0, 1, 5, 9, 2, 2, false);
    assertThat(at.outOf(after)).isEqualTo(flat(ROUTED));
    at.assertOnlyOutWritten(after);
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void positiveOnlyPassesOnlyWindowsWhoseMaximumIsPositive(Precision precision) {
    Layout at = new Layout(flat(IMAGE), flat(G), 45, 45);
    double[] after = precision.maxGradient(at.arena, 1, at.x, 0, at.g, 0, at.out, 0, 1, 5, 9, 2, 2, true);
    assertThat(at.outOf(after)).isEqualTo(flat(ROUTED_POSITIVE));
    at.assertOnlyOutWritten(after);
  }

  /**
   * 3×3 windows with stride 3 over 4 × 7: two windows, row 3 and column 6 uncovered. The first,
   * [1 5 2; 5 0 0; 3 3 3], has its first maximum 5 at (0,1); the second, [-1 -2 -3; -4 -0.5 -6;
   * -7 -8 -9], has -0.5 at (1,4), which positiveOnly drops.
   */
  @ParameterizedTest
  @EnumSource(Precision.class)
  void tilingWindowsOfThree(Precision precision) {
    double[] image = flat(new double[][] {
        {1, 5, 2, -1, -2, -3, 9},
        {5, 0, 0, -4, -0.5, -6, 9},
        {3, 3, 3, -7, -8, -9, 9},
        {9, 9, 9, 9, 9, 9, 9}});
    Layout at = new Layout(image, new double[] {2, 3}, 28, 28);
    double[] pooled = precision.max(at.arena, 1, at.x, 0, at.out, 0, 1, 4, 7, 3, 3);
    assertThat(java.util.Arrays.copyOfRange(pooled, at.out, at.out + 2)).isEqualTo(new double[] {5, -0.5});
    double[] expected = new double[28];
    expected[1] = 2;
    expected[7 + 4] = 3;
    double[] all = precision.maxGradient(at.arena, 1, at.x, 0, at.g, 0, at.out, 0, 1, 4, 7, 3, 3, false);
    assertThat(at.outOf(all)).isEqualTo(expected);
    at.assertOnlyOutWritten(all);
    expected[7 + 4] = 0;
    double[] positive = precision.maxGradient(at.arena, 1, at.x, 0, at.g, 0, at.out, 0, 1, 4, 7, 3, 3, true);
    assertThat(at.outOf(positive)).isEqualTo(expected);
  }

  /**
   * Overlapping 2×2 windows with stride 1 over [1 2 0; 0 -1 -1; -3 -1 -2]: the two top windows
   * both have their maximum 2 at (0,1), which gets 1 + 2; the bottom left one has 0 at (1,0) and
   * the bottom right one -1 at (1,1), first of three. positiveOnly keeps only the top two.
   */
  @ParameterizedTest
  @EnumSource(Precision.class)
  void overlappingWindowsAddTheirShares(Precision precision) {
    double[] image = {1, 2, 0, 0, -1, -1, -3, -1, -2};
    Layout at = new Layout(image, new double[] {1, 2, 3, 4}, 9, 9);
    double[] all = precision.maxGradient(at.arena, 1, at.x, 0, at.g, 0, at.out, 0, 1, 3, 3, 2, 1, false);
    assertThat(at.outOf(all)).isEqualTo(new double[] {0, 3, 0, 3, 4, 0, 0, 0, 0});
    double[] positive = precision.maxGradient(at.arena, 1, at.x, 0, at.g, 0, at.out, 0, 1, 3, 3, 2, 1, true);
    assertThat(at.outOf(positive)).isEqualTo(new double[] {0, 3, 0, 0, 0, 0, 0, 0, 0});
  }

  /** The float gradient reads whole vectors of g past a row's end; with g at the arena's very end it must not pass it. */
  @Test
  void gradientReadsNothingPastTheArena() {
    double[] image = flat(IMAGE);
    double[] g = flat(G);
    double[] arena = new double[image.length + 45 + g.length];
    System.arraycopy(image, 0, arena, 0, image.length);
    System.arraycopy(g, 0, arena, image.length + 45, g.length);
    for (Precision precision : Precision.values()) {
      double[] after = precision.maxGradient(arena, 1, 0, 0, image.length + 45, 0, image.length, 0, 1, 5, 9, 2, 2, false);
      assertWithMessage("%s", precision).that(java.util.Arrays.copyOfRange(after, image.length, image.length + 45)).isEqualTo(flat(ROUTED));
    }
  }

  /** Nor past the image at the arena's very end, which the forward's loads run a vector past. */
  @Test
  void readsNothingPastTheArenaWithTheImageLast() {
    Shape s = new Shape(1, 2, 6, 28, 2, 2);
    Random random = new Random(5);
    int image = s.c * s.h * s.w;
    int g = 0;
    int out = g + s.pooledSize();
    int x = out + image;
    double[] arena = new double[x + image];
    for (int i = 0; i < s.pooledSize(); i++) arena[g + i] = random.nextInt(50) + 1;
    for (int i = 0; i < image; i++) arena[x + i] = smallHalfInteger(random);
    double[] example = java.util.Arrays.copyOfRange(arena, x, x + image);
    double[] gradient = java.util.Arrays.copyOfRange(arena, g, g + s.pooledSize());
    for (Precision precision : Precision.values()) {
      double[] pooled = precision.max(arena, 1, x, 0, out, 0, s.c, s.h, s.w, 2, 2);
      assertWithMessage("%s pool", precision).that(java.util.Arrays.copyOfRange(pooled, out, out + s.pooledSize())).isEqualTo(referenceMax(example, s));
      double[] dx = precision.maxGradient(arena, 1, x, 0, g, 0, out, 0, s.c, s.h, s.w, 2, 2, true);
      assertWithMessage("%s dx", precision).that(java.util.Arrays.copyOfRange(dx, out, out + image)).isEqualTo(referenceGradient(example, gradient, s, true));
    }
  }

  // ---- the definition, computed directly

  /** Window sizes and strides: tiling (the fast paths), overlapping, and leaving gaps. */
  private static final int[][] WINDOWS = {{2, 2}, {3, 3}, {1, 1}, {2, 1}, {3, 2}, {2, 3}};

  @ParameterizedTest
  @EnumSource(Precision.class)
  void matchesTheDefinitionOverManyShapes(Precision precision) {
    Random random = new Random(4);
    for (Shape s : shapes()) {
      Batch b = Batch.of(s, random, PoolingTest::smallHalfInteger);
      for (boolean positiveOnly : new boolean[] {false, true}) {
        double[] after = precision.maxGradient(b.arena, s.count, b.x, b.xStride, b.g, b.gStride, b.out, b.dxStride,
            s.c, s.h, s.w, s.size, s.stride, positiveOnly);
        for (int e = 0; e < s.count; e++) {
          double[] expected = referenceGradient(b.example(e), b.gradient(e), s, positiveOnly);
          double[] actual = java.util.Arrays.copyOfRange(after, b.out + e * b.dxStride, b.out + e * b.dxStride + s.c * s.h * s.w);
          assertWithMessage("%s dx of example %s, positiveOnly %s", s, e, positiveOnly).that(actual).isEqualTo(expected);
        }
        b.assertOnlyWritten(after, b.dxStride, s.c * s.h * s.w, s + " gradient");
      }
      double[] pooled = precision.max(b.arena, s.count, b.x, b.xStride, b.out, b.outStride, s.c, s.h, s.w, s.size, s.stride);
      for (int e = 0; e < s.count; e++) {
        double[] actual = java.util.Arrays.copyOfRange(pooled, b.out + e * b.outStride, b.out + e * b.outStride + s.pooledSize());
        assertWithMessage("%s pooled example %s", s, e).that(actual).isEqualTo(referenceMax(b.example(e), s));
      }
      b.assertOnlyWritten(pooled, b.outStride, s.pooledSize(), s + " pool");
    }
  }

  // ---- float against double, NaN included

  /**
   * Float and double give the same results bit for bit (signed zeros included, NaN as NaN) on
   * data with NaN, infinities, signed zeros and ties: in float the 2×2 stride-2 pool runs on the
   * Vector API when the JVM has it, in double never, so this holds the vector loops to the scalar
   * ones on what the definition test leaves out.
   */
  @Test
  void floatGivesDoublesResultsOnSpecialValues() {
    List<String> mismatches = floatAgainstDouble(new Random(9));
    assertWithMessage("mismatches").that(mismatches).isEmpty();
  }

  /** A JVM without {@code --add-modules jdk.incubator.vector} runs the float kernels' scalar loops. */
  @Test
  void runsWithoutTheVectorModule() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WithoutVectorModule.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    assertThat(process.waitFor()).isEqualTo(0);
    assertThat(output).isEqualTo("vector=false mismatches=[]");
  }

  static final class WithoutVectorModule {
    public static void main(String[] args) {
      System.out.println("vector=" + VectorSupport.available() + " mismatches=" + floatAgainstDouble(new Random(9)));
    }
  }

  private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1, -1, 2.5};

  /** Descriptions of every element where float and double differ, over 2×2 stride-2 widths 2 to 40, tall 2×2 pools and a few others. */
  static List<String> floatAgainstDouble(Random random) {
    List<String> mismatches = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (int w = 2; w <= 40; w++) shapes.add(new Shape(2, 1 + w % 3, 2 + w % 4, w, 2, 2));
    shapes.addAll(TALL_2X2);
    shapes.add(new Shape(2, 2, 7, 9, 3, 3));
    shapes.add(new Shape(1, 2, 6, 6, 2, 1));
    for (Shape s : shapes) {
      Batch b = Batch.of(s, random, r -> r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : smallHalfInteger(r));
      for (boolean positiveOnly : new boolean[] {false, true}) {
        compare(s + " gradient, positiveOnly " + positiveOnly, mismatches,
            Precision.F32.maxGradient(b.arena, s.count, b.x, b.xStride, b.g, b.gStride, b.out, b.dxStride, s.c, s.h, s.w, s.size, s.stride, positiveOnly),
            Precision.F64.maxGradient(b.arena, s.count, b.x, b.xStride, b.g, b.gStride, b.out, b.dxStride, s.c, s.h, s.w, s.size, s.stride, positiveOnly));
      }
      compare(s + " pool", mismatches,
          Precision.F32.max(b.arena, s.count, b.x, b.xStride, b.out, b.outStride, s.c, s.h, s.w, s.size, s.stride),
          Precision.F64.max(b.arena, s.count, b.x, b.xStride, b.out, b.outStride, s.c, s.h, s.w, s.size, s.stride));
    }
    return mismatches;
  }

  private static void compare(String what, List<String> mismatches, double[] f32, double[] f64) {
    for (int i = 0; i < f64.length; i++) {
      if (Double.compare(f32[i], f64[i]) != 0) mismatches.add(what + " [" + i + "]: f32 " + f32[i] + ", f64 " + f64[i]);
    }
  }

  // ---- shapes, batches in an arena, and the reference

  /** count examples [c, h, w], windows size × size every stride. */
  record Shape(int count, int c, int h, int w, int size, int stride) {
    int oh() {
      return (h - size) / stride + 1;
    }

    int ow() {
      return (w - size) / stride + 1;
    }

    int pooledSize() {
      return c * oh() * ow();
    }
  }

  private static List<Shape> shapes() {
    List<Shape> shapes = new ArrayList<>();
    for (int[] window : WINDOWS) {
      for (int w = window[0]; w <= 37; w += window[0] == 2 && window[1] == 2 ? 1 : 4) {
        for (int h : new int[] {window[0], window[0] + 1, 2 * window[0] + 1}) shapes.add(new Shape(2, 1 + w % 3, h, w, window[0], window[1]));
      }
    }
    shapes.addAll(TALL_2X2);
    return shapes;
  }

  /**
   * 2×2 stride-2 pools of many row pairs, so that most run on the float vector loops, not only the
   * last ones' scalar fallback: the conv net's two pools, and odd heights and widths.
   */
  private static final List<Shape> TALL_2X2 = List.of(
      new Shape(2, 8, 28, 28, 2, 2), new Shape(2, 16, 14, 14, 2, 2), new Shape(2, 3, 9, 27, 2, 2),
      new Shape(2, 2, 11, 33, 2, 2), new Shape(2, 4, 6, 16, 2, 2), new Shape(3, 5, 8, 8, 2, 2));

  /** Multiples of 0.5 from -2 to 2: many ties and zeros. */
  private static double smallHalfInteger(Random random) {
    return (random.nextInt(9) - 4) * 0.5;
  }

  /**
   * A batch in an arena, operands apart with untouched elements between and after them: the
   * examples x (with a gap between examples), the pooled gradient g, and the output (pooled values
   * or dx), which starts out holding garbage, so every element a kernel should write is checked.
   */
  record Batch(double[] arena, int x, int xStride, int g, int gStride, int out, int outStride, int dxStride, Shape shape) {
    static Batch of(Shape s, Random random, java.util.function.ToDoubleFunction<Random> value) {
      int image = s.c * s.h * s.w;
      int xStride = image + 3;
      int gStride = s.pooledSize();
      int x = 5;
      int g = x + s.count * xStride + 2;
      int out = g + s.count * gStride + 2;
      double[] arena = new double[out + s.count * image + 9];
      java.util.Arrays.fill(arena, UNTOUCHED);
      for (int e = 0; e < s.count; e++) {
        for (int i = 0; i < image; i++) arena[x + e * xStride + i] = value.applyAsDouble(random);
        for (int i = 0; i < gStride; i++) arena[g + e * gStride + i] = random.nextInt(50) + 1;
        for (int i = 0; i < image; i++) arena[out + e * image + i] = 1000 + i;
      }
      return new Batch(arena, x, xStride, g, gStride, out, s.pooledSize(), image, s);
    }

    double[] example(int e) {
      return java.util.Arrays.copyOfRange(arena, x + e * xStride, x + e * xStride + shape.c * shape.h * shape.w);
    }

    double[] gradient(int e) {
      return java.util.Arrays.copyOfRange(arena, g + e * gStride, g + (e + 1) * gStride);
    }

    /** Everything outside the outputs (count blocks of {@code length}, {@code stride} apart) as it was. */
    void assertOnlyWritten(double[] after, int stride, int length, String what) {
      for (int i = 0; i < arena.length; i++) {
        int rel = i - out;
        boolean written = rel >= 0 && rel / stride < shape.count && rel % stride < length;
        if (!written) assertWithMessage("%s: arena[%s], outside the output", what, i).that(after[i]).isEqualTo(arena[i]);
      }
    }
  }

  /** One example and its g in an arena, and the output area after them, holding garbage. */
  private static final class Layout {
    final double[] arena;
    final int x = 3;
    final int g;
    final int out;
    final int outLength;

    Layout(double[] image, double[] gradient, int outArea, int outLength) {
      g = x + image.length + 2;
      out = g + gradient.length + 2;
      this.outLength = outLength;
      arena = new double[out + outArea + 11];
      java.util.Arrays.fill(arena, UNTOUCHED);
      System.arraycopy(image, 0, arena, x, image.length);
      System.arraycopy(gradient, 0, arena, g, gradient.length);
      java.util.Arrays.fill(arena, out, out + outArea, 99);
    }

    double[] outOf(double[] after) {
      return java.util.Arrays.copyOfRange(after, out, out + outLength);
    }

    void assertOnlyOutWritten(double[] after) {
      for (int i = 0; i < arena.length; i++) {
        if (i < out || i >= out + outLength) assertWithMessage("arena[%s]", i).that(after[i]).isEqualTo(arena[i]);
      }
    }
  }

  /** The definition: each window's maximum. */
  private static double[] referenceMax(double[] image, Shape s) {
    double[] pooled = new double[s.pooledSize()];
    int o = 0;
    for (int ch = 0; ch < s.c; ch++) {
      for (int oy = 0; oy < s.oh(); oy++) {
        for (int ox = 0; ox < s.ow(); ox++) pooled[o++] = image[firstMax(image, s, ch, oy, ox)];
      }
    }
    return pooled;
  }

  /**
   * The definition: each window's g added at its first maximum in row-major order, where an
   * element replaces the maximum so far only when greater; with positiveOnly, only when that
   * maximum is > 0. Elements no window routes to stay 0.
   */
  private static double[] referenceGradient(double[] image, double[] g, Shape s, boolean positiveOnly) {
    double[] dx = new double[image.length];
    int o = 0;
    for (int ch = 0; ch < s.c; ch++) {
      for (int oy = 0; oy < s.oh(); oy++) {
        for (int ox = 0; ox < s.ow(); ox++) {
          int at = firstMax(image, s, ch, oy, ox);
          double share = g[o++];
          if (!positiveOnly || image[at] > 0) dx[at] += share;
        }
      }
    }
    return dx;
  }

  private static int firstMax(double[] image, Shape s, int ch, int oy, int ox) {
    int best = -1;
    for (int i = 0; i < s.size; i++) {
      for (int j = 0; j < s.size; j++) {
        int at = (ch * s.h + oy * s.stride + i) * s.w + ox * s.stride + j;
        if (best < 0 || image[at] > image[best]) best = at;
      }
    }
    return best;
  }

  private static double[] flat(double[][] rows) {
    return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  private static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) f[i] = (float) values[i];
    return f;
  }

  private static double[] toDoubles(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) d[i] = values[i];
    return d;
  }
}
