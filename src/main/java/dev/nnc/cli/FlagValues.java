package dev.nnc.cli;

import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.data.Preprocessing;
import dev.nnc.runtime.train.Optimizer;
import dev.nnc.runtime.train.ParameterBlock;
import dev.nnc.runtime.train.Penalty;
import java.util.List;
import java.util.Map;

/** Parses the words of training options into the runtime's values, with usage errors. */
final class FlagValues {
  private FlagValues() {}

  static Dtype dtype(String word) {
    return switch (word) {
      case "f32" -> Dtype.F32;
      case "f64" -> Dtype.F64;
      default -> throw new UsageException("--dtype takes f32 or f64, got '" + word + "'");
    };
  }

  static Preprocessing.Mode normalization(String word) {
    try {
      return Preprocessing.Mode.named(word);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--normalize takes none, center, standard or minmax, got '" + word + "'");
    }
  }

  /** --memory's size in bytes (MemorySize: 512M, 2G, 4GiB). */
  static long memory(String word) {
    try {
      return dev.nnc.runtime.MemorySize.parse(word);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--memory: " + e.getMessage());
    }
  }

  static Optimizer optimizer(String name, double lr, Penalty penalty, List<ParameterBlock> blocks) {
    try {
      return Optimizer.named(name, lr, penalty, blocks);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** One line of a metrics document: accuracy (and F1 for a binary model), or mse and mae. */
  static String summary(Map<String, Object> metrics) {
    if (metrics.get("accuracy") == null) return "mse " + format(metrics.get("mse")) + ", mae " + format(metrics.get("mae"));
    String line = "accuracy " + format(metrics.get("accuracy"));
    if (metrics.containsKey("f1")) line += ", precision " + format(metrics.get("precision")) + ", recall " + format(metrics.get("recall")) + ", f1 " + format(metrics.get("f1"));
    return line;
  }

  private static String format(Object v) {
    return v instanceof Double d ? Numbers.format(d) : String.valueOf(v);
  }
}
