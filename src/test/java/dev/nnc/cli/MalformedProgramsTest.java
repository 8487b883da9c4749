package dev.nnc.cli;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each program under malformed/ is rejected with exit status 2, a {@code file:line:col: message}
 * line, the source line and a caret, and no stack trace. golden/malformed.txt holds the first line
 * of each diagnostic, so a change of place or wording is seen in review.
 */
class MalformedProgramsTest {
  private static final Path DIR = Path.of("src/test/resources/malformed");

  static Stream<Path> programs() throws IOException {
    return Files.list(DIR).filter(p -> p.toString().endsWith(".nn")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void isRejectedWithPlaceAndCaretAndNoStackTrace(Path program) {
    Cli.Result r = Cli.run("grad", program.toString());
    assertWithMessage("exit status of %s; stderr:\n%s", program, r.err()).that(r.status()).isEqualTo(2);
    assertWithMessage("stdout of %s", program).that(r.out()).isEmpty();
    String[] lines = r.err().split("\n");
    assertWithMessage("diagnostic of %s", program).that(lines[0]).matches("\\Q" + program + "\\E:\\d+:\\d+: .+");
    assertWithMessage("caret line of %s", program).that(lines[2]).matches("\\s*\\^");
    assertWithMessage("stack trace in %s", program).that(r.err()).doesNotContain("Exception");
    assertWithMessage("stack trace in %s", program).that(r.err()).doesNotContain("\tat ");
  }

  @Test
  void diagnosticsMatchTheGoldenList() throws IOException {
    String all;
    try (Stream<Path> files = programs()) {
      all = files.map(p -> Cli.run("grad", p.toString()).err().split("\n")[0].replace(DIR + "/", "")).collect(Collectors.joining("\n", "", "\n"));
    }
    Golden.check(Golden.ROOT.resolve("malformed.txt"), all);
  }

  @Test
  void thereAreAtLeastTwentyOfThem() throws IOException {
    try (Stream<Path> files = programs()) {
      assertWithMessage("malformed programs").that(files.count()).isAtLeast(20L);
    }
  }
}
