package dev.nnc.runtime;

import dev.nnc.runtime.ArenaLayout.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the compiled gradient of every input and parameter with a central finite difference
 * (f(x+h) - f(x-h)) / 2h at the workspace's current point, which it leaves as it found it.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /** error = |analytic - numeric| / max(1, |analytic|, |numeric|), as SPEC.md defines it. */
  public record Result(String name, double analytic, double numeric, double error) {}

  public static List<Result> run(Workspace ws, CompiledProgram program, String objective, double h) {
    ws.forward();
    ws.backward();
    List<Result> results = new ArrayList<>();
    for (Role role : new Role[] {Role.INPUT, Role.PARAM}) {
      for (String name : program.leafNames(role)) {
        double analytic = ws.gradient(name);
        double x = ws.leafValue(name);
        ws.set(name, x + h).forward();
        double up = ws.value(objective);
        ws.set(name, x - h).forward();
        double down = ws.value(objective);
        ws.set(name, x);
        double numeric = (up - down) / (2 * h);
        double error = Math.abs(analytic - numeric) / Math.max(1, Math.max(Math.abs(analytic), Math.abs(numeric)));
        results.add(new Result(name, analytic, numeric, error));
      }
    }
    ws.forward();
    ws.backward();
    return results;
  }
}
