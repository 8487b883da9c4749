package dev.nnc.runtime;

/** How a model's prediction is read (SPEC.md §1: the first argument of the loss call). */
public enum PredictionKind {
  /** cross_entropy, hinge: the class is the arg-max of the scores. */
  ARGMAX,
  /** bce_logits: the score is sigmoid(z); the class is score ≥ threshold. */
  LOGIT,
  /** bce: the score is p itself. */
  PROBABILITY,
  /** mse: a regression; accuracy is undefined (null), mse and mae are reported. */
  REGRESSION
}
