package dev.nnc;

import dev.nnc.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What users read, held in golden files: for every lecture example, the forward graph, the
 * backward program after and before simplification, the Java-like program and the bytecode.
 */
class GoldenTextTest {
  private static final Map<String, String[]> VIEWS = Map.of(
      "ir", new String[] {"show", "--ir"},
      "grad", new String[] {"show", "--grad"},
      "noopt.grad", new String[] {"show", "--grad", "--no-opt"},
      "java", new String[] {"show", "--java"},
      "dot", new String[] {"show", "--dot"},
      "bytecode", new String[] {"show", "--bytecode"});

  static Stream<Arguments> cases() throws IOException {
    return Files.list(Path.of("examples/lecture")).filter(p -> p.toString().endsWith(".nn")).sorted()
        .flatMap(example -> VIEWS.keySet().stream().sorted().map(view -> Arguments.of(example, view)));
  }

  /** The lecture's step-by-step sigmoid backward: 1/x, +1, exp, ·(−1), with its numbers. */
  @org.junit.jupiter.api.Test
  void expandedSigmoidNeuronShowsTheLecturesChain() {
    String text = Cli.run("show", "--expand", "--grad", "examples/lecture/neuron.nn", "--at", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3").out();
    Golden.check(Golden.ROOT.resolve("lecture/neuron.expand.grad.txt"), text);
    org.junit.jupiter.api.Assertions.assertAll(
        () -> com.google.common.truth.Truth.assertThat(text).contains("dt7 = -1 / (t7 * t7)                    # chain rule: -0.534446645388523"),
        () -> com.google.common.truth.Truth.assertThat(text).contains("dt6 = dt7                               # add distributes: -0.534446645388523"),
        () -> com.google.common.truth.Truth.assertThat(text).contains("dt5 = dt7 * t6                          # chain rule: -0.19661193324148188"),
        () -> com.google.common.truth.Truth.assertThat(text).contains("dt4 = -dt5                              # chain rule: 0.19661193324148188"));
  }

  /** The lecture's slide: values (green) and gradients (red) on the edges of the gate-by-gate neuron. */
  @org.junit.jupiter.api.Test
  void dotWithValuesAndGradients() {
    String text = Cli.run("show", "--dot", "examples/lecture/neuron_gates.nn", "--at", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3").out();
    Golden.check(Golden.ROOT.resolve("lecture/neuron_gates.at.dot.txt"), text);
    com.google.common.truth.Truth.assertThat(text).contains("-> n13 [label=<<font color=\"darkgreen\">1.37</font><br/><font color=\"red\">-0.53</font>>]");
  }

  /**
   * A conv layer's bias and relu run in the convolution's call (its last two arguments: the
   * bias's offset and relu), so the forward pass has no loop over the batch's activations.
   */
  @org.junit.jupiter.api.Test
  void convLayerFoldsBiasAndReluIntoTheConvolution() {
    String text = Cli.run("show", "--java", "examples/cnn/digits.nn").out();
    Golden.check(Golden.ROOT.resolve("cnn/digits.java.txt"), text);
    String forward = text.substring(text.indexOf("public void forward"), text.indexOf("public void backward"));
    org.junit.jupiter.api.Assertions.assertAll(
        () -> com.google.common.truth.Truth.assertThat(forward).contains("Conv2d.forward(arena, 1, 12180, 0, 0, 0, 12245, 0, 1, 8, 8, 16, 3, 3, 1, 1, false, 16200, 144, true);"),
        () -> com.google.common.truth.Truth.assertThat(forward).doesNotContain("relu"),
        // and relu's backward mask runs in max pool's gradient: no loop over the batch there either
        () -> com.google.common.truth.Truth.assertThat(text).contains("Pooling.maxGradient(arena, 1, 12245, 0, 14920, 0, 15176, 0, 16, 8, 8, 2, 2, true);"),
        () -> com.google.common.truth.Truth.assertThat(text).doesNotContain("ifGt"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesGolden(Path example, String view) {
    String[] args = Stream.concat(Stream.of(VIEWS.get(view)), Stream.of(example.toString())).toArray(String[]::new);
    String name = example.getFileName().toString().replace(".nn", "");
    Golden.check(Golden.ROOT.resolve("lecture").resolve(name + "." + view + ".txt"), Cli.run(args).out());
  }
}
