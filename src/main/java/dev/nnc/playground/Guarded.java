package dev.nnc.playground;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Locale;

/**
 * Wraps a handler so that no request ever sees a stack trace: a {@link BadRequest} becomes its
 * 4xx status and message, anything else a 500 with one line. It also refuses requests whose Host
 * header is not this machine's, so that a web site cannot reach the server through a DNS name
 * rebound to 127.0.0.1.
 */
final class Guarded implements HttpHandler {
  private final HttpHandler inner;

  Guarded(HttpHandler inner) {
    this.inner = inner;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      checkHost(ex);
      inner.handle(ex);
    } catch (BadRequest e) {
      Exchanges.error(ex, e.status(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      Exchanges.error(ex, 500, "internal error of nnc: " + e);
    }
  }

  private static void checkHost(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null) return;   // HTTP/1.0 clients such as curl -0
    String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    if (!name.equals("127.0.0.1") && !name.equals("localhost") && !name.equals("[::1]")) {
      throw new BadRequest(403, "this server answers requests for 127.0.0.1 or localhost only, not " + host);
    }
  }
}
