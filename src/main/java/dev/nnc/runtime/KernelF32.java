package dev.nnc.runtime;

/** The single-precision twin of {@link KernelF64}: the training default. */
public interface KernelF32 {
  void forward(float[] arena);

  void backward(float[] arena);
}
