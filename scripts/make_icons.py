#!/usr/bin/env python3
"""Draws kaiwa's app icons (a white speech bubble on blue) as PNGs, with no libraries:
public/icons/icon-{192,512}.png (rounded corners) and maskable-512.png (full bleed, the bubble
inside the safe zone). Run it again after changing the drawing: python3 scripts/make_icons.py"""
import struct
import zlib
from pathlib import Path

BLUE = (0x2F, 0x5F, 0xD0, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def inside_rounded(x, y, left, top, right, bottom, radius):
    if not (left <= x <= right and top <= y <= bottom):
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def inside_triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])

    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


def pixel(u, v, maskable):
    """Colour at (u, v) in 0..1 coordinates."""
    if not maskable and not inside_rounded(u, v, 0, 0, 1, 1, 0.22):
        return CLEAR
    s = 0.8 if maskable else 1.0  # maskable: keep the bubble within the 80 % safe zone
    x, y = (u - 0.5) / s + 0.5, (v - 0.5) / s + 0.5
    bubble = inside_rounded(x, y, 0.2, 0.24, 0.8, 0.66, 0.1)
    tail = inside_triangle(x, y, (0.32, 0.6), (0.46, 0.6), (0.28, 0.8))
    dots = any((x - cx) ** 2 + (y - 0.45) ** 2 <= 0.045**2 for cx in (0.36, 0.5, 0.64))
    if (bubble or tail) and not dots:
        return WHITE
    return BLUE


def png(size, maskable):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            # 2x2 supersampling for smooth edges
            samples = [pixel((i + dx) / size, (j + dy) / size, maskable) for dx in (0.25, 0.75) for dy in (0.25, 0.75)]
            row += bytes(sum(s[k] for s in samples) // 4 for k in range(4))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


out = Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
(out / "icon-192.png").write_bytes(png(192, False))
(out / "icon-512.png").write_bytes(png(512, False))
(out / "maskable-512.png").write_bytes(png(512, True))
print("wrote", ", ".join(sorted(p.name for p in out.glob("*.png"))))
