"""Writes tumours.csv: the lecture's tumour example (100 tumours, 9 malignant) with the scores of
a made-up classifier, such that at the threshold 0.5 it gives the lecture's table exactly:
TP 1, FP 1, FN 8, TN 90. Seeded, so the file is the same on every run:

    python3 examples/metrics/make_tumours.py > examples/metrics/tumours.csv
"""
import random

rng = random.Random(5)
# Malignant (label 1): one caught at 0.81, eight missed, scoring under 0.5 but mostly above the benign.
malignant = [0.81] + [round(rng.uniform(0.22, 0.49), 2) for _ in range(8)]
# Benign (label 0): one false alarm at 0.62, ninety below 0.5, mostly low.
benign = [0.62] + [round(min(0.49, rng.betavariate(2, 7)), 2) for _ in range(90)]
rows = [(1, s) for s in malignant] + [(0, s) for s in benign]
rng.shuffle(rows)
print("label,score")
for label, score in rows:
    print(f"{label},{score}")
