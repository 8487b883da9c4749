package dev.nnc.ir;

import java.util.List;

/** The per-example shape of a value; the batch dimension is implicit and not part of it. */
public record Shape(List<Integer> dims) {
  public static final Shape SCALAR = new Shape(List.of());

  public Shape {
    dims = List.copyOf(dims);
  }

  // equals and hashCode written out as the record's own would be (same results, same hash, so the
  // same order in hash maps): the generated ones are linked by invokedynamic on first use, a few
  // ms each of nnc's start-up. RecordSemanticsTest checks them against the components.
  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && dims.equals(s.dims);
  }

  @Override
  public int hashCode() {
    return dims.hashCode();
  }

  public boolean isScalar() {
    return dims.isEmpty();
  }

  public static Shape of(Integer... dims) {
    return new Shape(List.of(dims));
  }

  public int rank() {
    return dims.size();
  }

  public int dim(int axis) {
    return dims.get(axis);
  }

  /** The number of elements; saturates at Long.MAX_VALUE rather than overflow. */
  public long size() {
    long n = 1;
    for (int d : dims) {
      if (d != 0 && n > Long.MAX_VALUE / d) return Long.MAX_VALUE;
      n *= d;
    }
    return n;
  }

  /**
   * numpy's broadcast of two shapes (trailing axes aligned; an axis of 1 stretches), or null when
   * they do not fit.
   */
  public static Shape broadcast(Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    Integer[] out = new Integer[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
      int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
      if (da != db && da != 1 && db != 1) return null;
      out[i] = Math.max(da, db);
    }
    return new Shape(List.of(out));
  }

  @Override
  public String toString() {
    return dims.toString();
  }
}
