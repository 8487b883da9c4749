#!/usr/bin/python3
"""Writes src/test/resources/reference/image_filters.json: the lecture's nine filters applied to
examples/images/shapes_grey.png by PyTorch, as 8-bit pixels.

Issue 4 asks that each filter applied to the example image match a golden PNG pixel for pixel.
The goldens (src/test/resources/golden/images/*.png) are nnc's own output; this script is the
independent side that vouches for them. Each filter is written out here from SPEC.md §1, exactly
as the lecture writes it, and applied with torch.nn.functional.conv2d (cross-correlation, no
padding, stride 1) in float64 to the image read by PIL as 0..255 values; the result is rounded
half up and clamped to 0..255 as `nnc run --output x.png` writes it. The Java test decodes each
golden and compares its pixels with these. Regenerate (from the repository root) with

    /usr/bin/python3 tools/reference/image_filters.py

Rounding is exact here: the image is integer, sobel and laplacian results are integers, gaussian3
results are multiples of 1/16 (a tie at .5 is representable, and reached exactly in any order of
summation), and box_blur (n/9) and gaussian5 (n/273) never land on .5. The script prints how near
any value comes to a rounding boundary, so a change of filter that breaks this shows.
"""
import base64
import json
import pathlib

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parents[2]
IMAGE = ROOT / "examples/images/shapes_grey.png"
OUT = ROOT / "src/test/resources/reference/image_filters.json"

FILTERS = {
    "identity3": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "shift_left": [[0, 0, 0], [0, 0, 1], [0, 0, 0]],
    "box_blur": [[1 / 9] * 3] * 3,
    "gaussian3": [[v / 16 for v in row] for row in [[1, 2, 1], [2, 4, 2], [1, 2, 1]]],
    "gaussian5": [[v / 273 for v in row] for row in [
        [1, 4, 7, 4, 1],
        [4, 16, 26, 16, 4],
        [7, 26, 41, 26, 7],
        [4, 16, 26, 16, 4],
        [1, 4, 7, 4, 1]]],
    "sobel_x": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
    "sobel_y": [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
    "laplacian4": [[0, -1, 0], [-1, 4, -1], [0, -1, 0]],
    "laplacian8": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
}


def main():
    image = Image.open(IMAGE)
    assert image.mode == "L", image.mode
    x = torch.tensor(np.asarray(image), dtype=torch.float64)[None, None]
    cases = {}
    for name, kernel in FILTERS.items():
        k = torch.tensor(kernel, dtype=torch.float64)[None, None]
        y = F.conv2d(x, k)[0].numpy()
        pixels = np.clip(np.floor(y + 0.5), 0, 255).astype(np.uint8)
        frac = y - np.floor(y)
        margin = np.abs(frac - 0.5)
        ties = int(np.count_nonzero(margin == 0))
        near = float(margin[margin > 0].min())
        print(f"{name:11s} {list(pixels.shape)}  exact .5 ties {ties:5d}, nearest other value to a .5 boundary {near:.6f}")
        cases[name] = {
            "kernel": kernel,
            "shape": list(pixels.shape),
            "pixels_base64": base64.b64encode(pixels.tobytes()).decode("ascii"),
        }
    document = {
        "image": "examples/images/shapes_grey.png",
        "program": "input img[1, H, W]\nout = conv2d(img, FILTER)\n",
        "rounding": "floor(v + 0.5), clamped to 0..255",
        "filters": cases,
    }
    OUT.write_text(json.dumps(document, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
