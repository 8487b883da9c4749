package dev.nnc.cli;

import dev.nnc.runtime.io.Json;
import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
  // The lecture's tumours with scores: at 0.5, TP 1, FP 1, FN 8, TN 90.
  private static final String TUMOURS = "examples/metrics/tumours.csv";

  @TempDir Path dir;

  private record Run(int status, String out, String err) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) Json.parse(out);
    }
  }

  private static Run nnc(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out), new PrintStream(err));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path csv(String content) throws IOException {
    Path path = dir.resolve("data.csv");
    Files.writeString(path, content);
    return path;
  }

  @Test
  void lectureTumoursGiveTheLectureRatesAsJson() {
    Run run = nnc("metrics", TUMOURS, "--json");

    assertThat(run.status()).isEqualTo(0);
    assertThat(run.json()).containsAtLeast("tp", 1.0, "fp", 1.0, "fn", 8.0, "tn", 90.0, "accuracy", 0.91,
        "precision", 0.5, "recall", 0.1111111111111111, "f1", 0.18181818181818182, "threshold", 0.5);
    assertThat(run.out().strip().lines().count()).isEqualTo(1);
    assertThat(run.err()).contains("warning: class imbalance: class 0 is 91 of 100 rows, so always predicting it scores accuracy 0.91");
  }

  @Test
  void humanViewLaysOutTheLectureTable() {
    Run run = nnc("metrics", TUMOURS);

    assertThat(run.status()).isEqualTo(0);
    assertThat(run.out()).contains("Predicted condition positive  TP 1                  FP 1 (Type I error)\n");
    assertThat(run.out()).contains("Predicted condition negative  FN 8 (Type II error)  TN 90\n");
    assertThat(run.out()).containsMatch("True positive rate \\(TPR\\), Recall, Sensitivity +0.1111111111111111\n");
    assertThat(run.out()).containsMatch("Accuracy \\(ACC\\) +0.91\n");
  }

  @Test
  void pickThresholdChoosesFromTheScores() throws IOException {
    Path file = csv("label,score\n1,0.9\n1,0.7\n0,0.6\n1,0.4\n0,0.2\n0,0.1\n");
    // F1 by threshold: 0.9 → 2/4, 0.7 → 4/5, 0.6 → 4/6, 0.4 → 6/7, 0.2 → 6/8, 0.1 → 6/9.
    assertThat(nnc("metrics", file.toString(), "--pick-threshold", "f1", "--json").json())
        .containsAtLeast("threshold", 0.4, "tp", 3.0, "fp", 1.0, "f1", 6.0 / 7);
    assertThat(nnc("metrics", file.toString(), "--pick-threshold", "recall=0.6", "--json").json())
        .containsAtLeast("threshold", 0.7, "tp", 2.0, "fp", 0.0);
    assertThat(nnc("metrics", file.toString(), "--threshold", "0.65", "--json").json())
        .containsAtLeast("threshold", 0.65, "tp", 2.0, "fp", 0.0);
  }

  @Test
  void classLabelsGiveTheMulticlassDocument() throws IOException {
    Path file = csv("id,y,predicted\na,0,0\nb,0,1\nc,1,1\nd,2,2\ne,2,0\nf,2,2\n");
    Run run = nnc("metrics", file.toString(), "--label", "y", "--score", "2", "--json");

    assertThat(run.status()).isEqualTo(0);
    Map<String, Object> doc = run.json();
    assertThat(doc.get("accuracy")).isEqualTo(4.0 / 6);
    assertThat(doc.get("confusion")).isEqualTo(List.of(List.of(1.0, 1.0, 0.0), List.of(0.0, 1.0, 0.0), List.of(1.0, 0.0, 2.0)));
    assertThat(((List<?>) doc.get("per_class")).get(2)).isEqualTo(Map.of("class", 2.0, "precision", 1.0, "recall", 2.0 / 3, "f1", 0.8, "support", 3.0));
    assertThat(doc.get("micro")).isEqualTo(Map.of("precision", 4.0 / 6, "recall", 4.0 / 6, "f1", 4.0 / 6));

    Run human = nnc("metrics", file.toString(), "--label", "y", "--score", "predicted");
    assertThat(human.out()).contains("true \\ pred        0       1       2\n0                  1       1       0\n");
  }

  @Test
  void badInputNamesFileRowAndColumn() throws IOException {
    String name = dir.resolve("data.csv").toString();
    assertBadInput(csv("label,score\n1,0.5\n0,high\n"), name + ":3:2: not a number: 'high' in column 'score'");
    assertBadInput(csv("label,score\n1,0.5\n0\n"), name + ":3:2: this row has 1 cell but the header has 2");
    assertBadInput(csv(""), name + ":1:1: empty file: a header row is expected");
    assertBadInput(csv("label,score\n1,0.5\n2,0.3\n"),
        name + ":3:1: label 2 is not 0 or 1, so the labels are classes and column 'score' must hold predicted classes,"
            + " but line 2 has the score 0.5");
    assertBadInput(csv("label,score\n0.5,1\n"), name + ":2:1: label 0.5 is not a class (an integer)");
    Run run = nnc("metrics", csv("a,b\n1,0.5\n").toString(), "--label", "y");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(name + ":1:1: --label y: no such column; the header has 2 columns: a, b\n");
  }

  private void assertBadInput(Path file, String message) {
    Path picture = dir.resolve("roc.svg");
    Run run = nnc("metrics", file.toString(), "--roc", picture.toString(), "--json");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(message + "\n");
    assertThat(run.out()).isEmpty();
    assertThat(Files.exists(picture)).isFalse();
  }

  @Test
  void badUsageIsExitTwo() throws IOException {
    String file = csv("label,score\n1,0.5\n0,0.2\n").toString();
    assertThat(nnc("metrics", file, "--threshold", "0.3", "--pick-threshold", "f1").err())
        .isEqualTo("nnc: give --threshold or --pick-threshold, not both\n");
    assertThat(nnc("metrics", file, "--pick-threshold", "recall").status()).isEqualTo(2);
    assertThat(nnc("metrics", file, "--roc", dir.resolve("missing/roc.svg").toString()).status()).isEqualTo(2);
    Run oneClass = nnc("metrics", csv("label,score\n0,0.5\n").toString(), "--roc", dir.resolve("roc.svg").toString());
    assertThat(oneClass.status()).isEqualTo(2);
    assertThat(oneClass.err()).contains("the ROC curve needs both labels");
  }

  @Test
  void picturesAreWrittenWithTheirAreas() throws IOException {
    Path roc = dir.resolve("roc.svg");
    Path pr = dir.resolve("pr.svg");
    Run run = nnc("metrics", TUMOURS, "--roc", roc.toString(), "--pr", pr.toString(), "--json");

    assertThat(run.status()).isEqualTo(0);
    assertThat(Files.readString(roc)).contains("ROC, AUC = 0.8779");
    assertThat(Files.readString(pr)).contains("precision–recall, AP = 0.4267");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("roc.svg", "pr.svg");
    }
  }
}
