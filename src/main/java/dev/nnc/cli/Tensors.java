package dev.nnc.cli;

import java.util.ArrayList;
import java.util.List;

/** Tensors on the command line: JSON nested arrays in, nested arrays (by shape) out. */
final class Tensors {
  private Tensors() {}

  /** The numbers of a number or a nested JSON array, row-major; {@code where} names it in errors. */
  static double[] flatten(Object json, String where) {
    List<Double> out = new ArrayList<>();
    collect(json, out, where);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void collect(Object json, List<Double> out, String where) {
    if (json instanceof Double d) {
      out.add(d);
    } else if (json instanceof List<?> list) {
      for (Object o : list) collect(o, out, where);
    } else {
      throw new UsageException(where + " must be a number or an array of numbers");
    }
  }

  /**
   * The shape of a number ([]) or of nested JSON arrays, each level as long as its first element
   * says; a ragged array is an error naming {@code where}.
   */
  static List<Integer> shape(Object json, String where) {
    List<Integer> shape = new ArrayList<>();
    for (Object o = json; o instanceof List<?> list; o = list.isEmpty() ? null : list.get(0)) shape.add(list.size());
    if (flatten(json, where).length != shape.stream().reduce(1, (a, b) -> a * b)) {
      throw new UsageException(where + ": the array is ragged: its rows are not all " + shape.subList(1, shape.size()));
    }
    return shape;
  }

  /** The values as a bare number (a scalar) or nested lists of the given shape, for JSON. */
  static Object nest(double[] values, List<Integer> dims) {
    if (dims.isEmpty()) return values[0];
    return nest(values, dims, 0, 0);
  }

  private static Object nest(double[] values, List<Integer> dims, int axis, int offset) {
    int stride = 1;
    for (int k = axis + 1; k < dims.size(); k++) stride *= dims.get(k);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < dims.get(axis); i++) {
      out.add(axis == dims.size() - 1 ? (Object) values[offset + i] : nest(values, dims, axis + 1, offset + i * stride));
    }
    return out;
  }

  /** The human form: 2.0, or [[1.0, 2.0], [3.0, 4.0]]. */
  static String format(double[] values, List<Integer> dims) {
    Object nested = nest(values, dims);
    return format(nested);
  }

  private static String format(Object o) {
    if (o instanceof Double d) return Numbers.format(d);
    List<?> list = (List<?>) o;
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) out.append(", ");
      out.append(format(list.get(i)));
    }
    return out.append(']').toString();
  }
}
