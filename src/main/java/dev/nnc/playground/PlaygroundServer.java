package dev.nnc.playground;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code nnc playground}'s HTTP server, bound to 127.0.0.1 only: the page's files and its API.
 * Requests are handled one at a time on one thread, so a session is never trained by two
 * requests at once.
 */
public final class PlaygroundServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Sessions sessions = new Sessions();

  private PlaygroundServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on {@code port} (0: any free port).
   *
   * @throws BindException when the port is taken
   */
  public static PlaygroundServer start(int port) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nnc-playground");
      t.setDaemon(true);
      return t;
    });
    PlaygroundServer s = new PlaygroundServer(http, executor);
    http.createContext("/", new Guarded(new StaticFiles()));
    http.createContext("/api/", new Guarded(new ApiHandler(s.sessions)));
    http.setExecutor(executor);
    http.start();
    return s;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  public Sessions sessions() {
    return sessions;
  }

  /** Stops accepting, lets a request in progress finish (up to a second), and stops the thread. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
