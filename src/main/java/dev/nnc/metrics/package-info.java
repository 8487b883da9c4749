/**
 * Evaluation metrics of the lecture's first part: confusion matrices, the rates of its table, ROC
 * and precision–recall curves, threshold picking and a class-imbalance warning. Pure functions
 * over arrays, no I/O.
 *
 * <p>Conventions. A value with a zero denominator is undefined and is a {@code null}
 * {@link Double}, never NaN, so that it becomes JSON {@code null}. A whole object that may not
 * exist (a ROC curve with one class present, a warning) is an {@link java.util.Optional}. Each
 * report's {@code toMap()} has exactly the keys and order of SPEC.md's "JSON shapes".
 */
package dev.nnc.metrics;
