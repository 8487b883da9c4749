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
  private static final int TAG_COLUMN = 40;

  private GradPrinter() {}

  public static String print(Program program, Backward backward) {
    ExprFormatter f = new ExprFormatter();
    StringBuilder out = new StringBuilder();
    out.append("# forward\n");
    for (Leaf leaf : program.leaves()) f.name(leaf.node(), leaf.name());
    IrPrinter.appendForward(program, f, out);
    out.append("\n# backward: gradients of ").append(program.objectiveName()).append('\n');
    for (GradStmt s : backward.stmts()) {
      String base = "d" + f.nameOf(s.of());
      String lhs = f.unique(s.term() == 0 ? base : base + "_" + s.term());
      f.bindIfUnnamed(s.value(), lhs);
      String rhs = lhs.equals(f.nameOf(s.value())) ? f.definition(s.value()) : f.reference(s.value());
      line(out, lhs + " = " + rhs, s.pattern().text);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String code, String tag) {
    out.append(code);
    out.append(" ".repeat(Math.max(1, TAG_COLUMN - code.length())));
    out.append("# ").append(tag).append('\n');
  }
}
