package dev.nnc.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the reference file: objects become LinkedHashMap, arrays List, numbers
 * Double, plus strings (no escapes beyond \" and \\), true, false and null. Tests only; the
 * project itself takes no JSON dependency.
 */
public final class MiniJson {
  private final String text;
  private int at;

  private MiniJson(String text) {
    this.text = text;
  }

  public static Object parse(String text) {
    MiniJson parser = new MiniJson(text);
    Object value = parser.value();
    parser.skipSpace();
    if (parser.at != text.length()) throw parser.error("trailing text");
    return value;
  }

  private Object value() {
    skipSpace();
    char c = text.charAt(at);
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return string();
    if (text.startsWith("null", at)) return literal("null", null);
    if (text.startsWith("true", at)) return literal("true", true);
    if (text.startsWith("false", at)) return literal("false", false);
    return number();
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++;
    if (nextIs('}')) return map;
    do {
      skipSpace();
      String key = string();
      expect(':');
      map.put(key, value());
    } while (nextIs(','));
    expect('}');
    return map;
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    at++;
    if (nextIs(']')) return list;
    do list.add(value()); while (nextIs(','));
    expect(']');
    return list;
  }

  private String string() {
    if (text.charAt(at) != '"') throw error("expected a string");
    StringBuilder out = new StringBuilder();
    for (at++; text.charAt(at) != '"'; at++) {
      if (text.charAt(at) == '\\') at++;
      out.append(text.charAt(at));
    }
    at++;
    return out.toString();
  }

  private Object literal(String word, Object value) {
    at += word.length();
    return value;
  }

  private Double number() {
    int start = at;
    while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) at++;
    if (start == at) throw error("expected a value");
    return Double.parseDouble(text.substring(start, at));
  }

  private boolean nextIs(char c) {
    skipSpace();
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!nextIs(c)) throw error("expected '" + c + "'");
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at character " + at);
  }
}
