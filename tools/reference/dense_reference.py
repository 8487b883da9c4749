#!/usr/bin/python3
"""Writes src/test/resources/reference/dense.json: dense models and PyTorch's gradients of them.

Issue 3 asks that nnc's gradients of dense models agree, to 1e-9 relative in double precision,
with an independent framework across every activation and loss of SPEC §1. This script is that
framework's side: seeded small models (one to three `dense` layers, batches of 1, 3 and 5), their
`.nn` source, the parameters and data, and PyTorch's float64 loss and gradients. The Java test
reads the JSON, so the tests never need Python. Regenerate (from the repository root) with

    /usr/bin/python3 tools/reference/dense_reference.py

Every activation and loss is written out here from SPEC's definition, not taken from torch where
torch differs (leaky_relu's alpha is 0.1, softplus has no threshold, sinc is unnormalised, bce
does not clamp its logs at -100); `check_activations` shows that the formulas agree with torch's
own functions where those define the same thing. Stable forms are used where SPEC asks for
finite values (softplus, log_sigmoid, bce_logits, cross_entropy); they are equal to SPEC's
formulas in exact arithmetic.
"""
import json
import math
import pathlib
import zlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parents[2] / "src/test/resources/reference/dense.json"
PARAM_STD = 0.5
SATURATING_INPUT = 50.0
# Every pre-activation and every hinge term keeps at least this distance from 0, so no point
# sits at a kink (relu, leaky_relu, elu, step, hinge) and sinc's derivative, computed as
# (x cos x - sin x) / x^2, does not lose digits to cancellation.
CLEARANCE = 0.05


def softplus(z):
    """log(1 + e^z), written so that it is finite for any z."""
    return torch.clamp(z, min=0) + torch.log1p(torch.exp(-z.abs()))


def leaky_relu(z, alpha=0.1):
    """max(alpha z, z): SPEC's default alpha is 0.1 (torch's is 0.01)."""
    return torch.where(z > 0, z, alpha * z)


def elu(z, alpha=1.0):
    """z for z > 0, else alpha (e^z - 1); the unused branch is clamped so it never overflows."""
    return torch.where(z > 0, z, alpha * torch.expm1(torch.clamp(z, max=0)))


def gelu(z):
    """The lecture's tanh form, 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))."""
    return 0.5 * z * (1 + torch.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z ** 3)))


def sinc(z):
    """sin(z)/z, 1 at 0: unnormalised, unlike torch.sinc (which is sin(pi z)/(pi z))."""
    safe = torch.where(z == 0, torch.ones_like(z), z)
    return torch.where(z == 0, torch.ones_like(z), torch.sin(safe) / safe)


def step(z):
    """1 for z >= 0, else 0; its derivative is 0, so nothing upstream gets a gradient."""
    return (z >= 0).to(z.dtype)


ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": leaky_relu,
    "elu": elu,
    "gelu": gelu,
    "swish": lambda z: z * torch.sigmoid(z),
    "mish": lambda z: z * torch.tanh(softplus(z)),
    "softplus": softplus,
    "softsign": lambda z: z / (1 + z.abs()),
    "sinc": sinc,
    "step": step,
    "log_sigmoid": lambda z: -softplus(-z),
    "identity": lambda z: z,
}

# Activations with a non-default alpha, passed to `dense` as a `def` of the program.
DEFS = {
    "leaky2": ("def leaky2(z) = leaky_relu(z, alpha = 0.2)", lambda z: leaky_relu(z, 0.2)),
    "elu_half": ("def elu_half(z) = elu(z, alpha = 0.5)", lambda z: elu(z, 0.5)),
}


def bce(p, t):
    """-[t log p + (1 - t) log(1 - p)] averaged over elements, with no clamping of the logs."""
    return -(t * torch.log(p) + (1 - t) * torch.log(1 - p)).mean(dim=1)


def bce_logits(z, t):
    """bce(sigmoid(z), t) in its stable form max(z, 0) - z t + log(1 + e^-|z|)."""
    return (torch.clamp(z, min=0) - z * t + torch.log1p(torch.exp(-z.abs()))).mean(dim=1)


def cross_entropy(z, label):
    """Softmax cross-entropy: -sum(t log_softmax(z)), a class index taken as its one-hot t."""
    if label.dim() == 1:
        label = F.one_hot(label.long(), z.shape[1]).to(z.dtype)
    return -(label * torch.log_softmax(z, dim=1)).sum(dim=1)


def hinge_terms(s, y, margin):
    """s_j - s_y + margin for every j != y (the entry j = y is masked out with -inf)."""
    terms = s - s.gather(1, y.long()[:, None]) + margin
    return terms.masked_fill(F.one_hot(y.long(), s.shape[1]).bool(), -math.inf)


def hinge(s, y, margin):
    """The multiclass SVM loss, sum over j != y of max(0, s_j - s_y + margin)."""
    return torch.clamp(hinge_terms(s, y, margin), min=0).sum(dim=1)


# hinge is not here: it takes a margin, and its terms are checked for kinks (see `forward`).
LOSSES = {"mse": lambda p, t: ((p - t) ** 2).mean(dim=1), "bce": bce,
          "bce_logits": bce_logits, "cross_entropy": cross_entropy}


def case(name, batch, inputs, layers, loss, label, margin=None, saturating=False):
    """One model: `layers` are (variable, units, activation or None for dense's default relu).

    `label` says what the label is: "class" (label y, a class index), "binary" (label y, 0 or 1,
    one output unit), "onehot", "bits" (0/1 per output) or "target" (N(0, 1)), the last three a
    vector label t[k].
    """
    return dict(name=name, batch=batch, inputs=inputs, layers=layers, loss=loss, label=label,
                margin=margin, saturating=saturating)


CASES = [
    case("sigmoid_bce", 3, 4, [("p", 1, "sigmoid")], "bce", "binary"),
    case("tanh_bce_logits", 5, 2, [("h1", 4, "tanh"), ("h2", 4, "tanh"), ("z", 1, "identity")],
         "bce_logits", "binary"),
    case("relu_default_cross_entropy", 3, 4, [("h1", 5, None), ("logits", 3, "identity")],
         "cross_entropy", "class"),
    case("leaky_relu_cross_entropy_onehot", 5, 4, [("h1", 5, "leaky_relu"), ("logits", 3, "identity")],
         "cross_entropy", "onehot"),
    case("elu_mse", 1, 4, [("h1", 5, "elu"), ("out", 2, "identity")], "mse", "target"),
    case("gelu_hinge", 3, 4, [("h1", 5, "gelu"), ("scores", 3, "identity")], "hinge", "class"),
    case("swish_hinge_margin2", 5, 4, [("h1", 5, "swish"), ("scores", 3, "identity")], "hinge", "class",
         margin=2),
    case("mish_mse_three_layers", 3, 4, [("h1", 5, "mish"), ("h2", 4, "mish"), ("out", 2, "identity")],
         "mse", "target"),
    case("softplus_bce_logits", 1, 4, [("h1", 5, "softplus"), ("z", 1, "identity")], "bce_logits", "binary"),
    case("softsign_cross_entropy", 5, 4, [("h1", 5, "softsign"), ("h2", 4, "softsign"),
                                          ("logits", 3, "identity")], "cross_entropy", "class"),
    case("sinc_mse", 3, 4, [("h1", 5, "sinc"), ("out", 2, "identity")], "mse", "target"),
    case("step_cross_entropy", 3, 4, [("h1", 5, "step"), ("logits", 3, "identity")], "cross_entropy", "class"),
    case("log_sigmoid_cross_entropy_onehot", 1, 4, [("h1", 5, "log_sigmoid"), ("logits", 3, "identity")],
         "cross_entropy", "onehot"),
    case("identity_mse", 5, 4, [("out", 2, "identity")], "mse", "target"),
    case("tanh_relu_cross_entropy", 5, 4, [("h1", 5, "tanh"), ("h2", 4, "relu"), ("logits", 3, "identity")],
         "cross_entropy", "class"),
    case("sigmoid_bce_logits_multilabel", 3, 4, [("h1", 5, "sigmoid"), ("z", 3, "identity")],
         "bce_logits", "bits"),
    case("relu_hinge_three_layers", 1, 4, [("h1", 5, "relu"), ("h2", 4, "relu"), ("scores", 3, "identity")],
         "hinge", "class"),
    case("sigmoid_sigmoid_bce", 5, 4, [("h1", 5, "sigmoid"), ("p", 1, "sigmoid")], "bce", "binary"),
    case("custom_alpha_cross_entropy", 3, 4, [("h1", 5, "leaky2"), ("h2", 4, "elu_half"),
                                              ("logits", 3, "identity")], "cross_entropy", "class"),
    case("saturated_tanh_mse", 3, 4, [("h1", 4, "tanh"), ("out", 2, "identity")], "mse", "target",
         saturating=True),
    case("saturated_sigmoid_bce_logits", 3, 4, [("h1", 4, "sigmoid"), ("z", 1, "identity")],
         "bce_logits", "binary", saturating=True),
]


def activation(name):
    """The function a layer's `act` names; None is dense's default, relu."""
    return DEFS[name][1] if name in DEFS else ACTIVATIONS[name or "relu"]


def program(c):
    """The case's `.nn` source, in SPEC §1's syntax."""
    defs = [DEFS[act][0] for _, _, act in c["layers"] if act in DEFS]
    scalar_label = c["label"] in ("class", "binary")
    label = "y" if scalar_label else "t"
    declaration = "label y" if scalar_label else f"label t[{c['layers'][-1][1]}]"
    lines = [f"model {c['name']} {{", f"  input x[{c['inputs']}]", f"  {declaration}"]
    previous = "x"
    for variable, units, act in c["layers"]:
        act_argument = "" if act is None else f", act = {act}"
        lines.append(f"  {variable} = dense({previous}, {units}{act_argument})")
        previous = variable
    margin = "" if c["margin"] is None else f", margin = {c['margin']}"
    lines.append(f"  loss = {c['loss']}({previous}, {label}{margin})")
    lines.append("}")
    return "\n".join(defs + ([""] if defs else []) + lines) + "\n"


def draw(c, generator):
    """Seeded inputs, label and parameters: (inputs dict, label tensor, params dict)."""
    def normal(*shape, std=1.0):
        return std * torch.randn(*shape, generator=generator, dtype=torch.float64)

    batch, k = c["batch"], c["layers"][-1][1]
    x = normal(batch, c["inputs"])
    if c["saturating"]:
        x = SATURATING_INPUT * torch.sign(x)
    label = draw_label(c["label"], batch, k, generator)
    params, fan_in = {}, c["inputs"]
    for variable, units, _ in c["layers"]:
        params[f"{variable}.W"] = normal(units, fan_in, std=PARAM_STD)
        params[f"{variable}.b"] = normal(units, std=PARAM_STD)
        fan_in = units
    return x, label, params


def draw_label(kind, batch, k, generator):
    """B labels of the kind `case` describes, as float64 (class indices too, as SPEC allows)."""
    if kind == "target":
        return torch.randn(batch, k, generator=generator, dtype=torch.float64)
    if kind in ("binary", "bits"):
        return torch.randint(0, 2, (batch,) if kind == "binary" else (batch, k), generator=generator).double()
    classes = torch.randint(0, k, (batch,), generator=generator)
    return classes.double() if kind == "class" else F.one_hot(classes, k).double()


def forward(c, x, label, params):
    """Per-example losses, and the distances of the kinks from 0 (see CLEARANCE)."""
    h, kinks = x, []
    for variable, _, act in c["layers"]:
        z = h @ params[f"{variable}.W"].T + params[f"{variable}.b"]
        kinks.append(z.abs().min())
        h = activation(act)(z)
    if c["label"] == "binary":
        label = label[:, None]
    if c["loss"] == "hinge":
        margin = float(c["margin"] or 1)
        kinks.append(hinge_terms(h, label, margin).abs().min())
        return hinge(h, label, margin), min(kinks)
    return LOSSES[c["loss"]](h, label), min(kinks)


def reference(c):
    """Draws the case until it is clear of kinks, then computes its loss and gradients."""
    generator = torch.Generator().manual_seed(zlib.crc32(c["name"].encode()))
    while True:
        x, label, params = draw(c, generator)
        losses, clearance = forward(c, x, label, params)
        if clearance > CLEARANCE:
            break
    names = list(params)
    leaves = [x.requires_grad_()] + [params[n].requires_grad_() for n in names]

    def mean_loss(*tensors):
        return forward(c, tensors[0], label, dict(zip(names, tensors[1:])))[0].mean()

    loss = mean_loss(*leaves)
    grads = torch.autograd.grad(loss, leaves, allow_unused=True)
    grads = [torch.zeros_like(t) if g is None else g for t, g in zip(leaves, grads)]
    assert torch.autograd.gradcheck(mean_loss, leaves), c["name"]
    label_name = "y" if label.dim() == 1 else "t"
    return {
        "name": c["name"],
        "program": program(c),
        "batch": c["batch"],
        "inputs": {"x": x.tolist(), label_name: label.tolist()},
        "params": {n: params[n].tolist() for n in names},
        "loss": loss.item(),
        "per_example_loss": losses.tolist(),
        "gradients": {n: g.tolist() for n, g in zip(names, grads[1:])},
        "input_gradients": {"x": grads[0].tolist()},
    }


def check_activations():
    """SPEC's formulas agree with torch's functions wherever torch defines the same thing."""
    z = torch.linspace(-6, 6, 241, dtype=torch.float64)
    z = z[z.abs() > CLEARANCE].requires_grad_()
    theirs = {
        "leaky_relu": lambda v: F.leaky_relu(v, 0.1), "elu": F.elu,
        "gelu": lambda v: F.gelu(v, approximate="tanh"), "swish": F.silu, "mish": F.mish,
        "softplus": F.softplus, "softsign": F.softsign, "sinc": lambda v: torch.sinc(v / math.pi),
        "log_sigmoid": F.logsigmoid,
    }
    for name, torch_fn in theirs.items():
        ours, = torch.autograd.grad(ACTIVATIONS[name](z).sum(), z)
        expected, = torch.autograd.grad(torch_fn(z).sum(), z)
        assert torch.allclose(ACTIVATIONS[name](z), torch_fn(z), rtol=1e-12, atol=1e-12), name
        assert torch.allclose(ours, expected, rtol=1e-12, atol=1e-12), name


def main():
    check_activations()
    document = {
        "generator": "tools/reference/dense_reference.py",
        "framework": f"PyTorch {torch.__version__}, float64",
        "loss": "the mean over the batch of the per-example loss; gradients are of that mean",
        "cases": [reference(c) for c in CASES],
    }
    OUT.write_text(json.dumps(document, indent=1) + "\n")
    print(f"{len(CASES)} cases -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
