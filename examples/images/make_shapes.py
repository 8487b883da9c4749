"""Writes the example images for the lecture's filters: shapes.png (128x96, RGB) and
shapes_grey.png (its luminance, 0.299 R + 0.587 G + 0.114 B rounded half up, as 8-bit grey).

A gradient sky, a red square with sharp edges, a green disc, a yellow diagonal line, a
checkerboard, a patch of noise and a white triangle: edges in every direction for sobel_x,
sobel_y and the Laplacians, fine texture and noise for the blurs. Everything is integer
arithmetic and a seeded generator, and the PNG encoder is written out here (plain Python, no
imaging library), so the pixels are the same on every run:

    python3 examples/images/make_shapes.py examples/images
"""
import random
import struct
import sys
import zlib

W, H = 128, 96


def pixel(x, y, noise):
    # Sky: blue-grey, brighter to the right and towards the bottom.
    r, g, b = 40 + x // 4, 60 + x // 3 + y // 3, 110 + y
    # A checkerboard of 4-pixel cells, bottom left.
    if 8 <= x < 40 and 60 <= y < 88:
        v = 230 if ((x - 8) // 4 + (y - 60) // 4) % 2 == 0 else 30
        r, g, b = v, v, v
    # Noise, bottom right: what the blurs smooth away.
    if 92 <= x < 120 and 64 <= y < 88:
        v = noise[(y - 64) * 28 + (x - 92)]
        r, g, b = v, v // 2 + 60, 255 - v
    # A red square with sharp vertical and horizontal edges.
    if 12 <= x < 44 and 10 <= y < 42:
        r, g, b = 210, 40, 40
    # A green disc: edges in every direction.
    if (x - 78) ** 2 + (y - 30) ** 2 <= 18 * 18 + 18:
        r, g, b = 50, 190, 70
    # A white triangle: two slanted edges and a flat base.
    if 50 <= y < 86 and abs(x - 64) <= (y - 50) // 2:
        r, g, b = 245, 245, 245
    # A yellow line, two pixels wide, on the diagonal of the sky's top right.
    if 96 <= x < 126 and 0 <= (x - 96) - (y - 4) < 2 and y < 56:
        r, g, b = 240, 220, 30
    return r, g, b


def luminance(rgb):
    r, g, b = rgb
    # 0.299 R + 0.587 G + 0.114 B, rounded half up, in integers (thousandths) so it is exact.
    return (299 * r + 587 * g + 114 * b + 500) // 1000


def png(path, width, height, rows, colour):
    """An 8-bit PNG: colour type 2 (RGB) or 0 (grey), no interlace, filter 0 on every row."""
    raw = b"".join(b"\x00" + bytes(row) for row in rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2 if colour else 0, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main(directory):
    rng = random.Random(4)
    noise = [rng.randrange(256) for _ in range(28 * 24)]
    image = [[pixel(x, y, noise) for x in range(W)] for y in range(H)]
    png(f"{directory}/shapes.png", W, H, [[c for p in row for c in p] for row in image], colour=True)
    png(f"{directory}/shapes_grey.png", W, H, [[luminance(p) for p in row] for row in image], colour=False)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
