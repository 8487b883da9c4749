"""Writes examples/data/circle.csv: TensorFlow Playground's "circle" data set, seeded.

400 points in the plane: label 1 inside radius 2.5 around the origin, 0 on a ring from 3.5 to 5,
with Gaussian noise of 0.25, as playground.tensorflow.org draws it. Run from the repository root.
"""
import math
import random

random.seed(0)
rows = []
for label, (low, high) in ((1, (0.0, 2.5)), (0, (3.5, 5.0))):
    for _ in range(200):
        r = random.uniform(low, high)
        angle = random.uniform(0, 2 * math.pi)
        x1 = r * math.cos(angle) + random.gauss(0, 0.25)
        x2 = r * math.sin(angle) + random.gauss(0, 0.25)
        rows.append((x1, x2, label))
random.shuffle(rows)
with open("examples/data/circle.csv", "w") as f:
    f.write("x1,x2,label\n")
    for x1, x2, label in rows:
        f.write(f"{x1:.4f},{x2:.4f},{label}\n")
