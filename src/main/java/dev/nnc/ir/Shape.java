package dev.nnc.ir;

import java.util.List;

/** The per-example shape of a value; the batch dimension is implicit and not part of it. */
public record Shape(List<Integer> dims) {
  public static final Shape SCALAR = new Shape(List.of());

  public Shape {
    dims = List.copyOf(dims);
  }

  public boolean isScalar() {
    return dims.isEmpty();
  }

  public long size() {
    long n = 1;
    for (int d : dims) n *= d;
    return n;
  }

  @Override
  public String toString() {
    return dims.toString();
  }
}
