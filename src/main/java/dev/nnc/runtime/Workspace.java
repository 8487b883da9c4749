package dev.nnc.runtime;

import dev.nnc.runtime.ArenaLayout.Entry;
import dev.nnc.runtime.ArenaLayout.Role;

/**
 * The arena of one computation: set inputs and parameters, run {@link #forward()} and
 * {@link #backward()}, read values and gradients. Not thread-safe; make one per thread.
 */
public final class Workspace {
  private final CompiledProgram program;
  private final double[] arena;

  Workspace(CompiledProgram program, double[] arena) {
    this.program = program;
    this.arena = arena;
  }

  /** Sets an input, label or parameter. */
  public Workspace set(String name, double value) {
    arena[leaf(name).offset()] = value;
    return this;
  }

  /** The current value of an input, label or parameter. */
  public double leafValue(String name) {
    return arena[leaf(name).offset()];
  }

  public void forward() {
    program.kernel().forward(arena);
  }

  /** Gradients of the objective; reads the values the last {@link #forward()} saved. */
  public void backward() {
    program.kernel().backward(arena);
  }

  /** The value of an assigned variable after {@link #forward()}. */
  public double value(String variable) {
    return arena[entry(variable, Role.VALUE).offset()];
  }

  /** d objective / d leaf after {@link #backward()}. */
  public double gradient(String leaf) {
    return arena[entry(leaf, Role.GRADIENT).offset()];
  }

  private Entry leaf(String name) {
    for (Role role : new Role[] {Role.INPUT, Role.LABEL, Role.PARAM}) {
      Entry e = program.layout().find(name, role);
      if (e != null) return e;
    }
    throw new IllegalArgumentException("no input, label or param named '" + name + "'");
  }

  private Entry entry(String name, Role role) {
    Entry e = program.layout().find(name, role);
    if (e == null) throw new IllegalArgumentException("no " + role.name().toLowerCase(java.util.Locale.ROOT) + " named '" + name + "'");
    return e;
  }
}
