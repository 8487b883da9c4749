package dev.nnc.train;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.cli.Cli;
import dev.nnc.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3's training floors on the real data sets, reproducibility, and eval agreeing with train. */
class TrainingTest {
  @TempDir Path dir;

  private Map<String, Object> train(String... args) {
    Cli.Result r = Cli.run(args);
    assertWithMessage("nnc %s\nstderr: %s", String.join(" ", args), r.err()).that(r.status()).isEqualTo(0);
    return json(r.out());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) Json.parse(text);
  }

  @SuppressWarnings("unchecked")
  private static double accuracy(Map<String, Object> doc, String part) {
    return (Double) ((Map<String, Object>) doc.get(part)).get("accuracy");
  }

  @Test
  void xorReachesFullAccuracy() {
    Map<String, Object> doc = train("train", "examples/mlp/xor.nn", "--data", "examples/data/xor.csv", "--epochs", "500", "--batch", "4",
        "--lr", "0.5", "--optimizer", "momentum", "--save", dir.resolve("xor.w").toString(), "--json");
    assertThat(accuracy(doc, "train")).isEqualTo(1.0);
  }

  @Test
  void tumourClassifierReaches96PercentOnASeededSplitAndEvalReproducesIt() {
    String weights = dir.resolve("tumour.w").toString();
    Map<String, Object> doc = train("train", "examples/mlp/tumour.nn", "--data", "examples/data/breast_cancer.csv", "--split", "0.75",
        "--normalize", "standard", "--epochs", "50", "--batch", "32", "--lr", "0.05", "--optimizer", "momentum", "--save", weights, "--json");
    assertThat(accuracy(doc, "test")).isAtLeast(0.96);
    Cli.Result eval = Cli.run("eval", "examples/mlp/tumour.nn", "--weights", weights, "--data", "examples/data/breast_cancer.csv", "--split", "0.75", "--json");
    assertThat(eval.status()).isEqualTo(0);
    assertThat(json(eval.out())).isEqualTo(doc.get("test"));
  }

  @Test
  void digitsMlpReaches95Percent() {
    Map<String, Object> doc = train("train", "examples/mlp/digits.nn", "--data", "examples/data/digits.csv", "--split", "0.8",
        "--normalize", "standard", "--epochs", "40", "--batch", "32", "--lr", "0.001", "--optimizer", "adam", "--save", dir.resolve("d.w").toString(), "--json");
    assertThat(accuracy(doc, "test")).isAtLeast(0.95);
    List<?> history = (List<?>) doc.get("history");
    assertThat(history).hasSize(40);
  }

  /** Issue 4: the conv net of examples/cnn/digits.nn, with the command written in it. */
  @Test
  void digitsConvNetReaches97Percent() {
    Map<String, Object> doc = train("train", "examples/cnn/digits.nn", "--data", "examples/data/digits.csv", "--split", "0.8",
        "--normalize", "standard", "--epochs", "12", "--batch", "32", "--lr", "0.004", "--optimizer", "adam", "--save", dir.resolve("cnn.w").toString(), "--json");
    assertThat(accuracy(doc, "test")).isAtLeast(0.97);
  }

  @Test
  void theSameSeedGivesBitIdenticalWeights() throws IOException {
    for (String name : new String[] {"a.w", "b.w"}) {
      train("train", "examples/mlp/iris.nn", "--data", "examples/data/iris.csv", "--split", "0.8", "--normalize", "standard",
          "--epochs", "20", "--batch", "16", "--lr", "0.05", "--optimizer", "adam", "--seed", "7", "--save", dir.resolve(name).toString(), "--json");
    }
    assertThat(Files.mismatch(dir.resolve("a.w"), dir.resolve("b.w"))).isEqualTo(-1L);
    train("train", "examples/mlp/iris.nn", "--data", "examples/data/iris.csv", "--split", "0.8", "--epochs", "20", "--batch", "16",
        "--lr", "0.05", "--optimizer", "adam", "--seed", "8", "--normalize", "standard", "--save", dir.resolve("c.w").toString(), "--json");
    assertThat(Files.mismatch(dir.resolve("a.w"), dir.resolve("c.w"))).isNotEqualTo(-1L);
  }

  @Test
  void twoThreadsGiveTheWeightsOfOneBitForBit() throws IOException {
    // At batch 1024 the digits MLP's first products reach the size at which they are split over threads.
    for (String threads : new String[] {"1", "2"}) {
      train("train", "examples/mlp/digits.nn", "--data", "examples/data/digits.csv", "--split", "0.8", "--normalize", "standard",
          "--epochs", "3", "--batch", "1024", "--lr", "0.01", "--optimizer", "adam", "--threads", threads,
          "--save", dir.resolve(threads + ".w").toString(), "--json");
    }
    assertThat(Files.mismatch(dir.resolve("1.w"), dir.resolve("2.w"))).isEqualTo(-1L);
  }

  @Test
  void divergenceStopsNamingEpochAndBatchAndWritesNothing() {
    Path weights = dir.resolve("never.w");
    Cli.Result r = Cli.run("train", "examples/mlp/digits.nn", "--data", "examples/data/digits.csv", "--epochs", "5", "--lr", "1e30",
        "--save", weights.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).containsMatch("training diverged at epoch \\d+, batch \\d+: the loss is (NaN|Infinity)");
    assertThat(Files.exists(weights)).isFalse();
  }
}
