package dev.nnc.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The factory and owner of nodes; it interns them (tinygrad's ucache) so equal nodes are one. */
public final class Graph {
  private final List<Node> nodes = new ArrayList<>();
  private final Map<Key, Node> interned = new HashMap<>();

  private record Key(Op op, List<Integer> inputIds, long attrBits, String name) {}

  public Node constant(double value) {
    // +0.0 and -0.0 stay distinct constants: they differ under division and in printed results.
    return intern(Op.CONST, List.of(), value, null, Shape.SCALAR);
  }

  public Node leaf(Op kind, String name, Shape shape) {
    if (kind != Op.INPUT && kind != Op.LABEL && kind != Op.PARAM) throw new IllegalArgumentException(kind + " is not a named leaf");
    return intern(kind, List.of(), 0, name, shape);
  }

  public Node apply(Op op, Node... inputs) {
    return apply(op, 0, List.of(inputs));
  }

  public Node apply(Op op, double attr, Node... inputs) {
    return apply(op, attr, List.of(inputs));
  }

  public Node apply(Op op, double attr, List<Node> inputs) {
    if (op.isLeaf()) throw new IllegalArgumentException(op + " is a leaf");
    if (inputs.size() != op.arity) throw new IllegalArgumentException(op + " takes " + op.arity + " inputs, got " + inputs.size());
    return intern(op, List.copyOf(inputs), op.hasAttr ? attr : 0, null, Shape.SCALAR);
  }

  private Node intern(Op op, List<Node> inputs, double attr, String name, Shape shape) {
    Key key = new Key(op, inputs.stream().map(Node::id).toList(), Double.doubleToLongBits(attr), name);
    Node existing = interned.get(key);
    if (existing != null) return existing;
    Node node = new Node(nodes.size(), op, inputs, attr, name, shape);
    nodes.add(node);
    interned.put(key, node);
    return node;
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
