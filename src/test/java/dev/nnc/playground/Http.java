package dev.nnc.playground;

import dev.nnc.runtime.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A client of a running playground server, for tests. */
final class Http {
  record Response(int status, String body, String contentType) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) Json.parse(body);
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  Http(PlaygroundServer server) {
    this.base = "http://127.0.0.1:" + server.port();
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  Response post(String path, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Response post(String path, Map<String, Object> body) throws IOException, InterruptedException {
    return post(path, Json.write(body));
  }

  Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
  }
}
