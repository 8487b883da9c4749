package dev.nnc.cli;

import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The program a command works on: the .nn file and which model of it, compiled on demand. */
final class ProgramOptions implements ProgramSource {
  @Parameters(index = "0", paramLabel = "FILE", description = "The .nn program.")
  Path file;

  @Option(names = "--model", paramLabel = "M", description = "The model to use when the file has several (default: the first).")
  String model;

  @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "4GiB",
      description = "Memory budget for all tensors of the compiled program, checked before anything is allocated (default: ${DEFAULT-VALUE}; binary units: 512M, 2G, 4GiB).")
  String memory = "4GiB";

  private SourceFile source;
  private ModelSignature signature;

  /** The program's text, read once however many compilations a command makes. */
  SourceFile read() {
    if (source == null) source = readFile();
    return source;
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
    return Nnc.compile(read(), options.withModel(model).withMemory(FlagValues.memory(memory)));
  }

  /** The compiler's options for a variant. */
  static Nnc.Options options(Variant variant) {
    Nnc.Options options = Nnc.Options.DEFAULT.withBatch(variant.batch()).withDtype(variant.dtype()).withObjective(variant.objective()).withDims(variant.dims());
    if (!variant.differentiate()) options = options.withoutGradients();
    return variant.allGradients() ? options : options.withParametersOnly();
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public CompiledProgram compile(Variant variant, PrintWriter warnings) {
    Compilation c = compile(options(variant));
    if (warnings != null) warn(c, warnings);
    return c.compiled();
  }

  @Override
  public List<DeclaredShape> declaredInputs() {
    return Nnc.declaredInputs(read(), model);
  }

  @Override
  public ModelSignature signature() {
    if (signature == null) signature = ModelSignature.of(compile(Variant.training(dev.nnc.runtime.Dtype.F64, 1), null));
    return signature;
  }

  /** Prints the program's warnings (file:line:col: warning: ...) on stderr; they never change the exit status. */
  static void warn(Compilation c, java.io.PrintWriter err) {
    for (dev.nnc.syntax.Diagnostic w : c.lowered().warnings()) err.print(w.render());
  }
}
