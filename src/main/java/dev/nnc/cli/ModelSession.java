package dev.nnc.cli;

import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.train.BatchRunner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One model compiled for the batch sizes a command meets (the full batch, the last smaller one)
 * and the shapes its data binds ({@code input img[3, H, W]}: one class per image size), in one
 * precision; each compilation is cached. Runners for different sizes share parameter offsets, so
 * parameters move between them by copying.
 */
final class ModelSession {
  private final ProgramSource source;
  private final Dtype dtype;
  private final Map<Key, CompiledProgram> compiled = new HashMap<>();
  private final java.io.PrintWriter warnings;
  private final boolean gradients;

  /** A class per batch size and binding of the named dimensions. */
  private record Key(int batch, Map<String, Integer> dims) {}

  /** @param warnings where the program's warnings go, once (null: nowhere) */
  ModelSession(ProgramSource source, Dtype dtype, java.io.PrintWriter warnings) {
    this(source, dtype, warnings, true);
  }

  ModelSession(ProgramSource source, Dtype dtype) {
    this(source, dtype, null, true);
  }

  private ModelSession(ProgramSource source, Dtype dtype, java.io.PrintWriter warnings, boolean gradients) {
    this.source = source;
    this.dtype = dtype;
    this.warnings = warnings;
    this.gradients = gradients;
  }

  /** A session for the forward pass alone ({@code nnc run}): a tensor objective is fine there. */
  static ModelSession forwardOnly(ProgramSource source, Dtype dtype) {
    return new ModelSession(source, dtype, null, false);
  }

  CompiledProgram compile(int batch) {
    return compile(batch, Map.of());
  }

  /** The class for {@code batch} examples with the named dimensions bound to {@code dims}. */
  CompiledProgram compile(int batch, Map<String, Integer> dims) {
    return compiled.computeIfAbsent(new Key(batch, Map.copyOf(dims)), k -> source.compile(
        gradients ? Variant.training(dtype, k.batch()) : Variant.forward(dtype, k.batch(), k.dims()), compiled.isEmpty() ? warnings : null));
  }

  /** The shapes the inputs declare, with the dimensions the data binds by name. */
  List<DeclaredShape> declaredInputs() {
    return source.declaredInputs();
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
    return Weights.parametersOf(runner.program(), runner.arena());
  }

  /** Loads saved parameters into a runner (the file was checked against the program's signature). */
  static void load(BatchRunner runner, Weights weights) {
    weights.applyTo(runner.program(), runner.arena());
  }
}
