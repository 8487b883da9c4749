package dev.nnc.lower;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.TestCompiler;
import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.Workspace;
import dev.nnc.syntax.CompileException;
import dev.nnc.syntax.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code input img[3, H, W]}: dimensions the data binds, one class per binding (SPEC.md §1). */
class NamedDimensionsTest {
  private static final String FILTER = """
      input img[3, H, W]
      param P[H, W] = zeros
      out = img * 2 + P
      n = size(img)
      h = dim(img, 1)
      w = W
      """;

  private static Compilation compile(String text, Map<String, Integer> dims) {
    return TestCompiler.verified(Nnc.compile(new SourceFile("test.nn", text), Nnc.Options.DEFAULT.withDims(dims)));
  }

  @Test
  void theBindingGivesEveryShapeThatFollowsFromIt() {
    Compilation c = compile(FILTER, Map.of("H", 2, "W", 4));
    assertThat(c.lowered().leaf("img").node().shape().dims()).containsExactly(3, 2, 4).inOrder();
    assertThat(c.lowered().leaf("P").node().shape().dims()).containsExactly(2, 4).inOrder();
    Workspace ws = c.compiled().newWorkspace(0);
    double[] img = new double[24];
    for (int i = 0; i < img.length; i++) img[i] = i;
    ws.set("img", img);
    ws.forward();
    assertThat(ws.values("out")[23]).isEqualTo(46.0);
    assertThat(ws.value("n")).isEqualTo(24.0);
    assertThat(ws.value("h")).isEqualTo(2.0);
    assertThat(ws.value("w")).isEqualTo(4.0);
  }

  @Test
  void anotherBindingIsAnotherClass() {
    Compilation small = compile(FILTER, Map.of("H", 2, "W", 4));
    Compilation large = compile(FILTER, Map.of("H", 96, "W", 128));
    assertThat(large.compiled().layout().find("out", dev.nnc.runtime.ArenaLayout.Role.VALUE).dims()).containsExactly(3, 96, 128).inOrder();
    assertThat(small.compiled().layout().size()).isLessThan(large.compiled().layout().size());
  }

  @Test
  void anUnboundDimensionIsAnErrorAtItsName() {
    CompileException e = assertThrows(CompileException.class, () -> Nnc.compile("f.nn", FILTER));
    assertThat(e.diagnostic().render()).startsWith("f.nn:1:14: dimension 'H' of input 'img' is not bound: the data binds it when the program runs");
  }

  @Test
  void inputsMayShareANameAndLaterDeclarationsUseIt() {
    String text = """
        input a[1, H, W]
        input b[3, H, W]
        label mask[1, H, W]
        loss = sum((a + b - mask) ^ 2)
        """;
    Compilation c = compile(text, Map.of("H", 5, "W", 7));
    assertThat(c.lowered().leaf("b").node().shape().dims()).containsExactly(3, 5, 7).inOrder();
    assertThat(c.lowered().leaf("mask").node().shape().dims()).containsExactly(1, 5, 7).inOrder();
    List<DeclaredShape> declared = Nnc.declaredInputs(new SourceFile("t.nn", text), null);
    assertThat(declared.stream().map(DeclaredShape::input).toList()).containsExactly("a", "b").inOrder();
    assertThat(declared.toString()).isEqualTo("[[1, H, W], [3, H, W]]");
  }

  @Test
  void declaredInputsAreReadWithoutABinding() {
    List<DeclaredShape> shapes = Nnc.declaredInputs(new SourceFile("t.nn", "const C = 3\n" + FILTER.replace("[3, H, W]", "[C, H, W]")), null);
    assertThat(shapes).hasSize(1);
    DeclaredShape img = shapes.get(0);
    assertThat(img.input()).isEqualTo("img");
    assertThat(img.axis(0)).isEqualTo(new DeclaredShape.Axis(null, 3));
    assertThat(img.axis(1)).isEqualTo(new DeclaredShape.Axis("H", 0));
    assertThat(img.hasNamedAxes()).isTrue();
    assertThat(Nnc.declaredInputs(new SourceFile("t.nn", "input x[4]\ny = x * 2\n"), null).get(0).hasNamedAxes()).isFalse();
  }

  @Test
  void onlyAnInputNamesADimension() {
    CompileException e = assertThrows(CompileException.class, () -> Nnc.compile("f.nn", "input x[3]\nparam W[N, 3] = he\ny = W @ x\n"));
    assertThat(e.diagnostic().render()).startsWith("f.nn:2:9: unknown name 'N' as a dimension; only an input's declaration may name a dimension that the data binds");
  }

  @Test
  void aNamedDimensionCannotBeRedeclaredOrAssigned() {
    CompileException declared = assertThrows(CompileException.class,
        () -> compile("input img[1, H, W]\nconst H = 3\ny = img * H\n", Map.of("H", 2, "W", 2)));
    assertThat(declared.diagnostic().render()).isEqualTo("test.nn:2:7: 'H' is already declared at 1:14\n  const H = 3\n        ^\n");
    CompileException assigned = assertThrows(CompileException.class,
        () -> compile("input img[1, H, W]\nH = 3\ny = img * H\n", Map.of("H", 2, "W", 2)));
    assertThat(assigned.diagnostic().render()).startsWith("test.nn:1:14: 'H' is used before its assignment");
  }

  @Test
  void aFixedProgramIgnoresBindings() {
    Compilation c = compile("input x[4]\ny = sum(x * 2)\n", Map.of("H", 3));
    assertThat(c.lowered().leaf("x").node().shape().dims()).containsExactly(4);
  }
}
