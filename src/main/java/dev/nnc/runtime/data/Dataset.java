package dev.nnc.runtime.data;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.LabelSpec;
import java.nio.file.Path;

/**
 * Rows of a CSV file as a model reads them (SPEC.md §2 "Data files"): the label column (by name or
 * 0-based index, the last by default) and the other columns, in order, filling the model's inputs
 * in declaration order, row-major. Labels are checked against what the loss accepts.
 */
public record Dataset(String file, int rows, int featureColumns, double[] features, double[] labels, int[] lines) {

  public static Dataset read(Path path, String labelColumn, CompiledProgram program) {
    return read(path, labelColumn, program, true);
  }

  /**
   * As {@link #read(Path, String, CompiledProgram)}; when {@code labelRequired} is false a file
   * with exactly the inputs' columns is read without labels (to run a model, not judge it).
   */
  public static Dataset read(Path path, String labelColumn, CompiledProgram program, boolean labelRequired) {
    int features = 0;
    for (ArenaLayout.Entry e : program.layout().withRole(Role.INPUT)) features += e.length() / program.batch();
    ArenaLayout.Entry declared;
    try {
      declared = single(program.layout(), Role.LABEL);
    } catch (IllegalArgumentException e) {
      throw new DataException(path.toString(), 1, 1, e.getMessage());
    }
    int expected = features;
    boolean[] withLabel = {declared != null};
    CsvTable table = CsvTable.read(path, header -> {
      if (!labelRequired && labelColumn == null && header.size() == expected) withLabel[0] = false;
      ArenaLayout.Entry label = withLabel[0] ? declared : null;
      int labelIndex = label == null ? -1 : labelColumn == null ? header.size() - 1 : header.resolve(labelColumn, "--label");
      int[] columns = new int[header.size()];
      int k = 0;
      for (int c = 0; c < header.size(); c++) if (c != labelIndex) columns[k++] = c;
      if (label != null) columns[k] = labelIndex;
      int given = label == null ? header.size() : header.size() - 1;
      if (given != expected) {
        throw header.error("the model's inputs take " + expected + " numbers per row, but the file has " + given
            + " feature columns" + (label == null ? "" : " (besides the label column '" + header.names().get(labelIndex) + "')"));
      }
      return columns;
    });
    int rows = table.rows();
    double[] x = new double[rows * features];
    for (int c = 0; c < features; c++) {
      double[] column = table.column(c);
      for (int r = 0; r < rows; r++) x[r * features + c] = column[r];
    }
    double[] y = new double[0];
    if (withLabel[0]) {
      y = table.column(features);
      check(table, features, y, program.info().label(declared.name()));
    }
    int[] lines = new int[rows];
    for (int r = 0; r < rows; r++) lines[r] = table.line(r);
    return new Dataset(path.toString(), rows, features, x, y, lines);
  }

  private static ArenaLayout.Entry single(ArenaLayout layout, Role role) {
    var entries = layout.withRole(role);
    if (entries.size() > 1) throw new IllegalArgumentException("a CSV file feeds one label; the model has " + entries.size());
    if (!entries.isEmpty() && !entries.get(0).dims().isEmpty()) {
      throw new IllegalArgumentException("label '" + entries.get(0).name() + "' is a vector; CSV files hold one label column (a class index or a number)");
    }
    return entries.isEmpty() ? null : entries.get(0);
  }

  private static void check(CsvTable table, int column, double[] y, LabelSpec spec) {
    for (int r = 0; r < y.length; r++) {
      double v = y[r];
      boolean ok = switch (spec.kind()) {
        case CLASS_INDEX -> v == Math.rint(v) && v >= 0 && v < spec.classes();
        case BINARY -> v == 0 || v == 1;
        default -> true;
      };
      if (!ok) {
        String range = spec.kind() == LabelSpec.Kind.BINARY ? "0 or 1" : "a class index from 0 to " + (spec.classes() - 1);
        throw table.error(r, column, "label " + v + " is not " + range + ", as the model's loss needs");
      }
    }
  }

  /** The rows at {@code indices}, in that order. */
  public Dataset select(int[] indices) {
    double[] x = new double[indices.length * featureColumns];
    double[] y = new double[labels.length == 0 ? 0 : indices.length];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(features, indices[i] * featureColumns, x, i * featureColumns, featureColumns);
      if (y.length > 0) y[i] = labels[indices[i]];
      l[i] = lines[indices[i]];
    }
    return new Dataset(file, indices.length, featureColumns, x, y, l);
  }
}
