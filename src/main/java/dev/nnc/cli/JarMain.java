package dev.nnc.cli;

import dev.nnc.aot.Catalog;
import dev.nnc.aot.JarClasses;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The main class of a jar made by {@code nnc compile}: grad, run and train as nnc has them, on the
 * model built into the jar. It reaches no compiler class (a test proves it on the jar's entries):
 * its commands get their program through {@link BuiltInProgram}.
 */
@Command(
    name = "java -jar MODEL.jar",
    mixinStandardHelpOptions = true,
    versionProvider = JarMain.Version.class,
    description = "A model compiled ahead of time by nnc: its gradients, its forward pass and its training, with no compiler.",
    footer = {"", "Exit status: 0 success, 1 a run failed, 2 bad usage or input, 3 internal error."})
public final class JarMain implements Runnable {
  /** The jar's commands, in the order its help lists them. */
  private static final List<Class<? extends NncCommand>> COMMANDS = List.of(GradCommand.class, RunCommand.class, TrainCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the jar's command line; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Catalog catalog = Catalog.builtIn();
    if (catalog == null) {
      err.println("nnc: no " + Catalog.RESOURCE + " on the class path: this class runs inside a jar made by nnc compile");
      return Commands.INTERNAL_ERROR;
    }
    JarClasses classes = new JarClasses(catalog);
    return Commands.run(new JarMain(), COMMANDS, () -> new BuiltInProgram(classes), batchDefaults(catalog), args, out, err);
  }

  /** --batch of run and train defaults to the batch size the jar was compiled for, --dtype to its precision. */
  private static CommandLine.IDefaultValueProvider batchDefaults(Catalog catalog) {
    return arg -> {
      if (!(arg instanceof OptionSpec option)) return null;
      return switch (option.longestName()) {
        case "--batch" -> Integer.toString(catalog.batch());
        case "--dtype" -> catalog.dtype().flag();
        default -> null;
      };
    };
  }

  @Override
  public void run() {
    Commands.requireSubcommand(spec);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Catalog c = Catalog.builtIn();
      return new String[] {"model '" + c.info().name() + "' from " + c.source() + ", compiled by nnc " + c.nncVersion()};
    }
  }
}
