package dev.nnc.autodiff;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.TestCompiler;
import dev.nnc.runtime.Workspace;
import org.junit.jupiter.api.Test;

/**
 * ±1000 into the losses and the softmax family gives finite values and the gradients of the stable
 * formulas (SPEC.md §1 "Numerical stability"): logits saturate to exact 0 and 1, never NaN.
 */
class LargeMagnitudeTest {
  private static Workspace run(String program, double[] z, double y) {
    Workspace ws = TestCompiler.compile(program).compiled().newWorkspace(0);
    ws.set("z", z).set("y", y);
    if (program.contains("input c[3]")) ws.set("c", new double[] {1, 2, 3});
    ws.forward();
    ws.backward();
    return ws;
  }

  private static void assertClose(String what, double[] actual, double[] expected) {
    for (int i = 0; i < expected.length; i++) {
      assertWithMessage("%s[%s]", what, i).that(actual[i]).isWithin(1e-12).of(expected[i]);
    }
  }

  @Test
  void crossEntropyOnHugeLogits() {
    String p = "input z[3]\nlabel y\nloss = cross_entropy(z, y)\n";
    Workspace right = run(p, new double[] {1000, -1000, 0}, 0);
    assertClose("loss", right.values("loss"), new double[] {0});
    assertClose("dz", right.gradients("z"), new double[] {0, 0, 0});
    Workspace wrong = run(p, new double[] {1000, -1000, 0}, 1);
    assertClose("loss", wrong.values("loss"), new double[] {2000});
    assertClose("dz", wrong.gradients("z"), new double[] {1, -1, 0});
  }

  @Test
  void bceLogitsAtBothEnds() {
    String p = "input z[2]\nlabel y\nloss = bce_logits(z, y)\n";
    Workspace ws = run(p, new double[] {1000, -1000}, 1);
    assertClose("loss", ws.values("loss"), new double[] {500});       // mean of 0 and 1000
    assertClose("dz", ws.gradients("z"), new double[] {0, -0.5});       // (sigmoid(z) - y) / 2
  }

  @Test
  void bceOfASigmoidIsComputedStably() {
    String p = "input z[2]\nlabel y\nloss = bce(sigmoid(z), y)\n";
    Workspace ws = run(p, new double[] {1000, -1000}, 0);
    assertClose("loss", ws.values("loss"), new double[] {500});
    assertClose("dz", ws.gradients("z"), new double[] {0.5, 0});
  }

  @Test
  void softmaxAndLogSoftmax() {
    Workspace soft = run("input z[3]\ninput c[3]\nlabel y\nloss = sum(softmax(z) * c) + y\n", new double[] {1000, -1000, 1000}, 0);
    assertClose("softmax loss", soft.values("loss"), new double[] {2});
    assertClose("d softmax", soft.gradients("z"), new double[] {-0.5, 0, 0.5});
    Workspace log = run("input z[3]\nlabel y\nloss = -sum(log_softmax(z)) + y\n", new double[] {1000, -1000, 0}, 0);
    double l = 3 * 1000 - 1000 + 1000;    // -(0 + -2000 + -1000)
    assertClose("log_softmax loss", log.values("loss"), new double[] {l});
    assertClose("d log_softmax", log.gradients("z"), new double[] {2, -1, -1});
  }

  @Test
  void hingeAndMse() {
    Workspace hinge = run("input z[3]\nlabel y\nloss = hinge(z, y)\n", new double[] {1000, -1000, 0}, 0);
    assertClose("hinge", hinge.values("loss"), new double[] {0});
    Workspace bad = run("input z[3]\nlabel y\nloss = hinge(z, y)\n", new double[] {1000, -1000, 0}, 1);
    assertClose("hinge", bad.values("loss"), new double[] {2001 + 1001});
    assertClose("d hinge", bad.gradients("z"), new double[] {1, -2, 1});
    Workspace mse = run("input z[2]\nlabel y\nloss = mse(z, y)\n", new double[] {1000, -1000}, 0);
    assertClose("mse", mse.values("loss"), new double[] {1e6});
    assertClose("d mse", mse.gradients("z"), new double[] {1000, -1000});
  }
}
