package dev.nnc.cli;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.train.BatchRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One model compiled for the batch sizes a command meets (the full batch, the last smaller one),
 * in one precision; each compilation is cached. Runners for different sizes share parameter
 * offsets, so parameters move between them by copying.
 */
final class ModelSession {
  private final ProgramSource source;
  private final Dtype dtype;
  private final Map<Integer, CompiledProgram> compiled = new HashMap<>();
  private final java.io.PrintWriter warnings;

  /** @param warnings where the program's warnings go, once (null: nowhere) */
  ModelSession(ProgramSource source, Dtype dtype, java.io.PrintWriter warnings) {
    this.source = source;
    this.dtype = dtype;
    this.warnings = warnings;
  }

  ModelSession(ProgramSource source, Dtype dtype) {
    this(source, dtype, null);
  }

  CompiledProgram compile(int batch) {
    return compiled.computeIfAbsent(batch, b -> source.compile(Variant.training(dtype, b), compiled.isEmpty() ? warnings : null));
  }

  /** A runner for {@code batch} examples with freshly initialised parameters (seeded). */
  BatchRunner runner(int batch, long seed) {
    CompiledProgram p = compile(batch);
    return new BatchRunner(p, p.newWorkspace(seed).arena());
  }

  /** The runner for the last batch of {@code rows} rows, or null when {@code batch} divides them. */
  BatchRunner tail(int rows, int batch, long seed) {
    return rows % batch == 0 ? null : runner(rows % batch, seed);
  }

  /** The runner's parameters as a weights file records them. */
  static List<Weights.Parameter> parameters(BatchRunner runner) {
    List<Weights.Parameter> out = new ArrayList<>();
    for (ArenaLayout.Entry e : runner.program().layout().withRole(Role.PARAM)) {
      double[] values = new double[e.length()];
      for (int i = 0; i < values.length; i++) values[i] = runner.arena().get(e.offset() + i);
      out.add(new Weights.Parameter(e.name(), e.shape(), values));
    }
    return out;
  }

  /** Loads saved parameters into a runner (the file was checked against {@link #signature}). */
  static void load(BatchRunner runner, Weights weights) {
    for (Weights.Parameter p : weights.parameters()) {
      ArenaLayout.Entry e = runner.program().layout().find(p.name(), Role.PARAM);
      runner.arena().copyIn(p.values(), 0, e.offset(), e.length());
    }
  }
}
