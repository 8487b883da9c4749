package dev.nnc.aot;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.cli.Cli;
import dev.nnc.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: a jar from {@code nnc compile} runs grad, run and train in a separate JVM with nothing
 * else on the class path and no JVM flags, gives nnc's numbers, holds no compiler, ANTLR or ASM
 * class, and reports its size.
 */
class CompiledJarTest {
  private static final List<String> NO_FLAGS = List.of();
  private static final String XOR_DATA = "examples/data/xor.csv";

  @TempDir static Path dir;
  static Path neuronJar;
  static Path xorJar;
  static Map<?, ?> xorReport;

  @BeforeAll
  static void compile() {
    neuronJar = dir.resolve("neuron.jar");
    Cli.Result neuron = Cli.run("compile", "examples/lecture/neuron.nn", "-o", neuronJar.toString());
    assertWithMessage(neuron.err()).that(neuron.status()).isEqualTo(0);
    assertThat(neuron.err()).contains("nnc: wrote " + neuronJar + ": ");
    // Batch 3 over XOR's 4 rows: every epoch ends with a last batch of 1, which needs its own class.
    xorJar = dir.resolve("xor.jar");
    Cli.Result xor = Cli.run("compile", "examples/mlp/xor.nn", "--batch", "3", "-o", xorJar.toString(), "--json");
    assertWithMessage(xor.err()).that(xor.status()).isEqualTo(0);
    xorReport = (Map<?, ?>) Json.parse(xor.out());
  }

  @Test
  void theJarHoldsTheGeneratedClassesAndNoCompilerAntlrOrAsm() throws IOException {
    List<String> entries = entries(xorJar);
    assertThat(entries).containsAtLeast("META-INF/MANIFEST.MF", "nnc/catalog.json", "dev/nnc/cli/JarMain.class", "dev/nnc/aot/Model.class",
        "dev/nnc/runtime/kernels/Gemm.class", "picocli/CommandLine.class");
    assertThat(entries.stream().filter(e -> e.startsWith("nnc/classes/")).toList()).containsExactly(
        "nnc/classes/f64-batch1-all.class", "nnc/classes/f64-batch1-none.class",
        "nnc/classes/f32-batch1-none.class", "nnc/classes/f32-batch2-none.class", "nnc/classes/f32-batch3-none.class",
        "nnc/classes/f32-batch1-parameters.class", "nnc/classes/f32-batch2-parameters.class", "nnc/classes/f32-batch3-parameters.class");
    for (String e : entries) {
      assertWithMessage("jar entry").that(e).doesNotMatch("org/antlr/.*|org/objectweb/.*|dev/nnc/(lower|autodiff|opt|schedule|codegen|ir)/.*|dev/nnc/[A-Z].*");
      // From syntax only the diagnostics an error report names, which name no ANTLR type.
      if (e.startsWith("dev/nnc/syntax/")) {
        assertThat(e).isIn(List.of("dev/nnc/syntax/CompileException.class", "dev/nnc/syntax/Diagnostic.class",
            "dev/nnc/syntax/Diagnostic$Severity.class", "dev/nnc/syntax/SourceFile.class", "dev/nnc/syntax/Span.class", "dev/nnc/syntax/Suggestions.class"));
      }
    }
    assertThat(((Number) xorReport.get("bytes")).longValue()).isEqualTo(Files.size(xorJar));
    assertThat(xorReport.get("generated_classes")).isEqualTo(8.0);
    assertThat(xorReport.get("batch")).isEqualTo(3.0);
    assertThat(xorReport.get("dtype")).isEqualTo("f32");
  }

  @Test
  void gradInTheJarGivesTheLectureNumbersAsNncDoes() throws Exception {
    String[] args = {"grad", "--at", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3"};
    SeparateJvm.Result jar = SeparateJvm.jar(neuronJar, NO_FLAGS, args);
    assertWithMessage(jar.err()).that(jar.status()).isEqualTo(0);
    assertThat(jar.out()).isEqualTo(String.join("\n", "f = 0.7310585786300049", "df/dw0 = -0.19661193324148185", "df/dx0 = 0.3932238664829637",
        "df/dw1 = -0.3932238664829637", "df/dx1 = -0.5898357997244456", "df/dw2 = 0.19661193324148185", ""));
    String[] nncArgs = {"grad", "examples/lecture/neuron.nn", "--at", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3", "--json"};
    String[] jarArgs = {"grad", "--at", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3", "--json"};
    assertThat(SeparateJvm.jar(neuronJar, NO_FLAGS, jarArgs).out()).isEqualTo(Cli.run(nncArgs).out());
  }

  @Test
  void trainInTheJarMatchesNncAndTheirWeightsFilesInteroperate() throws Exception {
    Path jarWeights = dir.resolve("jar.weights");
    Path nncWeights = dir.resolve("nnc.weights");
    String[] flags = {"--data", XOR_DATA, "--epochs", "300", "--lr", "0.5", "--optimizer", "momentum"};
    SeparateJvm.Result jar = SeparateJvm.jar(xorJar, NO_FLAGS, concat(new String[] {"train", "--save", jarWeights.toString()}, flags));
    assertWithMessage(jar.err()).that(jar.status()).isEqualTo(0);
    Cli.Result nnc = Cli.run(concat(new String[] {"train", "examples/mlp/xor.nn", "--batch", "3", "--save", nncWeights.toString()}, flags));
    assertWithMessage(nnc.err()).that(nnc.status()).isEqualTo(0);
    assertThat(replace(jar.out(), jarWeights, nncWeights)).isEqualTo(nnc.out());
    assertThat(nnc.out()).contains("accuracy 1.0");

    // Each reads the other's weights: run on the CSV rows (the jar in plain loops, nnc with the Vector API).
    SeparateJvm.Result jarRun = SeparateJvm.jar(xorJar, NO_FLAGS, "run", "--weights", nncWeights.toString(), "--input", "x=" + XOR_DATA);
    Cli.Result nncRun = Cli.run("run", "examples/mlp/xor.nn", "--weights", jarWeights.toString(), "--input", "x=" + XOR_DATA);
    assertWithMessage(jarRun.err()).that(jarRun.status()).isEqualTo(0);
    assertWithMessage(nncRun.err()).that(nncRun.status()).isEqualTo(0);
    assertThat(jarRun.out()).isEqualTo(nncRun.out());
  }

  @Test
  void withTheVectorApiTheJarTrainsBitForBitAsNnc() throws Exception {
    Path jarWeights = dir.resolve("vector-jar.weights");
    Path nncWeights = dir.resolve("vector-nnc.weights");
    String[] flags = {"--data", XOR_DATA, "--epochs", "50", "--lr", "0.1", "--optimizer", "adam", "--seed", "7"};
    SeparateJvm.Result jar = SeparateJvm.jar(xorJar, List.of("--add-modules", "jdk.incubator.vector"), concat(new String[] {"train", "--save", jarWeights.toString()}, flags));
    assertWithMessage(jar.err()).that(jar.status()).isEqualTo(0);
    assertThat(Cli.run(concat(new String[] {"train", "examples/mlp/xor.nn", "--batch", "3", "--save", nncWeights.toString()}, flags)).status()).isEqualTo(0);
    assertThat(Files.readAllBytes(jarWeights)).isEqualTo(Files.readAllBytes(nncWeights));
  }

  @Test
  void withoutTheVectorApiTheJarRunsPlainLoopsWithinFloatTolerance() throws Exception {
    // The digits MLP's products are large enough for nnc's Vector API kernels; the jar, run with no
    // --add-modules, computes them in plain loops. 40 rows: a batch of 32 and a last one of 8.
    Path digitsJar = dir.resolve("digits.jar");
    assertThat(Cli.run("compile", "examples/mlp/digits.nn", "-o", digitsJar.toString()).status()).isEqualTo(0);
    Path rows = dir.resolve("digits40.csv");
    Files.write(rows, Files.readAllLines(Path.of("examples/data/digits.csv")).subList(0, 41));
    SeparateJvm.Result jar = SeparateJvm.jar(digitsJar, NO_FLAGS, "run", "--input", "x=" + rows);
    assertWithMessage(jar.err()).that(jar.status()).isEqualTo(0);
    assertThat(jar.err()).isEmpty();
    List<String> expected = Cli.run("run", "examples/mlp/digits.nn", "--batch", "32", "--input", "x=" + rows).out().lines().toList();
    List<String> actual = jar.out().lines().toList();
    assertThat(actual).hasSize(41);
    assertThat(actual.get(0)).isEqualTo(expected.get(0));
    for (int r = 1; r < actual.size(); r++) {
      String[] a = actual.get(r).split(",");
      String[] e = expected.get(r).split(",");
      assertThat(a).hasLength(e.length);
      for (int c = 0; c < a.length; c++) {
        double x = Double.parseDouble(e[c]);
        assertWithMessage("row %s column %s", r, c).that(Double.parseDouble(a[c])).isWithin(1e-5 * Math.max(1, Math.abs(x))).of(x);
      }
    }
  }

  @Test
  void runAtOnePointInTheJarIsNncs() throws Exception {
    SeparateJvm.Result jar = SeparateJvm.jar(xorJar, NO_FLAGS, "run", "--at", "x=[1, 0]", "y=1", "--seed", "3");
    assertWithMessage(jar.err()).that(jar.status()).isEqualTo(0);
    assertThat(jar.out()).isEqualTo(Cli.run("run", "examples/mlp/xor.nn", "--at", "x=[1, 0]", "y=1", "--seed", "3").out());
    assertThat(jar.out()).startsWith("h = [");
  }

  @Test
  void whatTheJarLacksIsAnErrorThatSaysHowToRecompile() throws Exception {
    SeparateJvm.Result bigger = SeparateJvm.jar(xorJar, NO_FLAGS, "train", "--data", XOR_DATA, "--batch", "4", "--save", dir.resolve("x.weights").toString());
    assertThat(bigger.status()).isEqualTo(2);
    assertThat(bigger.err()).isEqualTo("nnc: this jar carries the model for f32 batches of 1 to 3 (and f64 for one example); batches of 4 in f32 "
        + "need a jar compiled with: nnc compile xor.nn --batch 4 --dtype f32 -o OUT.jar\n");
    SeparateJvm.Result f64 = SeparateJvm.jar(xorJar, NO_FLAGS, "train", "--data", XOR_DATA, "--dtype", "f64", "--save", dir.resolve("x.weights").toString());
    assertThat(f64.status()).isEqualTo(2);
    assertThat(f64.err()).contains("nnc compile xor.nn --batch 3 --dtype f64 -o OUT.jar");
    SeparateJvm.Result of = SeparateJvm.jar(xorJar, NO_FLAGS, "grad", "--of", "h");
    assertThat(of.status()).isEqualTo(2);
    assertThat(of.err()).contains("this jar differentiates 'loss' only");
  }

  @Test
  void aJarThatCannotBeWrittenIsBadInput() {
    Path nowhere = dir.resolve("missing").resolve("x.jar");
    Cli.Result r = Cli.run("compile", "examples/lecture/add_mul.nn", "-o", nowhere.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nnc: cannot write " + nowhere + ": no such directory\n");
  }

  private static List<String> entries(Path jar) throws IOException {
    try (JarFile f = new JarFile(jar.toFile())) {
      List<String> names = new ArrayList<>();
      for (var e : Collections.list(f.entries())) names.add(e.getName());
      return names;
    }
  }

  private static String replace(String text, Path from, Path to) {
    return text.replace(from.toString(), to.toString());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
