package dev.nnc.lower;

import dev.nnc.ir.Node;
import dev.nnc.syntax.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names visible at a point of the program, with the enclosing scope behind them. */
final class Scope {
  /** What a name stands for: a value in the graph or a function that may be passed as an argument. */
  sealed interface Value permits NodeValue, FunctionValue {}

  record NodeValue(Node node) implements Value {}

  record FunctionValue(Callee callee) implements Value {}

  /** A binding and where it was made (for "already declared at" messages). */
  record Binding(Value value, Span span, String what) {}

  private final Scope parent;
  private final Map<String, Binding> names = new LinkedHashMap<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  Binding lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Binding b = s.names.get(name);
      if (b != null) return b;
    }
    return null;
  }

  /** The binding of {@code name} in this scope alone, not its parents. */
  Binding local(String name) {
    return names.get(name);
  }

  void bind(String name, Value value, Span span, String what) {
    names.put(name, new Binding(value, span, what));
  }

  /** Every visible name, innermost first, for "did you mean" suggestions. */
  List<String> visibleNames() {
    List<String> all = new ArrayList<>();
    for (Scope s = this; s != null; s = s.parent) all.addAll(s.names.keySet());
    return all;
  }
}
