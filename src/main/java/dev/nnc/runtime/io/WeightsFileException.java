package dev.nnc.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A weights file that cannot be used: not a weights file, another version, truncated, damaged, or
 * saved for another model. The message names the file and says what to do; print it as it is.
 */
public final class WeightsFileException extends IOException {
  private final transient Path file;

  public WeightsFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
