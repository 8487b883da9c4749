package dev.nnc.syntax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The text of a program and the name it is reported under in diagnostics. */
public record SourceFile(String name, String text) {

  public static SourceFile read(Path path) throws IOException {
    return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
  }

  /** The 1-based line {@code line}, without its terminator; empty past the end. */
  public String line(int line) {
    List<String> lines = text.lines().toList();
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }
}
