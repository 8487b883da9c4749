package dev.nnc.opt;

import dev.nnc.autodiff.Backward;
import dev.nnc.ir.Evaluator;
import dev.nnc.ir.Graph;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
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
        program.variableSpans(), program.objectiveName(), origins, program.warnings());
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
      result = make(node.op(), node.attr(), inputs);
    }
    simplified.put(node, result);
    return result;
  }

  /** Builds {@code op(inputs)} from simplified inputs and rewrites it until no rule applies. */
  Node make(Op op, double attr, List<Node> inputs) {
    if (inputs.stream().allMatch(Node::isConst)) {
      double[] args = inputs.stream().mapToDouble(Node::attr).toArray();
      return constant(Evaluator.apply(op, attr, args));
    }
    Node n = graph.apply(op, attr, inputs);
    for (Rule rule : RULES_BY_OP.getOrDefault(op, List.of())) {
      Node rewritten = rule.rewrite().apply(n, this);
      if (rewritten != null) return rewritten;
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
