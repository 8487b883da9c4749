package dev.nnc.runtime.io;

import java.util.List;

/**
 * What a training checkpoint holds (docs/checkpoint-format.md): everything a resumed training needs
 * to continue exactly as if it had never stopped.
 *
 * @param weights the parameters after {@code epochs} epochs, the preprocessing, and the training
 *     settings as metadata (a resume must repeat them)
 * @param epochs the epochs done; the shuffle order of the next is replayed from the seed
 * @param losses each done epoch's mean loss
 * @param accuracies each done epoch's accuracy, NaN for a regression
 * @param optimizerSteps the optimizer's step count (Adam's bias correction uses it)
 * @param optimizerVectors the optimizer's per-parameter state (momentum: velocity; Adam: first and
 *     second moments), each over all parameters in declaration order
 */
public record Checkpoint(Weights weights, int epochs, double[] losses, double[] accuracies, long optimizerSteps, List<double[]> optimizerVectors) {
  public Checkpoint {
    if (losses.length != epochs || accuracies.length != epochs) throw new IllegalArgumentException("a checkpoint of " + epochs + " epochs needs the figures of each");
    optimizerVectors = List.copyOf(optimizerVectors);
  }
}
