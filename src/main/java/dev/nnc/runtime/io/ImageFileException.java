package dev.nnc.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/** An image that cannot be read: missing, not an image, damaged, or of a kind nnc does not read. The message names the file. */
public final class ImageFileException extends IOException {
  public ImageFileException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
