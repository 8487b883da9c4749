package dev.nnc.cli;

import dev.nnc.metrics.BinaryReport;
import dev.nnc.metrics.ClassImbalance;
import dev.nnc.metrics.ScoreRanking;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Metrics of a trained model on CSV rows, with the preprocessing saved in its weights.",
        "With --split F and --seed S as given to train, on the same test rows."})
final class EvalCommand extends NncCommand {
  @Mixin ProgramOptions program;
  @Mixin DataOptions data;
  @Mixin BinaryOptions binary;

  @Option(names = "--weights", required = true, paramLabel = "W", description = "The weights saved by nnc train.")
  Path weightsFile;

  @Option(names = "--boundary", paramLabel = "OUT.svg", description = "For a model of two input features: its decision over the plane, with the rows on it.")
  Path boundary;

  @Option(names = "--batch", defaultValue = "32", description = "Rows per forward pass (default: ${DEFAULT-VALUE}, as train's).")
  int batch;

  @Override
  public Integer call() throws IOException {
    binary.rule();
    binary.requireDirectories();
    OutputFiles.requireDirectory(boundary);
    Weights weights = program.readWeights(weightsFile);
    ModelSession session = new ModelSession(program, weights.dtype());
    BatchRunner full = session.runner(batch, common.seed);
    ModelSession.load(full, weights);
    Dataset rows = data.trainAndTest(full.program(), null, common.seed)[data.split == null ? 0 : 1];
    String boundaryPicture = null;
    if (boundary != null) {
      BatchRunner grid = session.runner(DecisionBoundary.CELLS, common.seed);
      ModelSession.load(grid, weights);
      boundaryPicture = DecisionBoundary.draw(grid, weights, rows, program.file.getFileName().toString());
    }
    weights.preprocessing().applyInPlace(rows.features());
    BatchRunner tail = session.tail(rows.rows(), batch, common.seed);
    if (tail != null) ModelSession.load(tail, weights);
    Evaluation evaluation = Evaluation.of(full, tail, rows);

    PrintWriter out = out();
    Map<java.nio.file.Path, String> pictures = BinaryOptions.none();
    Map<String, Object> document;
    if (evaluation.isBinary()) {
      BinaryReport report = binary.report(ScoreRanking.of(evaluation.truth(), evaluation.scores()), rows.file(), pictures);
      document = report.toMap();
      if (!common.json) {
        out.println(rows.file() + ": " + rows.rows() + " rows; predicted positive iff score >= " + Numbers.format(report.threshold()) + binary.describeRule());
        out.println();
        BinaryMetricsView.print(report, out);
      }
    } else {
      binary.requireNone("the model is not a binary classifier");
      document = evaluation.metrics(0.5);
      if (!common.json) {
        out.println(rows.file() + ": " + rows.rows() + " rows");
        if (document.containsKey("confusion")) MulticlassMetricsView.print(document, out);
        else out.println(FlagValues.summary(document));
      }
    }
    if (boundaryPicture != null) pictures.put(boundary, boundaryPicture);
    BinaryOptions.write(pictures);
    if (document.get("accuracy") != null) ClassImbalance.warning(evaluation.truth()).ifPresent(w -> err().println("warning: " + w));
    if (common.json) out.println(Json.write(document));
    return 0;
  }
}
