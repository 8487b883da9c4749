package dev.nnc.ir;

import dev.nnc.runtime.ScalarOps;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Evaluates ops on constants at compile time by calling the very {@link ScalarOps} method that
 * generated code calls, found by the op's {@code method} name.
 */
public final class Evaluator {
  private Evaluator() {}

  private static final Map<Op, MethodHandle> METHODS = new EnumMap<>(Op.class);

  static {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    for (Op op : Op.values()) {
      if (!op.isElementwise()) continue;
      int params = op.arity + (op.hasAttr ? 1 : 0);
      MethodType type = MethodType.genericMethodType(params).changeReturnType(double.class);
      for (int i = 0; i < params; i++) type = type.changeParameterType(i, double.class);
      try {
        METHODS.put(op, lookup.findStatic(ScalarOps.class, op.method, type));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError("ScalarOps lacks " + op.method + type + ": " + e);
      }
    }
  }

  /** The value of {@code op} with the given attribute on constant arguments. */
  public static double apply(Op op, double attr, double... args) {
    double[] all = op.hasAttr ? java.util.Arrays.copyOf(args, args.length + 1) : args;
    if (op.hasAttr) all[args.length] = attr;
    try {
      return (double) METHODS.get(op).invokeWithArguments(box(all));
    } catch (Throwable t) {
      throw new IllegalStateException("evaluating " + op, t);
    }
  }

  /** The value of a node whose leaves are all constants; empty if it depends on a non-constant. */
  public static OptionalDouble constantValue(Node node) {
    if (node.isConst()) return OptionalDouble.of(node.attr());
    if (!node.op().isElementwise() || !node.shape().isScalar() || node.batched()) return OptionalDouble.empty();
    double[] args = new double[node.inputs().size()];
    for (int i = 0; i < args.length; i++) {
      OptionalDouble v = constantValue(node.input(i));
      if (v.isEmpty()) return v;
      args[i] = v.getAsDouble();
    }
    return OptionalDouble.of(apply(node.op(), node.attr(), args));
  }

  /**
   * The value of every node of {@code roots}' graph at a point (the leaves' values), for the
   * annotated views of {@code nnc show --at}; empty when a node is a tensor op (scalar programs only).
   */
  public static java.util.Map<Node, Double> evaluate(java.util.List<Node> roots, java.util.Map<String, Double> leaves) {
    java.util.Map<Node, Double> values = new java.util.HashMap<>();
    for (Node n : Graph.reachable(roots)) {
      if (n.isConst()) {
        values.put(n, n.attr());
      } else if (n.op().isLeaf()) {
        Double v = leaves.get(n.name());
        if (v == null) return java.util.Map.of();
        values.put(n, v);
      } else if (n.op().isElementwise() && n.shape().isScalar()) {
        double[] args = new double[n.inputs().size()];
        for (int i = 0; i < args.length; i++) args[i] = values.get(n.input(i));
        values.put(n, n.op() == Op.EXPAND ? args[0] : apply(n.op(), n.attr(), args));
      } else {
        return java.util.Map.of();
      }
    }
    return values;
  }

  private static Object[] box(double[] values) {
    Object[] boxed = new Object[values.length];
    for (int i = 0; i < values.length; i++) boxed[i] = values[i];
    return boxed;
  }
}
