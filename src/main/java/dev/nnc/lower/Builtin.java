package dev.nnc.lower;

import dev.nnc.ir.Op;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A built-in function of SPEC.md §1: its formal parameters (with numeric defaults) and the op it
 * lowers to. Functions that work on tensors are listed so that arity errors and suggestions cover
 * them, but lower only once the tensor half of the language is compiled ({@code op == null}).
 */
record Builtin(String name, List<String> formals, List<Double> defaults, Op op) {

  /** The number of leading formals without a default: the least a call must give. */
  int required() {
    int n = 0;
    while (n < defaults.size() && defaults.get(n) == null) n++;
    return n;
  }

  boolean lowersToScalarOp() {
    return op != null;
  }

  static final Map<String, Builtin> ALL = Arrays.stream(new Builtin[] {
      unary("exp", Op.EXP), unary("log", Op.LOG), unary("sqrt", Op.SQRT), unary("abs", Op.ABS),
      unary("sin", Op.SIN), unary("cos", Op.COS),
      binary("max", Op.MAX), binary("min", Op.MIN),
      unary("sigmoid", Op.SIGMOID), unary("tanh", Op.TANH), unary("relu", Op.RELU),
      withAlpha("leaky_relu", Op.LEAKY_RELU, 0.1), withAlpha("elu", Op.ELU, 1.0),
      unary("gelu", Op.GELU), unary("swish", Op.SWISH), unary("mish", Op.MISH),
      unary("softplus", Op.SOFTPLUS), unary("softsign", Op.SOFTSIGN), unary("sinc", Op.SINC),
      unary("step", Op.STEP), unary("log_sigmoid", Op.LOG_SIGMOID),
      // identity has no op: a call lowers to its argument itself.
      new Builtin("identity", List.of("x"), Arrays.asList((Double) null), null),
      tensor("sum", "x"), tensor("mean", "x"), tensor("dot", "a", "b"), tensor("onehot", "y", "k"),
      tensor("flatten", "x"), tensor("transpose", "x"), tensor("size", "x"), tensor("dim", "x", "i"),
      tensor("softmax", "x"), tensor("log_softmax", "x"),
      tensor("mse", "pred", "target"), tensor("bce", "p", "y"), tensor("bce_logits", "z", "y"),
      tensor("cross_entropy", "logits", "y"),
      new Builtin("hinge", List.of("scores", "y", "margin"), Arrays.asList(null, null, 1.0), null),
      new Builtin("conv2d", List.of("x", "K", "stride", "pad"), Arrays.asList(null, null, 1.0, 0.0), null),
      // NaN: the stride defaults to the pool size.
      new Builtin("maxpool", List.of("x", "size", "stride"), Arrays.asList(null, null, Double.NaN), null),
      new Builtin("avgpool", List.of("x", "size", "stride"), Arrays.asList(null, null, Double.NaN), null),
  }).collect(Collectors.toUnmodifiableMap(Builtin::name, Function.identity()));

  private static Builtin unary(String name, Op op) {
    return new Builtin(name, List.of("x"), Arrays.asList((Double) null), op);
  }

  private static Builtin binary(String name, Op op) {
    return new Builtin(name, List.of("a", "b"), Arrays.asList(null, null), op);
  }

  private static Builtin withAlpha(String name, Op op, double alpha) {
    return new Builtin(name, List.of("x", "alpha"), Arrays.asList(null, alpha), op);
  }

  private static Builtin tensor(String name, String... formals) {
    return new Builtin(name, List.of(formals), Arrays.asList(new Double[formals.length]), null);
  }
}
