package dev.nnc.ir;

import java.util.List;
import java.util.Map;

/** The text of the forward graph ({@code nnc show --ir}): declarations, then one line per node. */
public final class IrPrinter {
  private IrPrinter() {}

  public static String print(Program program) {
    ExprFormatter f = new ExprFormatter();
    StringBuilder out = new StringBuilder();
    out.append("# forward graph of ").append(program.name());
    if (program.objectiveName() != null) out.append(", objective ").append(program.objectiveName());
    out.append('\n');
    for (Leaf leaf : program.leaves()) {
      f.name(leaf.node(), leaf.name());
      out.append(leaf.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(leaf.name()).append('\n');
    }
    appendForward(program, f, out);
    return out.toString();
  }

  /**
   * Appends a line for every computed node the variables need, in topological order, naming each
   * after its variable or {@code t1, t2, ...}; a variable equal to an earlier value is an alias line.
   */
  public static void appendForward(Program program, ExprFormatter f, StringBuilder out) {
    Map<String, Node> vars = program.variables();
    int temps = 0;
    for (Node n : Graph.reachable(List.copyOf(vars.values()))) {
      if (n.op().isLeaf()) continue;
      String var = firstVariable(vars, n);
      String name = f.name(n, var != null ? var : "t" + (++temps));
      out.append(name).append(" = ").append(f.definition(n)).append('\n');
    }
    vars.forEach((name, node) -> {
      if (!name.equals(f.nameOf(node))) out.append(f.unique(name)).append(" = ").append(f.reference(node)).append('\n');
    });
  }

  private static String firstVariable(Map<String, Node> vars, Node n) {
    for (Map.Entry<String, Node> e : vars.entrySet()) if (e.getValue() == n) return e.getKey();
    return null;
  }
}
