package dev.nnc.aot;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.cli.Cli;
import dev.nnc.runtime.io.Json;
import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: the plain Java programs of examples/embed, compiled with javax.tools against a jar from
 * nnc compile (and nothing else) and run in a separate JVM with only the jar and their classes.
 */
class EmbedExampleTest {
  @TempDir Path dir;

  @Test
  void theNeuronGivesTheLectureValueAndGradients() throws Exception {
    SeparateJvm.Result r = compileAndRun("examples/lecture/neuron.nn", List.of(), "Neuron");
    assertWithMessage(r.err()).that(r.status()).isEqualTo(0);
    assertThat(r.out()).isEqualTo(String.join("\n", "f = 0.7310585786300049", "df/dw0 = -0.19661193324148185", "df/dx0 = 0.3932238664829637",
        "df/dw1 = -0.3932238664829637", "df/dx1 = -0.5898357997244456", "df/dw2 = 0.19661193324148185", ""));
  }

  @Test
  void xorTrainsInTrainingStepsAndNncReadsItsWeights() throws Exception {
    Path weights = dir.resolve("xor.weights");
    SeparateJvm.Result r = compileAndRun("examples/mlp/xor.nn", List.of("--batch", "4"), "Xor", weights.toString());
    assertWithMessage(r.err()).that(r.status()).isEqualTo(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(Double.parseDouble(lines.get(0).replace("loss after 500 steps = ", ""))).isLessThan(0.01);
    int[] xor = {0, 1, 1, 0};
    for (int row = 0; row < 4; row++) {
      String line = lines.get(row + 1);
      assertThat(line).startsWith("xor(" + row / 2 + ", " + row % 2 + ") = ");
      assertThat(line).endsWith("-> " + xor[row]);
      double p = Double.parseDouble(line.substring(line.indexOf(" = ") + 3, line.indexOf(" -> ")));
      // nnc itself, reading the weights the program saved, gives the same logit at this row.
      Cli.Result nnc = Cli.run("run", "examples/mlp/xor.nn", "--weights", weights.toString(), "--at", "x=[" + row / 2 + ", " + row % 2 + "]", "--json");
      Map<?, ?> outputs = (Map<?, ?>) ((Map<?, ?>) Json.parse(nnc.out())).get("outputs");
      double z = (Double) ((List<?>) outputs.get("z")).get(0); // z has shape [1]
      assertThat(p).isEqualTo(1 / (1 + Math.exp(-z)));
    }
  }

  /** Compiles the model to a jar, the example against the jar alone, and runs it with both on the class path. */
  private SeparateJvm.Result compileAndRun(String model, List<String> compileFlags, String example, String... args) throws Exception {
    Path jar = dir.resolve(example + ".jar");
    List<String> compile = new java.util.ArrayList<>(List.of("compile", model, "-o", jar.toString()));
    compile.addAll(compileFlags);
    Cli.Result compiled = Cli.run(compile.toArray(String[]::new));
    assertWithMessage(compiled.err()).that(compiled.status()).isEqualTo(0);
    Path classes = Files.createDirectories(dir.resolve(example + "-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean ok = javac.getTask(diagnostics, null, null, List.of("--release", "17", "-cp", jar.toString(), "-d", classes.toString()), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(Path.of("examples/embed", example + ".java"))).call();
    assertWithMessage(diagnostics.toString()).that(ok).isTrue();
    return SeparateJvm.main(jar + File.pathSeparator + classes, example, args);
  }
}
