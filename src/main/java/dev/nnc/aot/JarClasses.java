package dev.nnc.aot;

import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.KernelLoader;
import dev.nnc.runtime.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generated classes of the jar on the class path, each loaded on first use (in a class loader
 * of its own, as nnc loads what it compiles) and then shared: a compiled program is immutable.
 */
public final class JarClasses {
  private final Catalog catalog;
  private final Map<Variant, CompiledProgram> loaded = new ConcurrentHashMap<>();

  public JarClasses(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The classes of the jar on the class path; an error when there is none. */
  public static JarClasses builtIn() {
    Catalog c = Catalog.builtIn();
    if (c == null) throw new IllegalStateException("no " + Catalog.RESOURCE + " on the class path: put a jar made by nnc compile on it");
    return new JarClasses(c);
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The program of variant {@code v}; null when the jar does not carry it. */
  public CompiledProgram load(Variant v) {
    Catalog.Entry e = catalog.entry(v);
    if (e == null) return null;
    return loaded.computeIfAbsent(e.variant(), key -> new CompiledProgram(KernelLoader.load(e.className(), bytes(e)), e.layout(), catalog.info(), key.batch()));
  }

  private static byte[] bytes(Catalog.Entry e) {
    try (InputStream in = JarClasses.class.getClassLoader().getResourceAsStream(e.resource())) {
      if (in == null) throw new IllegalStateException("the jar lacks " + e.resource() + ", which its catalog lists");
      return in.readAllBytes();
    } catch (IOException x) {
      throw new UncheckedIOException("cannot read " + e.resource(), x);
    }
  }
}
