package dev.nnc.cli;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.io.AtomicFile;
import dev.nnc.runtime.io.ImageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of {@code nnc run --output NAME=PATH}: by the extension, a PNG of one example's
 * {@code [1, H, W]} or {@code [3, H, W]} value, or CSV, a header row and one row per example
 * (as {@code numpy.savetxt} writes a batch: an example per row, its elements row-major).
 * Every file is written atomically.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** The assigned values the --output words name, each checked to be one nnc writes. */
  static List<ArenaLayout.Entry> entries(CompiledProgram program, List<NamedPath> outputs) {
    List<ArenaLayout.Entry> values = program.layout().withRole(Role.VALUE);
    List<String> names = values.stream().map(ArenaLayout.Entry::name).toList();
    List<ArenaLayout.Entry> found = new ArrayList<>();
    for (NamedPath out : outputs) {
      if (!out.extension().equals("png") && !out.extension().equals("csv")) {
        throw new UsageException("--output " + out + ": nnc writes .png (an image) or .csv (rows of values), not '" + out.path().getFileName() + "'");
      }
      int i = names.indexOf(out.name());
      if (i < 0) {
        throw new UsageException("--output " + out + ": the program assigns no variable '" + out.name() + "' (variables: "
            + String.join(", ", names) + ")" + dev.nnc.syntax.Suggestions.didYouMean(out.name(), names));
      }
      found.add(values.get(i));
    }
    return found;
  }

  /** CSV column names of a value: its name for a scalar, else name[i] for each element, row-major. */
  static List<String> columns(ArenaLayout.Entry e) {
    int per = perExample(e);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < per; i++) out.add(e.dims().isEmpty() ? e.name() : e.name() + "[" + i + "]");
    return out;
  }

  static int perExample(ArenaLayout.Entry e) {
    int n = 1;
    for (int d : e.dims()) n *= d;
    return n;
  }

  /** One CSV row: an example's elements {@code values[from .. from + per)}. */
  static String row(double[] values, int from, int per) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < per; i++) {
      if (i > 0) out.append(',');
      out.append(Numbers.format(values[from + i]));
    }
    return out.toString();
  }

  /** Writes one example's value to {@code out}: a PNG or a one-row CSV file. */
  static void write(NamedPath out, ArenaLayout.Entry e, double[] values) {
    if (out.extension().equals("csv")) {
      writeText(out, String.join(",", columns(e)) + "\n" + row(values, 0, values.length) + "\n");
      return;
    }
    List<Integer> dims = e.dims();
    if (dims.size() != 3 || (dims.get(0) != 1 && dims.get(0) != 3)) {
      throw new UsageException("--output " + out + ": '" + e.name() + "' has shape " + dims
          + ", but a PNG is written from [1, H, W] (grey) or [3, H, W] (R, G, B)");
    }
    try {
      ImageFile.writePng(out.path(), new ImageFile.Pixels(dims.get(0), dims.get(1), dims.get(2), values));
    } catch (IOException e2) {
      throw new UsageException("cannot write '" + out.path() + "': " + describe(e2));
    }
  }

  static void writeText(NamedPath out, String text) {
    try {
      AtomicFile.writeText(out.path(), text);
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot write '" + out.path() + "': " + describe(e.getCause()));
    }
  }

  /**
   * Refuses an output path whose directory does not exist, before any work is done: a slip in a
   * command line (exit 2), not something to find out after an hour of training.
   */
  static void requireDirectory(java.nio.file.Path target) {
    if (target == null) return;
    java.nio.file.Path dir = target.toAbsolutePath().getParent();
    if (dir != null && !java.nio.file.Files.isDirectory(dir)) throw new UsageException("cannot write " + target + ": no such directory");
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such directory" : e.getMessage();
  }
}
