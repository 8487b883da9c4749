package dev.nnc.runtime;

import java.util.Map;

/**
 * What the runtime knows of a compiled model beyond its arena: its name, objective, how its
 * prediction is read, what its labels may hold, how its parameters start, and a canonical text
 * of the program (comments and layout removed) that identifies it in weights files.
 */
public record ModelInfo(
    String name,
    String objective,
    PredictionKind predictionKind,
    Map<String, LabelSpec> labels,
    Map<String, Initializer> initializers,
    String canonicalText) {

  public ModelInfo {
    labels = Map.copyOf(labels);
    initializers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(initializers));
  }

  public LabelSpec label(String name) {
    return labels.getOrDefault(name, LabelSpec.REAL);
  }
}
