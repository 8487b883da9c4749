package dev.nnc.bench;

import dev.nnc.runtime.kernels.FloatGemm;
import dev.nnc.runtime.kernels.Gemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time per GEMM call, one thread. GFLOP/s = 2·m·n·k / time. Shapes: 1024³, and the MLP layers
 * 256×784·784×1024 and 256×1024·1024×1024 ({@code shape} is "m×n×k" with an x). {@code impl} picks the
 * Vector API kernel, the plain-Java fallback, or the double-precision path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {
  @Param({"1024x1024x1024", "256x1024x784", "256x1024x1024"})
  public String shape;

  @Param({"vector", "plain", "double"})
  public String impl;

  private int m, n, k;
  private FloatGemm floatGemm;
  private float[] a, b, c;
  private double[] da, db, dc;

  @Setup(Level.Trial)
  public void setUp() {
    String[] sizes = shape.split("x");
    m = Integer.parseInt(sizes[0]);
    n = Integer.parseInt(sizes[1]);
    k = Integer.parseInt(sizes[2]);
    floatGemm = impl.equals("plain") ? FloatGemm.plain() : FloatGemm.vector();
    // Every form reads A as m·k values and B as k·n values; only the strides differ.
    Random random = new Random(42);
    a = randomFloats(random, m * k);
    b = randomFloats(random, k * n);
    c = new float[m * n];
    da = toDoubles(a);
    db = toDoubles(b);
    dc = new double[m * n];
  }

  @Benchmark
  public void nn() {
    if (impl.equals("double")) {
      Gemm.nn(m, n, k, da, 0, k, db, 0, n, dc, 0, n, false);
    } else {
      floatGemm.nn(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
    }
  }

  @Benchmark
  public void nt() {
    if (impl.equals("double")) {
      Gemm.nt(m, n, k, da, 0, k, db, 0, k, dc, 0, n, false);
    } else {
      floatGemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false);
    }
  }

  @Benchmark
  public void tn() {
    if (impl.equals("double")) {
      Gemm.tn(m, n, k, da, 0, m, db, 0, n, dc, 0, n, false);
    } else {
      floatGemm.tn(m, n, k, a, 0, m, b, 0, n, c, 0, n, false);
    }
  }

  private static float[] randomFloats(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
