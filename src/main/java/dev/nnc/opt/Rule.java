package dev.nnc.opt;

import dev.nnc.ir.Node;
import dev.nnc.ir.Op;

/** A rewrite: when a node of {@code op} matches, {@code rewrite} returns its replacement, else null. */
record Rule(Op op, String description, Rewrite rewrite) {
  @FunctionalInterface
  interface Rewrite {
    Node apply(Node node, Simplifier s);
  }
}
