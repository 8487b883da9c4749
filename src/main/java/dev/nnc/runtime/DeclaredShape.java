package dev.nnc.runtime;

import java.util.List;

/**
 * An input's shape as its declaration writes it: each axis a number, or a name that the data
 * binds when the program runs ({@code input img[3, H, W]}). Commands read it before compiling,
 * to know which dimensions an image or a CSV file must supply.
 */
public record DeclaredShape(String input, List<Axis> axes) {
  /** One axis: {@code name} is null for a fixed size; a named axis has size 0 until bound. */
  public record Axis(String name, int size) {
    public boolean named() {
      return name != null;
    }

    @Override
    public String toString() {
      return named() ? name : String.valueOf(size);
    }
  }

  public DeclaredShape {
    axes = List.copyOf(axes);
  }

  public boolean hasNamedAxes() {
    return axes.stream().anyMatch(Axis::named);
  }

  public int rank() {
    return axes.size();
  }

  public Axis axis(int i) {
    return axes.get(i);
  }

  /** As written: {@code [3, H, W]}. */
  @Override
  public String toString() {
    return axes.toString();
  }
}
