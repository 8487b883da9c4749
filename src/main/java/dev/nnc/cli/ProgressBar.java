package dev.nnc.cli;

import dev.nnc.runtime.train.Trainer;
import java.io.PrintWriter;

/**
 * Training progress on stderr, redrawn in place on a terminal: the epoch, a bar over its batches
 * and the loss; a line with the loss and accuracy when an epoch ends. Quiet when stderr is not a
 * terminal or with --json, so logs and scripts get only the results (SPEC.md §3 of issue 3).
 */
final class ProgressBar implements Trainer.Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private long lastDraw;

  private ProgressBar(PrintWriter err) {
    this.err = err;
  }

  static Trainer.Progress create(PrintWriter err, boolean json) {
    if (json || System.console() == null) {
      return Trainer.Progress.SILENT;
    }
    return new ProgressBar(err);
  }

  @Override
  public void batch(int epoch, int batch, int batches, double loss) {
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && batch < batches) return;   // ten redraws a second at most
    lastDraw = now;
    int filled = (int) ((long) WIDTH * batch / batches);
    err.print("\repoch " + epoch + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + batch + "/" + batches + " loss " + String.format("%.4f", loss));
    err.flush();
  }

  @Override
  public void epoch(Trainer.Epoch done, int epochs) {
    err.print("\r\033[K");
    err.println("epoch " + done.epoch() + "/" + epochs + ": loss " + String.format("%.4f", done.loss())
        + (done.accuracy() == null ? "" : ", accuracy " + String.format("%.4f", done.accuracy())));
    err.flush();
  }
}
