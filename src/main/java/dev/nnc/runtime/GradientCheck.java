package dev.nnc.runtime;

import dev.nnc.runtime.ArenaLayout.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the compiled gradient of every element of every input and parameter with a central
 * finite difference (f(x+h) - f(x-h)) / 2h at the workspace's current point, which it leaves as
 * it found it. The objective is the first element of its slot (the loss of a batch of one).
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * The worst element of one leaf: error = |analytic - numeric| / max(1, |analytic|, |numeric|),
   * as SPEC.md defines it; {@code element} is its row-major index (0 for a scalar).
   */
  public record Result(String name, int element, int elements, double analytic, double numeric, double error) {
    /** {@code h1.W[3]}, or the bare name of a scalar. */
    public String where() {
      return elements == 1 ? name : name + "[" + element + "]";
    }
  }

  public static List<Result> run(Workspace ws, CompiledProgram program, String objective, double h) {
    ws.forward();
    ws.backward();
    List<Result> results = new ArrayList<>();
    for (Role role : new Role[] {Role.INPUT, Role.PARAM}) {
      for (String name : program.leafNames(role)) {
        double[] analytic = ws.gradients(name);
        double[] x = ws.leafValues(name);
        Result worst = null;
        for (int i = 0; i < x.length; i++) {
          double[] moved = x.clone();
          moved[i] = x[i] + h;
          ws.set(name, moved).forward();
          double up = ws.value(objective);
          moved[i] = x[i] - h;
          ws.set(name, moved).forward();
          double down = ws.value(objective);
          double numeric = (up - down) / (2 * h);
          double error = Math.abs(analytic[i] - numeric) / Math.max(1, Math.max(Math.abs(analytic[i]), Math.abs(numeric)));
          if (worst == null || !(error <= worst.error())) worst = new Result(name, i, x.length, analytic[i], numeric, error);
        }
        ws.set(name, x);
        results.add(worst);
      }
    }
    ws.forward();
    ws.backward();
    return results;
  }
}
