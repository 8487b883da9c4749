package dev.nnc.runtime.data;

/**
 * Bad input data, pointing at the cell at fault as an editor shows it: the file as the user named
 * it, the 1-based line (the header is line 1) and the 1-based column. Reported as
 * {@code file:row:col: message}, exit status 2, no stack trace.
 */
public final class DataException extends RuntimeException {
  private final String file;
  private final int row;
  private final int column;

  public DataException(String file, int row, int column, String message) {
    super(message);
    this.file = file;
    this.row = row;
    this.column = column;
  }

  public String file() {
    return file;
  }

  /** The 1-based line of the file, the header being line 1. */
  public int row() {
    return row;
  }

  /** The 1-based column. */
  public int column() {
    return column;
  }

  /** {@code file:row:col: message}, the form of every nnc diagnostic. */
  public String render() {
    return file + ":" + row + ":" + column + ": " + getMessage();
  }
}
