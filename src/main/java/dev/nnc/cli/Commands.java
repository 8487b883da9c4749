package dev.nnc.cli;

import dev.nnc.runtime.data.DataException;
import dev.nnc.runtime.io.WeightsFileException;
import dev.nnc.syntax.CompileException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs a command line as nnc does: parses it, gives each command that works on a program its
 * {@link ProgramSource}, and turns what goes wrong into a message and an exit status (SPEC.md §2):
 * 0 success; 1 a check or run failed; 2 bad usage or bad input; 3 an internal error of nnc itself
 * (a bug: please report it with --debug). Shared by nnc's {@link Main} and a compiled jar's main,
 * so both behave alike.
 */
final class Commands {
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int INTERNAL_ERROR = 3;

  private Commands() {}

  /**
   * Runs {@code root} (a picocli command) with its {@code commands} on {@code args}; returns the exit status.
   *
   * @param commands the root's subcommands, in the order its help lists them
   * @param programs makes the program of each command constructed with one (grad, run, train)
   */
  static int run(Object root, List<Class<? extends NncCommand>> commands, Supplier<ProgramSource> programs, String[] args,
      PrintStream out, PrintStream err) {
    return run(root, commands, programs, null, args, out, err);
  }

  /** As {@link #run(Object, List, Supplier, String[], PrintStream, PrintStream)}, with defaults from {@code defaults} first. */
  static int run(Object root, List<Class<? extends NncCommand>> commands, Supplier<ProgramSource> programs,
      CommandLine.IDefaultValueProvider defaults, String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine cl = commandLine(root, invoked(commands, args), programs);
    // Every setting after the subcommands are added: picocli gives a setting to the subcommands present when it is set.
    if (defaults != null) cl.setDefaultValueProvider(defaults);
    cl.setOut(outWriter);
    cl.setErr(errWriter);
    cl.setParameterExceptionHandler((e, a) -> {
      errWriter.println("nnc: " + e.getMessage());
      errWriter.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((e, command, parsed) -> report(e, command, errWriter));
    // Every command runs on a deep stack: compiling and printing recurse as deep as the program nests.
    int status = dev.nnc.runtime.DeepStack.call(() -> cl.execute(args));
    outWriter.flush();
    errWriter.flush();
    return status;
  }

  /** {@code root}'s command line with {@code commands} as its subcommands, in this order. */
  static CommandLine commandLine(Object root, List<Class<? extends NncCommand>> commands, Supplier<ProgramSource> programs) {
    CommandLine cl = new CommandLine(root, new Factory(programs));
    for (Class<? extends NncCommand> command : commands) cl.addSubcommand(command);
    return cl;
  }

  /**
   * The commands to build for {@code args}: the one its first word names, else (--help, --version, a
   * typo, nothing) all of them, so the root's help and its "did you mean" list every command. Picocli
   * builds a command's model by reflection over all its options and mixins, ~10-20 ms a command
   * before the JIT has warmed up: built for every command, that was most of {@code nnc grad}'s
   * start-up. A command's help, errors and parsing need no other command's model, so they are the
   * same either way (CommandsTest checks it).
   */
  static List<Class<? extends NncCommand>> invoked(List<Class<? extends NncCommand>> commands, String[] args) {
    if (args.length > 0) {
      for (Class<? extends NncCommand> command : commands) {
        if (command.getAnnotation(Command.class).name().equals(args[0])) return List.of(command);
      }
    }
    return commands;
  }

  /** What a root command does when run without a subcommand: say what it can do, then fail as bad usage. */
  static void requireSubcommand(CommandLine.Model.CommandSpec spec) {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The message of what went wrong and its exit status; with --debug, and only then, its stack trace too. */
  private static int report(Exception e, CommandLine command, PrintWriter err) {
    boolean debug = command.getCommand() instanceof NncCommand c && c.common.debug;
    int status = BAD_INPUT;
    if (e instanceof CompileException ce) {
      err.print(ce.diagnostic().render());
    } else if (e instanceof DataException de) {
      err.println(de.render());
    } else if (e instanceof WeightsFileException || e instanceof UsageException) {
      err.println("nnc: " + e.getMessage());
    } else {
      err.println("nnc: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
      status = INTERNAL_ERROR;
    }
    if (debug) e.printStackTrace(err);
    return status;
  }

  /**
   * Makes commands as picocli's default factory does, except that a command with a constructor
   * taking a {@link ProgramSource} gets a fresh one: its mixin of program options in nnc, nothing
   * to parse in a compiled jar (picocli reads a mixin's options from the object it is given).
   */
  private record Factory(Supplier<ProgramSource> programs) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == ProgramSource.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(programs.get()));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
