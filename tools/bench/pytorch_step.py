#!/usr/bin/python3
"""PyTorch's time for one SGD training step on the workloads `nnc bench` is compared against.

Issues 3, 4 and 7 ask nnc to match or beat PyTorch on the same machine; this is PyTorch's side,
measured the way SPEC §2 says `nnc bench` measures: float32, seeded random data with valid
labels, one step = forward, backward, `optimizer.step()` and `zero_grad()` (forward and backward
alone for the scalar program `f = a*b + c`, which has no parameters), warm-up, then the median
over blocks of steps, each block at least 1 ms long. Each workload is measured `--runs` times and
the best median is kept, because other processes share the machine's two cores.

The thread count must reach OpenMP, MKL and OpenBLAS (Debian's torch calls the pthread build of
OpenBLAS for its matrix products, which keeps its own thread pool) before torch is imported, so
one run of this script measures one `--threads` value. OPENBLAS_CORETYPE and OMP_WAIT_POLICY
are left as the environment sets them, and reported: on two cores, OpenMP's default spinning
workers compete with OpenBLAS's threads, and OMP_WAIT_POLICY=PASSIVE makes two-thread matrix
products much faster but oneDNN's convolutions slower. For example:

    /usr/bin/python3 tools/bench/pytorch_step.py --threads 1
    /usr/bin/python3 tools/bench/pytorch_step.py --threads 2 --json
"""
import argparse
import json
import os
import statistics
import sys
import time

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--runs", type=int, default=3, help="measurements per workload; the best is kept")
parser.add_argument("--seconds", type=float, default=0.5, help="timed blocks per measurement")
parser.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
ARGS = parser.parse_args()
for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[variable] = str(ARGS.threads)

import torch  # noqa: E402  (after the thread variables are set)
from torch import nn  # noqa: E402

torch.set_num_threads(ARGS.threads)
MIN_BLOCK_NS = 1_000_000
WARM_UP_NS = 200_000_000
REPORTED_ENVIRONMENT = ("OPENBLAS_CORETYPE", "OMP_WAIT_POLICY")


def mlp(sizes, act):
    """Dense layers of the given sizes with `act` between them and none after the last."""
    layers = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        layers += [nn.Linear(fan_in, fan_out), act()]
    return nn.Sequential(*layers[:-1])


def conv_net():
    """28×28 conv(8)-pool-conv(16)-pool-dense(10): 3×3 kernels, pad 1, 2×2 max pools, ReLU."""
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 7 * 7, 10))


def training_step(model, loss_fn, x, y):
    """One SGD step on a fixed batch, as a function of no arguments."""
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        loss_fn(model(x), y).backward()
        optimizer.step()
        optimizer.zero_grad()
    return step


def classifier_step(model, input_shape, batch, classes=10):
    return training_step(model, nn.CrossEntropyLoss(), torch.randn(batch, *input_shape),
                         torch.randint(0, classes, (batch,)))


def binary_step(model, inputs, batch):
    return training_step(model, nn.BCEWithLogitsLoss(), torch.randn(batch, inputs),
                         torch.randint(0, 2, (batch, 1)).float())


def scalar_step():
    """f = a*b + c, forward and backward, with the gradients of a, b and c returned."""
    a, b, c = (torch.randn((), requires_grad=True) for _ in range(3))
    return lambda: torch.autograd.grad(a * b + c, (a, b, c))


WORKLOADS = [
    ("2-8-8-1 tanh bce_logits", 32, lambda: binary_step(mlp([2, 8, 8, 1], nn.Tanh), 2, 32)),
    ("784-128-10 relu cross_entropy", 32, lambda: classifier_step(mlp([784, 128, 10], nn.ReLU), [784], 32)),
    ("784-256-128-10 relu cross_entropy", 256,
     lambda: classifier_step(mlp([784, 256, 128, 10], nn.ReLU), [784], 256)),
    ("784-1024-1024-10 relu cross_entropy", 256,
     lambda: classifier_step(mlp([784, 1024, 1024, 10], nn.ReLU), [784], 256)),
    ("conv8-pool-conv16-pool-dense10 cross_entropy", 32, lambda: classifier_step(conv_net(), [1, 28, 28], 32)),
    ("conv8-pool-conv16-pool-dense10 cross_entropy", 128, lambda: classifier_step(conv_net(), [1, 28, 28], 128)),
    ("f = a*b + c (forward+backward)", 1, scalar_step),
]


def run_block(step, n):
    start = time.perf_counter_ns()
    for _ in range(n):
        step()
    return time.perf_counter_ns() - start


def median_us_per_step(step):
    """Warm up, size a block to at least 1 ms, then the median µs/step over blocks."""
    start = time.perf_counter_ns()
    while time.perf_counter_ns() - start < WARM_UP_NS:
        step()
    n = 1
    while run_block(step, n) < MIN_BLOCK_NS:
        n *= 2
    samples, start = [], time.perf_counter_ns()
    while len(samples) < 10 or time.perf_counter_ns() - start < ARGS.seconds * 1e9:
        samples.append(run_block(step, n) / n / 1000)
    return statistics.median(samples)


def cpu_model():
    with open("/proc/cpuinfo") as cpuinfo:
        return next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "unknown")


def main():
    torch.manual_seed(0)
    results = []
    for name, batch, make_step in WORKLOADS:
        step = make_step()
        best = min(median_us_per_step(step) for _ in range(ARGS.runs))
        results.append({"workload": name, "batch": batch, "threads": ARGS.threads, "dtype": "f32",
                        "us_per_step": best})
    environment = {variable: os.environ.get(variable) for variable in REPORTED_ENVIRONMENT}
    if ARGS.json:
        json.dump({"torch": torch.__version__, "cpu": cpu_model(), "environment": environment,
                   "results": results}, sys.stdout, indent=1)
        print()
        return
    print(f"torch {torch.__version__}, {cpu_model()}, " + ", ".join(f"{k}={v}" for k, v in environment.items()))
    print("| workload | batch | threads | µs/step |\n|---|---:|---:|---:|")
    for r in results:
        print(f"| {r['workload']} | {r['batch']} | {r['threads']} | {r['us_per_step']:.1f} |")


if __name__ == "__main__":
    main()
