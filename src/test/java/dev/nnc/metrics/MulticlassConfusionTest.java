package dev.nnc.metrics;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MulticlassConfusionTest {
  // Confusion [[1, 1, 0], [0, 2, 0], [1, 0, 1]].
  private static final MulticlassConfusion CONFUSION =
      MulticlassConfusion.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 1, 2, 0});

  @Test
  void documentHasSpecShapeAndHandComputedValues() {
    Map<String, Object> map = CONFUSION.toMap();
    assertThat(map.keySet()).containsExactly("accuracy", "confusion", "per_class", "macro", "micro").inOrder();
    assertThat(map.get("accuracy")).isEqualTo(4.0 / 6);
    assertThat(map.get("confusion")).isEqualTo(List.of(List.of(1L, 1L, 0L), List.of(0L, 2L, 0L), List.of(1L, 0L, 1L)));

    List<?> perClass = (List<?>) map.get("per_class");
    assertThat(perClass).containsExactly(
        Map.of("class", 0, "precision", 0.5, "recall", 0.5, "f1", 0.5, "support", 2L),
        Map.of("class", 1, "precision", 2.0 / 3, "recall", 1.0, "f1", 0.8, "support", 2L),
        Map.of("class", 2, "precision", 1.0, "recall", 0.5, "f1", 2.0 / 3, "support", 2L)).inOrder();
    assertThat(((Map<?, ?>) perClass.get(0)).keySet())
        .containsExactly("class", "precision", "recall", "f1", "support").inOrder();

    Map<?, ?> macro = (Map<?, ?>) map.get("macro");
    assertThat(macro.keySet()).containsExactly("precision", "recall", "f1").inOrder();
    assertThat((Double) macro.get("precision")).isWithin(1e-15).of((0.5 + 2.0 / 3 + 1) / 3);
    assertThat((Double) macro.get("recall")).isWithin(1e-15).of((0.5 + 1 + 0.5) / 3);
    assertThat(map.get("micro")).isEqualTo(Map.of("precision", 4.0 / 6, "recall", 4.0 / 6, "f1", 4.0 / 6));
  }

  @Test
  void classesAreTheIdsMetInEitherColumn() {
    MulticlassConfusion confusion = MulticlassConfusion.of(new int[] {3, 3, 7}, new int[] {3, 9, 7});
    assertThat(confusion.classes()).asList().containsExactly(3, 7, 9).inOrder();
    // Class 9 is never true: its recall is undefined, and counts 0 in the macro average.
    BinaryConfusion nine = confusion.oneVsRest(2);
    assertThat(nine.recall()).isNull();
    assertThat(nine.precision()).isEqualTo(0.0);
    assertThat(((Map<?, ?>) confusion.toMap().get("macro")).get("recall")).isEqualTo((0.5 + 1 + 0) / 3);
  }

  @Test
  void noRowsGiveUndefinedAccuracy() {
    Map<String, Object> map = MulticlassConfusion.of(new int[0], new int[0]).toMap();
    assertThat(map.get("accuracy")).isNull();
    assertThat(map.get("per_class")).isEqualTo(List.of());
    assertThat(((Map<?, ?>) map.get("macro")).get("f1")).isNull();
  }
}
