#!/usr/bin/python3
"""Writes src/test/resources/reference/conv.json: convolution and pooling programs with PyTorch's
float64 loss and gradients.

Issue 4 asks that conv, pool and conv-layer gradients agree, to 1e-9 relative in double
precision, with an independent framework over several strides, paddings, channel counts and pool
sizes. The cases: conv2d with [F, C, kh, kw] kernels (torch.nn.functional.conv2d), conv2d with one
2-D kernel for every channel (conv2d with groups = C and the kernel repeated), max and average
pooling (overlapping windows included), and small conv nets built from the prelude's `conv` layer
(bias and activation), pooling, `flatten` and `dense` under cross-entropy. Each case has the
same layout as dense.json (see README.md), so the one Java test reads both files. Regenerate from
the repository root with

    /usr/bin/python3 tools/reference/conv_reference.py

It is deterministic (each case is seeded by its name) and checks every case's gradients against
finite differences with torch.autograd.gradcheck before writing.
"""
import json
import pathlib
import zlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parents[2] / "src/test/resources/reference/conv.json"


def out_size(n, k, stride, pad):
    return (n + 2 * pad - k) // stride + 1


def conv_case(c, f, h, w, k, stride, pad, batch):
    oh, ow = out_size(h, k, stride, pad), out_size(w, k, stride, pad)
    program = (f"input img[{c}, {h}, {w}]\nlabel t[{f}, {oh}, {ow}]\nparam K[{f}, {c}, {k}, {k}] = he\n"
               f"loss = mse(conv2d(img, K, stride = {stride}, pad = {pad}), t)\n")
    shapes = {"img": (c, h, w), "t": (f, oh, ow)}
    params = {"K": (f, c, k, k)}

    def loss(v):
        out = F.conv2d(v["img"], v["K"], stride=stride, padding=pad)
        return ((out - v["t"]) ** 2).mean(dim=(1, 2, 3))

    return f"conv_c{c}_f{f}_{h}x{w}_k{k}_s{stride}_p{pad}_b{batch}", program, batch, shapes, params, loss


def filter_case(c, h, w, k, stride, pad, batch):
    oh, ow = out_size(h, k, stride, pad), out_size(w, k, stride, pad)
    program = (f"input img[{c}, {h}, {w}]\nlabel t[{c}, {oh}, {ow}]\nparam K[{k}, {k}] = normal(1)\n"
               f"loss = mse(conv2d(img, K, stride = {stride}, pad = {pad}), t)\n")
    shapes = {"img": (c, h, w), "t": (c, oh, ow)}
    params = {"K": (k, k)}

    def loss(v):
        kernels = v["K"].expand(c, 1, k, k)
        out = F.conv2d(v["img"], kernels, stride=stride, padding=pad, groups=c)
        return ((out - v["t"]) ** 2).mean(dim=(1, 2, 3))

    return f"filter2d_c{c}_{h}x{w}_k{k}_s{stride}_p{pad}_b{batch}", program, batch, shapes, params, loss


def pool_case(kind, c, h, w, size, stride, batch):
    oh, ow = out_size(h, size, stride, 0), out_size(w, size, stride, 0)
    program = (f"input img[{c}, {h}, {w}]\nlabel t[{c}, {oh}, {ow}]\n"
               f"loss = mse({kind}(img, {size}, stride = {stride}), t)\n")
    shapes = {"img": (c, h, w), "t": (c, oh, ow)}
    pool = F.max_pool2d if kind == "maxpool" else F.avg_pool2d

    def loss(v):
        out = pool(v["img"], size, stride=stride)
        return ((out - v["t"]) ** 2).mean(dim=(1, 2, 3))

    return f"{kind}_c{c}_{h}x{w}_size{size}_s{stride}_b{batch}", program, batch, shapes, {}, loss


ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh}


def net_case(c, h, w, filters, k, stride, pad, act, pool, batch, classes=3):
    ch, cw = out_size(h, k, stride, pad), out_size(w, k, stride, pad)
    ph, pw = out_size(ch, 2, 2, 0), out_size(cw, 2, 2, 0)
    flat = filters * ph * pw
    program = (f"model net {{\n  input img[{c}, {h}, {w}]\n  label y\n"
               f"  h = conv(img, {filters}, {k}, stride = {stride}, pad = {pad}, act = {act})\n"
               f"  q = {pool}(h, 2)\n"
               f"  logits = dense(flatten(q), {classes}, act = identity)\n"
               f"  loss = cross_entropy(logits, y)\n}}\n")
    shapes = {"img": (c, h, w)}
    params = {"h.K": (filters, c, k, k), "h.b": (filters, 1, 1), "logits.W": (classes, flat), "logits.b": (classes,)}
    pool_fn = F.max_pool2d if pool == "maxpool" else F.avg_pool2d

    def loss(v):
        z = F.conv2d(v["img"], v["h.K"], stride=stride, padding=pad) + v["h.b"]
        q = pool_fn(ACTIVATIONS[act](z), 2)
        logits = q.flatten(1) @ v["logits.W"].T + v["logits.b"]
        return F.cross_entropy(logits, v["y"], reduction="none")

    name = f"net_c{c}_{h}x{w}_f{filters}_k{k}_s{stride}_p{pad}_{act}_{pool}_b{batch}"
    return name, program, batch, shapes, params, loss, classes


CASES = [
    conv_case(1, 1, 5, 5, 3, 1, 0, 1),
    conv_case(1, 2, 6, 7, 3, 1, 1, 3),
    conv_case(2, 3, 7, 6, 3, 2, 1, 2),
    conv_case(3, 2, 8, 8, 2, 2, 0, 3),
    conv_case(2, 4, 9, 7, 4, 3, 2, 2),
    conv_case(4, 3, 6, 6, 1, 1, 0, 3),
    conv_case(3, 5, 7, 9, 5, 1, 2, 1),
    conv_case(2, 2, 5, 8, 3, 3, 0, 3),
    filter_case(1, 5, 5, 3, 1, 0, 1),
    filter_case(3, 6, 7, 3, 1, 1, 3),
    filter_case(2, 8, 6, 5, 2, 2, 2),
    pool_case("maxpool", 1, 4, 4, 2, 2, 1),
    pool_case("maxpool", 3, 7, 6, 3, 2, 3),
    pool_case("maxpool", 2, 5, 5, 2, 1, 2),
    pool_case("maxpool", 2, 9, 8, 3, 3, 3),
    pool_case("avgpool", 1, 4, 4, 2, 2, 1),
    pool_case("avgpool", 3, 7, 6, 3, 2, 3),
    pool_case("avgpool", 2, 5, 5, 2, 1, 2),
    net_case(1, 8, 8, 4, 3, 1, 1, "relu", "maxpool", 3),
    net_case(2, 9, 9, 3, 3, 2, 1, "tanh", "avgpool", 2),
    net_case(3, 10, 8, 5, 2, 1, 0, "relu", "avgpool", 3),
    net_case(1, 7, 7, 6, 3, 1, 0, "tanh", "maxpool", 1),
]


def reference(case):
    name, program, batch, shapes, params, loss_fn, *rest = case
    classes = rest[0] if rest else None
    generator = torch.Generator().manual_seed(zlib.crc32(name.encode()))

    def normal(*shape, std=1.0):
        return torch.randn(*shape, generator=generator, dtype=torch.float64) * std

    values = {n: normal(batch, *s) for n, s in shapes.items()}
    values.update({n: normal(*s, std=0.5) for n, s in params.items()})
    if classes is not None:
        values["y"] = torch.randint(0, classes, (batch,), generator=generator)
    leaves = ["img"] + list(params)
    tensors = [values[n].requires_grad_() for n in leaves]

    def mean_loss(*ts):
        return loss_fn({**values, **dict(zip(leaves, ts))}).mean()

    loss = mean_loss(*tensors)
    grads = torch.autograd.grad(loss, tensors)
    assert torch.autograd.gradcheck(mean_loss, tensors), name
    inputs = {n: values[n].tolist() for n in shapes}
    if classes is not None:
        inputs["y"] = [float(v) for v in values["y"].tolist()]
    return {
        "name": name,
        "program": program,
        "batch": batch,
        "inputs": inputs,
        "params": {n: values[n].tolist() for n in params},
        "loss": loss.item(),
        "per_example_loss": loss_fn(values).tolist(),
        "gradients": {n: g.tolist() for n, g in zip(leaves[1:], grads[1:])},
        "input_gradients": {"img": grads[0].tolist()},
    }


def main():
    document = {
        "generator": "tools/reference/conv_reference.py",
        "framework": f"PyTorch {torch.__version__}, float64",
        "loss": "the mean over the batch of the per-example loss; gradients are of that mean",
        "cases": [reference(c) for c in CASES],
    }
    OUT.write_text(json.dumps(document, indent=1) + "\n")
    print(f"{len(CASES)} cases -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
