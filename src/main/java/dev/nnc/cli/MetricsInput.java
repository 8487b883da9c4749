package dev.nnc.cli;

import dev.nnc.runtime.data.CsvHeader;
import dev.nnc.runtime.data.CsvTable;
import dev.nnc.runtime.data.DataException;
import java.nio.file.Path;

/**
 * The true labels and the scores of a {@code nnc metrics} file, and which of SPEC.md's documents
 * they call for: labels all 0 or 1 give the binary one (the score is compared with a threshold);
 * other integer labels give the multiclass one, and then the score column must hold predicted
 * class ids.
 */
record MetricsInput(CsvTable table, int[] labels, double[] scores, boolean binary) {
  private static final int LABEL = 0;
  private static final int SCORE = 1;

  /**
   * Reads the label column ({@code labelColumn}, else the column named "label", else the first)
   * and the score column ({@code scoreColumn}, else the column named "score", else the last
   * column that is not the label).
   *
   * @throws DataException at the cell at fault
   */
  static MetricsInput read(Path file, String labelColumn, String scoreColumn) {
    CsvTable table = CsvTable.read(file, header -> selectColumns(header, labelColumn, scoreColumn));
    double[] labelValues = table.column(LABEL);
    double[] scores = table.column(SCORE);
    int[] labels = new int[table.rows()];
    int firstNonBinary = -1;
    for (int row = 0; row < labels.length; row++) {
      double value = labelValues[row];
      if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
        throw table.error(row, LABEL, "label " + Numbers.format(value) + " is not a class (an integer)");
      }
      labels[row] = (int) value;
      if (firstNonBinary < 0 && labels[row] != 0 && labels[row] != 1) firstNonBinary = row;
    }
    if (firstNonBinary < 0) return new MetricsInput(table, labels, scores, true);
    for (int row = 0; row < scores.length; row++) {
      if (scores[row] != Math.rint(scores[row]) || Math.abs(scores[row]) > Integer.MAX_VALUE) {
        throw table.error(firstNonBinary, LABEL, "label " + labels[firstNonBinary] + " is not 0 or 1, so the labels are"
            + " classes and column '" + table.columnName(SCORE) + "' must hold predicted classes, but line "
            + table.line(row) + " has the score " + Numbers.format(scores[row]));
      }
    }
    return new MetricsInput(table, labels, scores, false);
  }

  private static int[] selectColumns(CsvHeader header, String labelColumn, String scoreColumn) {
    if (header.size() < 2) {
      throw header.error(
          "a label column and a score column are needed, but the header has " + header.size() + " column: " + header.names().get(0));
    }
    int label = labelColumn != null ? header.resolve(labelColumn, "--label") : header.indexOf("label").orElse(0);
    int score;
    if (scoreColumn != null) {
      score = header.resolve(scoreColumn, "--score");
    } else {
      int named = header.indexOf("score").orElse(-1);
      score = named >= 0 && named != label ? named : lastOtherThan(label, header.size());
    }
    if (score == label) throw new UsageException("the label and the score are the same column, '" + header.names().get(label) + "'");
    return new int[] {label, score};
  }

  private static int lastOtherThan(int column, int columns) {
    return column == columns - 1 ? columns - 2 : columns - 1;
  }

  /** The predicted class of each row, when not {@link #binary()}: the score column's ids. */
  int[] predictedClasses() {
    int[] predicted = new int[scores.length];
    for (int i = 0; i < predicted.length; i++) predicted[i] = (int) scores[i];
    return predicted;
  }
}
