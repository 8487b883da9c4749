package dev.nnc.autodiff;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.TestCompiler;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.GradientCheck;
import dev.nnc.runtime.Workspace;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function's compiled derivative against central finite differences, at points on both
 * sides of every kink and at large magnitudes, and its value and gradient finite at ±1000.
 */
class DerivativesTest {
  private static final double[] EVERYWHERE = {-1000, -37.5, -20, -3, -1, -0.5, -1e-3, 1e-3, 0.5, 1, 3, 20, 37.5, 1000};
  private static final double[] MODERATE = {-3, -1, -0.5, -1e-3, 1e-3, 0.5, 1, 3};
  private static final double[] POSITIVE = {1e-3, 0.5, 1, 3, 20, 1000};
  private static final double[] NEAR_ZERO = {-0.2, -0.09, -1e-3, -1e-5, 1e-5, 1e-3, 0.09, 0.2, 5};

  static Stream<Arguments> unary() {
    return Stream.of(
        Arguments.of("-x", EVERYWHERE),
        Arguments.of("x ^ 2", EVERYWHERE),
        Arguments.of("x ^ 3", MODERATE),
        Arguments.of("x ^ -2", new double[] {-3, -0.5, 0.5, 3}),
        Arguments.of("x ^ 0.5", POSITIVE),
        Arguments.of("exp(x)", new double[] {-1000, -20, -1, 0.5, 3, 20}),
        Arguments.of("log(x)", POSITIVE),
        Arguments.of("sqrt(x)", POSITIVE),
        Arguments.of("abs(x)", EVERYWHERE),
        Arguments.of("sin(x)", EVERYWHERE),
        Arguments.of("cos(x)", EVERYWHERE),
        Arguments.of("sigmoid(x)", EVERYWHERE),
        Arguments.of("tanh(x)", EVERYWHERE),
        Arguments.of("relu(x)", EVERYWHERE),
        Arguments.of("leaky_relu(x)", EVERYWHERE),
        Arguments.of("leaky_relu(x, alpha = 0.3)", EVERYWHERE),
        Arguments.of("elu(x)", EVERYWHERE),
        Arguments.of("elu(x, alpha = 0.5)", EVERYWHERE),
        Arguments.of("gelu(x)", EVERYWHERE),
        Arguments.of("swish(x)", EVERYWHERE),
        Arguments.of("mish(x)", EVERYWHERE),
        Arguments.of("softplus(x)", EVERYWHERE),
        Arguments.of("softsign(x)", EVERYWHERE),
        Arguments.of("sinc(x)", NEAR_ZERO),
        Arguments.of("sinc(x)", EVERYWHERE),
        Arguments.of("step(x)", EVERYWHERE),
        Arguments.of("log_sigmoid(x)", EVERYWHERE),
        Arguments.of("identity(x)", EVERYWHERE),
        Arguments.of("x * x + 3 * x", MODERATE),
        Arguments.of("1 / x", new double[] {-3, -0.5, 0.5, 3}),
        Arguments.of("sigmoid(tanh(x) * 3) * relu(x)", MODERATE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unary")
  void unaryDerivativeMatchesFiniteDifferences(String expr, double[] points) {
    CompiledProgram p = TestCompiler.compile("f = " + expr).compiled();
    for (double x : points) {
      Workspace ws = p.newWorkspace(0).set("x", x);
      GradientCheck.Result r = GradientCheck.run(ws, p, "f", 1e-6).get(0);
      assertWithMessage("f = %s at x = %s: value", expr, x).that(Double.isFinite(ws.value("f"))).isTrue();
      assertWithMessage("f = %s at x = %s: gradient", expr, x).that(Double.isFinite(r.analytic())).isTrue();
      assertWithMessage("f = %s at x = %s: analytic %s, numeric %s", expr, x, r.analytic(), r.numeric()).that(r.error()).isLessThan(1e-6);
    }
  }

  static Stream<Arguments> binary() {
    double[][] pairs = {{3, -4}, {-4, 3}, {0.5, 0.25}, {-2, -2.5}, {1e-3, -1e-3}, {7, 7.001}};
    return Stream.of("x + y", "x - y", "x * y", "x / y", "max(x, y)", "min(x, y)", "max(x, y) * min(x, y)", "x * y + max(x * y, x)")
        .map(e -> Arguments.of(e, pairs));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryDerivativesMatchFiniteDifferences(String expr, double[][] pairs) {
    CompiledProgram p = TestCompiler.compile("f = " + expr).compiled();
    for (double[] xy : pairs) {
      Workspace ws = p.newWorkspace(0).set("x", xy[0]).set("y", xy[1]);
      for (GradientCheck.Result r : GradientCheck.run(ws, p, "f", 1e-6)) {
        assertWithMessage("f = %s at %s: d/d%s analytic %s, numeric %s", expr, List.of(xy[0], xy[1]), r.name(), r.analytic(), r.numeric())
            .that(r.error()).isLessThan(1e-6);
      }
    }
  }

  /** SPEC.md's conventions at kinks, as PyTorch has them: the x ≤ 0 branch; ties route to the first argument. */
  static Stream<Arguments> kinks() {
    return Stream.of(
        Arguments.of("relu(x)", 0.0, 0.0),
        Arguments.of("leaky_relu(x)", 0.0, 0.1),
        Arguments.of("leaky_relu(x, alpha = 0.2)", 0.0, 0.2),
        Arguments.of("elu(x)", 0.0, 1.0),
        Arguments.of("elu(x, alpha = 0.5)", 0.0, 0.5),
        Arguments.of("abs(x)", 0.0, 0.0),
        Arguments.of("step(x)", 0.0, 0.0),
        Arguments.of("sinc(x)", 0.0, 0.0),
        Arguments.of("max(x, 2)", 2.0, 1.0),
        Arguments.of("max(2, x)", 2.0, 0.0),
        Arguments.of("min(x, 2)", 2.0, 1.0),
        Arguments.of("min(2, x)", 2.0, 0.0),
        // Stable limits at large magnitudes.
        Arguments.of("sigmoid(x)", 1000.0, 0.0),
        Arguments.of("sigmoid(x)", -1000.0, 0.0),
        Arguments.of("softplus(x)", 1000.0, 1.0),
        Arguments.of("log_sigmoid(x)", -1000.0, 1.0),
        Arguments.of("log_sigmoid(x)", 1000.0, 0.0),
        Arguments.of("gelu(x)", 1000.0, 1.0),
        Arguments.of("gelu(x)", -1000.0, 0.0),
        Arguments.of("mish(x)", 1000.0, 1.0),
        Arguments.of("swish(x)", 1000.0, 1.0),
        Arguments.of("swish(x)", -1000.0, 0.0),
        Arguments.of("tanh(x)", -1000.0, 0.0));
  }

  @ParameterizedTest(name = "d/dx {0} at {1} = {2}")
  @MethodSource("kinks")
  void conventionsAtKinksAndLimits(String expr, double x, double expected) {
    CompiledProgram p = TestCompiler.compile("f = " + expr).compiled();
    Workspace ws = p.newWorkspace(0).set("x", x);
    ws.forward();
    ws.backward();
    assertWithMessage("d/dx %s at %s", expr, x).that(ws.gradient("x")).isWithin(1e-15).of(expected);
  }

  @ParameterizedTest(name = "{0} at ±1000")
  @MethodSource("stableValues")
  void valuesStayFiniteAndExactAtLargeMagnitudes(String expr, double x, double expected) {
    CompiledProgram p = TestCompiler.compile("f = " + expr).compiled();
    Workspace ws = p.newWorkspace(0).set("x", x);
    ws.forward();
    assertWithMessage("%s at %s", expr, x).that(ws.value("f")).isWithin(1e-12).of(expected);
  }

  static Stream<Arguments> stableValues() {
    return Stream.of(
        Arguments.of("sigmoid(x)", 1000.0, 1.0), Arguments.of("sigmoid(x)", -1000.0, 0.0),
        Arguments.of("softplus(x)", 1000.0, 1000.0), Arguments.of("softplus(x)", -1000.0, 0.0),
        Arguments.of("log_sigmoid(x)", -1000.0, -1000.0), Arguments.of("log_sigmoid(x)", 1000.0, 0.0),
        Arguments.of("mish(x)", 1000.0, 1000.0), Arguments.of("mish(x)", -1000.0, 0.0),
        Arguments.of("gelu(x)", -1000.0, 0.0), Arguments.of("elu(x)", -1000.0, -1.0),
        Arguments.of("softsign(x)", 1000.0, 1000.0 / 1001), Arguments.of("tanh(x)", 1000.0, 1.0));
  }
}
