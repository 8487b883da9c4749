package dev.nnc.ir;

import dev.nnc.runtime.Initializer;
import dev.nnc.syntax.Span;
import java.util.Objects;

/** A value the program takes from outside: an input, a label or a trainable parameter. */
public record Leaf(Node node, Kind kind, Span span, Initializer init) {
  public enum Kind { INPUT, LABEL, PARAM }

  // equals and hashCode written out as the record's own would be (same results, same hash, so the
  // same order in hash maps): the generated ones are linked by invokedynamic on first use, a few
  // ms each of nnc's start-up. RecordSemanticsTest checks them against the components.
  @Override
  public boolean equals(Object o) {
    return o instanceof Leaf l && Objects.equals(node, l.node) && kind == l.kind && Objects.equals(span, l.span) && Objects.equals(init, l.init);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(node);
    h = 31 * h + Objects.hashCode(kind);
    h = 31 * h + Objects.hashCode(span);
    return 31 * h + Objects.hashCode(init);
  }

  public String name() {
    return node.name();
  }
}
