package dev.nnc.runtime.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits one CSV line into cells, as ranges of the line's bytes held in one reused array.
 * Spaces around a cell are trimmed; a cell in double quotes may hold commas, and its range is the
 * text between the quotes ({@link #text} turns a doubled quote {@code ""} back into one).
 */
final class CellSplitter {
  private int[] bounds = new int[16];
  private int count;

  /** Splits {@code bytes[start, end)}; returns the number of cells. */
  int split(byte[] bytes, int start, int end) {
    count = 0;
    int cellStart = start;
    boolean quoted = false;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      if (b == '"') quoted = !quoted;
      else if (b == ',' && !quoted) {
        add(bytes, cellStart, i);
        cellStart = i + 1;
      }
    }
    add(bytes, cellStart, end);
    return count;
  }

  int start(int cell) {
    return bounds[2 * cell];
  }

  int end(int cell) {
    return bounds[2 * cell + 1];
  }

  /** The cell's text, for names and messages. */
  String text(byte[] bytes, int cell) {
    return new String(bytes, start(cell), end(cell) - start(cell), StandardCharsets.UTF_8).replace("\"\"", "\"");
  }

  private void add(byte[] bytes, int start, int end) {
    while (start < end && bytes[start] == ' ') start++;
    while (end > start && bytes[end - 1] == ' ') end--;
    if (end - start >= 2 && bytes[start] == '"' && bytes[end - 1] == '"') {
      start++;
      end--;
    }
    if (2 * count + 2 > bounds.length) bounds = Arrays.copyOf(bounds, bounds.length * 2);
    bounds[2 * count] = start;
    bounds[2 * count + 1] = end;
    count++;
  }
}
