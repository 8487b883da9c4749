package dev.nnc.cli;

import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.data.Preprocessing;
import dev.nnc.runtime.io.Checkpoint;
import dev.nnc.runtime.io.CheckpointFile;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Optimizer;
import dev.nnc.runtime.train.OptimizerState;
import dev.nnc.runtime.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a training's checkpoint next to its {@code --save} file ({@code WEIGHTS.ckpt},
 * docs/checkpoint-format.md): written atomically at the end of an epoch, at most once a second
 * and always after the last, so an interrupted training (Ctrl-C, SIGTERM, even SIGKILL) leaves the
 * last complete one, and {@code --resume} continues from it to the weights an uninterrupted run
 * gives. It sits between the trainer and the progress display, seeing each epoch end.
 */
final class TrainingCheckpoints implements Trainer.Progress {
  /**
   * The least time between two checkpoints, 1 s: an epoch of a few rows is shorter than a disk
   * sync. The system property {@code nnc.checkpoint.interval.ms} changes it (0: after every epoch).
   */
  static final long INTERVAL_NANOS = Long.getLong("nnc.checkpoint.interval.ms", 1000) * 1_000_000L;

  private final Path file;
  private final Trainer.Progress display;
  private final BatchRunner full;
  private final Optimizer optimizer;
  private final String modelName;
  private final String fingerprint;
  private final Dtype dtype;
  private final Preprocessing preprocessing;
  private final Map<String, String> settings;
  private final List<Trainer.Epoch> history;
  private long lastWrite = System.nanoTime();
  /** The epochs the checkpoint on disk holds, for the message of an interrupted training. */
  private volatile int written;

  /**
   * @param done the epochs a resumed checkpoint held (empty for a fresh training)
   * @param settings the flags that decide the training's course, which a resume must repeat
   */
  TrainingCheckpoints(Path weights, Trainer.Progress display, BatchRunner full, Optimizer optimizer, ModelSignature model, Dtype dtype,
      Preprocessing preprocessing, Map<String, String> settings, List<Trainer.Epoch> done) {
    this.file = CheckpointFile.besides(weights);
    this.display = display;
    this.full = full;
    this.optimizer = optimizer;
    this.modelName = model.name();
    this.fingerprint = model.fingerprint();
    this.dtype = dtype;
    this.preprocessing = preprocessing;
    this.settings = Map.copyOf(settings);
    this.history = new ArrayList<>(done);
    this.written = done.size();
  }

  Path file() {
    return file;
  }

  /** The epochs the last checkpoint written holds. */
  int written() {
    return written;
  }

  @Override
  public void batch(int epoch, int batch, int batches, double loss) {
    display.batch(epoch, batch, batches, loss);
  }

  @Override
  public void epoch(Trainer.Epoch done, int epochs) {
    display.epoch(done, epochs);
    history.add(done);
    long now = System.nanoTime();
    if (done.epoch() == epochs || now - lastWrite >= INTERVAL_NANOS) {
      write();
      lastWrite = System.nanoTime();
    }
  }

  private void write() {
    int epochs = history.size();
    double[] losses = new double[epochs];
    double[] accuracies = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      losses[e] = history.get(e).loss();
      accuracies[e] = history.get(e).accuracy() == null ? Double.NaN : history.get(e).accuracy();
    }
    OptimizerState state = optimizer.state();
    Weights weights = new Weights(modelName, fingerprint, dtype, ModelSession.parameters(full), preprocessing, settings);
    try {
      CheckpointFile.write(file, new Checkpoint(weights, epochs, losses, accuracies, state.steps(), state.vectors()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
    }
    written = epochs;
  }

  /**
   * The checkpoint next to {@code weights}, checked against the model and this run's settings.
   *
   * @throws UsageException if there is none, or it was made with other settings or more epochs
   */
  static Checkpoint read(Path weights, ModelSignature model, Map<String, String> settings, int epochs) throws IOException {
    Path file = CheckpointFile.besides(weights);
    if (!Files.exists(file)) {
      throw new UsageException("--resume: there is no checkpoint " + file + " (training writes it next to --save after each epoch)");
    }
    Checkpoint c = CheckpointFile.read(file, model);
    for (Map.Entry<String, String> s : settings.entrySet()) {
      String saved = c.weights().metadata().get(s.getKey());
      if (!s.getValue().equals(saved)) {
        throw new UsageException("--resume: the checkpoint " + file + " was made with " + s.getKey() + " " + saved + ", this training has "
            + s.getValue() + "; resume with the same settings");
      }
    }
    if (c.epochs() > epochs) {
      throw new UsageException("--resume: the checkpoint " + file + " holds " + c.epochs() + " epochs, more than --epochs " + epochs);
    }
    return c;
  }

  /** Puts a checkpoint's parameters and optimizer state in place; returns its epochs' figures. */
  static List<Trainer.Epoch> restore(Checkpoint c, BatchRunner full, Optimizer optimizer) {
    ModelSession.load(full, c.weights());
    try {
      optimizer.restore(new OptimizerState(c.optimizerSteps(), c.optimizerVectors()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--resume: " + e.getMessage());
    }
    List<Trainer.Epoch> done = new ArrayList<>();
    for (int e = 0; e < c.epochs(); e++) {
      double accuracy = c.accuracies()[e];
      done.add(new Trainer.Epoch(e + 1, c.losses()[e], Double.isNaN(accuracy) ? null : accuracy));
    }
    return done;
  }
}
