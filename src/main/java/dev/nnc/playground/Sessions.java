package dev.nnc.playground;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networks the page has built, by id. A page makes a new one on every change of settings
 * and on reset; the oldest are dropped past {@value #KEPT}, as a local page needs few.
 */
public final class Sessions {
  static final int KEPT = 8;

  private long next = 1;
  private final Map<Long, Session> byId = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Session> eldest) {
      return size() > KEPT;
    }
  };

  synchronized long add(Session s) {
    long id = next++;
    byId.put(id, s);
    return id;
  }

  /** The session with this id; a 404 if there is none (any more). */
  public synchronized Session get(long id) {
    Session s = byId.get(id);
    if (s == null) throw new BadRequest(404, "no network " + id + " (the server keeps the last " + KEPT + "); reload the page");
    return s;
  }

  /** The session a request's id names, as text. */
  Session get(String id) {
    if (id == null) throw new BadRequest("the request names no network: give its id");
    try {
      return get(Long.parseLong(id));
    } catch (NumberFormatException e) {
      throw new BadRequest("'" + id + "' is not a network id");
    }
  }
}
