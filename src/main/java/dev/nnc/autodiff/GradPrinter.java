package dev.nnc.autodiff;

import dev.nnc.ir.ExprFormatter;
import dev.nnc.ir.IrPrinter;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Program;

/**
 * The backward program as text ({@code nnc show --grad}): one line per gradient statement, each
 * tagged with the lecture's pattern that made it. Forward values are referred to by the names
 * the forward listing gives them, which is printed first.
 */
public final class GradPrinter {
  private GradPrinter() {}

  public static String print(Program program, Backward backward) {
    return print(program, backward, java.util.Map.of());
  }

  /** With {@code values}, each line also shows its value at the point (the lecture's numbers). */
  public static String print(Program program, Backward backward, java.util.Map<dev.nnc.ir.Node, Double> values) {
    ExprFormatter f = new ExprFormatter();
    StringBuilder out = new StringBuilder();
    out.append("# forward\n");
    for (Leaf leaf : program.leaves()) f.name(leaf.node(), leaf.name());
    IrPrinter.appendForward(program, f, out, values);
    out.append("\n# backward: gradients of ").append(program.objectiveName()).append('\n');
    for (GradStmt s : backward.stmts()) {
      String base = "d" + f.nameOf(s.of());
      String lhs = f.unique(s.term() == 0 ? base : base + "_" + s.term());
      f.bindIfUnnamed(s.value(), lhs);
      String rhs = lhs.equals(f.nameOf(s.value())) ? f.definition(s.value()) : f.reference(s.value());
      String value = values.containsKey(s.value()) ? ": " + dev.nnc.ir.ExprFormatter.number(values.get(s.value())) : "";
      line(out, lhs + " = " + rhs, s.pattern().text + value);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String code, String tag) {
    out.append(IrPrinter.pad(code)).append("# ").append(tag).append('\n');
  }
}
