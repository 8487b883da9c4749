package dev.nnc.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nnc} command; {@link Commands} runs it and gives its exit status. */
@Command(
    name = "nnc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A compiler for neural networks on the JVM: differentiates .nn programs and compiles them to bytecode.",
    footer = {"", "Exit status: 0 success, 1 a check or run failed, 2 bad usage or input, 3 internal error."})
public final class Main implements Runnable {
  /** nnc's commands, in the order its help lists them; {@link Commands#run} adds them (not the annotation: see there why). */
  static final List<Class<? extends NncCommand>> COMMANDS = List.of(GradCommand.class, CheckCommand.class, ShowCommand.class,
      CompileCommand.class, TrainCommand.class, EvalCommand.class, RunCommand.class, MetricsCommand.class, BenchCommand.class,
      PlaygroundCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs nnc with {@code args}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Commands.run(new Main(), COMMANDS, ProgramOptions::new, args, out, err);
  }

  @Override
  public void run() {
    Commands.requireSubcommand(spec);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nnc " + version()};
    }

    /** The version in nnc's jar manifest; a build from the class files has none. */
    static String version() {
      String v = Main.class.getPackage().getImplementationVersion();
      return v == null ? "(development build)" : v;
    }
  }
}
