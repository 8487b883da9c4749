package dev.nnc.runtime.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: the content goes to a temporary file in the same directory (so the
 * rename cannot cross file systems), is forced to disk, and is then renamed over the target. A
 * reader sees the old file or the new one, never a part; a failure midway leaves the old file as
 * it was and no temporary file behind.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes the content of a file, given the stream to write it to. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code text} as UTF-8; an I/O failure is unchecked, naming the file. */
  public static void writeText(Path target, String text) {
    try {
      write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public static void write(Path target, Content content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    // Not Files.createTempFile: it makes the file owner-only, and the rename would keep that mode.
    Path temp = directory.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    syncDirectory(directory);
  }

  /** Makes the rename itself durable. Some platforms (Windows) cannot open a directory: skip there. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // The new content is on disk already; only the rename's durability is at the platform's mercy.
    }
  }
}
