package dev.nnc.autodiff;

import dev.nnc.ir.Graph;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import dev.nnc.ir.Program;
import dev.nnc.ir.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode symbolic differentiation. Walks the forward graph from the objective in reverse
 * topological order; each op's rule (one line per op in {@link #rule}) sends contributions to its
 * inputs, and a node reached by several contributions gets their sum (copy sums). Derivatives are
 * IR expressions in the same graph, so they share forward values (sigmoid's backward reuses s).
 */
public final class Differentiator {
  private final Graph g;
  private final Map<Node, List<GradStmt>> contributions = new HashMap<>();
  private final List<GradStmt> stmts = new ArrayList<>();

  private Differentiator(Graph graph) {
    this.g = graph;
  }

  /**
   * The backward program of the program's objective. A model's objective is the mean of the
   * per-example loss over a batch of {@code batch} examples, so the seed is 1/batch.
   */
  public static Backward differentiate(Program program, int batch) {
    return new Differentiator(program.graph()).run(program, batch);
  }

  private Backward run(Program program, int batch) {
    Node objective = program.objective();
    Node one = g.constant(batch == 1 || !objective.batched() ? 1 : 1.0 / batch);
    stmts.add(new GradStmt(objective, 0, one, Pattern.SEED));
    Map<Node, Node> total = new HashMap<>();
    total.put(objective, one);
    List<Node> forward = Graph.reachable(List.of(objective));
    for (int i = forward.size() - 1; i >= 0; i--) {
      Node node = forward.get(i);
      Node grad = node == objective ? one : sum(node);
      if (grad == null) continue;
      total.put(node, grad);
      rule(node, grad);
    }
    Map<Leaf, Node> leafGradients = new LinkedHashMap<>();
    for (Leaf leaf : program.leaves()) {
      Node grad = total.getOrDefault(leaf.node(), g.constant(0));
      leafGradients.put(leaf, fit(grad, leaf.node(), true));
    }
    return new Backward(List.copyOf(stmts), leafGradients);
  }

  /** The gradient of {@code node}: its one contribution, or the sum of several (copy sums). */
  private Node sum(Node node) {
    List<GradStmt> parts = contributions.get(node);
    if (parts == null) return null;
    if (parts.size() == 1) {
      stmts.add(new GradStmt(node, 0, parts.get(0).value(), parts.get(0).pattern()));
      return parts.get(0).value();
    }
    Node total = parts.get(0).value();
    for (int k = 0; k < parts.size(); k++) {
      GradStmt part = parts.get(k);
      stmts.add(new GradStmt(node, k + 1, part.value(), part.pattern()));
      if (k > 0) total = g.apply(Op.ADD, total, part.value());
    }
    stmts.add(new GradStmt(node, 0, total, Pattern.COPY_SUMS));
    return total;
  }

  private void send(Node to, Node value, Pattern pattern) {
    if (to.isConst() || to.op() == Op.TENSOR) return;
    contributions.computeIfAbsent(to, k -> new ArrayList<>()).add(new GradStmt(to, 0, fit(value, to, false), pattern));
  }

  /**
   * A gradient in its value's shape: summed over the axes and the batch that broadcasting added
   * to {@code target} (the "copy sums" of an implicit copy); when {@code exact}, also expanded
   * where it is smaller (a constant gradient of a tensor leaf).
   */
  private Node fit(Node grad, Node target, boolean exact) {
    Shape bigger = Shape.broadcast(grad.shape(), target.shape());
    if (!bigger.equals(target.shape()) || grad.batched() && !target.batched()) {
      grad = g.applyShaped(Op.SUM_TO, bigger.equals(target.shape()) ? grad.shape() : target.shape(), target.batched(), grad);
    }
    if (exact && (!grad.shape().equals(target.shape()) || grad.batched() != target.batched())) {
      grad = g.applyShaped(Op.EXPAND, target.shape(), target.batched(), grad);
    }
    return grad;
  }

  /** The derivative table: what each op sends back to its inputs given the gradient {@code d}. */
  private void rule(Node n, Node d) {
    Node x = n.inputs().isEmpty() ? null : n.input(0);
    Node y = n.inputs().size() > 1 ? n.input(1) : null;
    switch (n.op()) {
      case CONST, TENSOR, INPUT, LABEL, PARAM -> { }                                 // leaves
      case ADD -> { send(x, d, Pattern.ADD_DISTRIBUTES); send(y, d, Pattern.ADD_DISTRIBUTES); }
      case SUB -> { send(x, d, Pattern.ADD_DISTRIBUTES); send(y, neg(d), Pattern.ADD_DISTRIBUTES); }
      case MUL -> { send(x, mul(d, y), Pattern.MUL_SWITCHES); send(y, mul(d, x), Pattern.MUL_SWITCHES); }
      case DIV -> { send(x, div(d, y), Pattern.CHAIN_RULE); send(y, div(neg(mul(d, x)), mul(y, y)), Pattern.CHAIN_RULE); }
      case NEG -> chain(x, neg(d));
      case POW -> chain(x, mul(d, mul(c(n.attr()), pow(x, n.attr() - 1))));           // n x^(n-1)
      case EXP -> chain(x, mul(d, n));                                                // e^x, reused
      case LOG -> chain(x, div(d, x));
      case SQRT -> chain(x, div(d, mul(c(2), n)));                                    // 1 / (2 sqrt x)
      case ABS -> chain(x, mul(d, f(Op.SIGN, x)));                                    // abs'(0) = 0
      case SIN -> chain(x, mul(d, f(Op.COS, x)));
      case COS -> chain(x, neg(mul(d, f(Op.SIN, x))));
      case MAX -> { send(x, ifGe(x, y, d, c(0)), Pattern.MAX_ROUTES); send(y, ifGe(x, y, c(0), d), Pattern.MAX_ROUTES); }
      case MIN -> { send(x, ifGe(y, x, d, c(0)), Pattern.MAX_ROUTES); send(y, ifGe(y, x, c(0), d), Pattern.MAX_ROUTES); }
      case SIGN, STEP -> { }                                                          // zero almost everywhere
      case SIGMOID -> chain(x, mul(d, mul(n, sub(c(1), n))));                         // s (1 - s)
      case TANH -> chain(x, mul(d, sub(c(1), mul(n, n))));                            // 1 - t^2
      case RELU -> chain(x, ifGt(n, c(0), d, c(0)));                                  // relu'(0) = 0; relu(x) > 0 iff x > 0, so x need not be kept
      case LEAKY_RELU -> chain(x, ifGt(x, c(0), d, mul(c(n.attr()), d)));             // alpha at 0
      case ELU -> chain(x, ifGt(x, c(0), d, mul(d, mul(c(n.attr()), f(Op.EXP, x))))); // alpha e^x
      case GELU -> chain(x, mul(d, f(Op.GELU_GRAD, x)));
      case SWISH -> {                                                                 // s + x s (1 - s)
        Node s = f(Op.SIGMOID, x);
        chain(x, mul(d, g.apply(Op.ADD, s, mul(x, mul(s, sub(c(1), s))))));
      }
      case MISH -> chain(x, mul(d, f(Op.MISH_GRAD, x)));
      case SOFTPLUS -> chain(x, mul(d, f(Op.SIGMOID, x)));
      case SOFTSIGN -> chain(x, div(d, pow(g.apply(Op.ADD, c(1), f(Op.ABS, x)), 2)));   // 1 / (1 + |x|)^2
      case SINC -> chain(x, mul(d, f(Op.SINC_GRAD, x)));
      case LOG_SIGMOID -> chain(x, mul(d, f(Op.SIGMOID, neg(x))));                    // sigmoid(-x)
      case IF_GT, IF_GE -> {                                                          // routes d to the taken branch
        send(n.input(2), g.apply(n.op(), 0, List.of(x, y, d, c(0))), Pattern.MAX_ROUTES);
        send(n.input(3), g.apply(n.op(), 0, List.of(x, y, c(0), d)), Pattern.MAX_ROUTES);
      }
      case BCE_LOGITS -> { chain(x, mul(d, sub(f(Op.SIGMOID, x), y))); chain(y, mul(d, neg(x))); } // σ(z) - y
      case EXPAND -> send(x, d, Pattern.COPY_SUMS);                                    // a copy: its gradients sum
      case SUM, SUM_TO -> send(x, g.applyShaped(Op.EXPAND, x.shape(), x.batched(), d), Pattern.ADD_DISTRIBUTES);
      case RESHAPE -> chain(x, g.applyShaped(Op.RESHAPE, x.shape(), x.batched(), d));
      case TRANSPOSE -> chain(x, f(Op.TRANSPOSE, d));
      case MATMUL -> matmul(x, y, d);
      case OUTER -> { send(x, g.apply(Op.MATMUL, d, y), Pattern.MUL_SWITCHES); send(y, g.apply(Op.MATMUL, f(Op.TRANSPOSE, d), x), Pattern.MUL_SWITCHES); }
      case SOFTMAX -> chain(x, mul(n, sub(d, f(Op.SUM, mul(d, n)))));                  // s (g - Σ g s)
      case LOG_SOFTMAX -> chain(x, sub(d, mul(f(Op.SOFTMAX, x), f(Op.SUM, d))));         // g - softmax(x) Σ g
      case CROSS_ENTROPY -> chain(x, mul(d, sub(f(Op.SOFTMAX, x), g.apply(Op.ONEHOT, x.shape().dim(0), y)))); // softmax - onehot
      case HINGE -> chain(x, mul(d, g.apply(Op.HINGE_GRAD, n.attr(), x, y)));
      case ONEHOT -> { }                                                              // of a label: no gradient
      case CONV2D -> conv2d(n, x, y, d);
      case MAXPOOL -> send(x, g.applyWithSettings(Op.MAXPOOL_GRAD, settings(n), x, d), Pattern.MAX_ROUTES); // to each window's first max
      case AVGPOOL -> send(x, g.applyWithSettings(Op.AVGPOOL_GRAD,                                       // g / size² to each element
          new int[] {n.setting("size"), n.setting("stride"), x.shape().dim(1), x.shape().dim(2)}, d), Pattern.ADD_DISTRIBUTES);
      case GELU_GRAD, MISH_GRAD, SINC_GRAD, HINGE_GRAD, CONV2D_INPUT_GRAD, CONV2D_KERNEL_GRAD, MAXPOOL_GRAD, AVGPOOL_GRAD ->
          throw new UnsupportedOperationException("second derivatives of " + n.op().displayName() + " are not supported");
    }
  }

  /**
   * The lecture's layer backward for y = A @ B: dA = g Bᵀ and dB = Aᵀ g, with vectors as the
   * column (right) or row (left) they stand for; over a batch, fit sums dW over the examples.
   */
  private void matmul(Node a, Node b, Node d) {
    int ra = a.shape().rank();
    int rb = b.shape().rank();
    if (ra == 1 && rb == 1) {                                    // a dot product
      send(a, mul(d, b), Pattern.MUL_SWITCHES);
      send(b, mul(d, a), Pattern.MUL_SWITCHES);
    } else if (ra == 2 && rb == 1) {                             // W @ x
      send(a, g.apply(Op.OUTER, d, b), Pattern.MUL_SWITCHES);
      send(b, g.apply(Op.MATMUL, f(Op.TRANSPOSE, a), d), Pattern.MUL_SWITCHES);
    } else if (ra == 1) {                                        // x @ W
      send(a, g.apply(Op.MATMUL, b, d), Pattern.MUL_SWITCHES);
      send(b, g.apply(Op.OUTER, a, d), Pattern.MUL_SWITCHES);
    } else {                                                     // A @ B
      send(a, g.apply(Op.MATMUL, d, f(Op.TRANSPOSE, b)), Pattern.MUL_SWITCHES);
      send(b, g.apply(Op.MATMUL, f(Op.TRANSPOSE, a), d), Pattern.MUL_SWITCHES);
    }
  }

  /**
   * The correlation's backward, a sum of products like '@': dx is the full correlation of the
   * stride-dilated g with the flipped kernel, dK the correlation of x with g (fit sums it over the
   * batch for a shared kernel).
   */
  private void conv2d(Node n, Node x, Node k, Node d) {
    int stride = n.setting("stride");
    int pad = n.setting("pad");
    Shape ks = k.shape();
    send(x, g.applyWithSettings(Op.CONV2D_INPUT_GRAD, new int[] {stride, pad, x.shape().dim(1), x.shape().dim(2)}, d, k), Pattern.MUL_SWITCHES);
    send(k, g.applyWithSettings(Op.CONV2D_KERNEL_GRAD, new int[] {stride, pad, ks.dim(ks.rank() - 2), ks.dim(ks.rank() - 1), ks.rank()}, x, d),
        Pattern.MUL_SWITCHES);
  }

  private static int[] settings(Node n) {
    return n.data().stream().mapToInt(Double::intValue).toArray();
  }

  private void chain(Node to, Node value) {
    send(to, value, Pattern.CHAIN_RULE);
  }

  private Node c(double v) {
    return g.constant(v);
  }

  private Node f(Op op, Node x) {
    return g.apply(op, x);
  }

  private Node neg(Node x) {
    return g.apply(Op.NEG, x);
  }

  private Node mul(Node a, Node b) {
    return g.apply(Op.MUL, a, b);
  }

  private Node div(Node a, Node b) {
    return g.apply(Op.DIV, a, b);
  }

  private Node sub(Node a, Node b) {
    return g.apply(Op.SUB, a, b);
  }

  private Node pow(Node x, double exponent) {
    return g.apply(Op.POW, exponent, x);
  }

  private Node ifGe(Node a, Node b, Node then, Node otherwise) {
    return g.apply(Op.IF_GE, 0, List.of(a, b, then, otherwise));
  }

  private Node ifGt(Node a, Node b, Node then, Node otherwise) {
    return g.apply(Op.IF_GT, 0, List.of(a, b, then, otherwise));
  }
}
