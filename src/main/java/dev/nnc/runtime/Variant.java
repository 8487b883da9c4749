package dev.nnc.runtime;

import java.util.Map;

/**
 * What one generated class is specialised for: its precision, the number of examples it computes
 * at once (baked into its offsets and loops, and into the gradient's 1/batch seed), which
 * gradients its backward pass computes, which variable it differentiates, and the sizes of the
 * dimensions its inputs name ({@code input img[3, H, W]}).
 *
 * @param allGradients true for {@code grad} (every input and parameter), false for training
 *     (parameters only, SPEC.md §2)
 * @param objective the variable to differentiate; null for the program's objective
 * @param differentiate false for the forward pass alone, where the objective may be a tensor
 * @param dims the values the data gives the named dimensions (empty when none are named)
 */
public record Variant(Dtype dtype, int batch, boolean allGradients, String objective, boolean differentiate, Map<String, Integer> dims) {
  public Variant {
    dims = Map.copyOf(dims);
  }

  /** The same variant with the named dimensions bound to {@code d}. */
  public Variant withDims(Map<String, Integer> d) {
    return new Variant(dtype, batch, allGradients, objective, differentiate, d);
  }

  /** What {@code grad} computes: one example in double precision, every gradient. */
  public static Variant grad(String objective) {
    return new Variant(Dtype.F64, 1, true, objective, true, Map.of());
  }

  /** What training and evaluation compute: gradients for the parameters only. */
  public static Variant training(Dtype dtype, int batch) {
    return new Variant(dtype, batch, false, null, true, Map.of());
  }

  /** What {@code run} computes: the forward pass alone, with the named dimensions bound to {@code dims}. */
  public static Variant forward(Dtype dtype, int batch, Map<String, Integer> dims) {
    return new Variant(dtype, batch, false, null, false, dims);
  }
}
