package dev.nnc.runtime;

/**
 * What one generated class is specialised for: its precision, the number of examples it computes
 * at once (baked into its offsets and loops, and into the gradient's 1/batch seed), which
 * gradients its backward pass computes, and which variable it differentiates.
 *
 * @param allGradients true for {@code grad} (every input and parameter), false for training
 *     (parameters only, SPEC.md §2)
 * @param objective the variable to differentiate; null for the program's objective
 */
public record Variant(Dtype dtype, int batch, boolean allGradients, String objective) {

  /** What {@code grad} computes: one example in double precision, every gradient. */
  public static Variant grad(String objective) {
    return new Variant(Dtype.F64, 1, true, objective);
  }

  /** What training, evaluation and {@code run} compute: gradients for the parameters only. */
  public static Variant training(Dtype dtype, int batch) {
    return new Variant(dtype, batch, false, null);
  }
}
