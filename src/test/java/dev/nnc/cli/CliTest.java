package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract (SPEC.md §2): outputs, JSON shapes, exit statuses, messages. */
class CliTest {
  private static final String ADD_MUL = "examples/lecture/add_mul.nn";

  @Test
  void gradJsonHasSpecShape() {
    Cli.Result r = Cli.run("grad", ADD_MUL, "--at", "a=3", "b=2", "c=-4", "--json");
    assertThat(r.status()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("{\"outputs\": {\"f\": 2.0}, \"gradients\": {\"a\": 2.0, \"b\": 3.0, \"c\": 1.0}}\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void atMayRepeatAndAtFileIsOverriddenByAt(@TempDir Path dir) throws IOException {
    Path values = dir.resolve("at.json");
    Files.writeString(values, "{\"a\": 10, \"b\": 2, \"c\": -4}");
    Cli.Result r = Cli.run("grad", ADD_MUL, "--at-file", values.toString(), "--at", "a=3", "--json");
    assertThat(r.out()).contains("\"f\": 2.0");
    Cli.Result repeated = Cli.run("grad", ADD_MUL, "--at", "a=3", "--at", "b=2", "--at", "c=-4");
    assertThat(repeated.out()).startsWith("f = 2.0\n");
  }

  @Test
  void gradOfAnotherVariable() {
    Cli.Result r = Cli.run("grad", ADD_MUL, "--at", "a=3", "b=2", "c=-4", "--of", "x", "--json");
    assertThat(r.out()).isEqualTo("{\"outputs\": {\"x\": 6.0}, \"gradients\": {\"a\": 2.0, \"b\": 3.0, \"c\": 0.0}}\n");
  }

  @Test
  void missingValuesAreDrawnWithTheSeedAndSaidSo() {
    Cli.Result first = Cli.run("grad", ADD_MUL, "--at", "a=3", "--seed", "7", "--json");
    Cli.Result again = Cli.run("grad", ADD_MUL, "--at", "a=3", "--seed", "7", "--json");
    Cli.Result other = Cli.run("grad", ADD_MUL, "--at", "a=3", "--seed", "8", "--json");
    assertThat(first.out()).isEqualTo(again.out());
    assertThat(first.out()).isNotEqualTo(other.out());
    assertThat(first.err()).contains("b, c were not given with --at; drawn at random with seed 7");
  }

  @Test
  void showGradNamesThePatterns() {
    assertThat(Cli.run("show", "--grad", ADD_MUL).out()).contains("add distributes");
    assertThat(Cli.run("show", "--grad", ADD_MUL).out()).contains("mul switches");
    String patterns = Cli.run("show", "--grad", "examples/lecture/patterns.nn").out();
    assertThat(patterns).contains("copy sums");
    assertThat(patterns).contains("max routes");
  }

  @Test
  void checkPassesAndReportsTheWorstError() {
    Cli.Result r = Cli.run("check", "examples/lecture/neuron_gates.nn", "--at", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3", "--json");
    assertThat(r.status()).isEqualTo(0);
    assertThat(r.out()).matches("\\{\"worst_error\": [0-9.eE-]+, \"at\": \"\\w+\", \"passed\": true\\}\n");
  }

  @Test
  void checkFailsWithStatusOneOverTolerance() {
    Cli.Result r = Cli.run("check", "examples/lecture/neuron.nn", "--tol", "0");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED");
  }

  @Test
  void unknownAtNameIsBadUsageWithASuggestion() {
    Cli.Result r = Cli.run("grad", ADD_MUL, "--at", "aa=3");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nnc: --at: the program has no input, label or param 'aa'; did you mean 'a'?\n");
  }

  @Test
  void badAtValueIsBadUsage() {
    Cli.Result r = Cli.run("grad", ADD_MUL, "--at", "a=three");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'three' is not a number");
  }

  @Test
  void missingFileIsBadUsage() {
    Cli.Result r = Cli.run("grad", "no/such/file.nn");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nnc: cannot read 'no/such/file.nn': no such file\n");
  }

  /** An output into a directory that does not exist is refused before any work (here, training). */
  @Test
  void outputIntoMissingDirectoryIsBadUsage() {
    Cli.Result train = Cli.run("train", "examples/mlp/xor.nn", "--data", "examples/data/xor.csv", "--epochs", "1", "--save", "no/such/dir/w.json");
    assertThat(train.status()).isEqualTo(2);
    assertThat(train.err()).isEqualTo("nnc: cannot write no/such/dir/w.json: no such directory\n");
    Cli.Result show = Cli.run("show", ADD_MUL, "--dot", "--svg", "no/such/dir/g.svg");
    assertThat(show.status()).isEqualTo(2);
    assertThat(show.err()).isEqualTo("nnc: cannot write no/such/dir/g.svg: no such directory\n");
  }

  @Test
  void unknownFlagIsBadUsage() {
    Cli.Result r = Cli.run("grad", ADD_MUL, "--frobnicate");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    assertThat(r.err()).contains("nnc grad --help");
  }

  @Test
  void helpAndVersion() {
    Cli.Result help = Cli.run("--help");
    assertThat(help.status()).isEqualTo(0);
    assertThat(help.out()).contains("grad");
    assertThat(help.out()).contains("check");
    assertThat(help.out()).contains("show");
    assertThat(Cli.run("grad", "--help").out()).contains("--at");
    Cli.Result version = Cli.run("--version");
    assertThat(version.status()).isEqualTo(0);
    assertThat(version.out()).startsWith("nnc ");
  }

  @Test
  void noCommandIsBadUsage() {
    assertThat(Cli.run().status()).isEqualTo(2);
  }

  @Test
  void gradWithoutAnObjectiveIsAnError(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("empty.nn");
    Files.writeString(p, "input a\n");
    Cli.Result r = Cli.run("grad", p.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("grad needs an objective");
  }

  @Test
  void objectiveIsLossWhenThereIsOne(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("loss.nn");
    Files.writeString(p, "loss = (a - 1) ^ 2\nlater = a * 10\n");
    Cli.Result r = Cli.run("grad", p.toString(), "--at", "a=3", "--json");
    assertThat(r.out()).isEqualTo("{\"outputs\": {\"loss\": 4.0}, \"gradients\": {\"a\": 4.0}}\n");
  }

  @Test
  void modelsAreChosenByName(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("models.nn");
    Files.writeString(p, "model first {\n  f = a * 2\n}\nmodel second {\n  g = a * 3\n}\n");
    assertThat(Cli.run("grad", p.toString(), "--at", "a=1", "--json").out()).contains("\"f\": 2.0");
    assertThat(Cli.run("grad", p.toString(), "--at", "a=1", "--json", "--model", "second").out()).contains("\"g\": 3.0");
    Cli.Result bad = Cli.run("grad", p.toString(), "--model", "secnd");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("did you mean 'second'?");
  }
}
