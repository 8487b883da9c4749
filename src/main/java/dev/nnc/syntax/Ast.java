package dev.nnc.syntax;

import java.util.List;

/**
 * The abstract syntax tree of a .nn file: immutable records, each with the span it was parsed from.
 * Built by {@link AstBuilder}; nothing outside this package sees ANTLR's parse tree.
 */
public final class Ast {
  private Ast() {}

  /** A whole file. */
  public record Program(SourceFile source, List<Item> items) {}

  /** What may stand at the top level of a file. */
  public sealed interface Item permits Stmt, Def, Layer, Model {
    Span span();
  }

  /** What may stand in a block (and at the top level). */
  public sealed interface Stmt extends Item permits Declaration, Assign, Return {}

  public enum DeclKind {
    INPUT("input"), LABEL("label"), PARAM("param"), CONST("const");

    public final String keyword;

    DeclKind(String keyword) {
      this.keyword = keyword;
    }
  }

  /** {@code input x[784]}, {@code param W[n, m] = he}, {@code const K[3, 3] = [...]}. */
  public record Declaration(Span span, DeclKind kind, String name, List<Expr> dims, Expr init)
      implements Stmt {
    public boolean isScalar() {
      return dims.isEmpty();
    }
  }

  public record Assign(Span span, String name, Expr value) implements Stmt {}

  public record Return(Span span, Expr value) implements Stmt {}

  /** {@code def neuron(x, w, b) = ...}: an expression macro. */
  public record Def(Span span, String name, List<Formal> formals, Expr body) implements Item {}

  /** {@code layer dense(x, n, act = relu) { ... return ... }}. */
  public record Layer(Span span, String name, List<Formal> formals, List<Stmt> body)
      implements Item {}

  public record Model(Span span, String name, List<Stmt> body) implements Item {}

  /** A formal parameter of a def or layer, with its default value if it has one. */
  public record Formal(Span span, String name, Expr defaultValue) {}

  public sealed interface Expr permits Num, Name, Binary, Negate, Call, TensorLit {
    Span span();
  }

  public record Num(Span span, double value, String text) implements Expr {}

  public record Name(Span span, String id) implements Expr {}

  public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MATMUL("@"), POW("^");

    public final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** A binary operation; its span is the operator's. */
  public record Binary(Span span, BinaryOp op, Expr left, Expr right) implements Expr {}

  public record Negate(Span span, Expr operand) implements Expr {}

  public record Call(Span span, String callee, List<Expr> args, List<NamedArg> named)
      implements Expr {}

  public record NamedArg(Span span, String name, Expr value) {}

  /** {@code [[1, 0], [0, 1]]}: elements are numbers, negated numbers or nested literals. */
  public record TensorLit(Span span, List<Expr> elements) implements Expr {}
}
