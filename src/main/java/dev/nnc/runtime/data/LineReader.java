package dev.nnc.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream as ranges of one reused buffer, so that reading a large file
 * allocates nothing per line. A line ends at {@code \n}; a {@code \r} before it is dropped, so
 * Windows files read the same. Lines are numbered from 1.
 */
final class LineReader {
  private static final int INITIAL_CAPACITY = 1 << 20;

  private final InputStream in;
  private byte[] buffer = new byte[INITIAL_CAPACITY];
  private int filled;
  private int position;
  private boolean endOfStream;
  private int lineNumber;
  private int lineStart;
  private int lineEnd;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    while (true) {
      int newline = indexOfNewline(position);
      if (newline >= 0) {
        setLine(position, newline);
        position = newline + 1;
        return true;
      }
      if (endOfStream) {
        if (position == filled) return false;
        setLine(position, filled); // the last line has no newline
        position = filled;
        return true;
      }
      refill();
    }
  }

  byte[] buffer() {
    return buffer;
  }

  /** The start of the current line in {@link #buffer()}. */
  int start() {
    return lineStart;
  }

  /** The end (exclusive) of the current line, without its line break. */
  int end() {
    return lineEnd;
  }

  int lineNumber() {
    return lineNumber;
  }

  private void setLine(int start, int end) {
    lineNumber++;
    lineStart = start;
    lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
  }

  private int indexOfNewline(int from) {
    for (int i = from; i < filled; i++) {
      if (buffer[i] == '\n') return i;
    }
    return -1;
  }

  // Keeps the unfinished line, moved to the front (or in a larger buffer when it fills this one).
  private void refill() throws IOException {
    int pending = filled - position;
    if (pending == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
    else System.arraycopy(buffer, position, buffer, 0, pending);
    position = 0;
    filled = pending;
    int read = in.read(buffer, filled, buffer.length - filled);
    if (read < 0) endOfStream = true;
    else filled += read;
  }
}
