package dev.nnc.runtime;

import java.util.List;

/**
 * Where each named value of a compiled program lives in its arena: inputs, labels, parameters,
 * assigned variables and gradients. The generated code reads and writes these offsets directly.
 */
public record ArenaLayout(int size, List<Entry> entries) {

  /** PREDICTION is the model's prediction (SPEC.md §1), an alias of its variable when it has one. */
  public enum Role { INPUT, LABEL, PARAM, VALUE, GRADIENT, SAVED, PREDICTION }

  /**
   * A named block of the arena: {@code length} elements from {@code offset}; {@code dims} is the
   * per-example shape (empty for a scalar), repeated for each example of the batch when batched.
   */
  public record Entry(String name, Role role, int offset, int length, List<Integer> dims, boolean batched) {
    public int[] shape() {
      return dims.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  public ArenaLayout {
    entries = List.copyOf(entries);
  }

  /** The entry with this name and role, or null. */
  public Entry find(String name, Role role) {
    for (Entry e : entries) if (e.role() == role && e.name().equals(name)) return e;
    return null;
  }

  public List<Entry> withRole(Role role) {
    return entries.stream().filter(e -> e.role() == role).toList();
  }
}
