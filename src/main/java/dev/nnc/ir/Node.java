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
  private final List<Double> data;

  Node(int id, Op op, List<Node> inputs, double attr, String name, Shape shape, boolean batched, List<Double> data) {
    this.id = id;
    this.op = op;
    this.inputs = inputs;
    this.attr = attr;
    this.name = name;
    this.shape = shape;
    this.batched = batched;
    this.data = data;
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


  /** A tensor constant's elements in row-major order, or the integer settings of a window op; else empty. */
  public List<Double> data() {
    return data;
  }

  /** The integer setting called {@code name} (one of the op's {@code settings}): conv2d's stride. */
  public int setting(String name) {
    int i = op.settings.indexOf(name);
    if (i < 0) throw new IllegalArgumentException(op + " has no setting " + name);
    return (int) (double) data.get(i);
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
