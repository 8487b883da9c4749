package dev.nnc.cli;

import dev.nnc.Nnc;
import dev.nnc.ir.DeclaredShape;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.syntax.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model compiled for the batch sizes a command meets (the full batch, the last smaller one)
 * and the shapes its data binds ({@code input img[3, H, W]}: one class per image size), in one
 * precision; each compilation is cached. Runners for different sizes share parameter offsets, so
 * parameters move between them by copying.
 */
final class ModelSession {
  private final SourceFile source;
  private final String model;
  private final Dtype dtype;
  private final Map<Key, CompiledProgram> compiled = new HashMap<>();

  /** A class per batch size and binding of the named dimensions. */
  private record Key(int batch, Map<String, Integer> dims) {}
  private final java.io.PrintWriter warnings;
  private final boolean gradients;

  /** @param warnings where the program's warnings go, once (null: nowhere) */
  ModelSession(SourceFile source, String model, Dtype dtype, java.io.PrintWriter warnings) {
    this(source, model, dtype, warnings, true);
  }

  ModelSession(SourceFile source, String model, Dtype dtype) {
    this(source, model, dtype, null, true);
  }

  private ModelSession(SourceFile source, String model, Dtype dtype, java.io.PrintWriter warnings, boolean gradients) {
    this.source = source;
    this.model = model;
    this.dtype = dtype;
    this.warnings = warnings;
    this.gradients = gradients;
  }

  /** A session for the forward pass alone ({@code nnc run}): a tensor objective is fine there. */
  static ModelSession forwardOnly(SourceFile source, String model, Dtype dtype) {
    return new ModelSession(source, model, dtype, null, false);
  }

  CompiledProgram compile(int batch) {
    return compile(batch, Map.of());
  }

  /** The class for {@code batch} examples with the named dimensions bound to {@code dims}. */
  CompiledProgram compile(int batch, Map<String, Integer> dims) {
    return compiled.computeIfAbsent(new Key(batch, Map.copyOf(dims)), k -> {
      Nnc.Options options = Nnc.Options.DEFAULT.withModel(model).withBatch(k.batch()).withDtype(dtype).withDims(k.dims()).withParametersOnly();
      dev.nnc.Compilation c = Nnc.compile(source, gradients ? options : options.withoutGradients());
      if (compiled.isEmpty() && warnings != null) ProgramOptions.warn(c, warnings);
      return c.compiled();
    });
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

  /** The shapes the inputs declare, with the dimensions the data binds by name. */
  List<DeclaredShape> declaredInputs() {
    return Nnc.declaredInputs(source, model);
  }

  /** What identifies the model in a weights file: its name, canonical text and parameter shapes. */
  ModelSignature signature() {
    CompiledProgram p = compile(1);
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (ArenaLayout.Entry e : p.layout().withRole(Role.PARAM)) shapes.put(e.name(), e.shape());
    return ModelSignature.of(p.info().name(), p.info().canonicalText(), shapes);
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
