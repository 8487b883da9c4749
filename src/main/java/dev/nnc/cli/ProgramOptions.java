package dev.nnc.cli;

import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The program a command works on: the .nn file and which model of it. */
final class ProgramOptions {
  @Parameters(index = "0", paramLabel = "FILE", description = "The .nn program.")
  Path file;

  @Option(names = "--model", paramLabel = "M", description = "The model to use when the file has several (default: the first).")
  String model;

  private SourceFile source;

  /** The program's text, read once however many compilations a command makes. */
  SourceFile read() {
    if (source == null) source = readFile();
    return source;
  }

  /**
   * Weights saved by nnc train, checked against this program (its name, canonical text and
   * parameter shapes), so another model's weights are refused with a clear message.
   */
  dev.nnc.runtime.io.Weights readWeights(Path weights) throws IOException {
    return dev.nnc.runtime.io.WeightsFile.read(weights, new ModelSession(read(), model, dev.nnc.runtime.Dtype.F64).signature());
  }

  private SourceFile readFile() {
    try {
      if (Files.isDirectory(file)) throw new UsageException("'" + file + "' is a directory, not a .nn file");
      return SourceFile.read(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read '" + file + "': no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new UsageException("cannot read '" + file + "': it is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("cannot read '" + file + "': " + e.getMessage());
    }
  }

  Compilation compile(Nnc.Options options) {
    return Nnc.compile(read(), options.withModel(model));
  }

  /** Prints the program's warnings (file:line:col: warning: ...) on stderr; they never change the exit status. */
  static void warn(Compilation c, java.io.PrintWriter err) {
    for (dev.nnc.syntax.Diagnostic w : c.lowered().warnings()) err.print(w.render());
  }
}
