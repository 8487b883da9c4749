package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --memory (SPEC.md §1): all tensors of a compiled program must fit the budget, checked when it is
 * compiled, before anything is allocated; the error gives the size needed and the budget, at the
 * declaration that crosses it.
 */
class MemoryBudgetTest {
  @TempDir Path dir;

  /** W, dW: 2·10^6 doubles; x, dx, W @ x and its gradient: 4·1000; f: 1; 2,004,001 values, 16,032,008 bytes. */
  private Path program() throws IOException {
    return Files.writeString(dir.resolve("wide.nn"), """
        input x[1000]
        param W[1000, 1000] = zeros
        f = sum(W @ x)
        """);
  }

  @Test
  void aProgramOverTheBudgetIsRejectedAtTheDeclarationThatCrossesIt() throws IOException {
    Path file = program();
    Cli.Result r = Cli.run("grad", file.toString(), "--memory", "8M");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    // W fits in 8 MiB (7.63 MiB); its gradient, allocated next, crosses it.
    assertThat(r.err()).isEqualTo(file + ":2:7: the program's tensors need 15.29 MiB (2004001 values of 8 bytes at batch 1), "
        + "more than the memory budget of 8 MiB (--memory); 'W' is where it crosses it\n"
        + "  param W[1000, 1000] = zeros\n"
        + "        ^\n");
  }

  @Test
  void theSameProgramFitsALargerBudget() throws IOException {
    Cli.Result r = Cli.run("grad", program().toString(), "--memory", "16M", "--at-file", Files.writeString(dir.resolve("at.json"), "{}").toString());
    assertThat(r.status()).isEqualTo(0);
  }

  @Test
  void trainingInSinglePrecisionNeedsHalfTheBytes() throws IOException {
    Path file = Files.writeString(dir.resolve("m.nn"), """
        model m {
          input x[1000]
          label y
          h = dense(x, 1000)
          loss = mse(sum(h), y)
        }
        """);
    Cli.Result r = Cli.run("train", file.toString(), "--data", "no-such.csv", "--batch", "32", "--memory", "4M", "--save", dir.resolve("w").toString());
    assertThat(r.status()).isEqualTo(2);
    // Rejected when compiled, before the data is read: the message is the budget's, not the missing file's.
    assertThat(r.err()).contains("values of 4 bytes at batch 32), more than the memory budget of 4 MiB (--memory); 'h.W' is where it crosses it");
  }

  @Test
  void everyCompilingCommandTakesTheFlag() throws IOException {
    String file = program().toString();
    for (String[] args : new String[][] {
        {"check", file}, {"show", "--ir", file}, {"run", file, "--at", "x=1"}, {"bench", file}}) {
      String[] withFlag = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--memory", "1M")).toArray(String[]::new);
      Cli.Result r = Cli.run(withFlag);
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err()).contains("more than the memory budget of 1 MiB (--memory)");
    }
  }

  @Test
  void aSizeThatIsNotOneIsBadUsage() throws IOException {
    Cli.Result r = Cli.run("grad", program().toString(), "--memory", "12X");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nnc: --memory: '12X' is not a size; write it as 512M, 2G or 4GiB (binary units: K, M, G, T)\n");
  }
}
