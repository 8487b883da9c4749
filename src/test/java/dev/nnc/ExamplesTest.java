package dev.nnc;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the transcripts written in the examples' comments, jlox style:
 * <pre>
 * #   $ nnc grad examples/lecture/add_mul.nn --at a=3 b=2 c=-4
 * #   f = 2.0
 * </pre>
 * The command runs in-process and its stdout must be exactly the lines that follow it.
 */
class ExamplesTest {

  record Transcript(Path file, String command, String expected) {
    @Override
    public String toString() {
      return file.getFileName() + ": " + command;
    }
  }

  static Stream<Transcript> transcripts() throws IOException {
    List<Transcript> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".nn")).sorted().toList()) {
        all.addAll(parse(file));
      }
    }
    return all.stream();
  }

  private static List<Transcript> parse(Path file) throws IOException {
    List<Transcript> found = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("#   $ nnc ")) continue;
      StringBuilder expected = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && lines.get(j).startsWith("#   ") && !lines.get(j).startsWith("#   $ ")) {
        expected.append(lines.get(j).substring(4)).append('\n');
        j++;
      }
      found.add(new Transcript(file, line.substring("#   $ nnc ".length()), expected.toString()));
      i = j - 1;
    }
    return found;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transcripts")
  void transcriptHolds(Transcript t) {
    Cli.Result r = Cli.run(t.command().split("\\s+"));
    assertWithMessage("exit status of nnc %s\nstderr: %s", t.command(), r.err()).that(r.status()).isEqualTo(0);
    assertWithMessage("stdout of nnc %s", t.command()).that(r.out()).isEqualTo(t.expected());
  }

  /**
   * Every example's generated class passes ASM's CheckClassAdapter; an image filter's (its input
   * names H and W) as compiled for the example image, forward pass alone, as nnc run compiles it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void generatedClassVerifies(Path example) throws IOException {
    if (!namesDimensions(example)) {
      TestCompiler.verified(Nnc.compile(example));
    } else {
      Nnc.Options forImage = Nnc.Options.DEFAULT.withDims(java.util.Map.of("H", 96, "W", 128)).withoutGradients();
      TestCompiler.verified(Nnc.compile(dev.nnc.syntax.SourceFile.read(example), forImage));
    }
  }

  /**
   * nnc check passes on every example at a seeded random point (labels valid for the loss); image
   * filters, whose results are images and whose sizes come from the image, have nothing to check.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("differentiableExamples")
  void gradientCheckPasses(Path example) {
    Cli.Result r = Cli.run("check", example.toString(), "--json");
    assertWithMessage("nnc check %s\nstderr: %s", example, r.err()).that(r.status()).isEqualTo(0);
    assertWithMessage("nnc check %s", example).that(r.out()).contains("\"passed\": true");
  }

  static Stream<Path> exampleFiles() throws IOException {
    return Files.walk(Path.of("examples")).filter(p -> p.toString().endsWith(".nn")).sorted();
  }

  static Stream<Path> differentiableExamples() throws IOException {
    return exampleFiles().filter(p -> !namesDimensions(p));
  }

  private static boolean namesDimensions(Path example) {
    try {
      return Nnc.declaredInputs(dev.nnc.syntax.SourceFile.read(example), null).stream().anyMatch(dev.nnc.runtime.DeclaredShape::hasNamedAxes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @org.junit.jupiter.api.Test
  void everyLectureExampleHasATranscript() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples/lecture"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".nn")).toList()) {
        assertWithMessage("transcripts in %s", f).that(parse(f)).isNotEmpty();
      }
    }
  }
}
