package dev.nnc;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.runtime.Workspace;
import org.junit.jupiter.api.Test;

/** The lecture's worked examples, computed by the compiled classes. */
class LectureTest {

  @Test
  void addMulGivesTheLecturesNumbers() {
    Workspace ws = TestCompiler.compile("f = a*b + c").compiled().newWorkspace(0);
    ws.set("a", 3).set("b", 2).set("c", -4);
    ws.forward();
    ws.backward();
    assertThat(ws.value("f")).isEqualTo(2.0);
    assertThat(ws.gradient("a")).isEqualTo(2.0);
    assertThat(ws.gradient("b")).isEqualTo(3.0);
    assertThat(ws.gradient("c")).isEqualTo(1.0);
  }

  @Test
  void sigmoidNeuronGateByGateAndAsOneCallGiveTheLecturesNumbers() {
    for (String program : new String[] {"f = 1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))", "f = sigmoid(w0*x0 + w1*x1 + w2)"}) {
      Workspace ws = TestCompiler.compile(program).compiled().newWorkspace(0);
      ws.set("w0", 2).set("x0", -1).set("w1", -3).set("x1", -2).set("w2", -3);
      ws.forward();
      ws.backward();
      // The lecture's hand computation in double arithmetic: z = 1, s = 1/(1+e^-1), ds/dz = s(1-s).
      double s = 1 / (1 + Math.exp(-1.0));
      double dz = (1 - s) * s;
      assertThat(ws.value("f")).isWithin(1e-12).of(0.7310585786300049);
      assertThat(ws.value("f")).isWithin(1e-12).of(s);
      assertThat(ws.gradient("w0")).isWithin(1e-12).of(-1 * dz);
      assertThat(ws.gradient("x0")).isWithin(1e-12).of(2 * dz);
      assertThat(ws.gradient("w1")).isWithin(1e-12).of(-2 * dz);
      assertThat(ws.gradient("x1")).isWithin(1e-12).of(-3 * dz);
      assertThat(ws.gradient("w2")).isWithin(1e-12).of(dz);
      // and rounded as the slides print them
      assertThat(Math.round(ws.gradient("w0") * 100) / 100.0).isEqualTo(-0.20);
      assertThat(Math.round(ws.gradient("x0") * 100) / 100.0).isEqualTo(0.39);
      assertThat(Math.round(ws.gradient("w1") * 100) / 100.0).isEqualTo(-0.39);
      assertThat(Math.round(ws.gradient("x1") * 100) / 100.0).isEqualTo(-0.59);
      assertThat(Math.round(ws.gradient("w2") * 100) / 100.0).isEqualTo(0.20);
    }
  }

  @Test
  void paramsStartAtTheirDeclaredValuesAndGetGradients() {
    Workspace ws = TestCompiler.compile("input x\nparam w = 0.5\nparam b = -1\ny = w * x + b").compiled().newWorkspace(0);
    ws.set("x", 4);
    ws.forward();
    ws.backward();
    assertThat(ws.value("y")).isEqualTo(1.0);
    assertThat(ws.gradient("w")).isEqualTo(4.0);
    assertThat(ws.gradient("b")).isEqualTo(1.0);
    assertThat(ws.gradient("x")).isEqualTo(0.5);
  }

  @Test
  void defsAreInlinedAndLayersNameTheirParametersAfterTheTarget() {
    String program = String.join("\n",
        "def affine(x, w, b) = w * x + b",
        "layer neuron(x, act = sigmoid) {",
        "  param w = 2",
        "  param b = -1",
        "  return act(affine(x, w, b))",
        "}",
        "input a",
        "h = neuron(a, act = tanh)",
        "o = neuron(h)");
    Compilation c = TestCompiler.compile(program);
    assertThat(c.compiled().leafNames(dev.nnc.runtime.ArenaLayout.Role.PARAM)).containsExactly("h.w", "h.b", "o.w", "o.b").inOrder();
    Workspace ws = c.compiled().newWorkspace(0);
    ws.set("a", 1);
    ws.forward();
    ws.backward();
    double h = Math.tanh(2 * 1 - 1);
    double o = 1 / (1 + Math.exp(-(2 * h - 1)));
    assertThat(ws.value("h")).isWithin(1e-15).of(h);
    assertThat(ws.value("o")).isWithin(1e-15).of(o);
    assertThat(ws.gradient("o.b")).isWithin(1e-15).of(o * (1 - o));
    assertThat(ws.gradient("h.b")).isWithin(1e-15).of(o * (1 - o) * 2 * (1 - h * h));
  }
}
