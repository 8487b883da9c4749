package dev.nnc.train;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverged training names the epoch, the batch and the first tensor, in program order, that is not finite. */
class DivergenceTest {
  @TempDir Path dir;

  /** Trains {@code program} on {@code rows}, one row per batch, saving to a file that must not appear. */
  private Cli.Result train(String program, String rows, String... flags) throws IOException {
    Path nn = Files.writeString(dir.resolve("m.nn"), program);
    Path csv = Files.writeString(dir.resolve("rows.csv"), rows);
    Path weights = dir.resolve("never.w");
    List<String> args = new ArrayList<>(List.of("train", nn.toString(), "--data", csv.toString(), "--batch", "1", "--save", weights.toString()));
    args.addAll(List.of(flags));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(Files.exists(weights)).isFalse();
    return r;
  }

  @Test
  void namesTheFirstTensorThatWasNotFinite() throws IOException {
    // h0 stays finite; exp overflows float for x = 1 (exp(1000)), and h2 = Inf / Inf is NaN, so
    // the loss is NaN, but h1 is where it started.
    Cli.Result r = train("""
        model blowup {
          input x
          label y
          param w = 1
          h0 = w * x
          h1 = exp(1000 * h0)
          h2 = h1 / (1 + h1)
          loss = mse(h2, y)
        }
        """, "x,y\n0.001,0\n0.002,1\n1,0\n0.003,1\n", "--epochs", "1", "--lr", "1e-9");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).containsMatch("training diverged at epoch 1, batch [1-4]: the loss is NaN; 'h1' became Inf first");
  }

  @Test
  void aParameterMadeInfiniteByTheLastUpdateIsNamedAsSuch() throws IOException {
    // Batch 1: p = 1e100, a finite loss 1e200 and gradient 2e200; times the learning rate 1e120 the
    // update overflows, so w is -Inf when batch 2 runs.
    Cli.Result r = train("""
        model line {
          input x
          label y
          param w = 1
          p = w * x
          loss = mse(p, y)
        }
        """, "x,y\n1e100,0\n1e100,0\n", "--epochs", "2", "--lr", "1e120", "--dtype", "f64");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).containsMatch("training diverged at epoch 1, batch 2: the loss is (Infinity|NaN); parameter 'w' is -Inf after the previous update");
  }
}
