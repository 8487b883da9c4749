package dev.nnc.runtime;

/**
 * What a generated class implements in double precision: forward and backward passes over a
 * {@code double[]} arena laid out by its {@link ArenaLayout}. Stateless, so one instance serves
 * any number of threads, each with its own arena.
 */
public interface KernelF64 {
  void forward(double[] arena);

  void backward(double[] arena);
}
