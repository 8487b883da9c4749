package dev.nnc.ir;

/**
 * What a model predicts: the first argument of the loss call in its objective (SPEC.md §1), and
 * how to read it: a class by arg-max, a score σ(z), a probability p, or a regression value.
 */
public record Prediction(Node node, Kind kind) {
  public enum Kind {
    /** cross_entropy, hinge: the class is the arg-max of the scores. */
    ARGMAX,
    /** bce_logits: the score is sigmoid(z); the class is score ≥ threshold. */
    LOGIT,
    /** bce: the score is p itself. */
    PROBABILITY,
    /** mse: a regression; accuracy is undefined. */
    REGRESSION
  }
}
