package dev.nnc.playground;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The page's files, every one from the jar: the HTML, its style sheet and its script. */
final class StaticFiles implements HttpHandler {
  private static final String ROOT = "/dev/nnc/playground/";
  private static final Map<String, String> FILES = Map.of(
      "/", "index.html",
      "/index.html", "index.html",
      "/playground.css", "playground.css",
      "/playground.js", "playground.js");

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Exchanges.requireMethod(ex, "GET", "HEAD");
    String path = ex.getRequestURI().getPath();
    String file = FILES.get(path);
    if (file == null) throw new BadRequest(404, "no such page: " + path);
    byte[] body;
    try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + file)) {
      if (in == null) throw new IllegalStateException("the jar lacks " + ROOT + file);
      body = in.readAllBytes();
    }
    Exchanges.send(ex, 200, contentType(file), body);
  }

  private static String contentType(String file) {
    if (file.endsWith(".html")) return "text/html; charset=utf-8";
    if (file.endsWith(".css")) return "text/css; charset=utf-8";
    return "text/javascript; charset=utf-8";
  }
}
