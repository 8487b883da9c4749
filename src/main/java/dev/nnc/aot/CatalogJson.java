package dev.nnc.aot;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Initializer;
import dev.nnc.runtime.LabelSpec;
import dev.nnc.runtime.ModelInfo;
import dev.nnc.runtime.PredictionKind;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a {@link Catalog}: the model's description and, for each variant, its class
 * and arena layout. Written by {@code nnc compile}, read by the jar; nothing here needs the
 * compiler. Numbers round-trip exactly (Java's shortest decimal form of a double).
 */
final class CatalogJson {
  private CatalogJson() {}

  static String write(Catalog c) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", Catalog.FORMAT);
    doc.put("source", c.source());
    doc.put("nnc", c.nncVersion());
    doc.put("dtype", c.dtype().flag());
    doc.put("batch", c.batch());
    doc.put("model", info(c.info()));
    List<Object> variants = new ArrayList<>();
    for (Catalog.Entry e : c.variants()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("dtype", e.variant().dtype().flag());
      v.put("batch", e.variant().batch());
      v.put("gradients", Catalog.gradients(e.variant()));
      v.put("class", e.className());
      v.put("resource", e.resource());
      v.put("arena", layout(e.layout()));
      variants.add(v);
    }
    doc.put("variants", variants);
    return Json.write(doc);
  }

  static Catalog read(String text) {
    Map<?, ?> doc = (Map<?, ?>) Json.parse(text);
    int format = integer(doc.get("format"));
    if (format != Catalog.FORMAT) throw new IllegalStateException("the jar's catalog has format " + format + ", this runtime reads " + Catalog.FORMAT);
    List<Catalog.Entry> variants = new ArrayList<>();
    for (Object o : (List<?>) doc.get("variants")) {
      Map<?, ?> v = (Map<?, ?>) o;
      Object gradients = v.get("gradients");
      Variant variant = new Variant(dtype(v.get("dtype")), integer(v.get("batch")), "all".equals(gradients), null, !"none".equals(gradients), Map.of());
      variants.add(new Catalog.Entry(variant, (String) v.get("class"), (String) v.get("resource"), layout((Map<?, ?>) v.get("arena"))));
    }
    return new Catalog((String) doc.get("source"), (String) doc.get("nnc"), dtype(doc.get("dtype")), integer(doc.get("batch")),
        info((Map<?, ?>) doc.get("model")), variants);
  }

  private static Map<String, Object> info(ModelInfo info) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", info.name());
    m.put("objective", info.objective());
    m.put("prediction", info.predictionKind() == null ? null : info.predictionKind().name());
    Map<String, Object> labels = new LinkedHashMap<>();
    info.labels().forEach((name, spec) -> labels.put(name, List.of(spec.kind().name(), spec.classes())));
    m.put("labels", labels);
    Map<String, Object> inits = new LinkedHashMap<>();
    info.initializers().forEach((name, init) -> inits.put(name, initializer(init)));
    m.put("initializers", inits);
    m.put("canonical", info.canonicalText());
    return m;
  }

  private static ModelInfo info(Map<?, ?> m) {
    Map<String, LabelSpec> labels = new LinkedHashMap<>();
    ((Map<?, ?>) m.get("labels")).forEach((name, spec) -> {
      List<?> s = (List<?>) spec;
      labels.put((String) name, new LabelSpec(LabelSpec.Kind.valueOf((String) s.get(0)), integer(s.get(1))));
    });
    Map<String, Initializer> inits = new LinkedHashMap<>();
    ((Map<?, ?>) m.get("initializers")).forEach((name, init) -> inits.put((String) name, initializer((List<?>) init)));
    String prediction = (String) m.get("prediction");
    return new ModelInfo((String) m.get("name"), (String) m.get("objective"), prediction == null ? null : PredictionKind.valueOf(prediction),
        labels, inits, (String) m.get("canonical"));
  }

  /** An initializer as its name and arguments, as the language writes it: ["sparse", 3, 0.5]. */
  private static List<Object> initializer(Initializer init) {
    if (init instanceof Initializer.Constant c) return List.of("constant", c.value());
    if (init instanceof Initializer.Uniform u) return List.of("uniform", u.scale());
    if (init instanceof Initializer.Normal n) return List.of("normal", n.scale());
    if (init instanceof Initializer.Xavier) return List.of("xavier");
    if (init instanceof Initializer.He) return List.of("he");
    if (init instanceof Initializer.Sparse s) return List.of("sparse", s.k(), s.scale());
    throw new IllegalArgumentException("no JSON form for initializer " + init);
  }

  private static Initializer initializer(List<?> form) {
    String kind = (String) form.get(0);
    return switch (kind) {
      case "constant" -> new Initializer.Constant(number(form.get(1)));
      case "uniform" -> new Initializer.Uniform(number(form.get(1)));
      case "normal" -> new Initializer.Normal(number(form.get(1)));
      case "xavier" -> new Initializer.Xavier();
      case "he" -> new Initializer.He();
      case "sparse" -> new Initializer.Sparse(integer(form.get(1)), number(form.get(2)));
      default -> throw new IllegalArgumentException("unknown initializer '" + kind + "' in the jar's catalog");
    };
  }

  /** The layout as its size and one [name, role, offset, length, dims, batched] row per entry. */
  private static Map<String, Object> layout(ArenaLayout layout) {
    List<Object> entries = new ArrayList<>();
    for (ArenaLayout.Entry e : layout.entries()) {
      entries.add(List.of(e.name(), e.role().name(), e.offset(), e.length(), e.dims(), e.batched()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size", layout.size());
    m.put("entries", entries);
    return m;
  }

  private static ArenaLayout layout(Map<?, ?> m) {
    List<ArenaLayout.Entry> entries = new ArrayList<>();
    for (Object o : (List<?>) m.get("entries")) {
      List<?> e = (List<?>) o;
      List<Integer> dims = ((List<?>) e.get(4)).stream().map(CatalogJson::integer).toList();
      entries.add(new ArenaLayout.Entry((String) e.get(0), ArenaLayout.Role.valueOf((String) e.get(1)), integer(e.get(2)), integer(e.get(3)), dims, (Boolean) e.get(5)));
    }
    return new ArenaLayout(integer(m.get("size")), entries);
  }

  private static Dtype dtype(Object flag) {
    return Dtype.valueOf(((String) flag).toUpperCase(Locale.ROOT));
  }

  private static double number(Object o) {
    return (Double) o;
  }

  private static int integer(Object o) {
    return (int) (double) (Double) o;
  }
}
