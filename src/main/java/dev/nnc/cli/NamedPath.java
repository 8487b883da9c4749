package dev.nnc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A {@code NAME=PATH} word of {@code --input} and {@code --output}. */
record NamedPath(String name, Path path) {
  static List<NamedPath> parse(String flag, List<String> words) {
    return words.stream().map(w -> parse(flag, w)).toList();
  }

  static NamedPath parse(String flag, String word) {
    int eq = word.indexOf('=');
    if (eq <= 0 || eq == word.length() - 1) throw new UsageException(flag + " takes NAME=PATH, got '" + word + "'");
    return new NamedPath(word.substring(0, eq), Path.of(word.substring(eq + 1)));
  }

  /** The file name's extension, lower case, without the dot ("" if none). */
  String extension() {
    String file = path.getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name + "=" + path;
  }
}
