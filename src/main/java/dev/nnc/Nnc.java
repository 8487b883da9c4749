package dev.nnc;

import dev.nnc.autodiff.Backward;
import dev.nnc.autodiff.Differentiator;
import dev.nnc.codegen.ClassEmitter;
import dev.nnc.codegen.KernelLoader;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Program;
import dev.nnc.lower.Lowerer;
import dev.nnc.opt.Simplifier;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Initializer;
import dev.nnc.schedule.KernelProgram;
import dev.nnc.schedule.Scheduler;
import dev.nnc.syntax.CompileException;
import dev.nnc.syntax.Parser;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compiler's entry point: .nn text in, a loaded {@link CompiledProgram} out, through every
 * stage of DESIGN.md's pipeline (parse, lower, differentiate, simplify, schedule, emit, load).
 */
public final class Nnc {
  private Nnc() {}

  /**
   * What to compile: which model, which variable to differentiate (null: the objective), whether
   * to differentiate at all, and the batch size the class is specialised for.
   */
  public record Options(String model, String objective, boolean differentiate, int batch, Dtype dtype) {
    public static final Options DEFAULT = new Options(null, null, true, 1, Dtype.F64);

    public Options withModel(String m) {
      return new Options(m, objective, differentiate, batch, dtype);
    }

    public Options withObjective(String o) {
      return new Options(model, o, differentiate, batch, dtype);
    }

    public Options withBatch(int b) {
      return new Options(model, objective, differentiate, b, dtype);
    }

    public Options withDtype(Dtype d) {
      return new Options(model, objective, differentiate, batch, d);
    }
  }

  public static Compilation compile(Path file) throws IOException {
    return compile(SourceFile.read(file), Options.DEFAULT);
  }

  public static Compilation compile(String name, String text) {
    return compile(new SourceFile(name, text), Options.DEFAULT);
  }

  public static Compilation compile(SourceFile source, Options options) {
    Program lowered = Lowerer.lower(Parser.parse(source), options.model());
    if (options.objective() != null) lowered = lowered.withObjective(checkedObjective(lowered, options.objective()));
    if (options.differentiate() && lowered.objective() != null) checkScalarObjective(lowered);
    Backward rawBackward = options.differentiate() && lowered.objective() != null ? Differentiator.differentiate(lowered, options.batch()) : null;
    Simplifier.Result simplified = Simplifier.simplify(lowered, rawBackward);
    KernelProgram kernel = Scheduler.schedule(simplified.program(), simplified.backward(), options.batch(), className(lowered.name()));
    byte[] bytes = ClassEmitter.emit(kernel, options.dtype());
    Map<String, Initializer> inits = new LinkedHashMap<>();
    for (Leaf leaf : lowered.leaves()) if (leaf.kind() == Leaf.Kind.PARAM) inits.put(leaf.name(), leaf.init());
    CompiledProgram compiled = new CompiledProgram(KernelLoader.load(kernel.className(), bytes), kernel.layout(), inits, lowered.objectiveName());
    return new Compilation(lowered, rawBackward, simplified.program(), simplified.backward(), kernel, bytes, compiled);
  }

  // grad, check, train and bench differentiate a number: a tensor objective is an error at its assignment.
  private static void checkScalarObjective(Program program) {
    dev.nnc.ir.Node objective = program.objective();
    if (!objective.shape().isScalar()) {
      throw new CompileException(program.source(), program.variableSpans().get(program.objectiveName()),
          "the objective '" + program.objectiveName() + "' has shape " + objective.shape()
              + ", but gradients need a scalar (for example loss = sum(" + program.objectiveName() + "))");
    }
  }

  private static String checkedObjective(Program program, String name) {
    if (program.variables().containsKey(name)) return name;
    String message = program.leaf(name) != null
        ? "'" + name + "' is " + program.leaf(name).kind().name().toLowerCase(java.util.Locale.ROOT) + ", not an assigned variable: --of takes a variable"
        : "--of: the program assigns no variable '" + name + "' (variables: " + String.join(", ", program.variables().keySet()) + ")";
    throw new CompileException(program.source(), dev.nnc.syntax.Span.NONE, message);
  }

  /** A JVM class name from the model's name: deterministic, so the same program gives the same bytes. */
  static String className(String modelName) {
    StringBuilder id = new StringBuilder();
    for (char ch : modelName.toCharArray()) id.append(Character.isJavaIdentifierPart(ch) ? ch : '_');
    if (id.length() == 0 || !Character.isJavaIdentifierStart(id.charAt(0))) id.insert(0, 'M');
    return "dev/nnc/generated/" + id;
  }
}
