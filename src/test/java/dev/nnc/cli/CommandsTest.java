package dev.nnc.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * nnc builds only the command a command line names (start-up: picocli's model of every command
 * costs more than the rest of {@code nnc grad}), and nothing a user sees may depend on it.
 */
class CommandsTest {
  private static String name(Class<? extends NncCommand> command) {
    return command.getAnnotation(Command.class).name();
  }

  @Test
  void theFirstWordPicksTheOneCommandToBuild() {
    assertThat(Commands.invoked(Main.COMMANDS, new String[] {"grad", "examples/lecture/add_mul.nn"})).containsExactly(GradCommand.class);
    assertThat(Commands.invoked(Main.COMMANDS, new String[] {"metrics"})).containsExactly(MetricsCommand.class);
    for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-V"}, new String[] {"gard", "x"},
        new String[] {"--json", "grad"}, new String[] {"Grad"})) {
      assertWithMessage("nnc %s", String.join(" ", args)).that(Commands.invoked(Main.COMMANDS, args)).isEqualTo(Main.COMMANDS);
    }
  }

  @Test
  void aCommandBuiltAloneIsTheCommandBuiltAmongAll() {
    CommandLine all = Commands.commandLine(new Main(), Main.COMMANDS, ProgramOptions::new);
    assertThat(all.getSubcommands().keySet()).containsExactlyElementsIn(Main.COMMANDS.stream().map(CommandsTest::name).toList()).inOrder();
    for (Class<? extends NncCommand> command : Main.COMMANDS) {
      CommandLine alone = Commands.commandLine(new Main(), List.of(command), ProgramOptions::new).getSubcommands().get(name(command));
      CommandLine among = all.getSubcommands().get(name(command));
      assertWithMessage("help of nnc %s", name(command)).that(alone.getUsageMessage()).isEqualTo(among.getUsageMessage());
      assertThat(alone.getCommandSpec().qualifiedName()).isEqualTo("nnc " + name(command));
    }
  }

  /** What {@code --help} prints, for nnc and for each of its commands. */
  @Test
  void helpTextsAreGolden() {
    List<String[]> invocations = new ArrayList<>();
    invocations.add(new String[] {"--help"});
    for (Class<? extends NncCommand> command : Main.COMMANDS) invocations.add(new String[] {name(command), "--help"});
    StringBuilder text = new StringBuilder();
    for (String[] args : invocations) {
      Cli.Result r = Cli.run(args);
      assertThat(r.status()).isEqualTo(0);
      assertThat(r.err()).isEmpty();
      text.append("$ nnc ").append(String.join(" ", args)).append('\n').append(r.out()).append('\n');
    }
    Golden.check(Golden.ROOT.resolve("help.txt"), text.toString());
  }
}
