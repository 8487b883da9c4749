package dev.nnc.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Numeric columns of a CSV file with a header row (SPEC.md §2 "Data files"). Only the columns
 * the caller selects are parsed, so a file may carry other, non-numeric columns (ids, names);
 * every row must still have as many cells as the header. Blank lines are skipped.
 *
 * <p>Every problem is a {@link DataException} at the cell at fault; a file that reads without
 * one holds a number in every selected cell, never NaN.
 */
public final class CsvTable {
  private final String file;
  private final CsvHeader header;
  private final int[] selected;
  private final double[][] columns;
  private final int[] lines;

  private CsvTable(String file, CsvHeader header, int[] selected, double[][] columns, int[] lines) {
    this.file = file;
    this.header = header;
    this.selected = selected;
    this.columns = columns;
    this.lines = lines;
  }

  /**
   * Reads {@code path} and parses the columns {@code select} picks from its header, in the order
   * it gives them.
   *
   * @throws DataException for a missing or empty file, a row of the wrong length, a cell that is
   *     not a number, no data rows, or (from {@code select}) a column that does not exist
   */
  public static CsvTable read(Path path, Function<CsvHeader, int[]> select) {
    String file = path.toString();
    try (InputStream in = Files.newInputStream(path)) {
      return read(file, new LineReader(in), select);
    } catch (NoSuchFileException e) {
      throw new DataException(file, 1, 1, "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CsvTable read(String file, LineReader lines, Function<CsvHeader, int[]> select) throws IOException {
    CellSplitter cells = new CellSplitter();
    if (!nextNonBlank(lines)) throw new DataException(file, 1, 1, "empty file: a header row is expected");
    int width = cells.split(lines.buffer(), skipByteOrderMark(lines), lines.end());
    List<String> names = new ArrayList<>();
    for (int c = 0; c < width; c++) names.add(cells.text(lines.buffer(), c));
    CsvHeader header = new CsvHeader(file, names);
    int[] selected = select.apply(header);

    RowParser rows = new RowParser(file, header, selected);
    while (nextNonBlank(lines)) {
      int count = cells.split(lines.buffer(), lines.start(), lines.end());
      if (count != width) {
        throw new DataException(file, lines.lineNumber(), Math.min(count, width) + 1,
            "this row has " + count + (count == 1 ? " cell" : " cells") + " but the header has " + width);
      }
      rows.add(lines.buffer(), cells, lines.lineNumber());
    }
    if (rows.count == 0) throw new DataException(file, lines.lineNumber() + 1, 1, "no data rows after the header");
    return rows.table();
  }

  /**
   * Parses the selected cells of each row into growing columns. One call per row, rather than
   * the loop body of {@link #read}, lets the JIT compile it early in a run on a large file.
   */
  private static final class RowParser {
    private final String file;
    private final CsvHeader header;
    private final int[] selected;
    private double[][] columns;
    private int[] lineOfRow = new int[1024];
    private int count;

    RowParser(String file, CsvHeader header, int[] selected) {
      this.file = file;
      this.header = header;
      this.selected = selected;
      this.columns = new double[selected.length][lineOfRow.length];
    }

    void add(byte[] bytes, CellSplitter cells, int line) {
      if (count == lineOfRow.length) grow();
      for (int k = 0; k < selected.length; k++) {
        int c = selected[k];
        double value = DecimalParser.parse(bytes, cells.start(c), cells.end(c));
        if (Double.isNaN(value)) {
          String text = cells.text(bytes, c);
          throw new DataException(file, line, c + 1,
              (text.isEmpty() ? "empty cell" : "not a number: '" + text + "'") + " in column '" + header.names().get(c) + "'");
        }
        columns[k][count] = value;
      }
      lineOfRow[count++] = line;
    }

    private void grow() {
      lineOfRow = Arrays.copyOf(lineOfRow, count * 2);
      for (int k = 0; k < columns.length; k++) columns[k] = Arrays.copyOf(columns[k], count * 2);
    }

    CsvTable table() {
      for (int k = 0; k < columns.length; k++) columns[k] = Arrays.copyOf(columns[k], count);
      return new CsvTable(file, header, selected, columns, Arrays.copyOf(lineOfRow, count));
    }
  }

  private static boolean nextNonBlank(LineReader lines) throws IOException {
    while (lines.next()) {
      for (int i = lines.start(); i < lines.end(); i++) {
        if (lines.buffer()[i] != ' ' && lines.buffer()[i] != '\t') return true;
      }
    }
    return false;
  }

  // Excel writes UTF-8 files with a byte order mark, which is not part of the first name.
  private static int skipByteOrderMark(LineReader lines) {
    byte[] b = lines.buffer();
    int s = lines.start();
    boolean bom = lines.end() - s >= 3 && b[s] == (byte) 0xEF && b[s + 1] == (byte) 0xBB && b[s + 2] == (byte) 0xBF;
    return bom ? s + 3 : s;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  public CsvHeader header() {
    return header;
  }

  public int rows() {
    return lines.length;
  }

  /** The values of the {@code k}-th selected column, one per row. The array is the table's. */
  public double[] column(int k) {
    return columns[k];
  }

  /** The header name of the {@code k}-th selected column. */
  public String columnName(int k) {
    return header.names().get(selected[k]);
  }

  /** The line of the file (1-based, the header being line 1) that holds data row {@code row}. */
  public int line(int row) {
    return lines[row];
  }

  /** An error at row {@code row} (0-based, of the data) of the {@code k}-th selected column. */
  public DataException error(int row, int k, String message) {
    return new DataException(file, lines[row], selected[k] + 1, message);
  }
}
