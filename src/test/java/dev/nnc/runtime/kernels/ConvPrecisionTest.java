package dev.nnc.runtime.kernels;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Nnc;
import dev.nnc.TestCompiler;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Workspace;
import dev.nnc.syntax.SourceFile;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float kernels of convolution and pooling (the Vector API products, the 2×2 pooling path)
 * against the double ones, which PyTorchReferenceTest holds to PyTorch: the same program, inputs
 * and parameters in both precisions give the same loss and gradients to float accuracy. Shapes
 * cover the products' tiles and tails (widths above and below a 4-vector tile, 1, 4 and 5 rows).
 */
class ConvPrecisionTest {
  private static final String PROGRAM = """
      model net {
        input img[%d, %d, %d]
        label y
        h = conv(img, %d, 3, stride = %d, pad = 1)
        q = maxpool(h, 2)
        r = conv(q, 5, 2, act = tanh)
        s = avgpool(r, 2, stride = 1)
        t = conv2d(s, gaussian3, pad = 1)
        logits = dense(flatten(t), 3, act = identity)
        loss = cross_entropy(logits, y)
      }
      """;

  @ParameterizedTest
  @ValueSource(strings = {"1 28 28 8 1", "3 16 20 4 1", "2 30 26 1 2", "4 12 12 5 1"})
  void floatAgreesWithDouble(String shape) {
    String[] d = shape.split(" ");
    String text = PROGRAM.formatted(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]), Integer.parseInt(d[3]), Integer.parseInt(d[4]));
    int batch = 3;
    Workspace f64 = workspace(text, batch, Dtype.F64);
    Workspace f32 = workspace(text, batch, Dtype.F32);
    Random random = new Random(shape.hashCode());
    for (String leaf : new String[] {"img", "y", "h.K", "h.b", "r.K", "r.b", "logits.W", "logits.b"}) {
      double[] values = f64.leafValues(leaf);
      for (int i = 0; i < values.length; i++) values[i] = leaf.equals("y") ? random.nextInt(3) : random.nextGaussian() * 0.5;
      f64.set(leaf, values);
      f32.set(leaf, values);
    }
    for (Workspace ws : new Workspace[] {f64, f32}) {
      ws.forward();
      ws.backward();
    }
    assertClose(shape + " loss", f32.values("loss"), f64.values("loss"));
    for (String param : new String[] {"h.K", "h.b", "r.K", "r.b", "logits.W"}) {
      assertClose(shape + " d" + param, f32.gradients(param), f64.gradients(param));
    }
  }

  /**
   * A kernel scaled by each example's mean is a kernel per example: its gradient is one per
   * example (the kernel-gradient call's per-example form, padded planes and im2col columns both),
   * summed by the scaling's backward.
   */
  @Test
  void perExampleKernelsAgreeWithDouble() {
    String text = """
        model pk {
          input img[3, 10, 10]
          label y
          param K[4, 3, 3, 3] = he
          param W[3, 100] = he
          param V[3, 64] = he
          k = K * mean(img)
          h = relu(conv2d(img, k, pad = 1))
          z = conv2d(img, k, stride = 2)
          logits = W @ flatten(maxpool(h, 2)) + V @ flatten(z)
          loss = cross_entropy(logits, y)
        }
        """;
    Workspace f64 = workspace(text, 3, Dtype.F64);
    Workspace f32 = workspace(text, 3, Dtype.F32);
    Random random = new Random(5);
    for (String leaf : new String[] {"img", "y", "K", "W", "V"}) {
      double[] values = f64.leafValues(leaf);
      for (int i = 0; i < values.length; i++) values[i] = leaf.equals("y") ? random.nextInt(3) : 0.3 + random.nextGaussian() * 0.5;
      f64.set(leaf, values);
      f32.set(leaf, values);
    }
    for (Workspace ws : new Workspace[] {f64, f32}) {
      ws.forward();
      ws.backward();
    }
    assertClose("loss", f32.values("loss"), f64.values("loss"));
    assertClose("dK", f32.gradients("K"), f64.gradients("K"));
  }

  /**
   * The scheduler folds a conv layer's bias and relu into the convolution's call only when nothing
   * else reads what the call would skip: a convolution the program names keeps its own values, and
   * relu(z + b) computed from them is what the folded form computes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"f32", "f64"})
  void namedConvolutionKeepsItsValues(String dtype) {
    String text = """
        model named {
          input img[2, 6, 7]
          param K[3, 2, 3, 3] = he
          param b[3, 1, 1] = zeros
          z = conv2d(img, K, pad = 1)
          h = relu(z + b)
          folded = relu(conv2d(img, K, pad = 1, stride = 2) + b)
          loss = sum(h) + sum(folded)
        }
        """;
    Workspace ws = workspace(text, 2, Dtype.valueOf(dtype.toUpperCase()));
    Random random = new Random(7);
    for (String leaf : new String[] {"img", "K", "b"}) {
      double[] values = ws.leafValues(leaf);
      for (int i = 0; i < values.length; i++) values[i] = random.nextGaussian();
      ws.set(leaf, values);
    }
    ws.forward();
    double[] z = ws.values("z");
    double[] h = ws.values("h");
    double[] b = ws.leafValues("b");
    int plane = 6 * 7;
    for (int i = 0; i < z.length; i++) {
      double expected = Math.max(z[i] + b[i / plane % 3], 0);
      if (dtype.equals("f32")) expected = Math.max((float) ((float) z[i] + (float) b[i / plane % 3]), 0f);
      assertWithMessage("h[%s]", i).that(h[i]).isEqualTo(expected);
    }
    assertWithMessage("some z negative, some positive").that(java.util.Arrays.stream(h).filter(v -> v == 0).count()).isIn(com.google.common.collect.Range.open(10L, (long) h.length - 10));
  }

  /**
   * Convolutions split over a team of threads (examples for the forward pass and the input
   * gradient, filters for the kernel gradient) give one thread's numbers bit for bit: each element
   * is computed by one thread in the serial order. Both products' paths are taken (1 and 4 input
   * channels), with the per-example kernels of the input gradient.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1 28 28 8 1", "4 20 20 6 1", "3 16 20 4 2"})
  void twoThreadsGiveOneThreadsNumbers(String shape) {
    String[] d = shape.split(" ");
    String text = PROGRAM.formatted(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]), Integer.parseInt(d[3]), Integer.parseInt(d[4]));
    double[][] alone = gradientsOnThreads(text, 1);
    double[][] split = gradientsOnThreads(text, 2);
    for (int i = 0; i < alone.length; i++) assertWithMessage("%s gradient %s", shape, i).that(split[i]).isEqualTo(alone[i]);
  }

  private static double[][] gradientsOnThreads(String text, int threads) {
    Nnc.Options options = Nnc.Options.DEFAULT.withBatch(24).withDtype(Dtype.F32);
    Workspace ws = Nnc.compile(new SourceFile("net.nn", text), options).compiled().newWorkspace(0);
    ws.randomize(3, java.util.Set.of());
    Random random = new Random(11);
    double[] img = ws.leafValues("img");
    for (int i = 0; i < img.length; i++) img[i] = random.nextGaussian();
    ws.set("img", img);
    try (WorkerTeam team = new WorkerTeam(threads)) {
      team.install();
      ws.forward();
      ws.backward();
    }
    return new double[][] {ws.values("loss"), ws.gradients("h.K"), ws.gradients("h.b"), ws.gradients("r.K"), ws.gradients("img")};
  }

  private static Workspace workspace(String text, int batch, Dtype dtype) {
    Nnc.Options options = Nnc.Options.DEFAULT.withBatch(batch).withDtype(dtype).withParametersOnly();
    return TestCompiler.verified(Nnc.compile(new SourceFile("net.nn", text), options)).compiled().newWorkspace(0);
  }

  private static void assertClose(String what, double[] actual, double[] expected) {
    double scale = 0;
    for (double e : expected) scale = Math.max(scale, Math.abs(e));
    for (int i = 0; i < actual.length; i++) {
      assertWithMessage("%s[%s]: f32 %s, f64 %s", what, i, actual[i], expected[i]).that(Math.abs(actual[i] - expected[i])).isAtMost(1e-4 * Math.max(1, scale));
    }
  }
}
