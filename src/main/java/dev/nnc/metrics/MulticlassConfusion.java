package dev.nnc.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The multiclass confusion matrix (rows = true class, columns = predicted class) and SPEC.md's
 * multiclass document. The classes are the distinct ids met in either the true or the predicted
 * classes, in increasing order, as in scikit-learn.
 *
 * <p>Per-class rates treat the class as positive and every other as negative. The macro average
 * is the plain mean over classes, an undefined per-class value counting as 0 (scikit-learn's
 * default, so that never predicting a class is penalised); the micro average pools the counts of
 * all classes, which for single-label data makes precision, recall and F1 equal to accuracy.
 */
public final class MulticlassConfusion {
  private final int[] classes;
  private final long[][] counts;
  private final long total;

  private MulticlassConfusion(int[] classes, long[][] counts, long total) {
    this.classes = classes;
    this.counts = counts;
    this.total = total;
  }

  /** @throws IllegalArgumentException if the lengths differ */
  public static MulticlassConfusion of(int[] trueClasses, int[] predictedClasses) {
    if (trueClasses.length != predictedClasses.length) {
      throw new IllegalArgumentException(
          trueClasses.length + " true classes but " + predictedClasses.length + " predicted ones");
    }
    int[] classes = IntStream.concat(Arrays.stream(trueClasses), Arrays.stream(predictedClasses))
        .distinct().sorted().toArray();
    long[][] counts = new long[classes.length][classes.length];
    for (int i = 0; i < trueClasses.length; i++) {
      counts[Arrays.binarySearch(classes, trueClasses[i])][Arrays.binarySearch(classes, predictedClasses[i])]++;
    }
    return new MulticlassConfusion(classes, counts, trueClasses.length);
  }

  /** The class ids, increasing; index {@code i} of the matrix is class {@code classes()[i]}. */
  public int[] classes() {
    return classes.clone();
  }

  /** The rows of true class index {@code actual} predicted as class index {@code predicted}. */
  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /** The class at {@code index} as positive, every other class as negative. */
  public BinaryConfusion oneVsRest(int index) {
    long tp = counts[index][index];
    long support = 0;
    long predicted = 0;
    for (int j = 0; j < classes.length; j++) {
      support += counts[index][j];
      predicted += counts[j][index];
    }
    long fp = predicted - tp;
    long fn = support - tp;
    return new BinaryConfusion(tp, fp, total() - tp - fp - fn, fn);
  }

  public long total() {
    return total;
  }

  /** The share of rows on the diagonal; null for no rows. */
  public Double accuracy() {
    long correct = 0;
    for (int i = 0; i < classes.length; i++) correct += counts[i][i];
    return Ratio.of(correct, total());
  }

  /** The keys and order of SPEC.md's multiclass document. */
  public Map<String, Object> toMap() {
    List<BinaryConfusion> perClass = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) perClass.add(oneVsRest(i));

    List<List<Long>> confusion = new ArrayList<>();
    for (long[] row : counts) confusion.add(Arrays.stream(row).boxed().toList());

    List<Map<String, Object>> perClassMaps = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("class", classes[i]);
      entry.putAll(precisionRecallF1(perClass.get(i)));
      entry.put("support", perClass.get(i).positives());
      perClassMaps.add(entry);
    }

    Map<String, Object> macro = new LinkedHashMap<>();
    macro.put("precision", macroMean(perClass, BinaryConfusion::precision));
    macro.put("recall", macroMean(perClass, BinaryConfusion::recall));
    macro.put("f1", macroMean(perClass, BinaryConfusion::f1));

    Map<String, Object> map = new LinkedHashMap<>();
    map.put("accuracy", accuracy());
    map.put("confusion", confusion);
    map.put("per_class", perClassMaps);
    map.put("macro", macro);
    map.put("micro", precisionRecallF1(pooled(perClass)));
    return map;
  }

  private static Map<String, Object> precisionRecallF1(BinaryConfusion confusion) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("precision", confusion.precision());
    map.put("recall", confusion.recall());
    map.put("f1", confusion.f1());
    return map;
  }

  private static Double macroMean(List<BinaryConfusion> perClass, Function<BinaryConfusion, Double> rate) {
    if (perClass.isEmpty()) return null;
    double sum = 0;
    for (BinaryConfusion confusion : perClass) {
      Double value = rate.apply(confusion);
      sum += value == null ? 0 : value;
    }
    return sum / perClass.size();
  }

  private static BinaryConfusion pooled(List<BinaryConfusion> perClass) {
    long tp = 0, fp = 0, tn = 0, fn = 0;
    for (BinaryConfusion c : perClass) {
      tp += c.tp();
      fp += c.fp();
      tn += c.tn();
      fn += c.fn();
    }
    return new BinaryConfusion(tp, fp, tn, fn);
  }
}
