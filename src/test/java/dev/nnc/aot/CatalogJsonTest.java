package dev.nnc.aot;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Initializer;
import dev.nnc.runtime.LabelSpec;
import dev.nnc.runtime.ModelInfo;
import dev.nnc.runtime.PredictionKind;
import dev.nnc.runtime.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog a jar carries reads back as it was written: every initializer, label kind and layout field. */
class CatalogJsonTest {
  @Test
  void aCatalogRoundTripsThroughItsJson() {
    Map<String, Initializer> inits = new LinkedHashMap<>();
    inits.put("a", new Initializer.Constant(-0.1));
    inits.put("b", new Initializer.Uniform(0.01));
    inits.put("c", new Initializer.Normal(1e-3));
    inits.put("d", new Initializer.Xavier());
    inits.put("e", new Initializer.He());
    inits.put("f", new Initializer.Sparse(3, 0.5));
    ModelInfo info = new ModelInfo("m", "loss", PredictionKind.ARGMAX, Map.of("y", new LabelSpec(LabelSpec.Kind.CLASS_INDEX, 10)), inits,
        "model m {\n  loss = \"quoted\" \\ text\n}");
    ArenaLayout layout = new ArenaLayout(12, List.of(
        new ArenaLayout.Entry("f", Role.PARAM, 0, 6, List.of(2, 3), false),
        new ArenaLayout.Entry("x", Role.INPUT, 6, 4, List.of(2), true),
        new ArenaLayout.Entry("loss", Role.VALUE, 10, 2, List.of(), true)));
    Catalog catalog = new Catalog("m.nn", "0.1.0", Dtype.F32, 2, info, List.of(
        new Catalog.Entry(Variant.grad(null), "dev/nnc/generated/m", Catalog.resourceOf(Variant.grad(null)), layout),
        new Catalog.Entry(Variant.training(Dtype.F32, 2), "dev/nnc/generated/m", "nnc/classes/f32-batch2-parameters.class", layout),
        new Catalog.Entry(Variant.forward(Dtype.F32, 2, Map.of()), "dev/nnc/generated/m", "nnc/classes/f32-batch2-none.class", layout)));
    Catalog read = Catalog.parse(catalog.toJson());
    assertThat(read).isEqualTo(catalog);
    assertThat(read.info().initializers().keySet()).containsExactly("a", "b", "c", "d", "e", "f").inOrder();
    assertThat(read.entry(Variant.training(Dtype.F32, 2)).resource()).isEqualTo("nnc/classes/f32-batch2-parameters.class");
    assertThat(read.entry(Variant.forward(Dtype.F32, 2, Map.of())).resource()).isEqualTo(Catalog.resourceOf(Variant.forward(Dtype.F32, 2, Map.of())));
    assertThat(read.entry(Variant.grad("loss"))).isEqualTo(read.variants().get(0));
    assertThat(read.entry(Variant.grad("other"))).isNull();
    assertThat(read.entry(Variant.forward(Dtype.F32, 2, Map.of("H", 8)))).isNull();
    assertThat(read.entry(Variant.training(Dtype.F32, 3))).isNull();
  }
}
