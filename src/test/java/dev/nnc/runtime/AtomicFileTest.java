package dev.nnc.runtime;

import dev.nnc.runtime.io.AtomicFile;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private String[] listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void replacesTheFileAndLeavesNoTemporaryOne() throws IOException {
    Path target = dir.resolve("out.svg");
    AtomicFile.writeText(target, "old");
    AtomicFile.writeText(target, "new");
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(listing()).asList().containsExactly("out.svg");
  }

  @Test
  void theFileGetsThePermissionsOfAnyNewFile() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path target = dir.resolve("out.svg");
    AtomicFile.writeText(target, "new");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws IOException {
    Path target = dir.resolve("out.svg");
    Files.createDirectory(target); // a directory cannot be replaced by a file
    Files.writeString(target.resolve("inside"), "x");
    assertThrows(UncheckedIOException.class, () -> AtomicFile.writeText(target, "new"));
    assertThat(listing()).asList().containsExactly("out.svg");
  }
}
