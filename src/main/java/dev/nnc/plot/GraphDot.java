package dev.nnc.plot;

import dev.nnc.autodiff.Backward;
import dev.nnc.autodiff.GradStmt;
import dev.nnc.ir.ExprFormatter;
import dev.nnc.ir.Graph;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import dev.nnc.ir.Program;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forward graph as Graphviz text in the lecture's style: a circle per operation, the inputs
 * on the left; with values, each edge carries the value flowing forward (green, above) and the
 * gradient flowing back (red, below), as on the slides.
 */
public final class GraphDot {
  private GraphDot() {}

  public static String print(Program program, Backward backward, Map<Node, Double> values) {
    Map<Node, Node> gradient = new HashMap<>();
    if (backward != null) for (GradStmt s : backward.stmts()) if (s.term() == 0) gradient.putIfAbsent(s.of(), s.value());
    for (Map.Entry<Leaf, Node> e : backward == null ? Map.<Leaf, Node>of().entrySet() : backward.leafGradients().entrySet()) {
      gradient.putIfAbsent(e.getKey().node(), e.getValue());
    }
    StringBuilder out = new StringBuilder();
    out.append("digraph \"").append(program.name()).append("\" {\n");
    out.append("  rankdir=LR;\n  node [shape=circle, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    List<Node> nodes = Graph.reachable(List.copyOf(program.variables().values()));
    Map<Node, String> ids = new HashMap<>();
    for (Node n : nodes) {
      if (n.isConst()) continue;
      String id = "n" + n.id();
      ids.put(n, id);
      String label = n.op().isLeaf() ? (n.name() != null ? n.name() : "tensor") : symbol(n);
      out.append("  ").append(id).append(" [label=\"").append(label).append('"').append(n.op().isLeaf() ? ", shape=plaintext" : "").append("];\n");
    }
    Node objective = program.objective();
    if (objective != null && ids.containsKey(objective)) {
      out.append("  out [label=\"").append(program.objectiveName()).append("\", shape=plaintext];\n");
      out.append("  ").append(ids.get(objective)).append(" -> out").append(edgeLabel(objective, gradient, values)).append(";\n");
    }
    for (Node n : nodes) {
      if (n.op().isLeaf() || n.isConst()) continue;
      for (Node in : n.inputs()) {
        if (in.isConst()) continue;
        out.append("  ").append(ids.get(in)).append(" -> ").append(ids.get(n)).append(edgeLabel(in, gradient, values)).append(";\n");
      }
    }
    return out.append("}\n").toString();
  }

  // Constants fold into their operation's label (+1, *2), as the lecture draws "+1" and "*-1".
  private static String symbol(Node n) {
    String op = switch (n.op()) {
      case ADD -> "+";
      case SUB -> "-";
      case MUL -> "*";
      case DIV -> "/";
      case NEG -> "*-1";
      case POW -> "^" + ExprFormatter.number(n.attr());
      default -> n.op().displayName();
    };
    if (n.op() == Op.DIV && n.input(0).isConst() && n.input(0).attr() == 1) return "1/x";
    for (Node in : n.inputs()) if (in.isConst() && n.op() != Op.DIV) op += ExprFormatter.number(in.attr());
    return op.toLowerCase(Locale.ROOT);
  }

  private static String edgeLabel(Node from, Map<Node, Node> gradient, Map<Node, Double> values) {
    if (values.isEmpty() || !values.containsKey(from)) return "";
    String value = ExprFormatter.number(round(values.get(from)));
    Node g = gradient.get(from);
    String grad = g != null && values.containsKey(g) ? ExprFormatter.number(round(values.get(g))) : null;
    return " [label=<<font color=\"darkgreen\">" + value + "</font>" + (grad == null ? "" : "<br/><font color=\"red\">" + grad + "</font>") + ">]";
  }

  /** Two decimals, as the lecture's slides show them. */
  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
