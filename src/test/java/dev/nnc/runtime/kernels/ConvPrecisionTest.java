package dev.nnc.runtime.kernels;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Nnc;
import dev.nnc.TestCompiler;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Workspace;
import dev.nnc.syntax.SourceFile;
import java.util.Random;
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
