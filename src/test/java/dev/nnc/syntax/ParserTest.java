package dev.nnc.syntax;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parser covers all of SPEC.md §1, with its precedence, even where lowering comes later. */
class ParserTest {

  /** An expression as an S-expression, so structure and precedence are plain to see. */
  private static String sexp(Ast.Expr e) {
    if (e instanceof Ast.Num n) return n.text();
    if (e instanceof Ast.Name n) return n.id();
    if (e instanceof Ast.Negate n) return "(- " + sexp(n.operand()) + ")";
    if (e instanceof Ast.Binary b) return "(" + b.op().symbol + " " + sexp(b.left()) + " " + sexp(b.right()) + ")";
    if (e instanceof Ast.TensorLit t) return t.elements().stream().map(ParserTest::sexp).collect(Collectors.joining(" ", "[", "]"));
    Ast.Call c = (Ast.Call) e;
    String args = c.args().stream().map(ParserTest::sexp).collect(Collectors.joining(" "));
    String named = c.named().stream().map(a -> " " + a.name() + "=" + sexp(a.value())).collect(Collectors.joining());
    return "(" + c.callee() + (args.isEmpty() ? "" : " " + args) + named + ")";
  }

  private static String expr(String text) {
    Ast.Assign a = (Ast.Assign) Parser.parse(new SourceFile("t.nn", "f = " + text)).items().get(0);
    return sexp(a.value());
  }

  @Test
  void precedenceLoosestFirst() {
    assertThat(expr("a + b * c")).isEqualTo("(+ a (* b c))");
    assertThat(expr("a - b - c")).isEqualTo("(- (- a b) c)");
    assertThat(expr("a / b * c")).isEqualTo("(* (/ a b) c)");
    assertThat(expr("W @ x + b")).isEqualTo("(+ (@ W x) b)");
    assertThat(expr("-x ^ 2")).isEqualTo("(- (^ x 2))");
    assertThat(expr("x ^ -2")).isEqualTo("(^ x (- 2))");
    assertThat(expr("2 ^ 3 ^ 2")).isEqualTo("(^ 2 (^ 3 2))");
    assertThat(expr("-a * b")).isEqualTo("(* (- a) b)");
    assertThat(expr("a * -4")).isEqualTo("(* a (- 4))");
    assertThat(expr("(a + b) * c")).isEqualTo("(* (+ a b) c)");
  }

  @Test
  void callsWithNamedArgumentsAndTensorLiterals() {
    assertThat(expr("dense(h, 10, act = identity)")).isEqualTo("(dense h 10 act=identity)");
    assertThat(expr("conv2d(x, K, stride = 2, pad = 1)")).isEqualTo("(conv2d x K stride=2 pad=1)");
    assertThat(expr("[[1, 0, -1], [2, 0, -2]]")).isEqualTo("[[1 0 (- 1)] [2 0 (- 2)]]");
    assertThat(expr("sum(x)")).isEqualTo("(sum x)");
  }

  @Test
  void numbersAsSpecWritesThem() {
    assertThat(expr("3 + 0.01 + 1e-3 + 2.5E+4 + .5")).isEqualTo("(+ (+ (+ (+ 3 0.01) 1e-3) 2.5E+4) .5)");
  }

  @Test
  void wholeLanguage() {
    String program = String.join("\n",
        "# declarations",
        "input a, b, c",
        "input x[784]; label y",
        "input img[3, H, W]",
        "label t[10]",
        "param W[128, 784] = he",
        "param w0 = 2",
        "const K[3, 3] = [[-1, -1, -1], [0, 0, 0],",
        "                 [1, 1, 1]]",
        "def neuron(x, w, b) = sigmoid(dot(w, x) + b)",
        "layer dense2(x, n, act = relu) {",
        "  param W[n, size(x)] = he",
        "  param b[n] = zeros",
        "  return act(W @ x + b)",
        "}",
        "model mlp {",
        "  input x[784]",
        "  label y",
        "  h1 = dense(x, 128)",
        "  logits = dense(h1, 10, act = identity)",
        "  loss = cross_entropy(logits, y)",
        "}");
    List<Ast.Item> items = Parser.parse(new SourceFile("t.nn", program)).items();
    assertThat(items.stream().map(i -> i.getClass().getSimpleName()).toList()).containsExactly(
        "Declaration", "Declaration", "Declaration", "Declaration", "Declaration", "Declaration", "Declaration",
        "Declaration", "Declaration", "Declaration", "Def", "Layer", "Model").inOrder();
    Ast.Declaration img = (Ast.Declaration) items.get(5);
    assertThat(img.name()).isEqualTo("img");
    assertThat(img.dims().stream().map(ParserTest::sexp).toList()).containsExactly("3", "H", "W").inOrder();
    Ast.Declaration k = (Ast.Declaration) items.get(9);
    assertThat(k.kind()).isEqualTo(Ast.DeclKind.CONST);
    assertThat(sexp(k.init())).isEqualTo("[[(- 1) (- 1) (- 1)] [0 0 0] [1 1 1]]");
    Ast.Layer layer = (Ast.Layer) items.get(11);
    assertThat(layer.formals().get(2).name()).isEqualTo("act");
    assertThat(sexp(layer.formals().get(2).defaultValue())).isEqualTo("relu");
    assertThat(layer.body()).hasSize(3);
    Ast.Model model = (Ast.Model) items.get(12);
    assertThat(model.name()).isEqualTo("mlp");
    assertThat(model.body()).hasSize(5);
    assertThat(model.body().get(0).span()).isEqualTo(new Span(17, 9));
  }
}
