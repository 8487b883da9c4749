package dev.nnc.lower;

import dev.nnc.ir.Shape;
import java.util.Arrays;
import java.util.Map;

/**
 * The lecture's image filters as built-in constants (SPEC.md §1), exactly as the lecture writes
 * them. conv2d does not flip its kernel, so {@code shift_left} is the lecture's [0 0 0; 1 0 0;
 * 0 0 0] flipped: the picture moves one pixel left. The blurs are normalised (gaussian3 by 1/16,
 * gaussian5 by 1/273) so that they keep the brightness of a flat region.
 */
final class Filters {
  private Filters() {}

  /** A filter's shape and elements, row-major. */
  record Filter(Shape shape, double[] values) {}

  static final Map<String, Filter> ALL = Map.of(
      "identity3", square(1, 0, 0, 0, 0, 1, 0, 0, 0, 0),
      "shift_left", square(1, 0, 0, 0, 0, 0, 1, 0, 0, 0),
      "box_blur", square(9, 1, 1, 1, 1, 1, 1, 1, 1, 1),
      "gaussian3", square(16, 1, 2, 1, 2, 4, 2, 1, 2, 1),
      "gaussian5", square(273,
          1, 4, 7, 4, 1,
          4, 16, 26, 16, 4,
          7, 26, 41, 26, 7,
          4, 16, 26, 16, 4,
          1, 4, 7, 4, 1),
      "sobel_x", square(1, 1, 0, -1, 2, 0, -2, 1, 0, -1),
      "sobel_y", square(1, 1, 2, 1, 0, 0, 0, -1, -2, -1),
      "laplacian4", square(1, 0, -1, 0, -1, 4, -1, 0, -1, 0),
      "laplacian8", square(1, -1, -1, -1, -1, 8, -1, -1, -1, -1));

  /** A square kernel of the given integers, each divided by {@code divisor}. */
  private static Filter square(double divisor, double... integers) {
    int side = (int) Math.round(Math.sqrt(integers.length));
    return new Filter(Shape.of(side, side), Arrays.stream(integers).map(v -> v / divisor).toArray());
  }
}
