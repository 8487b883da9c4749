package dev.nnc.ir;

import java.util.List;

/**
 * One value of the graph. Nodes are made only by {@link Graph}, which interns them, so two equal
 * subexpressions are one node (common-subexpression elimination for free) and identity is
 * equality. Ids grow in creation order and a node's inputs are always older, so id order is a
 * topological order.
 */
public final class Node {
  private final int id;
  private final Op op;
  private final List<Node> inputs;
  private final double attr;
  private final String name;
  private final Shape shape;
  private final boolean batched;

  Node(int id, Op op, List<Node> inputs, double attr, String name, Shape shape, boolean batched) {
    this.id = id;
    this.op = op;
    this.inputs = inputs;
    this.attr = attr;
    this.name = name;
    this.shape = shape;
    this.batched = batched;
  }

  public int id() {
    return id;
  }

  public Op op() {
    return op;
  }

  public List<Node> inputs() {
    return inputs;
  }

  public Node input(int i) {
    return inputs.get(i);
  }

  /** The constant's value, POW's exponent, or the alpha of LEAKY_RELU and ELU; else 0. */
  public double attr() {
    return attr;
  }

  /** The declared name of an INPUT, LABEL or PARAM leaf; null otherwise. */
  public String name() {
    return name;
  }

  /** The per-example shape; the batch dimension, if any, is implicit and leading. */
  public Shape shape() {
    return shape;
  }

  /** Whether the value has one copy per example (inputs, labels and what depends on them). */
  public boolean batched() {
    return batched;
  }


  public boolean isConst() {
    return op == Op.CONST;
  }

  public boolean isConst(double value) {
    return op == Op.CONST && attr == value;
  }

  @Override
  public String toString() {
    return "%" + id + " " + op + (name != null ? " " + name : "") + inputs.stream().map(n -> " %" + n.id).reduce("", String::concat);
  }
}
