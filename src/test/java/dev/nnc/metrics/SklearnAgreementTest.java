package dev.nnc.metrics;

import dev.nnc.runtime.io.Json;
import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Agreement with scikit-learn on the seeded cases of {@code reference/metrics.json}, written by
 * {@code tools/reference/metrics_reference.py}: every value to 1e-12 (relative above 1, since
 * LR+ and DOR reach the thousands), every key in SPEC.md's order, and null exactly where the
 * reference says undefined.
 */
class SklearnAgreementTest {
  private static final double TOLERANCE = 1e-12;

  @TestFactory
  Stream<DynamicTest> binaryCases() throws IOException {
    return cases("binary").map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
      int[] labels = ints(c.get("labels"));
      double[] scores = doubles(c.get("scores"));
      double threshold = (Double) c.get("threshold");
      ScoreRanking ranking = ScoreRanking.of(labels, scores);

      assertMatches("report", BinaryReport.of(ranking, threshold).toMap(), c.get("expected"));

      Map<?, ?> curves = (Map<?, ?>) c.get("curves");
      Optional<RocCurve> roc = RocCurve.of(ranking);
      assertThat(roc.isPresent()).isEqualTo(curves.containsKey("roc"));
      roc.ifPresent(curve -> {
        // The reference leaves out the first threshold, scikit-learn's stand-in for +inf.
        assertThat(curve.thresholds()[0]).isPositiveInfinity();
        List<Double> thresholds = list(curve.thresholds());
        assertMatches("roc", ordered("fpr", list(curve.fpr()), "tpr", list(curve.tpr()),
            "thresholds", thresholds.subList(1, thresholds.size())), curves.get("roc"));
      });
      Optional<PrecisionRecallCurve> pr = PrecisionRecallCurve.of(ranking);
      assertThat(pr.isPresent()).isEqualTo(curves.containsKey("pr"));
      pr.ifPresent(curve -> assertMatches("pr", ordered("precision", list(curve.precision()),
          "recall", list(curve.recall()), "thresholds", list(curve.thresholds())), curves.get("pr")));
    }));
  }

  @TestFactory
  Stream<DynamicTest> multiclassCases() throws IOException {
    return cases("multiclass").map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
      MulticlassConfusion confusion = MulticlassConfusion.of(ints(c.get("true")), ints(c.get("predicted")));
      assertMatches("report", confusion.toMap(), c.get("expected"));
    }));
  }

  private static Stream<Map<?, ?>> cases(String kind) throws IOException {
    try (InputStream in = SklearnAgreementTest.class.getResourceAsStream("/reference/metrics.json")) {
      Map<?, ?> document = (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return ((List<?>) document.get(kind)).stream().map(c -> (Map<?, ?>) c);
    }
  }

  /** Same structure, same keys in the same order, numbers within the tolerance, nulls alike. */
  private static void assertMatches(String path, Object actual, Object expected) {
    if (expected == null) {
      assertWithMessage(path).that(actual).isNull();
    } else if (expected instanceof Map<?, ?> expectedMap) {
      assertWithMessage(path).that(actual).isInstanceOf(Map.class);
      Map<?, ?> actualMap = (Map<?, ?>) actual;
      assertWithMessage(path + " keys").that(actualMap.keySet()).containsExactlyElementsIn(expectedMap.keySet()).inOrder();
      expectedMap.forEach((key, value) -> assertMatches(path + "." + key, actualMap.get(key), value));
    } else if (expected instanceof List<?> expectedList) {
      assertWithMessage(path).that(actual).isInstanceOf(List.class);
      List<?> actualList = (List<?>) actual;
      assertWithMessage(path + " size").that(actualList).hasSize(expectedList.size());
      for (int i = 0; i < expectedList.size(); i++) {
        assertMatches(path + "[" + i + "]", actualList.get(i), expectedList.get(i));
      }
    } else {
      double want = (Double) expected;
      assertWithMessage(path).that(actual).isInstanceOf(Number.class);
      assertWithMessage(path).that(((Number) actual).doubleValue())
          .isWithin(TOLERANCE * Math.max(1, Math.abs(want))).of(want);
    }
  }

  /** A map of the given keys and values, in that order, as the reference file has them. */
  private static Map<Object, Object> ordered(Object... keysAndValues) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1]);
    return map;
  }

  private static int[] ints(Object list) {
    return ((List<?>) list).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
  }

  private static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(v -> (Double) v).toArray();
  }

  private static List<Double> list(double[] values) {
    return new ArrayList<>(Arrays.stream(values).boxed().toList());
  }
}
