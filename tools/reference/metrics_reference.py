#!/usr/bin/python3
"""Writes src/test/resources/reference/metrics.json: seeded inputs and scikit-learn's answers.

The Java test dev.nnc.metrics.SklearnAgreementTest reads the file, so the tests never need
Python. Regenerate after changing a case (from the repository root):

    /usr/bin/python3 tools/reference/metrics_reference.py

Undefined values (a zero denominator) are written as null, the convention of nnc's metrics;
scikit-learn would give 0 or NaN with a warning there.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn import metrics

OUT = pathlib.Path(__file__).resolve().parents[2] / "src/test/resources/reference/metrics.json"


def ratio(numerator, denominator):
    return None if denominator == 0 else float(numerator) / float(denominator)


def binary_expected(labels, scores, threshold):
    predicted = (scores >= threshold).astype(int)
    tn, fp, fn, tp = (int(v) for v in metrics.confusion_matrix(labels, predicted, labels=[0, 1]).ravel())
    positives, negatives = tp + fn, fp + tn
    both_classes = positives > 0 and negatives > 0
    lr_plus = lr_minus = None
    if positives > 0 and negatives > 0 and fp > 0 and tn > 0:
        lr_plus, lr_minus = (float(v) for v in metrics.class_likelihood_ratios(labels, predicted))
    expected = {
        "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "accuracy": metrics.accuracy_score(labels, predicted),
        "precision": metrics.precision_score(labels, predicted) if tp + fp else None,
        "recall": metrics.recall_score(labels, predicted) if positives else None,
        "f1": None if 2 * tp + fp + fn == 0 else metrics.f1_score(labels, predicted),
        "specificity": ratio(tn, negatives),
        "fpr": ratio(fp, negatives),
        "fnr": ratio(fn, positives),
        "npv": ratio(tn, tn + fn),
        "fdr": ratio(fp, tp + fp),
        "for": ratio(fn, tn + fn),
        "prevalence": ratio(positives, len(labels)),
        "lr_plus": lr_plus,
        "lr_minus": lr_minus,
        "dor": None if lr_plus is None or not lr_minus else lr_plus / lr_minus,
        "auc": metrics.roc_auc_score(labels, scores) if both_classes else None,
        "average_precision": metrics.average_precision_score(labels, scores) if positives else None,
        "threshold": threshold,
    }
    curves = {}
    if both_classes:
        fpr, tpr, roc_thresholds = metrics.roc_curve(labels, scores, drop_intermediate=False)
        # The first threshold is scikit-learn's stand-in for "above every score" (max + 1 in 1.2,
        # +inf later); nnc uses +inf, so only the real scores are compared.
        curves["roc"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": roc_thresholds[1:].tolist()}
    if positives:
        precision, recall, pr_thresholds = metrics.precision_recall_curve(labels, scores)
        curves["pr"] = {"precision": precision.tolist(), "recall": recall.tolist(),
                        "thresholds": pr_thresholds.tolist()}
    return expected, curves


def binary_case(name, labels, scores, threshold=0.5):
    labels = np.asarray(labels, dtype=int)
    scores = np.asarray(scores, dtype=float)
    expected, curves = binary_expected(labels, scores, threshold)
    return {"name": name, "labels": labels.tolist(), "scores": scores.tolist(),
            "threshold": threshold, "expected": expected, "curves": curves}


def multiclass_case(name, actual, predicted):
    actual = np.asarray(actual, dtype=int)
    predicted = np.asarray(predicted, dtype=int)
    classes = np.union1d(actual, predicted)
    matrix = metrics.confusion_matrix(actual, predicted, labels=classes)
    precision, recall, f1, support = metrics.precision_recall_fscore_support(
        actual, predicted, labels=classes, zero_division=0)
    per_class = []
    for i, c in enumerate(classes):
        predicted_count, support_count = matrix[:, i].sum(), matrix[i, :].sum()
        per_class.append({
            "class": int(c),
            "precision": None if predicted_count == 0 else float(precision[i]),
            "recall": None if support_count == 0 else float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        })

    def average(kind):
        p, r, f, _ = metrics.precision_recall_fscore_support(
            actual, predicted, labels=classes, average=kind, zero_division=0)
        return {"precision": float(p), "recall": float(r), "f1": float(f)}

    expected = {
        "accuracy": metrics.accuracy_score(actual, predicted),
        "confusion": matrix.tolist(),
        "per_class": per_class,
        "macro": average("macro"),
        "micro": average("micro"),
    }
    return {"name": name, "true": actual.tolist(), "predicted": predicted.tolist(), "expected": expected}


def main():
    rng = np.random.default_rng(20240505)
    cases = []

    labels = rng.integers(0, 2, 1000)
    cases.append(binary_case("continuous scores", labels, np.clip(0.3 * labels + rng.random(1000) * 0.7, 0, 1)))

    labels = rng.integers(0, 2, 600)
    # Rounded to one decimal: many ties across classes, and scores exactly at the threshold.
    cases.append(binary_case("tied scores", labels, np.round(0.25 * labels + rng.random(600) * 0.75, 1)))

    labels = (rng.random(3000) < 0.01).astype(int)
    labels[:2] = 1  # the seed alone could leave too few positives to be interesting
    cases.append(binary_case("one percent positives", labels, np.round(0.4 * labels + rng.random(3000) * 0.6, 3), 0.6))

    cases.append(binary_case("only negatives", np.zeros(50, dtype=int), rng.random(50)))
    cases.append(binary_case("only positives", np.ones(50, dtype=int), np.round(rng.random(50), 1)))

    multiclass = []
    actual = rng.integers(0, 4, 400)
    predicted = np.where(rng.random(400) < 0.7, actual, rng.integers(0, 4, 400))
    multiclass.append(multiclass_case("four classes", actual, predicted))

    actual = rng.integers(0, 3, 200)
    # Class 2 is never predicted (undefined precision) and class 5 is never true (undefined recall).
    predicted = np.where(actual == 2, 5, np.where(rng.random(200) < 0.8, actual, 1 - actual))
    multiclass.append(multiclass_case("a class never predicted", actual, predicted))

    document = {"generator": "tools/reference/metrics_reference.py", "sklearn": sklearn.__version__,
                "binary": cases, "multiclass": multiclass}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document) + "\n")


if __name__ == "__main__":
    main()
