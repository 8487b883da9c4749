package dev.nnc.ir;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints IR expressions as a person writes them: infix arithmetic with only the parentheses
 * evaluation order needs, named values by their names, other nodes inline. Names are given as
 * lines are printed, so a line refers only to names defined above it.
 */
public final class ExprFormatter {
  private static final int TERNARY = 0, ADDITIVE = 1, MULTIPLICATIVE = 2, UNARY = 3, POWER = 4, ATOM = 5;

  private final Map<Node, String> names = new HashMap<>();
  private final Set<String> taken = new HashSet<>();

  /** Gives {@code node} a name (made unique with a suffix if taken) unless it has one; returns it. */
  public String name(Node node, String wanted) {
    String existing = names.get(node);
    if (existing != null) return existing;
    String unique = unique(wanted);
    names.put(node, unique);
    return unique;
  }

  /**
   * Names {@code node} with an already reserved name unless it has one. Constants stay unnamed:
   * a later "1" must print as 1, not as the gradient that happened to equal 1.
   */
  public void bindIfUnnamed(Node node, String reservedName) {
    if (!node.isConst()) names.putIfAbsent(node, reservedName);
  }

  /** Reserves a name that is not a node's (a line label such as dx_1). */
  public String unique(String wanted) {
    String unique = wanted;
    for (int k = 2; !taken.add(unique); k++) unique = wanted + "_" + k;
    return unique;
  }

  public String nameOf(Node node) {
    return names.get(node);
  }

  /** The node as an expression; its own name is not used at the top, only for its inputs' names. */
  public String definition(Node node) {
    return render(node, TERNARY, true);
  }

  /** The node as an operand: its name if it has one, else its expression. */
  public String reference(Node node) {
    return render(node, TERNARY, false);
  }

  private String render(Node n, int context, boolean top) {
    if (!top && names.containsKey(n)) return names.get(n);
    int prec = precedence(n);
    String text = switch (n.op()) {
      case CONST -> number(n.attr());
      case INPUT, LABEL, PARAM -> n.name();
      case TENSOR -> n.name() != null ? n.name() : literal(n);
      case ADD -> infix(n, " + ", ADDITIVE);
      case SUB -> infix(n, " - ", ADDITIVE);
      case MUL -> infix(n, " * ", MULTIPLICATIVE);
      case DIV -> infix(n, " / ", MULTIPLICATIVE);
      case MATMUL -> infix(n, " @ ", MULTIPLICATIVE);
      case NEG -> "-" + render(n.input(0), UNARY, false);
      case POW -> render(n.input(0), ATOM, false) + " ^ " + number(n.attr());
      case IF_GT, IF_GE -> render(n.input(0), ADDITIVE, false) + (n.op() == Op.IF_GT ? " > " : " >= ")
          + render(n.input(1), ADDITIVE, false) + " ? " + render(n.input(2), ADDITIVE, false) + " : " + render(n.input(3), TERNARY, false);
      default -> call(n);
    };
    return prec < context ? "(" + text + ")" : text;
  }

  // The right operand binds one level tighter: a - (b - c) and, since floating-point addition is not
  // associative, a + (b + c) keep their parentheses.
  private String infix(Node n, String symbol, int prec) {
    return render(n.input(0), prec, false) + symbol + render(n.input(1), prec + 1, false);
  }

  private String call(Node n) {
    String args = n.inputs().stream().map(this::reference).collect(Collectors.joining(", "));
    if (n.op().hasAttr) args += ", " + (n.op() == Op.ONEHOT ? "" : n.op() == Op.HINGE || n.op() == Op.HINGE_GRAD ? "margin = " : "alpha = ") + number(n.attr());
    for (String setting : n.op().settings) args += ", " + setting + " = " + n.setting(setting);
    return n.op().displayName() + "(" + args + ")";
  }

  /** A tensor constant as the nested literal that would make it: [[1, 0], [0, 1]]. */
  private static String literal(Node n) {
    StringBuilder out = new StringBuilder();
    literal(n.data(), n.shape(), 0, 0, out);
    return out.toString();
  }

  private static void literal(java.util.List<Double> values, Shape shape, int axis, int offset, StringBuilder out) {
    int stride = (int) new Shape(shape.dims().subList(axis + 1, shape.rank())).size();
    out.append('[');
    for (int i = 0; i < shape.dim(axis); i++) {
      if (i > 0) out.append(", ");
      if (axis == shape.rank() - 1) out.append(number(values.get(offset + i)));
      else literal(values, shape, axis + 1, offset + i * stride, out);
    }
    out.append(']');
  }

  private static int precedence(Node n) {
    return switch (n.op()) {
      case ADD, SUB -> ADDITIVE;
      case MUL, DIV, MATMUL -> MULTIPLICATIVE;
      case NEG -> UNARY;
      case POW -> POWER;
      case IF_GT, IF_GE -> TERNARY;
      case CONST -> n.attr() < 0 || Double.doubleToRawLongBits(n.attr()) == Long.MIN_VALUE ? UNARY : ATOM;
      default -> ATOM;
    };
  }

  /** A number as a reader expects it: 2, -0.5, 0.7310585786300049, 1e-06. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) return Long.toString((long) v);
    return Double.toString(v).replace("E", "e");
  }
}
