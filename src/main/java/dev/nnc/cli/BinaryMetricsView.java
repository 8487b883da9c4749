package dev.nnc.cli;

import dev.nnc.metrics.BinaryConfusion;
import dev.nnc.metrics.BinaryReport;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * The binary report for people: the confusion matrix laid out as the lecture's table (columns the
 * true condition, rows the predicted condition), then its rates one per line under the lecture's
 * names, in the table's order.
 */
final class BinaryMetricsView {
  private record Rate(String name, Function<BinaryReport, Double> value) {}

  private static final Rate[] RATES = {
    new Rate("Prevalence", r -> r.confusion().prevalence()),
    new Rate("Accuracy (ACC)", r -> r.confusion().accuracy()),
    new Rate("Positive predictive value (PPV), Precision", r -> r.confusion().precision()),
    new Rate("False discovery rate (FDR)", r -> r.confusion().fdr()),
    new Rate("False omission rate (FOR)", r -> r.confusion().falseOmissionRate()),
    new Rate("Negative predictive value (NPV)", r -> r.confusion().npv()),
    new Rate("True positive rate (TPR), Recall, Sensitivity", r -> r.confusion().recall()),
    new Rate("False positive rate (FPR), Fall-out", r -> r.confusion().fpr()),
    new Rate("False negative rate (FNR), Miss rate", r -> r.confusion().fnr()),
    new Rate("Specificity (SPC), True negative rate (TNR)", r -> r.confusion().specificity()),
    new Rate("Positive likelihood ratio (LR+)", r -> r.confusion().lrPlus()),
    new Rate("Negative likelihood ratio (LR-)", r -> r.confusion().lrMinus()),
    new Rate("Diagnostic odds ratio (DOR)", r -> r.confusion().dor()),
    new Rate("F1 score", r -> r.confusion().f1()),
    new Rate("ROC AUC", BinaryReport::auc),
    new Rate("Average precision (AP)", BinaryReport::averagePrecision),
  };

  private BinaryMetricsView() {}

  static void print(BinaryReport report, PrintWriter out) {
    BinaryConfusion c = report.confusion();
    tableRow(out, "", "True condition", "");
    tableRow(out, "Total population " + c.total(), "Condition positive", "Condition negative");
    tableRow(out, "Predicted condition positive", "TP " + c.tp(), "FP " + c.fp() + " (Type I error)");
    tableRow(out, "Predicted condition negative", "FN " + c.fn() + " (Type II error)", "TN " + c.tn());
    out.println();
    int width = 0;
    for (Rate rate : RATES) width = Math.max(width, rate.name().length());
    for (Rate rate : RATES) {
      Double value = rate.value().apply(report);
      out.printf("%-" + (width + 2) + "s%s%n", rate.name(), value == null ? "undefined (zero denominator)" : Numbers.format(value));
    }
  }

  private static void tableRow(PrintWriter out, String heading, String positive, String negative) {
    out.println(String.format("%-30s%-22s%s", heading, positive, negative).stripTrailing());
  }
}
