package dev.nnc.cli;

import dev.nnc.aot.Catalog;
import dev.nnc.aot.JarClasses;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.ModelSignature;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * The program built into a jar by {@code nnc compile}: its classes are loaded from the jar, never
 * compiled (the jar has no compiler). A variant the jar does not carry is a usage error that says
 * how to compile a jar that does. The program's warnings were printed when it was compiled.
 * Commands take it as their mixin of program options, of which it has none: picocli wants a mixin
 * annotated, hence the empty {@code @Command}.
 */
@Command
final class BuiltInProgram implements ProgramSource {
  private final JarClasses classes;
  private final Catalog catalog;

  BuiltInProgram(JarClasses classes) {
    this.classes = classes;
    this.catalog = classes.catalog();
  }

  @Override
  public String name() {
    return catalog.source();
  }

  @Override
  public CompiledProgram compile(Variant variant, PrintWriter warnings) {
    CompiledProgram p = classes.load(variant);
    if (p == null) throw new UsageException(missing(variant));
    return p;
  }

  @Override
  public ModelSignature signature() {
    return ModelSignature.of(compile(Variant.forward(Dtype.F64, 1, java.util.Map.of()), null));
  }

  private String missing(Variant v) {
    String objective = catalog.info().objective();
    if (v.objective() != null && !v.objective().equals(objective)) {
      return "--of " + v.objective() + ": this jar differentiates '" + objective + "' only; nnc grad " + catalog.source()
          + " --of " + v.objective() + " differentiates another variable";
    }
    boolean differentiable = catalog.variants().stream().anyMatch(e -> e.variant().differentiate());
    if (v.differentiate() && !differentiable) {
      return "the objective '" + objective + "' is not a scalar, so this jar holds the forward pass alone (run); grad and train need a scalar objective";
    }
    return "this jar carries the model for " + catalog.dtype().flag() + " batches of 1 to " + catalog.batch()
        + " (and f64 for one example); batches of " + v.batch() + " in " + v.dtype().flag() + " need a jar compiled with: nnc compile "
        + catalog.source() + " --batch " + Math.max(v.batch(), catalog.batch()) + " --dtype " + v.dtype().flag() + " -o OUT.jar";
  }
}
