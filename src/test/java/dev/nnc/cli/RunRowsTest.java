package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run --input over CSV rows whose count the batch does not divide: the last, smaller batch has a class (and offsets) of its own. */
class RunRowsTest {
  @Test
  void theLastSmallerBatchGivesTheValuesOfItsOwnRows(@TempDir Path dir) throws Exception {
    Path program = Files.writeString(dir.resolve("affine.nn"), "input x[2]\ny = 2 * x + 1\ns = sum(y)\n");
    Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n");
    Cli.Result r = Cli.run("run", program.toString(), "--input", "x=" + rows, "--batch", "2");
    assertThat(r.err()).isEmpty();
    // s, the objective (the last assignment), is left out: it would be a loss without labels.
    assertThat(r.out()).isEqualTo(String.join("\n", "y[0],y[1]", "3.0,5.0", "7.0,9.0", "11.0,13.0", "15.0,17.0", "19.0,21.0", ""));
  }

  @Test
  void aModelWithParametersRunsOnRowsInItsForwardOnlyClass(@TempDir Path dir) throws Exception {
    // Literal initial values make every output known: y = 2 x0 + 2 x1 + 1 (s, the objective, is left out).
    Path program = Files.writeString(dir.resolve("linear.nn"), "input x[2]\nparam w[2] = 2\nparam b = 1\ny = dot(w, x) + b\ns = y * y\n");
    Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n3,4\n5,6\n");
    Cli.Result r = Cli.run("run", program.toString(), "--input", "x=" + rows, "--batch", "2");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(String.join("\n", "y", "7.0", "15.0", "23.0", ""));
  }
}
