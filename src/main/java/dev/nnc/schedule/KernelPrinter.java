package dev.nnc.schedule;

import dev.nnc.ir.ExprFormatter;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.schedule.KernelProgram.Access;
import dev.nnc.schedule.KernelProgram.Call;
import dev.nnc.schedule.KernelProgram.Compute;
import dev.nnc.schedule.KernelProgram.Constant;
import dev.nnc.schedule.KernelProgram.Instr;
import dev.nnc.schedule.KernelProgram.Load;
import dev.nnc.schedule.KernelProgram.Local;
import dev.nnc.schedule.KernelProgram.Operand;
import dev.nnc.schedule.KernelProgram.Region;
import dev.nnc.schedule.KernelProgram.Step;
import dev.nnc.schedule.KernelProgram.Store;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Java-like text of exactly the program the emitter turns into bytecode ({@code nnc show
 * --java}): one statement per instruction, each computed value annotated with its .nn line and,
 * for a gradient, the backprop pattern that made it.
 */
public final class KernelPrinter {
  private static final int COMMENT_COLUMN = 56;

  private KernelPrinter() {}

  public static String print(KernelProgram program, String arrayType) {
    StringBuilder out = new StringBuilder();
    out.append("// ").append(program.className().replace('/', '.')).append(", generated from ").append(program.sourceName()).append('\n');
    out.append("// arena: ").append(program.layout().size()).append(" values\n");
    for (ArenaLayout.Entry e : program.layout().entries()) {
      if (e.role() == ArenaLayout.Role.SAVED) continue;
      out.append("//   ").append(String.format("%-10s", e.role().name().toLowerCase(java.util.Locale.ROOT))).append(' ').append(e.name())
          .append(" @").append(e.offset()).append(e.length() > 1 ? " [" + e.length() + "]" : "").append('\n');
    }
    for (KernelProgram.Method m : List.of(program.forward(), program.backward())) {
      out.append("\npublic void ").append(m.name()).append('(').append(arrayType).append("[] arena) {\n");
      for (Step step : m.steps()) {
        if (step instanceof Region r) region(r, out);
        else line(out, "  ", call((Call) step) + ";", null);
      }
      out.append("}\n");
    }
    return out.toString();
  }

  private static void region(Region r, StringBuilder out) {
    String indent = "  ";
    if (r.batches() > 1) {
      out.append(indent).append("for (int example = 0; example < ").append(r.batches()).append("; example++) {\n");
      indent += "  ";
    }
    if (r.size() > 1) {
      out.append(indent).append("for (int element = 0; element < ").append(r.size()).append("; element++) {\n");
      indent += "  ";
    }
    for (Instr instr : r.body()) instruction(instr, r, indent, out);
    if (r.size() > 1) out.append(indent.substring(2)).append("}\n");
    if (r.batches() > 1) out.append("  }\n");
  }

  private static void instruction(Instr instr, Region r, String indent, StringBuilder out) {
    if (instr instanceof Load l) {
      line(out, indent, "double " + l.target().name() + " = arena[" + index(l.from(), r) + "];", null);
    } else if (instr instanceof Compute c) {
      String note = (c.line() > 0 ? "line " + c.line() : "") + (c.note() != null ? (c.line() > 0 ? ": " : "") + c.note() : "");
      line(out, indent, "double " + c.target().name() + " = " + expression(c) + ";", note.isEmpty() ? null : note);
    } else {
      Store s = (Store) instr;
      line(out, indent, "arena[" + index(s.to(), r) + "] " + (s.accumulate() ? "+=" : "=") + " " + operand(s.value()) + ";", s.what());
    }
  }

  private static String expression(Compute c) {
    List<String> args = c.args().stream().map(KernelPrinter::operand).toList();
    return switch (c.op()) {
      case ADD -> args.get(0) + " + " + args.get(1);
      case SUB -> args.get(0) + " - " + args.get(1);
      case MUL -> args.get(0) + " * " + args.get(1);
      case DIV -> args.get(0) + " / " + args.get(1);
      case NEG -> "-" + args.get(0);
      case EXPAND -> args.get(0);
      default -> "ScalarOps." + c.op().method + "(" + String.join(", ", args) + (c.op().hasAttr ? ", " + ExprFormatter.number(c.attr()) : "") + ")";
    };
  }

  private static String operand(Operand o) {
    return o instanceof Constant c ? ExprFormatter.number(c.value()) : ((Local) o).name();
  }

  /** base + example·stride + element (or its broadcast form), as the emitter computes it. */
  private static String index(Access a, Region r) {
    StringBuilder s = new StringBuilder(String.valueOf(a.base()));
    if (r.batches() > 1 && a.batchStride() != 0) s.append(" + example").append(a.batchStride() == 1 ? "" : " * " + a.batchStride());
    if (r.size() > 1) {
      if (a.same()) {
        s.append(" + element");
      } else {
        for (int[] t : a.terms()) {
          String e = t[0] == 1 ? "element" : "element / " + t[0];
          s.append(" + (").append(e).append(" % ").append(t[1]).append(')').append(t[2] == 1 ? "" : " * " + t[2]);
        }
      }
    }
    return s.toString();
  }

  private static String call(Call c) {
    String owner = c.owner().substring(c.owner().lastIndexOf('/') + 1);
    return owner + "." + c.method() + "(" + c.args().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
  }

  private static void line(StringBuilder out, String indent, String code, String comment) {
    out.append(indent).append(code);
    if (comment != null) out.append(" ".repeat(Math.max(1, COMMENT_COLUMN - indent.length() - code.length()))).append("// ").append(comment);
    out.append('\n');
  }
}
