package dev.nnc.cli;

import dev.nnc.runtime.io.Json;
import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.autodiff.GradPrinter;
import dev.nnc.ir.IrPrinter;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Shows the forward graph, the backward program tagged with its backprop patterns, or the bytecode.",
        "Patterns: add distributes, mul switches, max routes, copy sums, chain rule."})
final class ShowCommand extends NncCommand {
  @Mixin ProgramOptions program;

  @ArgGroup(exclusive = true)
  View view = new View();

  static final class View {
    @Option(names = "--ir", description = "The forward graph, one line per node (the default).")
    boolean ir;

    @Option(names = "--grad", description = "The backward program, each line tagged with its pattern.")
    boolean grad;

    @Option(names = "--java", description = "The generated program as Java-like text, each statement with its .nn line and pattern.")
    boolean java;

    @Option(names = "--bytecode", description = "The generated class, as ASM's Textifier prints it.")
    boolean bytecode;

    @Option(names = "--dot", description = "A Graphviz graph in the lecture's style; with --at, values (green) and gradients (red) on its edges.")
    boolean dot;
  }

  @Option(names = "--no-opt", description = "Show the program before simplification.")
  boolean noOpt;

  @Option(names = "--svg", paramLabel = "OUT.svg", description = "With --dot: render the graph with Graphviz's dot into this file.")
  java.nio.file.Path svg;

  @Option(names = "--expand", description = "Lower composite functions (sigmoid, tanh, softmax, ...) to primitives, as the lecture draws them.")
  boolean expand;

  @picocli.CommandLine.Mixin PointOptions point;

  @Override
  public Integer call() {
    OutputFiles.requireDirectory(svg);
    Compilation c = program.compile((expand ? Nnc.Options.DEFAULT.withExpand() : Nnc.Options.DEFAULT).withDims(point.dims(program)));
    ProgramOptions.warn(c, err());
    dev.nnc.ir.Program shown = noOpt ? c.lowered() : c.program();
    java.util.Map<dev.nnc.ir.Node, Double> values = values(c, shown);
    String text;
    if (view.grad) {
      Objectives.require(c.compiled(), program, "show --grad");
      text = GradPrinter.print(shown, noOpt ? c.rawBackward() : c.backward(), values);
    } else if (view.dot) {
      text = dev.nnc.plot.GraphDot.print(shown, noOpt ? c.rawBackward() : c.backward(), values);
      if (svg != null) {
        Graphviz.render(text, svg);
        return 0;
      }
    } else if (view.java) {
      text = dev.nnc.schedule.KernelPrinter.print(c.kernel(), "double");
    } else if (view.bytecode) {
      text = bytecode(c.classBytes());
    } else {
      text = IrPrinter.print(shown, values);
    }
    PrintWriter out = out();
    if (common.json) out.println(Json.write(java.util.Map.of("text", text)));
    else out.print(text);
    return 0;
  }

  /** Every node's value at the --at point (scalar programs), or none when no point is given. */
  private java.util.Map<dev.nnc.ir.Node, Double> values(Compilation c, dev.nnc.ir.Program shown) {
    if (point.at.isEmpty() && point.atFile == null) return java.util.Map.of();
    java.util.List<String> drawn = new java.util.ArrayList<>();
    dev.nnc.runtime.Workspace ws = point.workspace(c.compiled(), common.seed, drawn);
    Objectives.noteDrawn(drawn, common.seed, err());
    java.util.Map<String, Double> leaves = new java.util.HashMap<>();
    for (dev.nnc.ir.Leaf leaf : shown.leaves()) {
      if (leaf.node().shape().isScalar()) leaves.put(leaf.name(), ws.leafValue(leaf.name()));
    }
    java.util.List<dev.nnc.ir.Node> roots = new java.util.ArrayList<>(shown.variables().values());
    dev.nnc.autodiff.Backward b = noOpt ? c.rawBackward() : c.backward();
    if (b != null) for (var s : b.stmts()) roots.add(s.value());
    return dev.nnc.ir.Evaluator.evaluate(roots, leaves);
  }

  static String bytecode(byte[] classBytes) {
    StringWriter text = new StringWriter();
    new ClassReader(classBytes).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(text)), 0);
    return text.toString();
  }
}
