package dev.nnc.cli;

import dev.nnc.runtime.CompiledProgram;
import java.io.PrintWriter;
import java.util.List;

/** Checks shared by the commands that differentiate: there must be an objective. */
final class Objectives {
  private Objectives() {}

  static String require(CompiledProgram compiled, ProgramSource program, String command) {
    String objective = compiled.objective();
    if (objective == null) {
      throw new UsageException(program.name() + ": " + command
          + " needs an objective, but the program assigns no variable (write, for example, f = a * b + c)");
    }
    return objective;
  }

  /** Tells on stderr which values were drawn at random, so a reader knows the point is not theirs. */
  static void noteDrawn(List<String> drawn, long seed, PrintWriter err) {
    if (drawn.isEmpty()) return;
    err.println("nnc: " + String.join(", ", drawn) + (drawn.size() == 1 ? " was" : " were")
        + " not given with --at; drawn at random with seed " + seed + " (inputs from N(0, 1), labels valid for the loss)");
  }
}
