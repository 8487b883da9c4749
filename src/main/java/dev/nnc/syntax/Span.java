package dev.nnc.syntax;

/** A place in a source file, 1-based as in {@code file:line:col}. */
public record Span(int line, int column) {
  public static final Span NONE = new Span(0, 0);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
