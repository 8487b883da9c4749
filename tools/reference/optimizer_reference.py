#!/usr/bin/python3
"""Writes src/test/resources/reference/optimizers.json: a few steps of PyTorch's optimizers.

The Java test dev.nnc.runtime.train.PyTorchAgreementTest reads the file, so the tests never need
Python. Regenerate after changing a case (from the repository root):

    /usr/bin/python3 tools/reference/optimizer_reference.py

Each case minimises 0.5·Σ c_i·p_i² + Σ d_i·p_i, whose gradient c⊙p + d the Java test recomputes
at every step. L2 is PyTorch's weight_decay; PyTorch has no L1 option, so its term λ·sign(p) is
added to the gradient by hand, as nnc defines it.
"""
import json
import pathlib

import torch

OUT = pathlib.Path(__file__).resolve().parents[2] / "src/test/resources/reference/optimizers.json"
STEPS = 5
START = [0.5, -1.25, 2.0, 0.0, -0.3]
C = [1.0, 0.5, 2.0, 1.5, 3.0]
D = [0.1, -0.2, 0.0, 0.3, -0.05]

CASES = [
    {"name": "sgd", "optimizer": "sgd", "lr": 0.1, "l1": 0.0, "l2": 0.0},
    {"name": "sgd l2", "optimizer": "sgd", "lr": 0.1, "l1": 0.0, "l2": 0.01},
    {"name": "sgd l1", "optimizer": "sgd", "lr": 0.1, "l1": 0.05, "l2": 0.0},
    {"name": "momentum", "optimizer": "momentum", "lr": 0.05, "momentum": 0.9, "l1": 0.0, "l2": 0.0},
    {"name": "momentum l1 l2", "optimizer": "momentum", "lr": 0.05, "momentum": 0.9, "l1": 0.02, "l2": 0.01},
    {"name": "adam", "optimizer": "adam", "lr": 0.01, "l1": 0.0, "l2": 0.0},
    {"name": "adam l1 l2", "optimizer": "adam", "lr": 0.01, "l1": 0.02, "l2": 0.01},
]


def torch_optimizer(case, params):
    if case["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=case["lr"], weight_decay=case["l2"])
    if case["optimizer"] == "momentum":
        return torch.optim.SGD(params, lr=case["lr"], momentum=case["momentum"], weight_decay=case["l2"])
    return torch.optim.Adam(params, lr=case["lr"], weight_decay=case["l2"])


def run(case):
    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    c = torch.tensor(C, dtype=torch.float64)
    d = torch.tensor(D, dtype=torch.float64)
    optimizer = torch_optimizer(case, [p])
    trajectory = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        (0.5 * (c * p * p).sum() + (d * p).sum()).backward()
        with torch.no_grad():
            p.grad.add_(case["l1"] * torch.sign(p))
        optimizer.step()
        trajectory.append(p.detach().tolist())
    return dict(case, trajectory=trajectory)


def main():
    document = {"torch": torch.__version__, "start": START, "c": C, "d": D, "cases": [run(c) for c in CASES]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document, indent=1) + "\n")


if __name__ == "__main__":
    main()
