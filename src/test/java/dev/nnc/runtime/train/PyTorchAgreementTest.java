package dev.nnc.runtime.train;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.runtime.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Steps of each optimizer against PyTorch's, from the file tools/reference/optimizer_reference.py
 * writes: the same quadratic loss, the same start, the same hyper-parameters.
 */
class PyTorchAgreementTest {

  @TestFactory
  Stream<DynamicTest> doublePrecisionMatchesPyTorch() throws IOException {
    Map<?, ?> doc = reference();
    return cases(doc).map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
      double[] p = doubles(doc.get("start"));
      double[] g = new double[p.length];
      ParameterStore store = ParameterStore.f64(p, g);
      Optimizer optimizer = optimizer(c, p.length);
      List<?> trajectory = (List<?>) c.get("trajectory");
      for (int step = 0; step < trajectory.size(); step++) {
        quadraticGradient(doc, p, g);
        optimizer.step(store);
        double[] expected = doubles(trajectory.get(step));
        for (int i = 0; i < p.length; i++) {
          assertWithMessage("%s step %s p[%s]", c.get("name"), step + 1, i).that(p[i]).isWithin(1e-13).of(expected[i]);
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> singlePrecisionFollowsWithinRounding() throws IOException {
    Map<?, ?> doc = reference();
    return cases(doc).map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
      double[] start = doubles(doc.get("start"));
      float[] p = new float[start.length];
      for (int i = 0; i < p.length; i++) p[i] = (float) start[i];
      float[] g = new float[p.length];
      double[] wide = new double[p.length];
      double[] wideGradient = new double[p.length];
      ParameterStore store = ParameterStore.f32(p, g);
      Optimizer optimizer = optimizer(c, p.length);
      List<?> trajectory = (List<?>) c.get("trajectory");
      for (Object stepValues : trajectory) {
        for (int i = 0; i < p.length; i++) wide[i] = p[i];
        quadraticGradient(doc, wide, wideGradient);
        for (int i = 0; i < p.length; i++) g[i] = (float) wideGradient[i];
        optimizer.step(store);
        double[] expected = doubles(stepValues);
        for (int i = 0; i < p.length; i++) assertWithMessage("%s p[%s]", c.get("name"), i).that((double) p[i]).isWithin(1e-5).of(expected[i]);
      }
    }));
  }

  /** The gradient of 0.5·Σ c·p² + Σ d·p, the reference's loss. */
  private static void quadraticGradient(Map<?, ?> doc, double[] p, double[] g) {
    double[] c = doubles(doc.get("c"));
    double[] d = doubles(doc.get("d"));
    for (int i = 0; i < p.length; i++) g[i] = c[i] * p[i] + d[i];
  }

  private static Optimizer optimizer(Map<?, ?> c, int size) {
    double lr = (Double) c.get("lr");
    Penalty penalty = new Penalty((Double) c.get("l1"), (Double) c.get("l2"));
    List<ParameterBlock> blocks = List.of(new ParameterBlock(0, 0, size));
    String name = (String) c.get("optimizer");
    return name.equals("momentum") ? new Momentum(lr, (Double) c.get("momentum"), penalty, blocks) : Optimizer.named(name, lr, penalty, blocks);
  }

  private static Map<?, ?> reference() throws IOException {
    try (InputStream in = PyTorchAgreementTest.class.getResourceAsStream("/reference/optimizers.json")) {
      return (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static Stream<Map<?, ?>> cases(Map<?, ?> doc) {
    return ((List<?>) doc.get("cases")).stream().map(c -> (Map<?, ?>) c);
  }

  private static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(v -> (Double) v).toArray();
  }
}
