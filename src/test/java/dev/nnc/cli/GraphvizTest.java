package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** show --dot --svg renders with Graphviz where it is installed (.ci/run installs it) and says how to install it where not. */
class GraphvizTest {
  @Test
  void rendersOrSaysHowToInstall(@TempDir Path dir) throws IOException {
    Path svg = dir.resolve("neuron.svg");
    Cli.Result r = Cli.run("show", "--dot", "examples/lecture/neuron_gates.nn", "--at", "w0=2", "x0=-1", "w1=-3", "x1=-2", "w2=-3", "--svg", svg.toString());
    if (dotInstalled()) {
      assertThat(r.status()).isEqualTo(0);
      String text = Files.readString(svg);
      assertThat(text).contains("<svg");
      assertThat(text).contains("1/x");
      assertThat(text).contains("0.73");
    } else {
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err()).contains("apt-get install graphviz");
      assertThat(Files.exists(svg)).isFalse();
    }
  }

  private static boolean dotInstalled() {
    try {
      return new ProcessBuilder("dot", "-V").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
