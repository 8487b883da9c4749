package dev.nnc.runtime;

import dev.nnc.runtime.ArenaLayout.Entry;
import dev.nnc.runtime.ArenaLayout.Role;

/**
 * The arena of one computation: set inputs and parameters, run {@link #forward()} and
 * {@link #backward()}, read values and gradients. Not thread-safe; make one per thread.
 */
public final class Workspace {
  private final CompiledProgram program;
  private final Arena arena;

  Workspace(CompiledProgram program, Arena arena) {
    this.program = program;
    this.arena = arena;
  }

  /** Sets every element of an input, label or parameter to {@code value}. */
  public Workspace set(String name, double value) {
    Entry e = leaf(name);
    for (int i = 0; i < e.length(); i++) arena.set(e.offset() + i, value);
    return this;
  }

  /** Sets an input, label or parameter from its elements in row-major order (examples first). */
  public Workspace set(String name, double[] values) {
    Entry e = leaf(name);
    if (values.length != e.length()) {
      throw new IllegalArgumentException("'" + name + "' has " + e.length() + " elements, got " + values.length);
    }
    arena.copyIn(values, 0, e.offset(), values.length);
    return this;
  }

  /** The elements of an input, label or parameter. */
  public double[] leafValues(String name) {
    return copy(leaf(name));
  }

  /** The elements of an assigned variable after {@link #forward()}. */
  public double[] values(String variable) {
    return copy(entry(variable, Role.VALUE));
  }

  /** The elements of d objective / d leaf after {@link #backward()}. */
  public double[] gradients(String leaf) {
    return copy(entry(leaf, Role.GRADIENT));
  }

  private double[] copy(Entry e) {
    double[] out = new double[e.length()];
    for (int i = 0; i < out.length; i++) out[i] = arena.get(e.offset() + i);
    return out;
  }

  /** The current value of an input, label or parameter. */
  public double leafValue(String name) {
    return arena.get(leaf(name).offset());
  }

  public void forward() {
    arena.forward();
  }

  /** Gradients of the objective; reads the values the last {@link #forward()} saved. */
  public void backward() {
    arena.backward();
  }

  /** The value of an assigned variable after {@link #forward()}. */
  public double value(String variable) {
    return arena.get(entry(variable, Role.VALUE).offset());
  }

  /** d objective / d leaf after {@link #backward()}. */
  public double gradient(String leaf) {
    return arena.get(entry(leaf, Role.GRADIENT).offset());
  }

  /**
   * Fills every input from N(0, 1) and every label with a value valid for its loss (a class index,
   * a one-hot vector, 0/1 or a number), from {@code seed}, skipping the names in {@code keep}.
   * Returns the names it filled.
   */
  public java.util.List<String> randomize(long seed, java.util.Set<String> keep) {
    java.util.List<String> filled = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(seed);
    for (Role role : new Role[] {Role.INPUT, Role.LABEL}) {
      for (Entry e : program.layout().withRole(role)) {
        double[] values = new double[e.length()];
        int perExample = e.length() / program.batch();
        double[] one = new double[perExample];
        for (int b = 0; b < program.batch(); b++) {
          if (role == Role.LABEL) program.info().label(e.name()).draw(one, random);
          else for (int i = 0; i < perExample; i++) one[i] = random.nextGaussian();
          System.arraycopy(one, 0, values, b * perExample, perExample);
        }
        if (keep.contains(e.name())) continue;
        set(e.name(), values);
        filled.add(e.name());
      }
    }
    return filled;
  }

  /** The arena itself, for the training loop's hot path. */
  public Arena arena() {
    return arena;
  }

  public CompiledProgram program() {
    return program;
  }

  Entry leaf(String name) {
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
