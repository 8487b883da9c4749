package dev.nnc.autodiff;

import dev.nnc.ir.Leaf;
import dev.nnc.ir.Node;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The reverse-mode program: its lines in execution order, and the gradient of the objective with
 * respect to each leaf (a constant 0 where no gradient flows).
 */
public record Backward(List<GradStmt> stmts, Map<Leaf, Node> leafGradients) {

  /** The program computing the gradients of the parameters only (training needs no others). */
  public Backward parametersOnly() {
    Map<Leaf, Node> grads = new java.util.LinkedHashMap<>();
    leafGradients.forEach((leaf, g) -> {
      if (leaf.kind() == Leaf.Kind.PARAM) grads.put(leaf, g);
    });
    return new Backward(stmts, grads);
  }

  /** The same program with every value replaced by {@code map} (used by the simplifier). */
  public Backward map(UnaryOperator<Node> map) {
    List<GradStmt> mapped = stmts.stream().map(s -> s.withValue(map.apply(s.value()))).toList();
    Map<Leaf, Node> grads = new java.util.LinkedHashMap<>();
    leafGradients.forEach((leaf, g) -> grads.put(leaf, map.apply(g)));
    return new Backward(mapped, grads);
  }
}
