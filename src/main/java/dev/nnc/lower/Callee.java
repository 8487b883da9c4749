package dev.nnc.lower;

import dev.nnc.syntax.Ast;
import java.util.List;

/** Something that can be called: a built-in function, a {@code def} or a {@code layer}. */
sealed interface Callee {
  String name();

  List<String> formals();

  record BuiltinCallee(Builtin builtin) implements Callee {
    public String name() {
      return builtin.name();
    }

    public List<String> formals() {
      return builtin.formals();
    }
  }

  record DefCallee(Ast.Def def) implements Callee {
    public String name() {
      return def.name();
    }

    public List<String> formals() {
      return def.formals().stream().map(Ast.Formal::name).toList();
    }
  }

  record LayerCallee(Ast.Layer layer) implements Callee {
    public String name() {
      return layer.name();
    }

    public List<String> formals() {
      return layer.formals().stream().map(Ast.Formal::name).toList();
    }
  }
}
