package dev.nnc;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for text users read. {@code mvn test -Dgolden.update=true} rewrites them from the
 * current output (then review the diff before committing), as ASM's own Textifier tests do.
 */
public final class Golden {
  private Golden() {}

  public static final Path ROOT = Path.of("src/test/resources/golden");

  public static void check(Path golden, String actual) {
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual);
        return;
      }
      assertWithMessage("golden file %s is missing; run mvn test -Dgolden.update=true", golden).that(Files.exists(golden)).isTrue();
      assertWithMessage("output differs from golden file %s (-Dgolden.update=true rewrites it)", golden)
          .that(actual).isEqualTo(Files.readString(golden));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
