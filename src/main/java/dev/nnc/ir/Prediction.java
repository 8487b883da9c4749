package dev.nnc.ir;

import dev.nnc.runtime.PredictionKind;

/**
 * What a model predicts: the first argument of the loss call in its objective (SPEC.md §1), how
 * to read it, and {@code target}, the loss call's second argument (the label it is judged against).
 */
public record Prediction(Node node, PredictionKind kind, Node target) {}
