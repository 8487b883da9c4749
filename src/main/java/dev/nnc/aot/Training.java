package dev.nnc.aot;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.data.Preprocessing;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.io.WeightsFile;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Optimizer;
import dev.nnc.runtime.train.Penalty;
import dev.nnc.runtime.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Training steps of a built-in model, as {@code nnc train} takes them: the parameters live in the
 * full batch's arena, and a smaller batch runs in its own class with the parameters copied over
 * and back ({@link Trainer#step}). Not thread-safe.
 */
public final class Training {
  private final JarClasses classes;
  private final Catalog catalog;
  private final ModelSignature signature;
  private final BatchRunner full;
  private final Optimizer optimizer;
  private final Map<Integer, Trainer> bySize = new HashMap<>();
  private final int columns;
  private int steps;

  Training(JarClasses classes, ModelSignature signature, String optimizer, double lr, long seed) {
    this.classes = classes;
    this.catalog = classes.catalog();
    this.signature = signature;
    this.full = runner(catalog.batch(), seed);
    this.optimizer = Optimizer.named(optimizer, lr, Penalty.NONE, full.parameterBlocks());
    int perExample = 0;
    for (ArenaLayout.Entry e : full.program().layout().withRole(ArenaLayout.Role.INPUT)) perExample += e.length() / full.batch();
    this.columns = perExample;
  }

  private BatchRunner runner(int batch, long seed) {
    CompiledProgram p = classes.load(Variant.training(catalog.dtype(), batch));
    return new BatchRunner(p, p.newWorkspace(seed).arena());
  }

  /**
   * One step (forward, backward, update) on {@code labels.length} rows, 1 to {@link Model#batch()}:
   * {@code features} holds each row's inputs in declaration order, row after row. Returns the
   * rows' mean loss.
   */
  public double step(double[] features, double[] labels) {
    int rows = labels.length;
    if (rows < 1 || rows > full.batch()) throw new IllegalArgumentException("a step takes 1 to " + full.batch() + " rows, got " + rows);
    if (features.length != rows * columns) {
      throw new IllegalArgumentException(rows + " rows of " + columns + " features are " + rows * columns + " numbers, got " + features.length);
    }
    Trainer trainer = bySize.computeIfAbsent(rows, n -> new Trainer(full, n == full.batch() ? null : runner(n, 0), optimizer, 0));
    steps++;
    return trainer.step(new Dataset("rows", rows, columns, features, labels, new int[rows]), null, 0, rows, 1, steps);
  }

  /** The parameters now, as a weights file holds them (no preprocessing). */
  public Weights weights() {
    return new Weights(catalog.info().name(), signature.fingerprint(), catalog.dtype(), Weights.parametersOf(full.program(), full.arena()),
        Preprocessing.none(columns), Map.of("steps", Integer.toString(steps)));
  }

  /** Writes {@link #weights()} to a file (atomically), in the format nnc reads. */
  public void save(Path file) throws IOException {
    WeightsFile.write(file, weights());
  }
}
