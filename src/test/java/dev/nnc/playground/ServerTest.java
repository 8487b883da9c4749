package dev.nnc.playground;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.cli.Cli;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server: the page's files, the API, and a 4xx with a message for every bad request. */
class ServerTest {
  private PlaygroundServer server;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    server = PlaygroundServer.start(0);
    http = new Http(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void servesThePageFromTheJar() throws Exception {
    Http.Response page = http.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"playground.js\"></script>");
    assertThat(page.body()).doesNotContain("https://");   // no CDN: every file is ours
    assertThat(http.get("/playground.js").contentType()).isEqualTo("text/javascript; charset=utf-8");
    assertThat(http.get("/playground.css").contentType()).isEqualTo("text/css; charset=utf-8");
  }

  @Test
  void buildsTrainsAndOffersTheDownloads() throws Exception {
    Map<String, Object> made = http.post("/api/session", "{\"dataset\": \"gaussian\", \"layers\": [3]}").json();
    long id = ((Double) made.get("id")).longValue();
    assertThat((String) made.get("program")).contains("h1 = dense(x, 3, act = tanh)");
    assertThat((String) made.get("grad")).contains("dh1.W = sum_to(outer(dt2, x))");
    assertThat((List<?>) made.get("points")).hasSize(500);
    assertThat((List<?>) made.get("features")).hasSize(7);
    assertThat(made.get("epoch")).isEqualTo(0.0);

    Map<String, Object> trained = http.post("/api/train", Map.of("id", (double) id, "epochs", 3.0)).json();
    assertThat(trained.get("epoch")).isEqualTo(3.0);
    assertThat((List<?>) trained.get("history")).hasSize(3);
    assertThat(trained.get("command")).isEqualTo("nnc train playground.nn --data playground.csv --split 0.5 --seed 0 --epochs 3 --batch 10 --lr 0.03");
    @SuppressWarnings("unchecked")
    Map<String, Object> maps = (Map<String, Object>) trained.get("maps");
    assertThat((List<?>) maps.get("layers")).hasSize(1);
    assertThat(java.util.Base64.getDecoder().decode((String) maps.get("output"))).hasLength(HeatMaps.POINTS);

    Http.Response csv = http.get("/api/data.csv?id=" + id);
    assertThat(csv.contentType()).isEqualTo("text/csv; charset=utf-8");
    assertThat(csv.body()).startsWith("x1,x2,label\n");
    assertThat(csv.body().lines().count()).isEqualTo(501);
    assertThat(http.get("/api/program.nn?id=" + id).body()).isEqualTo(made.get("program"));
    assertThat(http.get("/api/grad.txt?id=" + id).body()).isEqualTo(made.get("grad"));
  }

  @Test
  void badRequestsGetA4xxAndAMessage() throws Exception {
    assertError(http.post("/api/session", "{\"layers\": [4, 9]}"), 400, "a hidden layer has 1 to 8 neurons, not 9");
    assertError(http.post("/api/session", "{\"layers\": [1, 1, 1, 1, 1, 1, 1]}"), 400, "at most 6 hidden layers, not 7");
    assertError(http.post("/api/session", "{\"dataset\": \"moons\"}"), 400, "unknown data set 'moons': use circle, xor, gaussian, spiral, plane or multi-gaussian");
    assertError(http.post("/api/session", "{\"features\": []}"), 400, "choose at least one feature");
    assertError(http.post("/api/session", "{\"learningRate\": -1}"), 400, "the learning rate is a number in (0, 10], not -1.0");
    assertError(http.post("/api/session", "{\"colour\": 1}"), 400, "unknown setting 'colour'; settings are dataset, noise, trainPercent, dataSeed, features, layers, activation, learningRate, regularization, regularizationRate, batch, optimizer, seed");
    assertError(http.post("/api/session", "{\"noise\": 1.5}"), 400, "'noise' must be an integer, not 1.5");
    assertError(http.post("/api/session", "{\"layers\": [4,"), 400, "the body is not JSON: unexpected end of JSON at offset 14");
    assertError(http.post("/api/session", "[1]"), 400, "the body must be a JSON object");
    assertError(http.post("/api/session", "{\"a\": \"" + "x".repeat(70_000) + "\"}"), 413, "the request body is over 65536 bytes");
    assertError(http.post("/api/train", "{\"id\": 99}"), 404, "no network 99 (the server keeps the last 8); reload the page");
    assertError(http.post("/api/train", "{}"), 400, "the request names no network: give its id");
    assertError(http.get("/api/data.csv?id=abc"), 400, "'abc' is not a network id");
    assertError(http.get("/api/session"), 405, "GET is not allowed on /api/session; use POST");
    assertError(http.post("/", "{}"), 405, "POST is not allowed on /; use GET or HEAD");
    assertError(http.get("/etc/passwd"), 404, "no such page: /etc/passwd");
    assertError(http.get("/api/weights"), 404, "no such request: /api/weights");
    long id = ((Double) http.post("/api/session", "{}").json().get("id")).longValue();
    assertError(http.post("/api/train", Map.of("id", (double) id, "epochs", 0.0)), 400, "'epochs' must be an integer from 1 to 100000");
  }

  @Test
  void refusesRequestsForOtherHostNames() throws Exception {
    // java.net.http does not let a caller set Host, so the request is written by hand.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n".getBytes());
      String reply = new String(socket.getInputStream().readAllBytes());
      assertThat(reply).startsWith("HTTP/1.1 403");
      assertThat(reply).contains("{\"error\": \"this server answers requests for 127.0.0.1 or localhost only, not evil.example\"}");
    }
  }

  @Test
  void aDivergedNetworkSaysSoAndRefusesMoreTraining() throws Exception {
    long id = ((Double) http.post("/api/session", "{\"dataset\": \"plane\", \"features\": [\"x1_sq\", \"x2_sq\"], \"activation\": \"identity\", \"learningRate\": 10}").json().get("id")).longValue();
    Map<String, Object> state = http.post("/api/train", Map.of("id", (double) id, "epochs", 50.0)).json();
    assertThat((String) state.get("diverged")).startsWith("training diverged at epoch ");
    Http.Response again = http.post("/api/train", Map.of("id", (double) id, "epochs", 1.0));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("error").toString()).endsWith("; press reset to start again");
  }

  @Test
  void theCommandSaysWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Cli.Result r = Cli.run("playground", "--port", Integer.toString(taken.getLocalPort()));
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err()).startsWith("nnc: port " + taken.getLocalPort() + " on 127.0.0.1 is in use (");
      assertThat(r.err()).contains("choose another with --port P, or --port 0 for any free one");
    }
  }

  private static void assertError(Http.Response r, int status, String message) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(r.json()).isEqualTo(Map.of("error", message));
  }
}
