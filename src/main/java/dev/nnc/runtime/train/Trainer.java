package dev.nnc.runtime.train;

import dev.nnc.runtime.PredictionKind;
import dev.nnc.runtime.data.Batches;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.data.Shuffle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training: each epoch visits the rows in a fresh seeded order, in full batches and a
 * last smaller one, each a forward pass, a backward pass and an optimizer step. The loss and the
 * running accuracy of each epoch are reported; a loss that turns NaN or infinite stops training
 * with the epoch and batch where it happened.
 */
public final class Trainer {
  private final BatchRunner full;
  private final BatchRunner tail;
  private final Optimizer optimizer;
  private final double clip;
  private final PredictionKind kind;

  /** One epoch's figures; {@code accuracy} is null for a regression. */
  public record Epoch(int epoch, double loss, Double accuracy) {}

  /** Progress of a long run: called after each batch and each epoch. */
  public interface Progress {
    void batch(int epoch, int batch, int batches, double loss);

    void epoch(Epoch done, int epochs);

    /** No display: for --json, a pipe, or a caller that reports epochs itself. */
    Progress SILENT = new Progress() {
      @Override
      public void batch(int epoch, int batch, int batches, double loss) {}

      @Override
      public void epoch(Epoch done, int epochs) {}
    };
  }

  /** The loss stopped being a number; {@code culprit} names the first tensor that did (FirstNonFinite). */
  public static final class DivergedException extends RuntimeException {
    public DivergedException(int epoch, int batch, double loss, String culprit) {
      super("training diverged at epoch " + epoch + ", batch " + batch + ": the loss is " + loss
          + (culprit == null ? "" : "; " + culprit) + " (try a smaller --lr, --clip, or --normalize standard)");
    }
  }

  /**
   * @param full the runner for full batches
   * @param tail the runner for the last, smaller batch (null when the batch size divides the rows)
   * @param clip the largest gradient norm (global, as torch.nn.utils.clip_grad_norm_), or 0 for none
   */
  public Trainer(BatchRunner full, BatchRunner tail, Optimizer optimizer, double clip) {
    this.full = full;
    this.tail = tail;
    this.optimizer = optimizer;
    this.clip = clip;
    this.kind = full.program().info().predictionKind();
  }

  public List<Epoch> train(Dataset data, int epochs, long seed, Progress progress) {
    return train(data, List.of(), epochs, seed, progress);
  }

  /**
   * Continues a training of which the epochs in {@code previous} are done (their parameters and
   * optimizer state restored by the caller) up to {@code epochs}, as {@link #resume} does.
   */
  public List<Epoch> train(Dataset data, List<Epoch> previous, int epochs, long seed, Progress progress) {
    Run run = resume(data, seed, previous.size());
    List<Epoch> history = new ArrayList<>(previous);
    for (int epoch = previous.size() + 1; epoch <= epochs; epoch++) {
      Epoch done = run.epoch(progress);
      history.add(done);
      progress.epoch(done, epochs);
    }
    return history;
  }

  /**
   * A training run taken one epoch at a time, for a caller that pauses between epochs (the
   * playground): its epochs are exactly those {@link #train} makes with the same seed.
   */
  public Run start(Dataset data, long seed) {
    return new Run(data, seed, 0);
  }

  /**
   * A run of which {@code done} epochs are done. Each epoch's order comes from one seeded
   * generator shuffling the previous order: the done epochs' shuffles are replayed, so the epochs
   * that follow are what an uninterrupted run computes, bit for bit.
   */
  public Run resume(Dataset data, long seed, int done) {
    return new Run(data, seed, done);
  }

  /** The state a run carries from one epoch to the next: the row order and the random stream. */
  public final class Run {
    private final Dataset data;
    private final int[] order;
    private final SplittableRandom random;
    private final Batches batches;
    private final double[] scratch = new double[Math.max(1, full.predictionWidth())];
    private int epoch;

    private Run(Dataset data, long seed, int done) {
      this.data = data;
      this.order = new int[data.rows()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      this.random = new SplittableRandom(seed);
      this.batches = new Batches(data.rows(), full.batch());
      for (; epoch < done; epoch++) Shuffle.inPlace(order, random);
    }

    /** Epochs done so far. */
    public int epochs() {
      return epoch;
    }

    /** One more epoch: a fresh seeded order, then every batch; {@code progress} hears of each batch. */
    public Epoch epoch(Progress progress) {
      epoch++;
      Shuffle.inPlace(order, random);
      double lossSum = 0;
      long correct = 0;
      for (int b = 0; b < batches.count(); b++) {
        int from = batches.from(b);
        int size = batches.to(b) - from;
        double loss = step(data, order, from, size, epoch, b + 1);
        lossSum += loss * size;
        correct += Predictions.correct(size == full.batch() ? full : tail, data, order, from, kind, scratch);
        progress.batch(epoch, b + 1, batches.count(), loss);
      }
      Double accuracy = kind == PredictionKind.REGRESSION || kind == null ? null : (double) correct / data.rows();
      return new Epoch(epoch, lossSum / data.rows(), accuracy);
    }
  }

  /**
   * One step on rows order[from, from + size) (size: the full batch, or the tail's): forward,
   * backward, clipping, the optimizer's update. Returns the batch's mean loss; a loss that is not a
   * number stops before the update, naming the epoch and batch.
   */
  public double step(Dataset data, int[] order, int from, int size, int epoch, int batch) {
    BatchRunner runner = size == full.batch() ? full : tail;
    if (runner == tail) tail.copyParameters(full);
    runner.load(data, order, from);
    runner.arena().forward();
    double loss = runner.meanLoss();
    if (!Double.isFinite(loss)) throw new DivergedException(epoch, batch, loss, FirstNonFinite.describe(runner.program(), runner.arena()));
    runner.arena().backward();
    if (clip > 0) clipGradients(runner);
    optimizer.step(runner.arena().store());
    if (runner == tail) full.copyParameters(tail);
    return loss;
  }

  // Index loops: an iterator per step would be garbage on the training path.
  private void clipGradients(BatchRunner runner) {
    List<ParameterBlock> blocks = runner.parameterBlocks();
    double norm = 0;
    for (int k = 0; k < blocks.size(); k++) {
      ParameterBlock b = blocks.get(k);
      for (int i = 0; i < b.length(); i++) {
        double g = runner.arena().get(b.gradOffset() + i);
        norm += g * g;
      }
    }
    norm = Math.sqrt(norm);
    if (norm <= clip) return;
    double scale = clip / (norm + 1e-6);
    for (int k = 0; k < blocks.size(); k++) {
      ParameterBlock b = blocks.get(k);
      for (int i = 0; i < b.length(); i++) runner.arena().set(b.gradOffset() + i, runner.arena().get(b.gradOffset() + i) * scale);
    }
  }
}
