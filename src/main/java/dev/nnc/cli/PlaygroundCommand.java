package dev.nnc.cli;

import dev.nnc.playground.PlaygroundServer;
import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "playground", mixinStandardHelpOptions = true,
    description = {"Serves TensorFlow Playground on http://127.0.0.1:PORT/, backed by networks nnc compiles.",
        "Each network is shown as its .nn program, its gradients (show --grad) and the nnc train command that reproduces its training.",
        "Ctrl-C stops the server."})
final class PlaygroundCommand extends NncCommand {
  static final int DEFAULT_PORT = 8080;

  @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, paramLabel = "P", description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) throw new UsageException("--port takes 0 to 65535, not " + port);
    PlaygroundServer server;
    try {
      server = PlaygroundServer.start(port);
    } catch (BindException e) {
      throw new UsageException("port " + port + " on 127.0.0.1 is in use (" + e.getMessage() + "); choose another with --port P, or --port 0 for any free one");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "nnc-playground-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    out().println("nnc playground: open " + server.url() + " (Ctrl-C stops it)");
    out().flush();
    stopped.await();
    return 0;
  }
}
