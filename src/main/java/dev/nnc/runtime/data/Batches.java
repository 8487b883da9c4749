package dev.nnc.runtime.data;

/**
 * Mini-batches as consecutive ranges of a row order: batch b is {@code order[from(b) .. to(b))}.
 * Nothing is allocated per batch or per epoch; reshuffle the order between epochs with
 * {@link Shuffle#inPlace}. The last batch is smaller when the batch size does not divide the
 * rows (it is kept, as PyTorch's {@code DataLoader} keeps it by default).
 */
public final class Batches {
  private final int rows;
  private final int batchSize;

  public Batches(int rows, int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("--batch must be at least 1, but it is " + batchSize);
    this.rows = rows;
    this.batchSize = batchSize;
  }

  /** How many batches an epoch has. */
  public int count() {
    return (rows + batchSize - 1) / batchSize;
  }

  /** The first position of batch {@code b} in the row order. */
  public int from(int b) {
    return b * batchSize;
  }

  /** One past the last position of batch {@code b} in the row order. */
  public int to(int b) {
    return Math.min(rows, (b + 1) * batchSize);
  }
}
