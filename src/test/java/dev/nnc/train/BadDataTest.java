package dev.nnc.train;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data gives a clear message naming the file, row and column, exit status 2, and writes nothing. */
class BadDataTest {
  @TempDir Path dir;

  private Cli.Result train(String csv) throws IOException {
    Path data = dir.resolve("data.csv");
    Files.writeString(data, csv);
    return Cli.run("train", "examples/mlp/iris.nn", "--data", data.toString(), "--epochs", "1", "--save", dir.resolve("out.w").toString());
  }

  private void assertRejected(Cli.Result r, String expected) {
    assertWithMessage("stderr: %s", r.err()).that(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(expected);
    assertThat(r.err()).doesNotContain("Exception");
    assertThat(Files.exists(dir.resolve("out.w"))).isFalse();
  }

  @Test
  void wrongColumnCount() throws IOException {
    assertRejected(train("a,b,c,species\n1,2,3,0\n"), "data.csv:1:1: the model's inputs take 4 numbers per row, but the file has 3 feature columns");
  }

  @Test
  void rowOfTheWrongLength() throws IOException {
    assertRejected(train("a,b,c,d,species\n1,2,3,4,0\n1,2,3,0\n"), "data.csv:3:");
  }

  @Test
  void nonNumericCell() throws IOException {
    assertRejected(train("a,b,c,d,species\n1,2,3,4,0\n1,2,x,4,1\n"), "data.csv:3:3: ");
  }

  @Test
  void classLabelOutOfRange() throws IOException {
    assertRejected(train("a,b,c,d,species\n1,2,3,4,0\n1,2,3,4,7\n"), "data.csv:3:5: label 7.0 is not a class index from 0 to 2");
  }

  @Test
  void emptyFile() throws IOException {
    assertRejected(train(""), "data.csv:1:1: empty file");
  }

  @Test
  void weightsOfAnotherModel() throws IOException {
    Path weights = dir.resolve("iris.w");
    Cli.Result trained = Cli.run("train", "examples/mlp/iris.nn", "--data", "examples/data/iris.csv", "--epochs", "1", "--save", weights.toString());
    assertThat(trained.status()).isEqualTo(0);
    Cli.Result r = Cli.run("eval", "examples/mlp/tumour.nn", "--weights", weights.toString(), "--data", "examples/data/breast_cancer.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(weights.toString());
    assertThat(r.err()).contains("'iris'");
    assertThat(r.err()).doesNotContain("Exception");
  }
}
