package dev.nnc.ir;

import dev.nnc.runtime.Initializer;
import dev.nnc.syntax.Span;

/** A value the program takes from outside: an input, a label or a trainable parameter. */
public record Leaf(Node node, Kind kind, Span span, Initializer init) {
  public enum Kind { INPUT, LABEL, PARAM }

  public String name() {
    return node.name();
  }
}
