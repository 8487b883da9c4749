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

  /** Every example's generated class passes ASM's CheckClassAdapter. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void generatedClassVerifies(Path example) throws IOException {
    TestCompiler.verified(Nnc.compile(example));
  }

  /** nnc check passes on every example at a seeded random point (labels valid for the loss). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void gradientCheckPasses(Path example) {
    Cli.Result r = Cli.run("check", example.toString(), "--json");
    assertWithMessage("nnc check %s\nstderr: %s", example, r.err()).that(r.status()).isEqualTo(0);
    assertWithMessage("nnc check %s", example).that(r.out()).contains("\"passed\": true");
  }

  static Stream<Path> exampleFiles() throws IOException {
    return Files.walk(Path.of("examples")).filter(p -> p.toString().endsWith(".nn")).sorted();
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
