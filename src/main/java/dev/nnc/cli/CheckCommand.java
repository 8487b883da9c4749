package dev.nnc.cli;

import dev.nnc.runtime.io.Json;
import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.GradientCheck;
import dev.nnc.runtime.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Checks the compiled gradients against central finite differences (h = 1e-6) in double precision.",
        "error = |analytic - numeric| / max(1, |analytic|, |numeric|); exit status 1 when the worst error is over the tolerance."})
final class CheckCommand extends NncCommand {
  static final double H = 1e-6;

  @Mixin ProgramOptions program;
  @Mixin PointOptions point;

  @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-6", description = "Tolerance of the worst error (default: ${DEFAULT-VALUE}).")
  double tol;

  @Override
  public Integer call() {
    Compilation c = program.compile(Nnc.Options.DEFAULT.withDims(point.dims(program)));
    ProgramOptions.warn(c, err());
    String objective = Objectives.require(c.compiled(), program, "check");
    CompiledProgram compiled = c.compiled();
    List<String> drawn = new ArrayList<>();
    Workspace ws = point.workspace(compiled, common.seed, drawn);
    Objectives.noteDrawn(drawn, common.seed, err());
    List<GradientCheck.Result> results = GradientCheck.run(ws, compiled, objective, H);
    GradientCheck.Result worst = results.stream().max((a, b) -> Double.compare(errorKey(a), errorKey(b))).orElse(null);
    boolean passed = worst == null || worst.error() <= tol;
    PrintWriter out = out();
    if (common.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("worst_error", worst == null ? 0.0 : worst.error());
      doc.put("at", worst == null ? null : worst.where());
      doc.put("passed", passed);
      out.println(Json.write(doc));
    } else {
      out.println("d" + objective + ": " + results.size() + " gradients checked against central differences (h = " + Numbers.format(H) + ")");
      for (GradientCheck.Result r : results) {
        out.printf("  %-12s analytic %-24s numeric %-24s error %s%n", r.where(), Numbers.format(r.analytic()), Numbers.format(r.numeric()), Numbers.format(r.error()));
      }
      if (worst != null) out.println("worst error " + Numbers.format(worst.error()) + " at " + worst.where() + ": " + (passed ? "passed" : "FAILED") + " (tolerance " + Numbers.format(tol) + ")");
    }
    return passed ? 0 : Commands.FAILED;
  }

  // A NaN error is the worst of all: it must fail the check, not hide behind comparisons.
  private static double errorKey(GradientCheck.Result r) {
    return Double.isNaN(r.error()) ? Double.POSITIVE_INFINITY : r.error();
  }

}
