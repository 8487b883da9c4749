package dev.nnc.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The factory and owner of nodes; it interns them (tinygrad's ucache) so equal nodes are one, and
 * infers each node's shape with {@link ShapeRules}, which reports what does not fit.
 */
public final class Graph {
  private final List<Node> nodes = new ArrayList<>();
  private final Map<Key, Node> interned = new HashMap<>();

  private record Key(Op op, List<Integer> inputIds, long attrBits, String name, Shape shape, boolean batched, List<Double> data) {
    // equals and hashCode written out as the record's own would be (same results, same hash, so the
    // same order in hash maps): the generated ones are linked by invokedynamic on first use, a few
    // ms each of nnc's start-up. RecordSemanticsTest checks them against the components.
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && op == k.op && Objects.equals(inputIds, k.inputIds) && attrBits == k.attrBits
          && Objects.equals(name, k.name) && Objects.equals(shape, k.shape) && batched == k.batched && Objects.equals(data, k.data);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(op);
      h = 31 * h + Objects.hashCode(inputIds);
      h = 31 * h + Long.hashCode(attrBits);
      h = 31 * h + Objects.hashCode(name);
      h = 31 * h + Objects.hashCode(shape);
      h = 31 * h + Boolean.hashCode(batched);
      return 31 * h + Objects.hashCode(data);
    }
  }

  public Node constant(double value) {
    // +0.0 and -0.0 stay distinct constants: they differ under division and in printed results.
    return intern(Op.CONST, List.of(), value, null, Shape.SCALAR, false, List.of());
  }

  /** A tensor constant of {@code shape} with its elements in row-major order; {@code name} may be null. */
  public Node tensor(Shape shape, double[] values, String name) {
    if (values.length != shape.size()) throw new IllegalArgumentException(shape + " holds " + shape.size() + " elements, got " + values.length);
    return intern(Op.TENSOR, List.of(), 0, name, shape, false, java.util.Arrays.stream(values).boxed().toList());
  }

  /** An input, label or parameter; inputs and labels have one value per example. */
  public Node leaf(Op kind, String name, Shape shape) {
    if (kind != Op.INPUT && kind != Op.LABEL && kind != Op.PARAM) throw new IllegalArgumentException(kind + " is not a named leaf");
    return intern(kind, List.of(), 0, name, shape, kind != Op.PARAM, List.of());
  }

  /** Whether an input, label or parameter of this name exists. */
  public boolean hasLeaf(String name) {
    return nodes.stream().anyMatch(n -> n.op().isLeaf() && name.equals(n.name()));
  }

  public Node apply(Op op, Node... inputs) {
    return apply(op, 0, List.of(inputs));
  }

  public Node apply(Op op, double attr, Node... inputs) {
    return apply(op, attr, List.of(inputs));
  }

  /** op(inputs) with its shape inferred; a {@link ShapeRules.ShapeError} if the shapes do not fit. */
  public Node apply(Op op, double attr, List<Node> inputs) {
    return make(op, attr, List.of(), inputs);
  }

  /** A window op (conv2d, pooling and their gradients) with its integer settings, in the op's order. */
  public Node applyWithSettings(Op op, int[] settings, Node... inputs) {
    if (settings.length != op.settings.size()) throw new IllegalArgumentException(op + " takes settings " + op.settings);
    return make(op, 0, java.util.Arrays.stream(settings).mapToDouble(i -> i).boxed().toList(), List.of(inputs));
  }

  private Node make(Op op, double attr, List<Double> data, List<Node> inputs) {
    check(op, inputs);
    ShapeRules.Result r = ShapeRules.infer(op, attr, data, inputs);
    return intern(op, List.copyOf(inputs), op.hasAttr ? attr : 0, null, r.shape(), r.batched(), data);
  }

  /** An op whose result shape is chosen, not inferred: EXPAND, SUM_TO and RESHAPE. */
  public Node applyShaped(Op op, Shape shape, boolean batched, Node input) {
    check(op, List.of(input));
    ShapeRules.checkShaped(op, shape, batched, input);
    return intern(op, List.of(input), 0, null, shape, batched, List.of());
  }

  /** Rebuilds {@code like} with other inputs, keeping a chosen shape where the op has one. */
  public Node rebuild(Node like, List<Node> inputs) {
    if (ShapeRules.isShaped(like.op())) return applyShaped(like.op(), like.shape(), like.batched(), inputs.get(0));
    return make(like.op(), like.attr(), like.data(), inputs);
  }

  private static void check(Op op, List<Node> inputs) {
    if (op.isLeaf()) throw new IllegalArgumentException(op + " is a leaf");
    if (inputs.size() != op.arity) throw new IllegalArgumentException(op + " takes " + op.arity + " inputs, got " + inputs.size());
  }

  private Node intern(Op op, List<Node> inputs, double attr, String name, Shape shape, boolean batched, List<Double> data) {
    Key key = new Key(op, inputs.stream().map(Node::id).toList(), Double.doubleToLongBits(attr), name, shape, batched, data);
    Node existing = interned.get(key);
    if (existing != null) return existing;
    Node node = new Node(nodes.size(), op, inputs, attr, name, shape, batched, data);
    nodes.add(node);
    interned.put(key, node);
    return node;
  }

  /** How many nodes it holds. */
  public int size() {
    return nodes.size();
  }

  /** Every node made so far, in id (topological) order. */
  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The nodes that {@code roots} depend on, themselves included, in topological order. */
  public static List<Node> reachable(List<Node> roots) {
    int max = roots.stream().mapToInt(Node::id).max().orElse(-1);
    boolean[] seen = new boolean[max + 1];
    List<Node> found = new ArrayList<>();
    ArrayList<Node> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (seen[n.id()]) continue;
      seen[n.id()] = true;
      found.add(n);
      stack.addAll(n.inputs());
    }
    Node[] sorted = found.toArray(new Node[0]);
    Arrays.sort(sorted, (a, b) -> Integer.compare(a.id(), b.id()));
    return List.of(sorted);
  }
}
