package dev.nnc;

import dev.nnc.autodiff.Backward;
import dev.nnc.autodiff.Differentiator;
import dev.nnc.codegen.ClassEmitter;
import dev.nnc.runtime.DeclaredShape;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Program;
import dev.nnc.lower.Lowerer;
import dev.nnc.opt.Simplifier;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.DeepStack;
import dev.nnc.runtime.Dtype;
import dev.nnc.ir.IrPrinter;
import dev.nnc.ir.Prediction;
import dev.nnc.runtime.Initializer;
import dev.nnc.runtime.KernelLoader;
import dev.nnc.runtime.LabelSpec;
import dev.nnc.runtime.ModelInfo;
import dev.nnc.schedule.KernelProgram;
import dev.nnc.schedule.Scheduler;
import dev.nnc.syntax.CompileException;
import dev.nnc.syntax.Parser;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiler's entry point: .nn text in, a loaded {@link CompiledProgram} out, through every
 * stage of DESIGN.md's pipeline (parse, lower, differentiate, simplify, schedule, emit, load).
 */
public final class Nnc {
  private Nnc() {}

  /**
   * What to compile: which model, which variable to differentiate (null: the objective), whether
   * to differentiate at all, the batch size the class is specialised for, and the values of the
   * dimensions its inputs name ({@code input img[3, H, W]}), which the data binds.
   */
  public record Options(String model, String objective, boolean differentiate, int batch, Dtype dtype,
      boolean parametersOnly, boolean expand, Map<String, Integer> dims, long memory) {
    public static final Options DEFAULT = new Options(null, null, true, 1, Dtype.F64, false, false, Map.of(), dev.nnc.runtime.MemorySize.DEFAULT_BUDGET);

    public Options {
      dims = Map.copyOf(dims);
    }

    /** The class for one binding of the named dimensions ({@code H = 96, W = 128}). */
    public Options withDims(Map<String, Integer> d) {
      return new Options(model, objective, differentiate, batch, dtype, parametersOnly, expand, d, memory);
    }

    public Options withModel(String m) {
      return new Options(m, objective, differentiate, batch, dtype, parametersOnly, expand, dims, memory);
    }

    public Options withObjective(String o) {
      return new Options(model, o, differentiate, batch, dtype, parametersOnly, expand, dims, memory);
    }

    public Options withBatch(int b) {
      return new Options(model, objective, differentiate, b, dtype, parametersOnly, expand, dims, memory);
    }

    public Options withDtype(Dtype d) {
      return new Options(model, objective, differentiate, batch, d, parametersOnly, expand, dims, memory);
    }

    /** The forward pass alone: no gradients, so the objective may be a tensor ({@code nnc run}). */
    public Options withoutGradients() {
      return new Options(model, objective, false, batch, dtype, parametersOnly, expand, dims, memory);
    }

    /** The memory budget in bytes (SPEC.md §1, {@code --memory}): all tensors of the compiled program must fit. */
    public Options withMemory(long bytes) {
      return new Options(model, objective, differentiate, batch, dtype, parametersOnly, expand, dims, bytes);
    }

    /** Gradients for the parameters only, as training needs (SPEC.md: "Gradients are taken for parameters only"). */
    public Options withParametersOnly() {
      return new Options(model, objective, differentiate, batch, dtype, true, expand, dims, memory);
    }

    /** Composite functions (sigmoid, tanh, softmax, ...) lowered to primitives, as the lecture draws them. */
    public Options withExpand() {
      return new Options(model, objective, differentiate, batch, dtype, parametersOnly, true, dims, memory);
    }
  }

  public static Compilation compile(Path file) throws IOException {
    return compile(SourceFile.read(file), Options.DEFAULT);
  }

  public static Compilation compile(String name, String text) {
    return compile(new SourceFile(name, text), Options.DEFAULT);
  }

  /**
   * The shapes the inputs of {@code model} declare, with the dimensions the data binds by name
   * ({@code input img[3, H, W]}): what a command reads before it knows the data's shape.
   */
  public static List<DeclaredShape> declaredInputs(SourceFile source, String model) {
    return DeepStack.call(() -> Lowerer.declaredInputs(Parser.parse(source), model));
  }

  /** Compiles on a deep stack ({@link DeepStack}): a program within the limits never overflows it. */
  public static Compilation compile(SourceFile source, Options options) {
    return DeepStack.call(() -> compileHere(source, options));
  }

  private static Compilation compileHere(SourceFile source, Options options) {
    Program lowered = Lowerer.lower(Parser.parse(source), options.model(), options.expand(), options.dims());
    if (options.objective() != null) lowered = lowered.withObjective(checkedObjective(lowered, options.objective()));
    if (options.differentiate() && lowered.objective() != null) checkScalarObjective(lowered);
    Backward rawBackward = options.differentiate() && lowered.objective() != null ? Differentiator.differentiate(lowered, options.batch()) : null;
    Simplifier.Result simplified = Simplifier.simplify(lowered, rawBackward);
    Backward backward = simplified.backward() != null && options.parametersOnly() ? simplified.backward().parametersOnly() : simplified.backward();
    KernelProgram kernel = Scheduler.schedule(simplified.program(), backward, options.batch(), className(lowered.name()), options.memory(), options.dtype().bytes());
    byte[] bytes = emit(kernel, options.dtype(), lowered);
    CompiledProgram compiled = new CompiledProgram(KernelLoader.load(kernel.className(), bytes), kernel.layout(), info(simplified.program()), options.batch());
    return new Compilation(lowered, rawBackward, simplified.program(), simplified.backward(), kernel, bytes, compiled);
  }

  /**
   * The class's bytes. The limits (syntax.Limits) keep a class within the JVM's sizes; should one
   * still outgrow them, the user hears it as a property of the program, not as nnc's failure.
   */
  private static byte[] emit(KernelProgram kernel, dev.nnc.runtime.Dtype dtype, Program program) {
    try {
      return ClassEmitter.emit(kernel, dtype);
    } catch (org.objectweb.asm.ClassTooLargeException | org.objectweb.asm.MethodTooLargeException e) {
      throw new CompileException(program.source(), dev.nnc.syntax.Span.NONE,
          "the program is too large to compile into one JVM class; split it into smaller programs");
    }
  }

  private static ModelInfo info(Program program) {
    Map<String, Initializer> inits = new LinkedHashMap<>();
    Map<String, LabelSpec> labels = new LinkedHashMap<>();
    for (Leaf leaf : program.leaves()) if (leaf.kind() == Leaf.Kind.PARAM) inits.put(leaf.name(), leaf.init());
    Prediction p = program.prediction();
    if (p != null && p.target().op() == dev.nnc.ir.Op.LABEL) labels.put(p.target().name(), labelSpec(p));
    return new ModelInfo(program.name(), program.objectiveName(), p == null ? null : p.kind(), labels, inits, IrPrinter.print(program));
  }

  /** What the loss accepts as its label: SPEC.md's "labels valid for the loss". */
  private static LabelSpec labelSpec(Prediction p) {
    int classes = p.node().shape().rank() == 1 ? p.node().shape().dim(0) : 0;
    return switch (p.kind()) {
      case ARGMAX -> new LabelSpec(p.target().shape().isScalar() ? LabelSpec.Kind.CLASS_INDEX : LabelSpec.Kind.ONE_HOT, classes);
      case LOGIT, PROBABILITY -> new LabelSpec(LabelSpec.Kind.BINARY, 2);
      case REGRESSION -> LabelSpec.REAL;
    };
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
