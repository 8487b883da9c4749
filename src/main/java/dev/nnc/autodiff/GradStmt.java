package dev.nnc.autodiff;

import dev.nnc.ir.Node;

/**
 * One line of the backward program: a contribution to the gradient of a forward node, or its
 * total. {@code term} is 1, 2, ... for the k-th of several contributions (a value used in several
 * places), and 0 for the whole gradient.
 */
public record GradStmt(Node of, int term, Node value, Pattern pattern) {
  public GradStmt withValue(Node newValue) {
    return new GradStmt(of, term, newValue, pattern);
  }
}
