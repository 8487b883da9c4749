package dev.nnc.lower;

import dev.nnc.syntax.Ast;
import dev.nnc.syntax.Parser;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The layers shipped with the compiler (dense, conv), written in .nn and parsed once. */
final class Prelude {
  private Prelude() {}

  private static final List<Ast.Item> LAYERS = parse();

  private static List<Ast.Item> parse() {
    try (InputStream in = Prelude.class.getResourceAsStream("prelude.nn")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Parser.parse(new SourceFile("prelude.nn", text)).items();
    } catch (IOException e) {
      throw new UncheckedIOException("the compiler's prelude.nn is missing", e);
    }
  }

  static List<Ast.Item> layers() {
    return LAYERS;
  }

  static boolean defines(String name) {
    return layer(name) != null;
  }

  static Ast.Layer layer(String name) {
    for (Ast.Item item : LAYERS) if (item instanceof Ast.Layer l && l.name().equals(name)) return l;
    return null;
  }
}
