package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * SPEC.md §2: {@code --debug} shows stack traces, and nothing else does: every command's error
 * gives its message alone, and with {@code --debug} the same message followed by the trace.
 */
class DebugFlagTest {
  @TempDir Path dir;

  private static final String TRACE_LINE = "\tat dev.nnc.";

  /** One failing invocation per command, each a different kind of error. */
  private List<String[]> failures() throws IOException {
    String malformed = "src/test/resources/malformed/unknown_name.nn";
    Path badCsv = Files.writeString(dir.resolve("bad.csv"), "a,b,c,d,species\n1,2,x,4,1\n");
    Path notWeights = Files.writeString(dir.resolve("not.w"), "not weights\n");
    Path badScores = Files.writeString(dir.resolve("scores.csv"), "label,score\n1,high\n");
    return List.of(
        new String[] {"grad", malformed},
        new String[] {"check", malformed},
        new String[] {"show", "--grad", malformed},
        new String[] {"run", malformed, "--at", "a=1"},
        new String[] {"bench", malformed},
        new String[] {"train", "examples/mlp/iris.nn", "--data", badCsv.toString(), "--save", dir.resolve("w").toString()},
        new String[] {"eval", "examples/mlp/iris.nn", "--weights", notWeights.toString(), "--data", "examples/data/iris.csv"},
        new String[] {"metrics", badScores.toString()},
        new String[] {"grad", "examples/lecture/add_mul.nn", "--memory", "lots"});
  }

  private static String[] withDebug(String[] args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--debug");
    return all.toArray(String[]::new);
  }

  @Test
  void everyCommandsErrorHasATraceOnlyWithDebug() throws IOException {
    for (String[] args : failures()) {
      String what = String.join(" ", args);
      Cli.Result plain = Cli.run(args);
      assertWithMessage("exit status of nnc %s: %s", what, plain.err()).that(plain.status()).isEqualTo(2);
      assertWithMessage("stderr of nnc %s", what).that(plain.err()).doesNotContain("\tat ");
      Cli.Result debug = Cli.run(withDebug(args));
      assertWithMessage("exit status of nnc %s --debug", what).that(debug.status()).isEqualTo(2);
      assertWithMessage("stderr of nnc %s --debug", what).that(debug.err()).startsWith(plain.err());
      assertWithMessage("stderr of nnc %s --debug", what).that(debug.err()).contains(TRACE_LINE);
    }
  }

  /** A command whose code fails as a bug of nnc would. */
  @Command(name = "broken")
  static final class Broken extends NncCommand {
    @Override
    public Integer call() {
      throw new IllegalStateException("an invariant broke");
    }
  }

  private static Cli.Result runBroken(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Commands.run(new Broken(), List.of(), () -> null, args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli.Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anInternalErrorIsExitThreeWithATraceOnlyWithDebug() {
    Cli.Result plain = runBroken();
    assertThat(plain.status()).isEqualTo(3);
    assertThat(plain.err()).isEqualTo("nnc: internal error: java.lang.IllegalStateException: an invariant broke (run with --debug for the stack trace)\n");
    Cli.Result debug = runBroken("--debug");
    assertThat(debug.status()).isEqualTo(3);
    assertThat(debug.err()).startsWith("nnc: internal error: java.lang.IllegalStateException: an invariant broke\n");
    assertThat(debug.err()).contains("\tat dev.nnc.cli.DebugFlagTest$Broken.call(");
  }
}
