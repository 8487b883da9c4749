package dev.nnc.cli;

import dev.nnc.Compilation;
import dev.nnc.aot.Catalog;
import dev.nnc.codegen.JarWriter;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compile", mixinStandardHelpOptions = true,
    description = {"Ahead of time: a jar of the generated classes and just the runtime they need (no compiler, no ANTLR, no ASM).",
        "java -jar OUT.jar grad|run|train [flags] works as nnc does, with the model built in and no JVM flags.",
        "A class is specialised to a batch size and a precision, so the jar carries one for each it may meet:",
        "f64 for one example (grad, run --at) and the training precision for every batch size from 1 to --batch",
        "(the last batch of a data set is smaller), for training and for the forward pass alone (run)."})
final class CompileCommand extends NncCommand {
  /** The main class of the jars this command writes. */
  static final String JAR_MAIN = "dev/nnc/cli/JarMain";

  /** The jar's Java API for embedding (docs/aot.md). */
  static final List<String> JAR_API = List.of("dev/nnc/aot/Model");

  @Mixin ProgramOptions program;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.jar", description = "The jar to write (atomically).")
  Path output;

  @Option(names = "--batch", defaultValue = "32", description = "The largest batch the jar trains and runs on (default: ${DEFAULT-VALUE}, train's); its train and run default to it.")
  int batch;

  @Option(names = "--dtype", defaultValue = "f32", paramLabel = "f32|f64", description = "The precision the jar trains and runs batches in (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Override
  public Integer call() throws IOException {
    if (batch < 1) throw new UsageException("--batch must be at least 1");
    Dtype precision = FlagValues.dtype(dtype);
    for (DeclaredShape d : program.declaredInputs()) {
      if (d.hasNamedAxes()) {
        throw new UsageException("input " + d.input() + d + " names dimensions that the data binds, a class per shape; "
            + "a jar holds classes for fixed shapes: declare the input with numbers to compile it ahead of time");
      }
    }
    OutputFiles.requireDirectory(output);
    List<Catalog.Entry> entries = new ArrayList<>();
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Compilation first = add(Variant.forward(Dtype.F64, 1, Map.of()), entries, classes);
    ProgramOptions.warn(first, err());
    for (Variant v : variants(precision, differentiable(first.compiled()))) add(v, entries, classes);
    Catalog catalog = new Catalog(program.file.getFileName().toString(), Main.Version.version(), precision, batch, first.compiled().info(), entries);
    JarWriter.Written jar;
    try {
      jar = JarWriter.write(output, JAR_MAIN, JAR_API, catalog, classes);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UsageException("cannot write " + output + ": no such directory");
    } catch (IOException e) {
      throw new UsageException("cannot write " + output + ": " + e.getMessage());
    }

    if (common.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("jar", output.toString());
      doc.put("bytes", jar.bytes());
      doc.put("generated_classes", jar.generatedClasses());
      doc.put("runtime_classes", jar.runtimeClasses());
      doc.put("dtype", precision.flag());
      doc.put("batch", batch);
      out().println(Json.write(doc));
    } else {
      err().println("nnc: wrote " + output + ": " + jar.bytes() + " bytes (" + kib(jar.bytes()) + "); " + jar.generatedClasses()
          + " generated classes (f64 for one example, " + precision.flag() + " for batches of 1 to " + batch + ") and "
          + jar.runtimeClasses() + " runtime classes");
      err().println("nnc: run it with: java -jar " + output + " grad|run|train [flags]");
    }
    return 0;
  }

  /**
   * The classes a jar needs besides run's forward pass of one example in f64: the forward pass of
   * each batch size up to --batch (run --input), and when the program can be differentiated, grad's
   * class and training's for each batch size.
   */
  private List<Variant> variants(Dtype precision, boolean differentiable) {
    List<Variant> out = new ArrayList<>();
    if (differentiable) out.add(Variant.grad(null));
    for (int b = 1; b <= batch; b++) {
      if (precision != Dtype.F64 || b > 1) out.add(Variant.forward(precision, b, Map.of()));
      if (differentiable) out.add(Variant.training(precision, b));
    }
    return out;
  }

  /** Gradients need a scalar objective (or none, and then grad and train say so); a tensor one is for run alone. */
  private static boolean differentiable(CompiledProgram forward) {
    String objective = forward.objective();
    return objective == null || forward.layout().find(objective, ArenaLayout.Role.VALUE).dims().isEmpty();
  }

  private Compilation add(Variant v, List<Catalog.Entry> entries, Map<String, byte[]> classes) {
    Compilation c = program.compile(ProgramOptions.options(v));
    String resource = Catalog.resourceOf(v);
    entries.add(new Catalog.Entry(v, c.kernel().className(), resource, c.compiled().layout()));
    classes.put(resource, c.classBytes());
    return c;
  }

  private static String kib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
