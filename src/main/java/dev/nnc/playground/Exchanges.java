package dev.nnc.playground;

import com.sun.net.httpserver.HttpExchange;
import dev.nnc.runtime.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests and writing responses of the JDK's HTTP server, with the limits of a local page. */
final class Exchanges {
  /** The largest request body the page sends is a few hundred bytes of settings. */
  static final int MAX_BODY = 64 * 1024;

  private Exchanges() {}

  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  static void json(HttpExchange ex, int status, Object document) throws IOException {
    send(ex, status, "application/json; charset=utf-8", Json.write(document).getBytes(StandardCharsets.UTF_8));
  }

  static void error(HttpExchange ex, int status, String message) throws IOException {
    json(ex, status, Map.of("error", message));
  }

  /** A text file the browser saves under {@code filename}. */
  static void download(HttpExchange ex, String filename, String contentType, String text) throws IOException {
    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    send(ex, 200, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The request body as a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> jsonBody(HttpExchange ex) throws IOException {
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) throw new BadRequest(413, "the request body is over " + MAX_BODY + " bytes");
    String text = new String(bytes, StandardCharsets.UTF_8);
    Object doc;
    try {
      doc = text.isBlank() ? Map.of() : Json.parse(text);
    } catch (Json.ParseException e) {
      throw new BadRequest("the body is not JSON: " + e.getMessage() + " at offset " + e.offset);
    }
    if (!(doc instanceof Map<?, ?>)) throw new BadRequest("the body must be a JSON object");
    return (Map<String, Object>) doc;
  }

  /** The query string's parameters. */
  static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("malformed query string");
      }
    }
    return out;
  }

  static void requireMethod(HttpExchange ex, String... allowed) {
    for (String m : allowed) if (m.equals(ex.getRequestMethod())) return;
    ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
    throw new BadRequest(405, ex.getRequestMethod() + " is not allowed on " + ex.getRequestURI().getPath() + "; use " + String.join(" or ", allowed));
  }
}
