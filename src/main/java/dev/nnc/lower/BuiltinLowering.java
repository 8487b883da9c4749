package dev.nnc.lower;

import dev.nnc.ir.Graph;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import dev.nnc.ir.Prediction;
import dev.nnc.runtime.PredictionKind;
import dev.nnc.ir.Shape;
import dev.nnc.syntax.Ast;
import dev.nnc.syntax.Span;

/**
 * Lowers calls of SPEC.md's built-in functions to IR ops. Reductions and losses are composed
 * from a few tensor ops (mean is sum / size; mse is the mean of squares) so that their
 * derivatives come from the same table as everything else.
 */
final class BuiltinLowering {

  /** What lowering a call needs from the lowerer: argument values, constants, errors, warnings. */
  interface Context {
    Node node(Ast.Expr e);

    double constant(Ast.Expr e, String what);

    Node apply(Span span, Op op, double attr, Node... inputs);

    /** A window op with its integer settings; a shape mismatch becomes an error at {@code span}. */
    Node applyWithSettings(Span span, Op op, int[] settings, Node... inputs);

    Graph graph();

    RuntimeException error(Span span, String message);

    void warn(Span span, String message);

    void lossCall(Node loss, Prediction prediction);

    /** Whether composites are lowered to primitives ({@code --expand}). */
    boolean expand();
  }

  private BuiltinLowering() {}

  static Node lower(Builtin builtin, Ast.Call call, Ast.Expr[] args, Context cx) {
    Span at = call.span();
    String name = builtin.name();
    if (cx.expand() && Expansions.has(name)) {
      Node[] inputs = new Node[args.length];
      for (int i = 0; i < args.length; i++) if (args[i] != null) inputs[i] = cx.node(args[i]);
      double alpha = args.length > 1 && args[1] != null ? cx.constant(args[1], "the alpha of " + name) : builtin.defaults().size() > 1 && builtin.defaults().get(1) != null ? builtin.defaults().get(1) : 0;
      return Expansions.expand(name, inputs[0], alpha, (op, attr, in) -> cx.apply(at, op, attr, in), cx.graph());
    }
    if (builtin.op() != null) {
      Op op = builtin.op();
      Node[] inputs = new Node[op.arity];
      for (int i = 0; i < op.arity; i++) inputs[i] = cx.node(args[i]);
      double attr = !op.hasAttr ? 0 : args[1] == null ? builtin.defaults().get(1) : cx.constant(args[1], "the " + builtin.formals().get(1) + " of " + name);
      return cx.apply(at, op, attr, inputs);
    }
    return switch (name) {
      case "identity" -> cx.node(args[0]);
      case "sum" -> cx.apply(at, Op.SUM, 0, cx.node(args[0]));
      case "mean" -> mean(at, cx.node(args[0]), cx);
      case "dot" -> {
        Node a = cx.node(args[0]);
        Node b = cx.node(args[1]);
        if (a.shape().rank() != 1 || !a.shape().equals(b.shape())) {
          throw cx.error(at, "dot takes two vectors of the same length, got " + a.shape() + " and " + b.shape());
        }
        yield cx.apply(at, Op.SUM, 0, cx.apply(at, Op.MUL, 0, a, b));
      }
      case "onehot" -> {
        int k = positiveInt(args[1], "the class count of onehot", cx);
        Node y = cx.node(args[0]);
        checkClass(args[0], y, k, cx);
        yield cx.apply(at, Op.ONEHOT, k, y);
      }
      case "flatten" -> {
        Node x = cx.node(args[0]);
        yield cx.graph().applyShaped(Op.RESHAPE, Shape.of((int) x.shape().size()), x.batched(), x);
      }
      case "transpose" -> cx.apply(at, Op.TRANSPOSE, 0, cx.node(args[0]));
      case "size" -> cx.graph().constant(cx.node(args[0]).shape().size());
      case "dim" -> {
        Node x = cx.node(args[0]);
        double i = cx.constant(args[1], "the axis of dim");
        if (i != Math.rint(i) || i < 0 || i >= x.shape().rank()) {
          throw cx.error(args[1].span(), "dim: axis " + (long) i + " is out of range for shape " + x.shape());
        }
        yield cx.graph().constant(x.shape().dim((int) i));
      }
      case "softmax" -> cx.apply(at, Op.SOFTMAX, 0, cx.node(args[0]));
      case "log_softmax" -> cx.apply(at, Op.LOG_SOFTMAX, 0, cx.node(args[0]));
      case "mse" -> loss(at, PredictionKind.REGRESSION, args, cx, (p, t) -> mean(at, cx.apply(at, Op.POW, 2, cx.apply(at, Op.SUB, 0, p, t)), cx));
      case "bce" -> bce(call, args, cx);
      case "bce_logits" -> loss(at, PredictionKind.LOGIT, args, cx, (z, y) -> mean(at, cx.apply(at, Op.BCE_LOGITS, 0, z, y), cx));
      case "cross_entropy" -> loss(at, PredictionKind.ARGMAX, args, cx, (z, y) -> y.shape().isScalar()
          ? cx.apply(at, Op.CROSS_ENTROPY, 0, z, y)
          : cx.apply(at, Op.NEG, 0, cx.apply(at, Op.SUM, 0, cx.apply(at, Op.MUL, 0, y, cx.apply(at, Op.LOG_SOFTMAX, 0, z)))));
      case "hinge" -> {
        double margin = args[2] == null ? 1 : cx.constant(args[2], "the margin of hinge");
        yield loss(at, PredictionKind.ARGMAX, args, cx, (s, y) -> cx.apply(at, Op.HINGE, margin, s, y));
      }
      case "conv2d" -> {
        Node x = cx.node(args[0]);
        Node k = cx.node(args[1]);
        int stride = args[2] == null ? 1 : integer(args[2], "the stride of conv2d", 1, cx);
        int pad = args[3] == null ? 0 : integer(args[3], "the padding of conv2d", 0, cx);
        yield cx.applyWithSettings(at, Op.CONV2D, new int[] {stride, pad}, x, k);
      }
      case "maxpool", "avgpool" -> {
        Node x = cx.node(args[0]);
        int size = integer(args[1], "the window size of " + name, 1, cx);
        int stride = args[2] == null ? size : integer(args[2], "the stride of " + name, 1, cx);
        yield cx.applyWithSettings(at, name.equals("maxpool") ? Op.MAXPOOL : Op.AVGPOOL, new int[] {size, stride}, x);
      }
      default -> throw new IllegalStateException("no lowering for built-in '" + name + "'");
    };
  }

  /** An integer setting (a stride, a padding, a window size) of at least {@code least}. */
  private static int integer(Ast.Expr e, String what, int least, Context cx) {
    double v = cx.constant(e, what);
    if (v != Math.rint(v) || v < least || v > 1 << 20) {
      throw cx.error(e.span(), what + " must be " + (least == 0 ? "a non-negative" : "a positive") + " integer, got " + dev.nnc.ir.ExprFormatter.number(v));
    }
    return (int) v;
  }

  private interface LossBody {
    Node apply(Node prediction, Node target);
  }

  private static Node loss(Span at, PredictionKind kind, Ast.Expr[] args, Context cx, LossBody body) {
    Node prediction = cx.node(args[0]);
    Node target = cx.node(args[1]);
    if (kind == PredictionKind.ARGMAX && prediction.shape().rank() == 1) checkClass(args[1], target, prediction.shape().dim(0), cx);
    Node loss = body.apply(prediction, target);
    cx.lossCall(loss, new Prediction(prediction, kind, target));
    return loss;
  }

  // bce(sigmoid(z), y) loses precision where sigmoid saturates: compute bce_logits(z, y), and say so.
  private static Node bce(Ast.Call call, Ast.Expr[] args, Context cx) {
    Span at = call.span();
    Node p = cx.node(args[0]);
    if (p.op() == Op.SIGMOID) {
      cx.warn(at, "bce(sigmoid(z), y) is computed as bce_logits(z, y), its numerically stable form");
      Node target = cx.node(args[1]);
      Node loss = mean(at, cx.apply(at, Op.BCE_LOGITS, 0, p.input(0), target), cx);
      cx.lossCall(loss, new Prediction(p, PredictionKind.PROBABILITY, target));
      return loss;
    }
    return loss(at, PredictionKind.PROBABILITY, args, cx, (q, y) -> {
      Node one = cx.graph().constant(1);
      Node positive = cx.apply(at, Op.MUL, 0, y, cx.apply(at, Op.LOG, 0, q));
      Node negative = cx.apply(at, Op.MUL, 0, cx.apply(at, Op.SUB, 0, one, y), cx.apply(at, Op.LOG, 0, cx.apply(at, Op.SUB, 0, one, q)));
      return mean(at, cx.apply(at, Op.NEG, 0, cx.apply(at, Op.ADD, 0, positive, negative)), cx);
    });
  }

  /**
   * A class index comes from a label (checked against the classes when data is read) or is a
   * constant naming one of the k classes; arithmetic does not make class indices.
   */
  private static void checkClass(Ast.Expr where, Node label, int k, Context cx) {
    if (!label.shape().isScalar()) return;
    if (label.op() == Op.LABEL) return;
    if (!label.isConst()) {
      throw cx.error(where.span(), "a class index must be a label or a constant, not a computed value");
    }
    double c = label.attr();
    if (c != Math.rint(c) || c < 0 || c >= k) {
      throw cx.error(where.span(), "class index " + dev.nnc.ir.ExprFormatter.number(c) + " is not one of the " + k + " classes (0 to " + (k - 1) + ")");
    }
  }

  private static Node mean(Span at, Node x, Context cx) {
    if (x.shape().isScalar()) return x;
    Node sum = cx.apply(at, Op.SUM, 0, x);
    return x.shape().size() == 1 ? sum : cx.apply(at, Op.DIV, 0, sum, cx.graph().constant(x.shape().size()));
  }

  private static int positiveInt(Ast.Expr e, String what, Context cx) {
    double v = cx.constant(e, what);
    if (v != Math.rint(v) || v < 1) throw cx.error(e.span(), what + " must be a positive integer, got " + v);
    return (int) v;
  }
}
