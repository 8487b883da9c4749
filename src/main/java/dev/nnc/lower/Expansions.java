package dev.nnc.lower;

import dev.nnc.ir.Graph;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import java.util.Set;

/**
 * The textbook forms of the composite functions, for {@code --expand}: sigmoid as 1 / (1 + e^-x),
 * so its backward shows the lecture's chain (1/x, +1, exp, ·(−1)) gate by gate. These forms are
 * for reading: they lose the stable forms' protection at large magnitudes.
 */
final class Expansions {
  private Expansions() {}

  interface Apply {
    Node apply(Op op, double attr, Node... inputs);
  }

  private static final Set<String> EXPANDABLE = Set.of(
      "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "softsign", "swish", "log_sigmoid", "mish", "softmax", "log_softmax");

  static boolean has(String name) {
    return EXPANDABLE.contains(name);
  }

  static Node expand(String name, Node x, double alpha, Apply f, Graph g) {
    Node one = g.constant(1);
    return switch (name) {
      case "sigmoid" -> sigmoid(x, f, g);
      case "tanh" -> {                                                // (1 - e^-2x) / (1 + e^-2x)
        Node e = f.apply(Op.EXP, 0, f.apply(Op.MUL, 0, g.constant(-2), x));
        yield f.apply(Op.DIV, 0, f.apply(Op.SUB, 0, one, e), f.apply(Op.ADD, 0, one, e));
      }
      case "relu" -> f.apply(Op.MAX, 0, x, g.constant(0));
      case "leaky_relu" -> f.apply(Op.MAX, 0, x, f.apply(Op.MUL, 0, g.constant(alpha), x));   // max(x, αx)
      case "softplus" -> softplus(x, f, g);
      case "softsign" -> f.apply(Op.DIV, 0, x, f.apply(Op.ADD, 0, one, f.apply(Op.ABS, 0, x)));
      case "swish" -> f.apply(Op.MUL, 0, x, sigmoid(x, f, g));
      case "log_sigmoid" -> f.apply(Op.LOG, 0, sigmoid(x, f, g));
      case "mish" -> f.apply(Op.MUL, 0, x, expand("tanh", softplus(x, f, g), 0, f, g));
      case "softmax" -> {
        Node e = f.apply(Op.EXP, 0, x);
        yield f.apply(Op.DIV, 0, e, f.apply(Op.SUM, 0, e));
      }
      case "log_softmax" -> f.apply(Op.SUB, 0, x, f.apply(Op.LOG, 0, f.apply(Op.SUM, 0, f.apply(Op.EXP, 0, x))));
      default -> throw new IllegalArgumentException(name + " has no expansion");
    };
  }

  private static Node sigmoid(Node x, Apply f, Graph g) {
    Node one = g.constant(1);
    return f.apply(Op.DIV, 0, one, f.apply(Op.ADD, 0, one, f.apply(Op.EXP, 0, f.apply(Op.NEG, 0, x))));
  }

  private static Node softplus(Node x, Apply f, Graph g) {
    return f.apply(Op.LOG, 0, f.apply(Op.ADD, 0, g.constant(1), f.apply(Op.EXP, 0, x)));
  }
}
