package dev.nnc.cli;

import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.io.ImageFile;
import dev.nnc.runtime.io.ImageFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of {@code nnc run --input NAME=PHOTO.png}: each read as its input declares it
 * ({@code [1, H, W]} grey, {@code [3, H, W]} R, G, B), checked against the declared sizes, and the
 * dimensions the declarations name ({@code H}, {@code W}) bound to the images' sizes.
 */
final class ImageInputs {
  private final Map<String, double[]> values = new LinkedHashMap<>();
  private final Map<String, Integer> dims = new LinkedHashMap<>();
  /** Which image bound each named dimension, for the message when two disagree. */
  private final Map<String, String> boundBy = new LinkedHashMap<>();

  /** The input values by name, row-major [C, H, W]. */
  Map<String, double[]> values() {
    return values;
  }

  /** The named dimensions the images bind. */
  Map<String, Integer> dims() {
    return dims;
  }

  static ImageInputs read(List<DeclaredShape> declared, List<NamedPath> files) {
    ImageInputs images = new ImageInputs();
    for (NamedPath f : files) images.add(declaration(declared, f), f);
    return images;
  }

  private static DeclaredShape declaration(List<DeclaredShape> declared, NamedPath f) {
    for (DeclaredShape d : declared) if (d.input().equals(f.name())) return d;
    List<String> names = declared.stream().map(DeclaredShape::input).toList();
    throw new UsageException("--input " + f + ": the program has no input '" + f.name() + "'"
        + (names.isEmpty() ? "" : " (inputs: " + String.join(", ", names) + ")") + dev.nnc.syntax.Suggestions.didYouMean(f.name(), names));
  }

  private void add(DeclaredShape shape, NamedPath f) {
    if (values.containsKey(f.name())) throw new UsageException("--input " + f.name() + " is given twice");
    int channels = shape.rank() == 3 && !shape.axis(0).named() ? shape.axis(0).size() : 0;
    if (channels != 1 && channels != 3) {
      throw new UsageException("--input " + f + ": input '" + f.name() + "' is declared " + shape
          + ", but an image fills [1, H, W] (grey) or [3, H, W] (R, G, B)");
    }
    ImageFile.Pixels pixels;
    try {
      pixels = ImageFile.read(f.path(), channels);
    } catch (ImageFileException e) {
      throw new UsageException(e.getMessage());
    }
    bind(shape, 1, pixels.height(), "high", f);
    bind(shape, 2, pixels.width(), "wide", f);
    values.put(f.name(), pixels.values());
  }

  /** Binds a named axis to the image's size, or checks a fixed one against it. */
  private void bind(DeclaredShape shape, int axis, int size, String extent, NamedPath f) {
    DeclaredShape.Axis a = shape.axis(axis);
    if (!a.named()) {
      if (a.size() != size) {
        throw new UsageException(f.path() + ": the image is " + size + " pixels " + extent + ", but input '" + f.name() + "' is declared " + shape);
      }
      return;
    }
    Integer bound = dims.putIfAbsent(a.name(), size);
    if (bound != null && bound != size) {
      throw new UsageException(f.path() + ": the image is " + size + " pixels " + extent + ", but " + boundBy.get(a.name())
          + " bound " + a.name() + " = " + bound);
    }
    boundBy.putIfAbsent(a.name(), f.path().toString());
  }
}
