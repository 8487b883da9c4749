package dev.nnc.cli;

import dev.nnc.runtime.io.Json;
import dev.nnc.metrics.BinaryReport;
import dev.nnc.metrics.ClassImbalance;
import dev.nnc.metrics.MulticlassConfusion;
import dev.nnc.metrics.ScoreRanking;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Evaluation metrics from a CSV file with a header row: a column of true labels and a column of scores or predicted classes.",
        "Labels all 0 or 1: a row is predicted positive iff its score >= the threshold; prints the confusion matrix, its rates, ROC AUC and average precision.",
        "Other integer labels: the score column must hold predicted class ids; prints the multiclass confusion matrix, per-class, macro and micro precision, recall and F1.",
        "Warns (on stderr) when one class holds 80%% of the rows or more, since accuracy then misleads."})
final class MetricsCommand extends NncCommand {

  @Parameters(index = "0", paramLabel = "CSV", description = "The file of labels and scores.")
  Path csv;

  @Option(names = "--label", paramLabel = "COL", description = "The true labels: a column name or 0-based index (default: the column named label, else the first).")
  String labelColumn;

  @Option(names = "--score", paramLabel = "COL", description = "The scores or predicted classes: a column name or 0-based index (default: the column named score, else the last other column).")
  String scoreColumn;

  @Mixin BinaryOptions binary;

  @Override
  public Integer call() {
    binary.rule();
    binary.requireDirectories();
    MetricsInput input = MetricsInput.read(csv, labelColumn, scoreColumn);
    if (!input.binary()) {
      binary.requireNone(csv + " has class labels (column '" + input.table().columnName(0) + "')");
    }
    // Everything is computed before anything is written, so bad input leaves no half output.
    Map<Path, String> pictures = BinaryOptions.none();
    Map<String, Object> document;
    Runnable humanView;
    PrintWriter out = out();
    if (input.binary()) {
      ScoreRanking ranking = ScoreRanking.of(input.labels(), input.scores());
      BinaryReport report = binary.report(ranking, csv.toString(), pictures);
      document = report.toMap();
      humanView = () -> {
        out.println(describeColumns(input, "score") + "; predicted positive iff score >= " + Numbers.format(report.threshold()) + binary.describeRule());
        out.println();
        BinaryMetricsView.print(report, out);
      };
    } else {
      document = MulticlassConfusion.of(input.labels(), input.predictedClasses()).toMap();
      humanView = () -> {
        out.println(describeColumns(input, "predicted class"));
        out.println();
        MulticlassMetricsView.print(document, out);
      };
    }
    BinaryOptions.write(pictures);
    ClassImbalance.warning(input.labels()).ifPresent(w -> err().println("warning: " + w));
    if (common.json) out.println(Json.write(document));
    else humanView.run();
    return 0;
  }

  private static String describeColumns(MetricsInput input, String scoreRole) {
    return input.table().file() + ": " + input.table().rows() + " rows; label column '" + input.table().columnName(0) + "', "
        + scoreRole + " column '" + input.table().columnName(1) + "'";
  }

}
