package dev.nnc.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader sees either the old content or the whole new one, never half:
 * the text goes to a temporary file in the same directory (so the move stays on one file system)
 * and is then moved over the target atomically.
 */
public final class AtomicFile {
  private AtomicFile() {}

  public static void write(Path target, String text) {
    Path absolute = target.toAbsolutePath();
    Path temporary = null;
    try {
      // Not Files.createTempFile: its files are private to the user (0600), and the target should
      // get the permissions any new file gets.
      temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Some file systems (a few network mounts) cannot; a plain replace is the best they offer.
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary == null) return;
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException ignored) {
      // The write already failed; that is the error to report.
    }
  }
}
