package dev.nnc.reference;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.TestCompiler;
import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.Workspace;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models against PyTorch in double precision. dense.json (tools/reference/dense_reference.py):
 * every activation and loss, one to three dense layers, batches of 1, 3 and 5. conv.json
 * (tools/reference/conv_reference.py): conv2d over strides, paddings and channel counts, 2-D
 * filters, max and average pooling over sizes and strides, and conv nets of the prelude's conv
 * layer. The loss and every gradient agree to 1e-9 by SPEC.md's measure |a - r| / max(1, |a|, |r|).
 */
class PyTorchReferenceTest {
  private static final double TOLERANCE = 1e-9;

  @SuppressWarnings("unchecked")
  static Stream<Map<String, Object>> cases() throws IOException {
    List<Map<String, Object>> all = new ArrayList<>();
    for (String file : List.of("dense.json", "conv.json")) {
      Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(Path.of("src/test/resources/reference", file)));
      for (Object c : (List<Object>) doc.get("cases")) all.add((Map<String, Object>) c);
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void agreesWithPyTorch(Map<String, Object> c) {
    String name = (String) c.get("name");
    int batch = ((Number) c.get("batch")).intValue();
    Compilation compiled = TestCompiler.verified(Nnc.compile(new SourceFile(name + ".nn", (String) c.get("program")), Nnc.Options.DEFAULT.withBatch(batch)));
    Workspace ws = compiled.compiled().newWorkspace(0);
    ((Map<String, Object>) c.get("inputs")).forEach((leaf, v) -> ws.set(leaf, flatten(v)));
    ((Map<String, Object>) c.get("params")).forEach((leaf, v) -> ws.set(leaf, flatten(v)));
    ws.forward();
    ws.backward();
    double loss = 0;
    for (double l : ws.values("loss")) loss += l / batch;
    assertClose(name + " loss", new double[] {loss}, new double[] {((Number) c.get("loss")).doubleValue()});
    ((Map<String, Object>) c.get("gradients")).forEach((leaf, v) -> assertClose(name + " d" + leaf, ws.gradients(leaf), flatten(v)));
    ((Map<String, Object>) c.get("input_gradients")).forEach((leaf, v) -> assertClose(name + " d" + leaf, ws.gradients(leaf), flatten(v)));
  }

  private static void assertClose(String what, double[] actual, double[] expected) {
    assertWithMessage("%s: element count", what).that(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      double error = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.max(Math.abs(actual[i]), Math.abs(expected[i])));
      assertWithMessage("%s[%s]: nnc %s, PyTorch %s", what, i, actual[i], expected[i]).that(error).isAtMost(TOLERANCE);
    }
  }

  private static double[] flatten(Object json) {
    List<Double> out = new ArrayList<>();
    collect(json, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void collect(Object json, List<Double> out) {
    if (json instanceof Number n) out.add(n.doubleValue());
    else for (Object o : (List<?>) json) collect(o, out);
  }
}
