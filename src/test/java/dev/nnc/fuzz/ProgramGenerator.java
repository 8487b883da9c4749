package dev.nnc.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random .nn programs that follow the grammar most of the time and break it some of the time:
 * declarations of scalars, vectors and matrices, expressions over every operator and built-in
 * (with right and wrong argument counts), defs (some recursive), layers, models, unknown names.
 */
final class ProgramGenerator {
  private static final String[] UNARY = {"exp", "log", "sqrt", "abs", "sin", "cos", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
      "gelu", "swish", "mish", "softplus", "softsign", "sinc", "step", "log_sigmoid", "identity", "sum", "mean", "softmax",
      "log_softmax", "transpose", "flatten", "size"};
  private static final String[] BINARY = {"max", "min", "dot", "mse", "bce", "bce_logits", "cross_entropy", "hinge", "onehot", "dim"};
  private static final String[] OPS = {" + ", " - ", " * ", " / ", " + ", " * ", " - ", " @ "};

  private final Random random;
  private final List<String> names = new ArrayList<>();

  ProgramGenerator(long seed) {
    this.random = new Random(seed);
  }

  String program() {
    names.clear();
    StringBuilder out = new StringBuilder();
    if (random.nextInt(4) == 0) out.append("def f(u, v) = ").append(random.nextInt(5) == 0 ? "f(v, u)" : "u * v + 1").append('\n');
    if (random.nextInt(4) == 0) out.append("layer lin(x, n = 2) {\n  param W[n, size(x)] = he\n  return W @ x\n}\n");
    boolean model = random.nextInt(3) == 0;
    if (model) out.append("model m {\n");
    int declarations = random.nextInt(4);
    for (int i = 0; i < declarations; i++) out.append(declaration()).append('\n');
    int statements = 1 + random.nextInt(6);
    for (int i = 0; i < statements; i++) {
      String name = random.nextInt(8) == 0 && !names.isEmpty() ? pick(names) : "v" + i;
      out.append(name).append(" = ").append(expression(3)).append('\n');
      names.add(name);
    }
    if (random.nextInt(3) == 0) out.append("loss = ").append(expression(2)).append('\n');
    if (model) out.append("}\n");
    return out.toString();
  }

  private String declaration() {
    String name = "d" + names.size();
    names.add(name);
    return switch (random.nextInt(4)) {
      case 0 -> "input " + name + shape();
      case 1 -> "label " + name;
      case 2 -> "param " + name + shape() + " = " + pick(new String[] {"he", "xavier", "zeros", "normal(0.1)", "uniform(1)", "0.5", "sparse(1, 1)"});
      default -> "const " + name + " = " + number();
    };
  }

  private String shape() {
    return switch (random.nextInt(6)) {
      case 0, 4, 5 -> "";
      case 1 -> "[" + (1 + random.nextInt(4)) + "]";
      case 2 -> "[" + (1 + random.nextInt(3)) + ", " + (1 + random.nextInt(3)) + "]";
      default -> "[" + (random.nextInt(3) - 1) + "]";
    };
  }

  private String expression(int depth) {
    if (depth == 0 || random.nextInt(4) == 0) return atom();
    return switch (random.nextInt(7)) {
      case 0, 1 -> expression(depth - 1) + pick(OPS) + expression(depth - 1);
      case 2 -> "-" + expression(depth - 1);
      case 3 -> "(" + expression(depth - 1) + ") ^ " + pick(new String[] {"2", "-1", "0.5", "3", "2", "3", "x"});
      case 4 -> pick(UNARY) + "(" + arguments(depth, 1 + (random.nextInt(12) == 0 ? 1 : 0)) + ")";
      case 5 -> pick(BINARY) + "(" + arguments(depth, 2 - (random.nextInt(12) == 0 ? 1 : 0)) + ")";
      default -> random.nextBoolean() ? "f(" + arguments(depth, 2) + ")" : "lin(" + arguments(depth, 1) + ")";
    };
  }

  private String arguments(int depth, int count) {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < count; i++) args.add(expression(depth - 1));
    if (random.nextInt(16) == 0) args.add("alpha = " + number());
    return String.join(", ", args);
  }

  private String atom() {
    int r = random.nextInt(20);
    if (r < 9 && !names.isEmpty()) return pick(names);
    if (r < 13) return number();
    if (r < 14) return "[" + number() + ", " + number() + "]";
    if (r < 19) return pick(new String[] {"a", "b", "c", "x", "w"});
    return "unknown" + random.nextInt(3);
  }

  private String number() {
    return pick(new String[] {"0", "1", "2", "0.5", "3.25", "1e-3", "1e300", "4", "10"});
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private String pick(List<String> options) {
    return options.get(random.nextInt(options.size()));
  }
}
