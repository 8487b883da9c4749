package dev.nnc.playground;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Nnc;
import dev.nnc.cli.Cli;
import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.io.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, acceptance 3: the program and CSV the page offers, trained with the nnc train command
 * the page shows, give the playground's training: the same loss in every epoch and the same
 * weights, bit for bit; and the gradients the page shows are what nnc show --grad prints.
 */
class ReproducedByTrainTest {
  @TempDir Path dir;

  /** The page's state after training: what the last train request answered. */
  private Map<String, Object> lastState;

  @Test
  void classificationWithATailBatchAndL2() throws Exception {
    // 300 training rows in batches of 7: every epoch ends with a smaller batch.
    Map<String, Object> doc = reproduce("""
        {"dataset": "xor", "noise": 10, "trainPercent": 60, "features": ["x1", "x2", "x1_x2"], "layers": [4, 2],
         "activation": "tanh", "learningRate": 0.1, "regularization": "l2", "regularizationRate": 0.001, "batch": 7, "seed": 3}""", 12);
    // The same test rows: nnc train's test accuracy is the page's.
    assertThat(metrics(doc, "test").get("accuracy")).isEqualTo(lastState.get("testAccuracy"));
  }

  @Test
  void regressionWithAdamAndL1() throws Exception {
    Map<String, Object> doc = reproduce("""
        {"dataset": "multi-gaussian", "noise": 5, "features": ["x1", "x2", "sin_x1", "sin_x2"], "layers": [8, 8],
         "activation": "relu", "learningRate": 0.01, "regularization": "l1", "regularizationRate": 0.0001, "optimizer": "adam"}""", 5);
    // The same test rows: the mean squared error nnc train reports on them is the page's test loss
    // (the page sums single-precision losses, nnc eval double-precision errors).
    assertThat((Double) metrics(doc, "test").get("mse")).isWithin(1e-6).of((Double) lastState.get("testLoss"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metrics(Map<String, Object> doc, String part) {
    return (Map<String, Object>) doc.get(part);
  }

  private Map<String, Object> reproduce(String settings, int epochs) throws Exception {
    try (PlaygroundServer server = PlaygroundServer.start(0)) {
      Http http = new Http(server);
      Http.Response created = http.post("/api/session", settings);
      assertWithMessage(created.body()).that(created.status()).isEqualTo(200);
      long id = ((Double) created.json().get("id")).longValue();
      Http.Response trained = http.post("/api/train", Map.of("id", (double) id, "epochs", (double) epochs));
      assertWithMessage(trained.body()).that(trained.status()).isEqualTo(200);
      Map<String, Object> state = trained.json();
      lastState = state;
      assertThat(state.get("epoch")).isEqualTo((double) epochs);

      Path program = dir.resolve(ProgramWriter.PROGRAM_FILE);
      Path data = dir.resolve(ProgramWriter.DATA_FILE);
      Files.writeString(program, http.get("/api/program.nn?id=" + id).body());
      Files.writeString(data, http.get("/api/data.csv?id=" + id).body());
      Path weights = dir.resolve("w.weights");
      Cli.Result shown = Cli.run("show", "--grad", program.toString());
      assertThat(shown.status()).isEqualTo(0);
      assertThat(http.get("/api/grad.txt?id=" + id).body()).isEqualTo(shown.out());

      // The command exactly as the page shows it, run where the downloads are.
      String command = (String) state.get("command");
      List<String> args = new ArrayList<>();
      for (String word : command.split(" ")) {
        if (word.equals(ProgramWriter.PROGRAM_FILE)) word = program.toString();
        if (word.equals(ProgramWriter.DATA_FILE)) word = data.toString();
        args.add(word);
      }
      assertThat(args.subList(0, 2)).containsExactly("nnc", "train").inOrder();
      args = new ArrayList<>(args.subList(1, args.size()));
      args.addAll(List.of("--json", "--save", weights.toString()));
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      assertWithMessage("%s\n%s", args, r.err()).that(r.status()).isEqualTo(0);
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = (Map<String, Object>) Json.parse(r.out());

      Session session = server.sessions().get(id);
      // Each epoch's training loss as the page received it, and as nnc train printed it.
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> history = (List<Map<String, Object>>) doc.get("history");
      List<?> onPage = (List<?>) state.get("history");
      assertThat(history).hasSize(epochs);
      assertThat(onPage).hasSize(epochs);
      for (int e = 0; e < epochs; e++) {
        List<?> row = (List<?>) onPage.get(e);
        assertThat(row.get(0)).isEqualTo((double) (e + 1));
        assertWithMessage("epoch %s", e + 1).that(history.get(e).get("loss")).isEqualTo(row.get(1));
      }
      Map<String, double[]> expected = session.parameters();
      Map<String, double[]> saved = new LinkedHashMap<>();
      for (Weights.Parameter p : WeightsFile.read(weights, ModelSignature.of(Nnc.compile(program).compiled())).parameters()) saved.put(p.name(), p.values());
      assertThat(saved.keySet()).containsExactlyElementsIn(expected.keySet()).inOrder();
      for (String name : expected.keySet()) {
        assertWithMessage(name).that(saved.get(name)).usingExactEquality().containsExactly(expected.get(name)).inOrder();
      }
      return doc;
    }
  }
}
