package dev.nnc.aot;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.ModelInfo;
import dev.nnc.runtime.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a jar made by {@code nnc compile} knows of its model: the model's description and the
 * generated classes it carries, one per {@link Variant} (a class is specialised to a precision and
 * a batch size, and a jar cannot generate new ones). {@link JarClasses} loads them.
 *
 * @param source the .nn file's name
 * @param dtype the training precision ({@code nnc compile --dtype})
 * @param batch the training batch size ({@code nnc compile --batch}); every size up to it is carried
 */
public record Catalog(String source, String nncVersion, Dtype dtype, int batch, ModelInfo info, List<Entry> variants) {
  /** The catalog's place in the jar. */
  public static final String RESOURCE = "nnc/catalog.json";

  static final int FORMAT = 1;

  /** One generated class: what it is specialised for, its name, its bytes' place in the jar, its arena. */
  public record Entry(Variant variant, String className, String resource, ArenaLayout layout) {}

  public Catalog {
    variants = List.copyOf(variants);
  }

  /** The catalog of the jar this class was loaded from, or null when it is not in such a jar. */
  public static Catalog builtIn() {
    try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return in == null ? null : CatalogJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public static Catalog parse(String json) {
    return CatalogJson.read(json);
  }

  public String toJson() {
    return CatalogJson.write(this);
  }

  /** Where a variant's class bytes go in the jar (not under its class name: each is loaded on its own). */
  public static String resourceOf(Variant v) {
    return "nnc/classes/" + v.dtype().flag() + "-batch" + v.batch() + "-" + gradients(v) + ".class";
  }

  /** Which gradients a variant's backward pass computes: all (grad), parameters (training), none (run's forward pass). */
  static String gradients(Variant v) {
    return !v.differentiate() ? "none" : v.allGradients() ? "all" : "parameters";
  }

  /**
   * The class for {@code v} (its objective: null or the model's own; no named dimensions), or null
   * when the jar does not carry it.
   */
  public Entry entry(Variant v) {
    boolean ownObjective = v.objective() == null || v.objective().equals(info.objective());
    if (!ownObjective || !v.dims().isEmpty()) return null;
    for (Entry e : variants) {
      Variant c = e.variant();
      if (c.dtype() == v.dtype() && c.batch() == v.batch() && gradients(c).equals(gradients(v))) return e;
    }
    return null;
  }
}
