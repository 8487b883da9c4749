package dev.nnc.opt;

import dev.nnc.autodiff.Backward;
import dev.nnc.ir.Evaluator;
import dev.nnc.ir.Graph;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import dev.nnc.ir.Prediction;
import dev.nnc.ir.Program;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a graph bottom-up with {@link Rules} and constant folding until no rule applies.
 * Rebuilding through the interning {@link Graph} merges equal subexpressions as it goes.
 */
public final class Simplifier {
  private static final Map<Op, List<Rule>> RULES_BY_OP = new EnumMap<>(Op.class);

  static {
    for (Rule r : Rules.ALL) RULES_BY_OP.computeIfAbsent(r.op(), k -> new ArrayList<>()).add(r);
  }

  private final Graph graph;
  private final Map<Node, Node> simplified = new HashMap<>();

  private Simplifier(Graph graph) {
    this.graph = graph;
  }

  /** The simplified program and backward program (null when there is none). */
  public record Result(Program program, Backward backward) {}

  public static Result simplify(Program program, Backward backward) {
    Simplifier s = new Simplifier(program.graph());
    Map<String, dev.nnc.ir.Node> variables = new LinkedHashMap<>();
    program.variables().forEach((name, node) -> variables.put(name, s.simplify(node)));
    Map<Node, dev.nnc.syntax.Span> origins = new java.util.IdentityHashMap<>(program.origins());
    program.origins().forEach((node, span) -> origins.putIfAbsent(s.simplify(node), span));
    Program p = new Program(program.source(), program.name(), program.graph(), program.leaves(), variables,
        program.variableSpans(), program.objectiveName(), origins, program.warnings(),
        program.prediction() == null ? null : new Prediction(s.simplify(program.prediction().node()), program.prediction().kind(), program.prediction().target()));
    return new Result(p, backward == null ? null : backward.map(s::simplify));
  }

  /** The simplified form of {@code node}, memoised. */
  Node simplify(Node node) {
    Node done = simplified.get(node);
    if (done != null) return done;
    Node result = node;
    if (!node.op().isLeaf()) {
      List<Node> inputs = new ArrayList<>(node.inputs().size());
      for (Node in : node.inputs()) inputs.add(simplify(in));
      result = folded(node.op(), node.attr(), inputs, node);
      if (result == null) result = rewrite(graph.rebuild(node, inputs));
    }
    simplified.put(node, result);
    return result;
  }

  /** Builds {@code op(inputs)} from simplified inputs and rewrites it until no rule applies. */
  Node make(Op op, double attr, List<Node> inputs) {
    Node folded = folded(op, attr, inputs, null);
    return folded != null ? folded : rewrite(graph.apply(op, attr, inputs));
  }

  /** The constant value of an elementwise op on constants, or null; a chosen shape must be scalar. */
  private Node folded(Op op, double attr, List<Node> inputs, Node like) {
    if (!op.isElementwise() || !inputs.stream().allMatch(Node::isConst)) return null;
    // A constant is the same for every example, so a batched scalar folds too.
    if (like != null && !like.shape().isScalar()) return null;
    double[] args = inputs.stream().mapToDouble(Node::attr).toArray();
    return constant(Evaluator.apply(op, attr, args));
  }

  private Node rewrite(Node n) {
    for (Rule rule : RULES_BY_OP.getOrDefault(n.op(), List.of())) {
      Node rewritten = rule.rewrite().apply(n, this);
      if (rewritten == null) continue;
      // A rule may drop a broadcast (0 * x is 0): keep the node's per-example shape. Dropping the
      // batch is harmless: a value equal for every example broadcasts wherever it is used.
      if (!rewritten.shape().equals(n.shape())) {
        rewritten = graph.applyShaped(Op.EXPAND, n.shape(), rewritten.batched(), rewritten);
      }
      return rewritten;
    }
    return n;
  }

  Node make(Op op, Node... inputs) {
    return make(op, 0, List.of(inputs));
  }

  Node constant(double value) {
    return graph.constant(value);
  }
}
