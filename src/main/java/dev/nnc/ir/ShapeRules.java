package dev.nnc.ir;

import java.util.List;

/**
 * The shape of each op's result from its inputs' shapes (per example; batched when any input is),
 * and the errors, naming both shapes and the operator, when they do not fit.
 */
public final class ShapeRules {
  private ShapeRules() {}

  public record Result(Shape shape, boolean batched) {}

  /** A shape mismatch; lowering adds the place in the source. */
  public static final class ShapeError extends RuntimeException {
    public ShapeError(String message) {
      super(message);
    }
  }

  static boolean isShaped(Op op) {
    return op == Op.EXPAND || op == Op.SUM_TO || op == Op.RESHAPE;
  }

  static Result infer(Op op, double attr, List<Double> data, List<Node> in) {
    boolean batched = in.stream().anyMatch(Node::batched);
    if (op.isElementwise()) return new Result(broadcastAll(op, in), batched);
    Shape a = in.get(0).shape();
    return switch (op) {
      case MATMUL -> new Result(matmul(a, in.get(1).shape()), batched);
      case OUTER -> {
        Shape b = in.get(1).shape();
        if (a.rank() != 1 || b.rank() != 1) throw new ShapeError("outer product needs two vectors, got " + a + " and " + b);
        yield new Result(Shape.of(a.dim(0), b.dim(0)), batched);
      }
      case TRANSPOSE -> {
        if (a.rank() > 2) throw new ShapeError("transpose takes a vector or a matrix, got shape " + a);
        yield new Result(a.rank() == 2 ? Shape.of(a.dim(1), a.dim(0)) : a, batched);
      }
      case SUM -> new Result(Shape.SCALAR, batched);
      case SOFTMAX, LOG_SOFTMAX -> {
        if (a.rank() != 1) throw new ShapeError(op.displayName() + " takes a vector, got shape " + a);
        yield new Result(a, batched);
      }
      case ONEHOT -> {
        if (!a.isScalar()) throw new ShapeError("onehot takes a class index (a scalar), got shape " + a);
        yield new Result(Shape.of((int) attr), batched);
      }
      case CROSS_ENTROPY, HINGE, HINGE_GRAD -> {
        Shape y = in.get(1).shape();
        if (a.rank() != 1) throw new ShapeError(lossName(op) + " takes a vector of scores, got shape " + a);
        if (!y.isScalar()) throw new ShapeError(lossName(op) + " takes a class index label here, got shape " + y);
        yield new Result(op == Op.HINGE_GRAD ? a : Shape.SCALAR, batched);
      }
      case CONV2D, CONV2D_INPUT_GRAD, CONV2D_KERNEL_GRAD, MAXPOOL, MAXPOOL_GRAD, AVGPOOL, AVGPOOL_GRAD ->
          new Result(WindowShapes.infer(op, data.stream().mapToInt(Double::intValue).toArray(), in), batched);
      default -> throw new IllegalArgumentException(op + " has a chosen shape");
    };
  }

  private static String lossName(Op op) {
    return op == Op.CROSS_ENTROPY ? "cross_entropy" : "hinge";
  }

  private static Shape broadcastAll(Op op, List<Node> in) {
    Shape out = in.get(0).shape();
    for (int i = 1; i < in.size(); i++) {
      Shape next = Shape.broadcast(out, in.get(i).shape());
      if (next == null) {
        throw new ShapeError("shapes " + out + " and " + in.get(i).shape() + " do not broadcast in " + symbol(op));
      }
      out = next;
    }
    return out;
  }

  private static String symbol(Op op) {
    return switch (op) {
      case ADD -> "'+'";
      case SUB -> "'-'";
      case MUL -> "'*'";
      case DIV -> "'/'";
      default -> op.displayName();
    };
  }

  /** SPEC.md's '@': [n, m] @ [m] is [n]; [n, m] @ [m, k] is [n, k]; [m] @ [m, k] is [k]; [m] @ [m] is a scalar. */
  private static Shape matmul(Shape a, Shape b) {
    if (a.rank() < 1 || a.rank() > 2 || b.rank() < 1 || b.rank() > 2) {
      throw new ShapeError("'@' multiplies vectors and matrices, got shapes " + a + " @ " + b);
    }
    int inner = a.dim(a.rank() - 1);
    if (inner != b.dim(0)) {
      throw new ShapeError("'@' needs the inner dimensions to agree, but " + a + " @ " + b + " has " + inner + " against " + b.dim(0));
    }
    if (a.rank() == 2 && b.rank() == 1) return Shape.of(a.dim(0));
    if (a.rank() == 2) return Shape.of(a.dim(0), b.dim(1));
    if (b.rank() == 2) return Shape.of(b.dim(1));
    return Shape.SCALAR;
  }

  static void checkShaped(Op op, Shape shape, boolean batched, Node in) {
    switch (op) {
      case EXPAND -> {
        Shape b = Shape.broadcast(in.shape(), shape);
        if (b == null || !b.equals(shape) || in.batched() && !batched) {
          throw new ShapeError("cannot expand shape " + in.shape() + " to " + shape);
        }
      }
      case SUM_TO -> {
        Shape b = Shape.broadcast(in.shape(), shape);
        if (b == null || !b.equals(in.shape()) || batched && !in.batched()) {
          throw new ShapeError("cannot sum shape " + in.shape() + " to " + shape);
        }
      }
      case RESHAPE -> {
        if (shape.size() != in.shape().size() || batched != in.batched()) {
          throw new ShapeError("cannot reshape " + in.shape() + " to " + shape);
        }
      }
      default -> throw new IllegalArgumentException(op + " has an inferred shape");
    }
  }
}
