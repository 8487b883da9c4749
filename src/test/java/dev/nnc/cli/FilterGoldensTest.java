package dev.nnc.cli;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Golden;
import dev.nnc.runtime.io.ImageFile;
import dev.nnc.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4, acceptance 4: each of the lecture's filters applied to the example image matches a
 * golden PNG pixel for pixel ({@code src/test/resources/golden/images/FILTER.png}, nnc's output,
 * rewritten by {@code -Dgolden.update=true}), and every golden holds the pixels PyTorch computes
 * ({@code tools/reference/image_filters.py} wrote them to {@code reference/image_filters.json}),
 * so the goldens are not just nnc's word. Pixels are compared decoded, never as file bytes.
 */
class FilterGoldensTest {
  private static final Path IMAGE = Path.of("examples/images/shapes_grey.png");
  private static final Path GOLDENS = Golden.ROOT.resolve("images");
  private static final Map<String, Object> REFERENCE = reference();

  @TempDir Path dir;

  static Stream<String> filters() {
    return Stream.of("identity3", "shift_left", "box_blur", "gaussian3", "gaussian5", "sobel_x", "sobel_y", "laplacian4", "laplacian8");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> reference() {
    try {
      return (Map<String, Object>) ((Map<String, Object>) Json.parse(Files.readString(Path.of("src/test/resources/reference/image_filters.json")))).get("filters");
    } catch (IOException | Json.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void nncMatchesTheGoldenPixelForPixel(String filter) throws IOException {
    Path program = dir.resolve(filter + ".nn");
    Files.writeString(program, "input img[1, H, W]\nout = conv2d(img, " + filter + ")\n");
    Path out = dir.resolve(filter + ".png");
    Cli.Result r = Cli.run("run", program.toString(), "--input", "img=" + IMAGE, "--output", "out=" + out);
    assertWithMessage("nnc run %s\nstderr: %s", filter, r.err()).that(r.status()).isEqualTo(0);
    Path golden = GOLDENS.resolve(filter + ".png");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDENS);
      Files.copy(out, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertSamePixels(ImageFile.read(out, 1), ImageFile.read(golden, 1), "nnc's " + filter + " against " + golden);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  @SuppressWarnings("unchecked")
  void theGoldenHoldsThePixelsPyTorchComputes(String filter) throws IOException {
    Map<String, Object> expected = (Map<String, Object>) REFERENCE.get(filter);
    List<Double> shape = (List<Double>) expected.get("shape");
    byte[] bytes = Base64.getDecoder().decode((String) expected.get("pixels_base64"));
    double[] values = new double[bytes.length];
    for (int i = 0; i < bytes.length; i++) values[i] = bytes[i] & 0xFF;
    ImageFile.Pixels torch = new ImageFile.Pixels(shape.get(0).intValue(), shape.get(1).intValue(), shape.get(2).intValue(), values);
    assertSamePixels(ImageFile.read(GOLDENS.resolve(filter + ".png"), 1), torch, "golden " + filter + " against PyTorch");
  }

  private static void assertSamePixels(ImageFile.Pixels actual, ImageFile.Pixels expected, String what) {
    assertWithMessage("%s: height", what).that(actual.height()).isEqualTo(expected.height());
    assertWithMessage("%s: width", what).that(actual.width()).isEqualTo(expected.width());
    for (int i = 0; i < expected.values().length; i++) {
      int y = i / expected.width();
      int x = i % expected.width();
      assertWithMessage("%s: the pixel at x %s, y %s", what, x, y).that(actual.values()[i]).isEqualTo(expected.values()[i]);
    }
  }
}
