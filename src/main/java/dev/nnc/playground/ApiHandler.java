package dev.nnc.playground;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's requests: build a network from settings ({@code POST /api/session}), train it for a
 * while ({@code POST /api/train}), and download its program, its gradients and its data
 * ({@code GET /api/program.nn?id=N}, {@code /api/grad.txt?id=N}, {@code /api/data.csv?id=N}).
 */
final class ApiHandler implements HttpHandler {
  /** The longest a train request computes, so the page stays responsive. */
  static final long MAX_MILLIS = 2000;
  static final int MAX_EPOCHS = 100_000;

  private final Sessions sessions;

  ApiHandler(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    switch (ex.getRequestURI().getPath()) {
      case "/api/session" -> create(ex);
      case "/api/train" -> train(ex);
      case "/api/program.nn" -> {
        Exchanges.requireMethod(ex, "GET", "HEAD");
        Session s = sessions.get(Exchanges.query(ex).get("id"));
        Exchanges.download(ex, ProgramWriter.PROGRAM_FILE, "text/plain; charset=utf-8", s.program());
      }
      case "/api/grad.txt" -> {
        Exchanges.requireMethod(ex, "GET", "HEAD");
        Session s = sessions.get(Exchanges.query(ex).get("id"));
        Exchanges.download(ex, ProgramWriter.GRAD_FILE, "text/plain; charset=utf-8", s.gradText());
      }
      case "/api/data.csv" -> {
        Exchanges.requireMethod(ex, "GET", "HEAD");
        Session s = sessions.get(Exchanges.query(ex).get("id"));
        Exchanges.download(ex, ProgramWriter.DATA_FILE, "text/csv; charset=utf-8", s.csv());
      }
      default -> throw new BadRequest(404, "no such request: " + ex.getRequestURI().getPath());
    }
  }

  private void create(HttpExchange ex) throws IOException {
    Exchanges.requireMethod(ex, "POST");
    Session s = new Session(Settings.fromJson(Exchanges.jsonBody(ex)));
    long id = sessions.add(s);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", id);
    doc.put("settings", s.settings().toJson());
    doc.put("program", s.program());
    doc.put("grad", s.gradText());
    doc.put("points", points(s));
    doc.put("features", HeatMaps.features());
    doc.putAll(state(s, List.of(), 0));
    Exchanges.json(ex, 200, doc);
  }

  private void train(HttpExchange ex) throws IOException {
    Exchanges.requireMethod(ex, "POST");
    Map<String, Object> body = Exchanges.jsonBody(ex);
    Session s = sessions.get(body.get("id") instanceof Double d ? Long.toString(d.longValue()) : null);
    int epochs = bounded(body, "epochs", 1, MAX_EPOCHS, 1);
    long millis = bounded(body, "millis", 1, (int) MAX_MILLIS, (int) MAX_MILLIS);
    long start = System.nanoTime();
    List<double[]> fresh = s.train(epochs, millis * 1_000_000L);
    double seconds = (System.nanoTime() - start) / 1e9;
    Exchanges.json(ex, 200, state(s, fresh, seconds > 0 ? fresh.size() / seconds : 0));
  }

  /** What the page redraws: the epoch, the new points of the loss chart, the losses, the maps. */
  private static Map<String, Object> state(Session s, List<double[]> fresh, double epochsPerSecond) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("epoch", s.epochs());
    List<Object> history = new ArrayList<>();
    for (double[] h : fresh) history.add(List.of((int) h[0], h[1], h[2]));
    doc.put("history", history);
    doc.put("trainLoss", s.trainLoss());
    doc.put("testLoss", s.testLoss());
    doc.put("trainAccuracy", s.trainAccuracy());
    doc.put("testAccuracy", s.testAccuracy());
    doc.put("epochsPerSecond", epochsPerSecond);
    doc.put("command", ProgramWriter.command(s.settings(), Integer.toString(Math.max(1, s.epochs()))));
    doc.put("diverged", s.diverged());
    doc.put("maps", s.maps().toJson());
    doc.put("weights", s.weightMatrices());
    return doc;
  }

  private static List<Object> points(Session s) {
    boolean[] trains = s.trains();
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < s.points().size(); i++) {
      Point p = s.points().get(i);
      out.add(List.of(p.x1(), p.x2(), p.label(), trains[i] ? 1 : 0));
    }
    return out;
  }

  private static int bounded(Map<String, Object> body, String key, int min, int max, int fallback) {
    Object v = body.get(key);
    if (v == null) return fallback;
    if (!(v instanceof Double d) || d != Math.rint(d) || d < min || d > max) {
      throw new BadRequest("'" + key + "' must be an integer from " + min + " to " + max);
    }
    return d.intValue();
  }
}
