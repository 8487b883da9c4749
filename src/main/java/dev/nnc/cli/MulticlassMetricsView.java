package dev.nnc.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The multiclass report for people, read off SPEC.md's multiclass document so that it shows
 * exactly what {@code --json} gives: the confusion matrix with its class labels, then precision,
 * recall, F1 and support per class, with the macro and micro averages, then accuracy.
 */
final class MulticlassMetricsView {
  private MulticlassMetricsView() {}

  static void print(Map<String, Object> document, PrintWriter out) {
    List<?> perClass = (List<?>) document.get("per_class");
    List<?> confusion = (List<?>) document.get("confusion");
    int cell = 8;
    for (Object row : confusion) {
      for (Object count : (List<?>) row) cell = Math.max(cell, String.valueOf(count).length() + 2);
    }
    out.println("Confusion matrix (rows: true class, columns: predicted class)");
    StringBuilder heading = new StringBuilder(String.format("%-12s", "true \\ pred"));
    for (Object entry : perClass) heading.append(String.format("%" + cell + "s", ((Map<?, ?>) entry).get("class")));
    out.println(heading);
    for (int i = 0; i < confusion.size(); i++) {
      StringBuilder line = new StringBuilder(String.format("%-12s", ((Map<?, ?>) perClass.get(i)).get("class")));
      for (Object count : (List<?>) confusion.get(i)) line.append(String.format("%" + cell + "s", count));
      out.println(line);
    }
    out.println();
    String row = "%-8s%-22s%-22s%-22s%s";
    rateRow(out, row, "class", "precision", "recall", "F1 score", "support");
    for (Object entry : perClass) {
      Map<?, ?> c = (Map<?, ?>) entry;
      rateRow(out, row, c.get("class"), number(c.get("precision")), number(c.get("recall")), number(c.get("f1")), c.get("support"));
    }
    for (String average : new String[] {"macro", "micro"}) {
      Map<?, ?> a = (Map<?, ?>) document.get(average);
      rateRow(out, row, average, number(a.get("precision")), number(a.get("recall")), number(a.get("f1")), "");
    }
    out.println();
    out.println("Accuracy (ACC)  " + number(document.get("accuracy")));
  }

  // The averages have no support: no trailing spaces where it would be.
  private static void rateRow(PrintWriter out, String format, Object... cells) {
    out.println(String.format(format, cells).stripTrailing());
  }

  private static String number(Object value) {
    return value == null ? "undefined" : Numbers.format((Double) value);
  }
}
