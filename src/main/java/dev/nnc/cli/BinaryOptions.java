package dev.nnc.cli;

import dev.nnc.metrics.BinaryReport;
import dev.nnc.metrics.PrecisionRecallCurve;
import dev.nnc.metrics.RocCurve;
import dev.nnc.metrics.ScoreRanking;
import dev.nnc.metrics.ThresholdRule;
import dev.nnc.plot.CurvePlots;
import dev.nnc.runtime.io.AtomicFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of a binary evaluation (nnc metrics, nnc eval): the threshold or the rule that picks
 * it, and the ROC and precision-recall pictures. Pictures are made before anything is written.
 */
final class BinaryOptions {
  @Option(names = "--threshold", paramLabel = "T", description = "Predict positive iff score >= T (default: " + BinaryReport.DEFAULT_THRESHOLD + ").")
  Double threshold;

  @Option(names = "--pick-threshold", paramLabel = "f1|recall=R", description = "Choose the threshold: f1 = the highest F1; recall=R = the highest threshold with recall >= R.")
  String pickThreshold;

  @Option(names = "--roc", paramLabel = "OUT.svg", description = "Draw the ROC curve, with its AUC and the chance diagonal.")
  Path rocPicture;

  @Option(names = "--pr", paramLabel = "OUT.svg", description = "Draw the precision-recall curve, with its average precision.")
  Path prPicture;

  /** The report at the chosen threshold; the pictures asked for go into {@code pictures}. */
  BinaryReport report(ScoreRanking ranking, String source, Map<Path, String> pictures) {
    ThresholdRule rule = rule();
    BinaryReport report = BinaryReport.of(ranking, chooseThreshold(ranking, rule, source));
    if (rocPicture != null) pictures.put(rocPicture, rocSvg(ranking, report, source));
    if (prPicture != null) pictures.put(prPicture, prSvg(ranking, report, source));
    return report;
  }

  ThresholdRule rule() {
    if (threshold != null && pickThreshold != null) throw new UsageException("give --threshold or --pick-threshold, not both");
    if (threshold != null && Double.isNaN(threshold)) throw new UsageException("--threshold: NaN is not a threshold");
    if (pickThreshold == null) return null;
    try {
      return ThresholdRule.parse(pickThreshold);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--pick-threshold " + e.getMessage());
    }
  }

  /** Refuses pictures asked for in a directory that does not exist, before any work. */
  void requireDirectories() {
    OutputFiles.requireDirectory(rocPicture);
    OutputFiles.requireDirectory(prPicture);
  }

  /** Rejects these options where there are no binary scores, saying why. */
  void requireNone(String why) {
    String option = threshold != null ? "--threshold" : pickThreshold != null ? "--pick-threshold"
        : rocPicture != null ? "--roc" : prPicture != null ? "--pr" : null;
    if (option != null) throw new UsageException(option + " needs labels 0 and 1 and scores, but " + why);
  }

  String describeRule() {
    return pickThreshold == null ? "" : " (picked by --pick-threshold " + pickThreshold + ")";
  }

  private double chooseThreshold(ScoreRanking ranking, ThresholdRule rule, String source) {
    if (threshold != null) return threshold;
    if (rule == null) return BinaryReport.DEFAULT_THRESHOLD;
    Double picked = rule.pick(ranking);
    if (picked == null) throw new UsageException("--pick-threshold " + pickThreshold + ": " + source + " has no positive label (1)");
    return picked;
  }

  private static String rocSvg(ScoreRanking ranking, BinaryReport report, String source) {
    RocCurve curve = RocCurve.of(ranking)
        .orElseThrow(() -> new UsageException("--roc: the ROC curve needs both labels, 0 and 1, but " + source + " has only one"));
    return CurvePlots.roc(curve, report.auc());
  }

  private static String prSvg(ScoreRanking ranking, BinaryReport report, String source) {
    PrecisionRecallCurve curve = PrecisionRecallCurve.of(ranking)
        .orElseThrow(() -> new UsageException("--pr: the precision-recall curve needs a positive label (1), but " + source + " has none"));
    return CurvePlots.precisionRecall(curve, report.averagePrecision(), report.confusion().prevalence());
  }

  static void write(Map<Path, String> pictures) {
    pictures.forEach((path, svg) -> {
      try {
        AtomicFile.writeText(path, svg);
      } catch (UncheckedIOException e) {
        throw new UsageException(e.getMessage());
      }
    });
  }

  static Map<Path, String> none() {
    return new LinkedHashMap<>();
  }
}
