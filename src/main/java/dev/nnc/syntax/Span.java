package dev.nnc.syntax;

/** A place in a source file, 1-based as in {@code file:line:col}. */
public record Span(int line, int column) {
  public static final Span NONE = new Span(0, 0);

  // equals and hashCode written out as the record's own would be (same results, same hash, so the
  // same order in hash maps): the generated ones are linked by invokedynamic on first use, a few
  // ms each of nnc's start-up. RecordSemanticsTest checks them against the components.
  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && line == s.line && column == s.column;
  }

  @Override
  public int hashCode() {
    return 31 * line + column;
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
