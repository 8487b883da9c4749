#!/usr/bin/python3
"""Regenerates the tables of bench/README.md: nnc against PyTorch on every workload.

For each workload and thread count it runs `./nnc bench --json` `--runs` times and keeps the
median, runs tools/bench/pytorch_step.py (PyTorch 1.13, one process per thread count, its thread
pools pinned) in the same session, and prints a Markdown table: time per step, the ratio, and
nnc's GFLOP/s (the step's multiply-adds ×2, counted below from the layer shapes) with its share of
the machine's peak (115 GFLOP/s per core, DESIGN.md). Run it from the repository root on a quiet
machine, after `./nnc --version` has built nnc:

    /usr/bin/python3 bench/report.py > /tmp/report.md

With `--jmh` it first builds the JMH benchmarks (bench/pom.xml) and adds a JMH run: the Vector API
SGEMM (`GemmBench`, NN/NT/TN at 1024³ and the MLP shapes) in GFLOP/s and percent of peak.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

PEAK_PER_CORE = 115.0  # GFLOP/s, FP32, one Zen 4 core (DESIGN.md)


def mlp_flops(sizes, batch):
    """Forward, the weight gradients, and the input gradients of every layer but the first."""
    products = [a * b for a, b in zip(sizes, sizes[1:])]
    return 2 * batch * (2 * sum(products) + sum(products[1:]))


def conv_net_flops(batch):
    """28×28 conv(8, 3×3, pad 1)-pool-conv(16, 3×3, pad 1)-pool-dense(10)."""
    conv1 = 28 * 28 * 8 * 1 * 9
    conv2 = 14 * 14 * 16 * 8 * 9
    dense = 16 * 7 * 7 * 10
    # forward; kernel gradients of both convolutions; input gradient of conv2; dense dW and dx
    return 2 * batch * (conv1 + conv2 + dense + conv1 + conv2 + conv2 + 2 * dense)


# (nnc model, batch, PyTorch workload name, multiply-adds ×2 per step)
WORKLOADS = [
    ("bench/models/mlp_2_8_8_1.nn", 32, "2-8-8-1 tanh bce_logits", mlp_flops([2, 8, 8, 1], 32)),
    ("bench/models/mlp_784_128_10.nn", 32, "784-128-10 relu cross_entropy", mlp_flops([784, 128, 10], 32)),
    ("bench/models/mlp_784_256_128_10.nn", 256, "784-256-128-10 relu cross_entropy",
     mlp_flops([784, 256, 128, 10], 256)),
    ("bench/models/mlp_784_1024_1024_10.nn", 256, "784-1024-1024-10 relu cross_entropy",
     mlp_flops([784, 1024, 1024, 10], 256)),
    ("bench/models/cnn_28.nn", 32, "conv8-pool-conv16-pool-dense10 cross_entropy", conv_net_flops(32)),
    ("bench/models/cnn_28.nn", 128, "conv8-pool-conv16-pool-dense10 cross_entropy", conv_net_flops(128)),
]


def nnc_us(model, batch, threads, runs):
    times = []
    for _ in range(runs):
        out = subprocess.run(["./nnc", "bench", model, "--batch", str(batch), "--threads", str(threads), "--json"],
                             check=True, capture_output=True, text=True).stdout
        times.append(json.loads(out)["us_per_step"])
    return statistics.median(times)


def pytorch_us(threads):
    out = subprocess.run([sys.executable, "tools/bench/pytorch_step.py", "--threads", str(threads), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return {(r["workload"], r["batch"]): r["us_per_step"] for r in json.loads(out)["results"]}


def jmh_gemm():
    """GemmBench's Vector API kernels through JMH (one fork, 3 warm-up and 5 measured 1 s iterations)."""
    subprocess.run(["mvn", "-q", "-B", "-DskipTests", "install"], check=True)
    subprocess.run(["mvn", "-q", "-B", "-f", "bench/pom.xml", "package"], check=True)
    with tempfile.NamedTemporaryFile(suffix=".json") as results:
        subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-jar", "bench/target/benchmarks.jar", "GemmBench",
                        "-p", "impl=vector", "-f", "1", "-wi", "3", "-i", "5", "-w", "1s", "-r", "1s",
                        "-rf", "json", "-rff", results.name], check=True, capture_output=True)
        runs = json.load(open(results.name))
    print("### JMH: SGEMM, one thread (`GemmBench`, Vector API)\n")
    print("| form | m×n×k | ms/call (± error) | GFLOP/s | % of peak |")
    print("|---|---|---:|---:|---:|")
    for run in runs:
        m, n, k = (int(v) for v in run["params"]["shape"].split("x"))
        ms = run["primaryMetric"]["score"]
        error = run["primaryMetric"]["scoreError"]
        gflops = 2 * m * n * k / ms / 1e6
        form = run["benchmark"].rsplit(".", 1)[1].upper()
        print(f"| {form} | {m}×{n}×{k} | {ms:.3f} ± {error:.3f} | {gflops:.1f} | {100 * gflops / PEAK_PER_CORE:.0f} % |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="nnc bench runs per workload; the median is kept")
    parser.add_argument("--threads", default="1,2", help="thread counts to measure")
    parser.add_argument("--jmh", action="store_true", help="also run the JMH SGEMM benchmark")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"Load average at the start: {load:.2f}.\n")
    if args.jmh:
        jmh_gemm()
    for threads in (int(t) for t in args.threads.split(",")):
        torch = pytorch_us(threads)
        print(f"### {threads} thread{'s' if threads > 1 else ''}\n")
        print("| workload | batch | nnc µs/step | PyTorch µs/step | nnc speed-up | nnc GFLOP/s | % of peak |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for model, batch, name, flops in WORKLOADS:
            if not os.path.exists(model):
                continue
            ours = nnc_us(model, batch, threads, args.runs)
            theirs = torch.get((name, batch))
            gflops = flops / ours / 1e3
            ratio = f"{theirs / ours:.2f}×" if theirs else "–"
            theirs_text = f"{theirs:.1f}" if theirs else "–"
            print(f"| {name} | {batch} | {ours:.1f} | {theirs_text} | {ratio} | {gflops:.1f} | "
                  f"{100 * gflops / (PEAK_PER_CORE * threads):.0f} % |")
        print()


if __name__ == "__main__":
    main()
