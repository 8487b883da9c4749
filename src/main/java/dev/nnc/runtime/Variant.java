package dev.nnc.runtime;

/**
 * What one generated class is specialised for: its precision, the number of examples it computes
 * at once (baked into its offsets and loops, and into the gradient's 1/batch seed), which
 * gradients its backward pass computes, and which variable it differentiates.
 *
 * @param allGradients true for {@code grad} (every input and parameter), false for training
 *     (parameters only, SPEC.md §2)
 * @param objective the variable to differentiate; null for the program's objective
 * @param differentiate false for the forward pass alone ({@code run}), which a program whose
 *     objective is a tensor (an image filter) compiles to as well
 */
public record Variant(Dtype dtype, int batch, boolean allGradients, String objective, boolean differentiate) {

  public Variant(Dtype dtype, int batch, boolean allGradients, String objective) {
    this(dtype, batch, allGradients, objective, true);
  }

  /** What {@code grad} computes: one example in double precision, every gradient. */
  public static Variant grad(String objective) {
    return new Variant(Dtype.F64, 1, true, objective);
  }

  /** What {@code run} computes: the forward pass alone. */
  public static Variant forward(Dtype dtype, int batch) {
    return new Variant(dtype, batch, false, null, false);
  }

  /** What training and evaluation compute: gradients for the parameters only. */
  public static Variant training(Dtype dtype, int batch) {
    return new Variant(dtype, batch, false, null);
  }
}
