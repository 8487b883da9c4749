package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.TestCompiler;
import dev.nnc.syntax.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deep and long programs: every stage (parser, AST builder, lowering, differentiation, simplifier,
 * scheduler, code generation, printers) either gives a result or a clean error at the place that
 * crosses a limit (docs/limits.md); never a StackOverflowError or another internal error.
 */
class DeepProgramsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static void assertClean(Cli.Result r) {
    assertWithMessage("stderr").that(r.err()).doesNotContain("Exception");
    assertWithMessage("stderr").that(r.err()).doesNotContain("Error:");
    assertWithMessage("stderr").that(r.err()).doesNotContain("internal error");
  }

  @Test
  void tenThousandNestedParenthesesAreRejectedWhereTheyCrossTheLimit() throws IOException {
    Path file = write("paren.nn", "f = " + "(".repeat(10_000) + "a" + ")".repeat(10_000) + "\n");
    Cli.Result r = Cli.run("grad", file.toString(), "--at", "a=1");
    assertClean(r);
    assertThat(r.status()).isEqualTo(2);
    // "f = " is 4 columns; the 1001st parenthesis is column 4 + 1001.
    assertThat(r.err().split("\n")[0]).isEqualTo(file + ":1:1005: the expression nests more than 1000 levels deep here"
        + " (nnc's limit); name parts of it with assignments");
  }

  @Test
  void nestingAtTheLimitCompilesAndPrintsInEveryForm() throws IOException {
    int depth = Limits.MAX_NESTING;
    // Parentheses around calls, unary minus and ^: each adds one level.
    StringBuilder e = new StringBuilder("a");
    for (int i = 0; i < depth / 2; i++) e.insert(0, i % 2 == 0 ? "sin(" : "(-").append(")");
    Path file = write("deep.nn", "f = " + e + "\n");
    Cli.Result grad = Cli.run("grad", file.toString(), "--at", "a=0.5");
    assertClean(grad);
    assertThat(grad.status()).isEqualTo(0);
    assertThat(grad.out()).startsWith("f = ");
    for (String form : new String[] {"--grad", "--ir", "--java", "--dot", "--bytecode"}) {
      Cli.Result show = Cli.run("show", form, file.toString());
      assertClean(show);
      assertWithMessage("show %s", form).that(show.status()).isEqualTo(0);
    }
  }

  @Test
  void aHundredThousandTermSumIsAProgramTooLarge() throws IOException {
    Path file = write("sum.nn", "f = a" + " + a".repeat(99_999) + "\n");
    Cli.Result r = Cli.run("grad", file.toString(), "--at", "a=1");
    assertClean(r);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("the program is too large: it lowers to more than " + Limits.MAX_NODES + " graph nodes");
  }

  @Test
  void aTenThousandTermSumCompilesToTheRightGradient() {
    // A left-leaning chain ten thousand deep, within the limits: a result, verified bytecode.
    StringBuilder text = new StringBuilder("f = x0");
    for (int i = 1; i < 10_000; i++) text.append(" + x").append(i % 100).append(" * a");
    var c = TestCompiler.compile(text.toString());
    var ws = c.compiled().newWorkspace(0);
    for (int i = 0; i < 100; i++) ws.set("x" + i, i);
    ws.set("a", 2);
    ws.forward();
    ws.backward();
    // f = x0 + a · Σ_{i=1}^{9999} x_{i mod 100}; each residue appears 100 times, residue 0 99 times.
    double sum = 0;
    for (int i = 1; i < 10_000; i++) sum += i % 100;
    assertThat(ws.value("f")).isEqualTo(2 * sum);
    assertThat(ws.gradient("a")).isEqualTo(sum);
    assertThat(ws.gradient("x7")).isEqualTo(200.0);
  }

  @Test
  void fiveThousandChainedStatementsCompile() {
    // Each statement uses the one before: a graph 10,000 nodes deep, over many split methods.
    StringBuilder text = new StringBuilder("v0 = a\n");
    for (int i = 1; i <= 5000; i++) text.append("v").append(i).append(" = v").append(i - 1).append(" * b + c\n");
    var c = TestCompiler.compile(text.toString());
    var ws = c.compiled().newWorkspace(0).set("a", 1).set("b", 1).set("c", 1);
    ws.forward();
    ws.backward();
    assertThat(ws.value("v5000")).isEqualTo(5001.0);
    assertThat(ws.gradient("c")).isEqualTo(5000.0);
  }

  @Test
  void moreTokensThanTheLimitAreRejectedAtTheFirstOneOver() throws IOException {
    // "a;" is two tokens: half a million of them and a little more.
    Path file = write("long.nn", "a;".repeat(Limits.MAX_TOKENS / 2 + 10));
    Cli.Result r = Cli.run("grad", file.toString());
    assertClean(r);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().split("\n")[0]).isEqualTo(file + ":1:" + (Limits.MAX_TOKENS + 1)
        + ": the program is too large: it has more than " + Limits.MAX_TOKENS + " tokens (nnc's limit)");
  }
}
