package dev.nnc.runtime.train;

import java.util.List;

/**
 * An optimizer's state between steps, as a checkpoint keeps it: the steps taken (Adam's bias
 * correction depends on it) and the per-parameter vectors in a fixed order (momentum: velocity;
 * Adam: first moment, second moment), each over all parameters in declaration order.
 */
public record OptimizerState(long steps, List<double[]> vectors) {
  public OptimizerState {
    vectors = List.copyOf(vectors);
  }
}
