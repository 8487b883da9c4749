package dev.nnc.cli;

import dev.nnc.runtime.io.Json;
import dev.nnc.metrics.BinaryReport;
import dev.nnc.metrics.ClassImbalance;
import dev.nnc.metrics.MulticlassConfusion;
import dev.nnc.metrics.PrecisionRecallCurve;
import dev.nnc.metrics.RocCurve;
import dev.nnc.metrics.ScoreRanking;
import dev.nnc.metrics.ThresholdRule;
import dev.nnc.plot.CurvePlots;
import dev.nnc.runtime.io.AtomicFile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Evaluation metrics from a CSV file with a header row: a column of true labels and a column of scores or predicted classes.",
        "Labels all 0 or 1: a row is predicted positive iff its score >= the threshold; prints the confusion matrix, its rates, ROC AUC and average precision.",
        "Other integer labels: the score column must hold predicted class ids; prints the multiclass confusion matrix, per-class, macro and micro precision, recall and F1.",
        "Warns (on stderr) when one class holds 80%% of the rows or more, since accuracy then misleads."})
final class MetricsCommand implements Callable<Integer>, Main.HasCommonOptions {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "CSV", description = "The file of labels and scores.")
  Path csv;

  @Option(names = "--label", paramLabel = "COL", description = "The true labels: a column name or 0-based index (default: the column named label, else the first).")
  String labelColumn;

  @Option(names = "--score", paramLabel = "COL", description = "The scores or predicted classes: a column name or 0-based index (default: the column named score, else the last other column).")
  String scoreColumn;

  @Option(names = "--threshold", paramLabel = "T", description = "Predict positive iff score >= T (default: " + BinaryReport.DEFAULT_THRESHOLD + ").")
  Double threshold;

  @Option(names = "--pick-threshold", paramLabel = "f1|recall=R", description = "Choose the threshold: f1 = the highest F1; recall=R = the highest threshold with recall >= R.")
  String pickThreshold;

  @Option(names = "--roc", paramLabel = "OUT.svg", description = "Draw the ROC curve, with its AUC and the chance diagonal.")
  Path rocPicture;

  @Option(names = "--pr", paramLabel = "OUT.svg", description = "Draw the precision-recall curve, with its average precision.")
  Path prPicture;

  @Spec CommandSpec spec;

  @Override
  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() {
    ThresholdRule rule = parseRule();
    MetricsInput input = MetricsInput.read(csv, labelColumn, scoreColumn);
    if (!input.binary()) requireNoBinaryOptions(input);
    // Everything is computed before anything is written, so bad input leaves no half output.
    Map<Path, String> pictures = new LinkedHashMap<>();
    Map<String, Object> document;
    Runnable humanView;
    PrintWriter out = spec.commandLine().getOut();
    if (input.binary()) {
      ScoreRanking ranking = ScoreRanking.of(input.labels(), input.scores());
      BinaryReport report = BinaryReport.of(ranking, chooseThreshold(ranking, rule));
      if (rocPicture != null) pictures.put(rocPicture, rocSvg(ranking, report));
      if (prPicture != null) pictures.put(prPicture, prSvg(ranking, report));
      document = report.toMap();
      humanView = () -> {
        out.println(describeColumns(input, "score") + "; predicted positive iff score >= " + Numbers.format(report.threshold()) + describeRule(rule));
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
    writePictures(pictures);
    ClassImbalance.warning(input.labels()).ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
    if (common.json) out.println(Json.write(document));
    else humanView.run();
    return 0;
  }

  private ThresholdRule parseRule() {
    if (threshold != null && pickThreshold != null) throw new UsageException("give --threshold or --pick-threshold, not both");
    if (threshold != null && Double.isNaN(threshold)) throw new UsageException("--threshold: NaN is not a threshold");
    if (pickThreshold == null) return null;
    try {
      return ThresholdRule.parse(pickThreshold);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--pick-threshold " + e.getMessage());
    }
  }

  private void requireNoBinaryOptions(MetricsInput input) {
    String option = threshold != null ? "--threshold" : pickThreshold != null ? "--pick-threshold"
        : rocPicture != null ? "--roc" : prPicture != null ? "--pr" : null;
    if (option != null) {
      throw new UsageException(option + " needs labels 0 and 1 and scores, but " + csv + " has class labels (column '"
          + input.table().columnName(0) + "')");
    }
  }

  private double chooseThreshold(ScoreRanking ranking, ThresholdRule rule) {
    if (threshold != null) return threshold;
    if (rule == null) return BinaryReport.DEFAULT_THRESHOLD;
    Double picked = rule.pick(ranking);
    if (picked == null) throw new UsageException("--pick-threshold " + pickThreshold + ": " + csv + " has no positive label (1)");
    return picked;
  }

  private String rocSvg(ScoreRanking ranking, BinaryReport report) {
    RocCurve curve = RocCurve.of(ranking)
        .orElseThrow(() -> new UsageException("--roc: the ROC curve needs both labels, 0 and 1, but " + csv + " has only one"));
    return CurvePlots.roc(curve, report.auc());
  }

  private String prSvg(ScoreRanking ranking, BinaryReport report) {
    PrecisionRecallCurve curve = PrecisionRecallCurve.of(ranking)
        .orElseThrow(() -> new UsageException("--pr: the precision-recall curve needs a positive label (1), but " + csv + " has none"));
    return CurvePlots.precisionRecall(curve, report.averagePrecision(), report.confusion().prevalence());
  }

  private static void writePictures(Map<Path, String> pictures) {
    pictures.forEach((path, svg) -> {
      try {
        AtomicFile.writeText(path, svg);
      } catch (UncheckedIOException e) {
        throw new UsageException(e.getMessage());
      }
    });
  }

  private static String describeColumns(MetricsInput input, String scoreRole) {
    return input.table().file() + ": " + input.table().rows() + " rows; label column '" + input.table().columnName(0) + "', "
        + scoreRole + " column '" + input.table().columnName(1) + "'";
  }

  private String describeRule(ThresholdRule rule) {
    return rule == null ? "" : " (picked by --pick-threshold " + pickThreshold + ")";
  }
}
