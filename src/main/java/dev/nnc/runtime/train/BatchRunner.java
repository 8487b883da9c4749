package dev.nnc.runtime.train;

import dev.nnc.runtime.Arena;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Entry;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one compiled class over batches of rows: copies the rows' features into the inputs (in
 * declaration order, row-major) and their labels into the label, then runs the passes. One runner
 * per batch size; their arenas hold the parameters at the same offsets, so {@link #copyParameters}
 * moves them between the full batches' runner and the last batch's.
 */
public final class BatchRunner {
  private final CompiledProgram program;
  private final Arena arena;
  private final Entry[] inputs;
  private final Entry label;
  private final Entry objective;
  private final Entry prediction;
  private final int batch;
  private final List<ParameterBlock> parameterBlocks;

  public BatchRunner(CompiledProgram program, Arena arena) {
    this.program = program;
    this.arena = arena;
    ArenaLayout layout = program.layout();
    this.inputs = layout.withRole(Role.INPUT).toArray(Entry[]::new);
    List<Entry> labels = layout.withRole(Role.LABEL);
    this.label = labels.isEmpty() ? null : labels.get(0);
    this.objective = program.objective() == null ? null : layout.find(program.objective(), Role.VALUE);
    List<Entry> predictions = layout.withRole(Role.PREDICTION);
    this.prediction = predictions.isEmpty() ? null : predictions.get(0);
    this.batch = program.batch();
    List<ParameterBlock> blocks = new ArrayList<>();
    for (Entry p : layout.withRole(Role.PARAM)) {
      Entry g = layout.find(p.name(), Role.GRADIENT);
      if (g != null) blocks.add(new ParameterBlock(p.offset(), g.offset(), p.length())); // none in a forward-only class (run)
    }
    this.parameterBlocks = List.copyOf(blocks);
  }

  public CompiledProgram program() {
    return program;
  }

  public Arena arena() {
    return arena;
  }

  public int batch() {
    return batch;
  }

  /** Loads rows order[from, from + batch) of {@code data}. */
  public void load(Dataset data, int[] order, int from) {
    int columns = data.featureColumns();
    for (int e = 0; e < batch; e++) {
      int row = order == null ? from + e : order[from + e];
      int column = row * columns;
      for (Entry in : inputs) {
        int perExample = in.length() / batch;
        arena.copyIn(data.features(), column, in.offset() + e * perExample, perExample);
        column += perExample;
      }
      if (label != null && data.labels().length > 0) arena.set(label.offset() + e, data.labels()[row]);
    }
  }

  /** The mean of the per-example objective over the batch (its value after forward). */
  public double meanLoss() {
    double sum = 0;
    for (int e = 0; e < objective.length(); e++) sum += arena.get(objective.offset() + e);
    return sum / objective.length();
  }

  /** Example e's prediction: its values (one for a score, k for class scores). */
  public void prediction(int e, double[] out) {
    int per = prediction.length() / batch;
    for (int i = 0; i < per; i++) out[i] = arena.get(prediction.offset() + e * per + i);
  }

  public int predictionWidth() {
    return prediction == null ? 0 : prediction.length() / batch;
  }

  /** The parameters' blocks, for an optimizer: parameter and gradient offsets in this arena. */
  public List<ParameterBlock> parameterBlocks() {
    return parameterBlocks;
  }

  /** Copies every parameter from {@code other} (same model, another batch size) into this arena. */
  public void copyParameters(BatchRunner other) {
    for (Entry p : program.layout().withRole(Role.PARAM)) {
      for (int i = 0; i < p.length(); i++) arena.set(p.offset() + i, other.arena.get(p.offset() + i));
    }
  }
}
