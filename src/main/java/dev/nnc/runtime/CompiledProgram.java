package dev.nnc.runtime;

import dev.nnc.runtime.ArenaLayout.Entry;
import dev.nnc.runtime.ArenaLayout.Role;
import java.util.List;
import java.util.Random;

/**
 * A loaded program: its generated kernel, the arena layout and the parameters' initializers.
 * Immutable and shareable; each thread computes in a {@link Workspace} of its own.
 */
public final class CompiledProgram {
  /** A {@link KernelF32} or a {@link KernelF64}: the generated class's instance. */
  private final Object kernel;
  private final ArenaLayout layout;
  private final ModelInfo info;
  private final int batch;

  public CompiledProgram(Object kernel, ArenaLayout layout, ModelInfo info, int batch) {
    this.kernel = kernel;
    this.layout = layout;
    this.info = info;
    this.batch = batch;
  }

  public ModelInfo info() {
    return info;
  }

  /** The number of examples the class computes at once. */
  public int batch() {
    return batch;
  }

  public ArenaLayout layout() {
    return layout;
  }

  /** The name of the variable whose gradient backward computes; null for a program without one. */
  public String objective() {
    return info.objective();
  }

  public Object kernel() {
    return kernel;
  }

  public Dtype dtype() {
    return kernel instanceof KernelF32 ? Dtype.F32 : Dtype.F64;
  }

  /** The names of the inputs, labels and parameters, in declaration order. */
  public List<String> leafNames(Role role) {
    return layout.withRole(role).stream().map(Entry::name).toList();
  }

  /** A fresh arena with every parameter at its initial value, drawn from {@code seed}. */
  public Workspace newWorkspace(long seed) {
    Arena arena = Arena.of(kernel, layout.size());
    Random random = new Random(seed);
    for (Entry e : layout.withRole(Role.PARAM)) {
      Initializer.Fans fans = Initializer.fans(e.shape());
      double[] values = new double[e.length()];
      info.initializers().get(e.name()).fill(values, 0, e.length(), fans.in(), fans.out(), random);
      arena.copyIn(values, 0, e.offset(), e.length());
    }
    return new Workspace(this, arena);
  }
}
