package dev.nnc.cli;

import dev.nnc.runtime.data.DataException;
import dev.nnc.syntax.CompileException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnc} command. Exit status (SPEC.md §2): 0 success; 1 a check or run failed; 2 bad
 * usage or bad input; 3 an internal error of nnc itself (a bug: please report it with --debug).
 */
@Command(
    name = "nnc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A compiler for neural networks on the JVM: differentiates .nn programs and compiles them to bytecode.",
    subcommands = {GradCommand.class, CheckCommand.class, ShowCommand.class, TrainCommand.class, EvalCommand.class, RunCommand.class, MetricsCommand.class, BenchCommand.class},
    footer = {"", "Exit status: 0 success, 1 a check or run failed, 2 bad usage or input, 3 internal error."})
public final class Main implements Runnable {
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int INTERNAL_ERROR = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs nnc with {@code args}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(outWriter);
    cl.setErr(errWriter);
    cl.setParameterExceptionHandler((e, a) -> {
      errWriter.println("nnc: " + e.getMessage());
      errWriter.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((e, command, parsed) -> report(e, command, errWriter));
    // Every command runs on a deep stack: compiling and printing recurse as deep as the program nests.
    int status = dev.nnc.DeepStack.call(() -> cl.execute(args));
    outWriter.flush();
    errWriter.flush();
    return status;
  }

  private static int report(Exception e, CommandLine command, PrintWriter err) {
    if (e instanceof CompileException ce) {
      err.print(ce.diagnostic().render());
      return BAD_INPUT;
    }
    if (e instanceof DataException de) {
      err.println(de.render());
      return BAD_INPUT;
    }
    if (e instanceof dev.nnc.runtime.io.WeightsFileException) {
      err.println("nnc: " + e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof UsageException) {
      err.println("nnc: " + e.getMessage());
      return BAD_INPUT;
    }
    boolean debug = command.getCommand() instanceof NncCommand c && c.common.debug;
    err.println("nnc: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
    if (debug) e.printStackTrace(err);
    return INTERNAL_ERROR;
  }

  @Override
  public void run() {
    // "nnc" alone: say what it can do.
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }


  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"nnc " + (v == null ? "(development build)" : v)};
    }
  }
}
