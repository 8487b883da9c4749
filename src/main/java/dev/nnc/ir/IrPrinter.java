package dev.nnc.ir;

import java.util.List;
import java.util.Map;

/** The text of the forward graph ({@code nnc show --ir}): declarations, then one line per node. */
public final class IrPrinter {
  private IrPrinter() {}

  public static String print(Program program) {
    return print(program, Map.of());
  }

  /** With {@code values} (from Evaluator.evaluate), each line ends with its value at the point. */
  public static String print(Program program, Map<Node, Double> values) {
    ExprFormatter f = new ExprFormatter();
    StringBuilder out = new StringBuilder();
    out.append("# forward graph of ").append(program.name());
    if (program.objectiveName() != null) out.append(", objective ").append(program.objectiveName());
    out.append('\n');
    for (Leaf leaf : program.leaves()) {
      f.name(leaf.node(), leaf.name());
      out.append(leaf.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(leaf.name()).append('\n');
    }
    appendForward(program, f, out, values);
    return out.toString();
  }

  /**
   * Appends a line for every computed node the variables need, in topological order, naming each
   * after its variable or {@code t1, t2, ...}; a variable equal to an earlier value is an alias line.
   */
  public static void appendForward(Program program, ExprFormatter f, StringBuilder out, Map<Node, Double> values) {
    Map<String, Node> vars = program.variables();
    int temps = 0;
    for (Node n : Graph.reachable(List.copyOf(vars.values()))) {
      if (n.op().isLeaf()) continue;
      String var = firstVariable(vars, n);
      String name = f.name(n, var != null ? var : "t" + (++temps));
      String code = name + " = " + f.definition(n);
      out.append(values.containsKey(n) ? pad(code) + "# " + ExprFormatter.number(values.get(n)) : code).append('\n');
    }
    vars.forEach((name, node) -> {
      if (!name.equals(f.nameOf(node))) out.append(f.unique(name)).append(" = ").append(f.reference(node)).append('\n');
    });
  }

  /** The code padded to the column where comments start. */
  public static String pad(String code) {
    return code + " ".repeat(Math.max(1, 40 - code.length()));
  }

  private static String firstVariable(Map<String, Node> vars, Node n) {
    for (Map.Entry<String, Node> e : vars.entrySet()) if (e.getValue() == n) return e.getKey();
    return null;
  }
}
