package dev.nnc.syntax;

import dev.nnc.syntax.Ast.BinaryOp;
import dev.nnc.syntax.Ast.DeclKind;
import dev.nnc.syntax.antlr.NnBaseVisitor;
import dev.nnc.syntax.antlr.NnParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns ANTLR's parse tree into the immutable {@link Ast}; one method per grammar rule. */
final class AstBuilder extends NnBaseVisitor<Object> {
  private final SourceFile source;

  AstBuilder(SourceFile source) {
    this.source = source;
  }

  Ast.Program program(NnParser.ProgramContext ctx) {
    List<Ast.Item> items = new ArrayList<>();
    for (NnParser.ItemContext item : ctx.item()) addItem(items, visit(item));
    return new Ast.Program(source, List.copyOf(items));
  }

  @Override
  public Object visitItem(NnParser.ItemContext ctx) {
    return visit(ctx.getChild(0));
  }

  @Override
  public Object visitStatement(NnParser.StatementContext ctx) {
    return visit(ctx.getChild(0));
  }

  @Override
  public Object visitDataDecl(NnParser.DataDeclContext ctx) {
    // "input a, b, c" declares several names; the caller flattens the list.
    DeclKind kind = ctx.kind.getType() == NnParser.INPUT ? DeclKind.INPUT : DeclKind.LABEL;
    List<Ast.Declaration> decls = new ArrayList<>();
    for (NnParser.TargetContext t : ctx.target()) decls.add(declaration(kind, t, null));
    return decls;
  }

  @Override
  public Object visitParamDecl(NnParser.ParamDeclContext ctx) {
    return List.of(declaration(DeclKind.PARAM, ctx.target(), ctx.expr() == null ? null : expr(ctx.expr())));
  }

  @Override
  public Object visitConstDecl(NnParser.ConstDeclContext ctx) {
    return List.of(declaration(DeclKind.CONST, ctx.target(), expr(ctx.expr())));
  }

  private Ast.Declaration declaration(DeclKind kind, NnParser.TargetContext t, Ast.Expr init) {
    return new Ast.Declaration(span(t.NAME()), kind, t.NAME().getText(), exprs(t.expr()), init);
  }

  @Override
  public Object visitAssignment(NnParser.AssignmentContext ctx) {
    return new Ast.Assign(span(ctx.NAME()), ctx.NAME().getText(), expr(ctx.expr()));
  }

  @Override
  public Object visitReturnStmt(NnParser.ReturnStmtContext ctx) {
    return new Ast.Return(span(ctx.start), expr(ctx.expr()));
  }

  @Override
  public Object visitDef(NnParser.DefContext ctx) {
    return new Ast.Def(span(ctx.NAME()), ctx.NAME().getText(), formals(ctx.formals()), expr(ctx.expr()));
  }

  @Override
  public Object visitLayer(NnParser.LayerContext ctx) {
    return new Ast.Layer(span(ctx.NAME()), ctx.NAME().getText(), formals(ctx.formals()), block(ctx.block()));
  }

  @Override
  public Object visitModel(NnParser.ModelContext ctx) {
    return new Ast.Model(span(ctx.NAME()), ctx.NAME().getText(), block(ctx.block()));
  }

  private List<Ast.Stmt> block(NnParser.BlockContext ctx) {
    List<Ast.Stmt> stmts = new ArrayList<>();
    for (NnParser.StatementContext s : ctx.statement()) addStatement(stmts, visit(s));
    return List.copyOf(stmts);
  }

  // A declaration line may declare several names ("input a, b, c"); it builds to a list.
  private static void addStatement(List<Ast.Stmt> out, Object built) {
    if (built instanceof List<?> list) list.forEach(d -> out.add((Ast.Stmt) d));
    else out.add((Ast.Stmt) built);
  }

  private static void addItem(List<Ast.Item> out, Object built) {
    if (built instanceof List<?> list) list.forEach(d -> out.add((Ast.Item) d));
    else out.add((Ast.Item) built);
  }

  private List<Ast.Formal> formals(NnParser.FormalsContext ctx) {
    if (ctx == null) return List.of();
    List<Ast.Formal> formals = new ArrayList<>();
    for (NnParser.FormalContext f : ctx.formal()) {
      formals.add(new Ast.Formal(span(f.NAME()), f.NAME().getText(), f.expr() == null ? null : expr(f.expr())));
    }
    return List.copyOf(formals);
  }

  // ---- expressions

  private Ast.Expr expr(ParserRuleContext ctx) {
    return (Ast.Expr) visit(ctx);
  }

  private List<Ast.Expr> exprs(List<? extends ParserRuleContext> ctxs) {
    List<Ast.Expr> out = new ArrayList<>();
    for (ParserRuleContext c : ctxs) out.add(expr(c));
    return List.copyOf(out);
  }

  @Override
  public Object visitAddSub(NnParser.AddSubContext ctx) {
    BinaryOp op = ctx.op.getText().equals("+") ? BinaryOp.ADD : BinaryOp.SUB;
    return new Ast.Binary(span(ctx.op), op, expr(ctx.expr()), expr(ctx.term()));
  }

  @Override
  public Object visitToTerm(NnParser.ToTermContext ctx) {
    return visit(ctx.term());
  }

  @Override
  public Object visitMulDiv(NnParser.MulDivContext ctx) {
    BinaryOp op = switch (ctx.op.getText()) {
      case "*" -> BinaryOp.MUL;
      case "/" -> BinaryOp.DIV;
      default -> BinaryOp.MATMUL;
    };
    return new Ast.Binary(span(ctx.op), op, expr(ctx.term()), expr(ctx.unary()));
  }

  @Override
  public Object visitToUnary(NnParser.ToUnaryContext ctx) {
    return visit(ctx.unary());
  }

  @Override
  public Object visitNegate(NnParser.NegateContext ctx) {
    return new Ast.Negate(span(ctx.start), expr(ctx.unary()));
  }

  @Override
  public Object visitToPower(NnParser.ToPowerContext ctx) {
    return visit(ctx.power());
  }

  @Override
  public Object visitRaise(NnParser.RaiseContext ctx) {
    Token caret = ((TerminalNode) ctx.getChild(1)).getSymbol();
    return new Ast.Binary(span(caret), BinaryOp.POW, expr(ctx.primary()), expr(ctx.unary()));
  }

  @Override
  public Object visitToPrimary(NnParser.ToPrimaryContext ctx) {
    return visit(ctx.primary());
  }

  @Override
  public Object visitNumber(NnParser.NumberContext ctx) {
    String text = ctx.NUMBER().getText();
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw new CompileException(source, span(ctx.start), "number " + text + " is too large for a double");
    }
    return new Ast.Num(span(ctx.start), value, text);
  }

  @Override
  public Object visitName(NnParser.NameContext ctx) {
    return new Ast.Name(span(ctx.start), ctx.NAME().getText());
  }

  @Override
  public Object visitParens(NnParser.ParensContext ctx) {
    return visit(ctx.expr());
  }

  @Override
  public Object visitTensor(NnParser.TensorContext ctx) {
    return new Ast.TensorLit(span(ctx.start), exprs(ctx.expr()));
  }

  @Override
  public Object visitCall(NnParser.CallContext ctx) {
    List<Ast.Expr> positional = new ArrayList<>();
    List<Ast.NamedArg> named = new ArrayList<>();
    for (NnParser.ArgumentContext a : ctx.argument()) {
      Ast.Expr value = expr(a.expr());
      if (a.NAME() != null) {
        named.add(new Ast.NamedArg(span(a.NAME()), a.NAME().getText(), value));
      } else if (!named.isEmpty()) {
        throw new CompileException(source, value.span(), "a positional argument cannot follow a named one");
      } else {
        positional.add(value);
      }
    }
    return new Ast.Call(span(ctx.start), ctx.NAME().getText(), List.copyOf(positional), List.copyOf(named));
  }

  private static Span span(TerminalNode node) {
    return span(node.getSymbol());
  }

  private static Span span(Token token) {
    return new Span(token.getLine(), token.getCharPositionInLine() + 1);
  }
}
