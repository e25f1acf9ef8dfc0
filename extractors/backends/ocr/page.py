"""Page preparation: a scanned page made ready for finding its grid and its text lines.

Grayscale (transparency on white), upscaled to the working width when small, deskewed by the
projection profile of its ink rows; and the ink/paper split (Otsu's threshold) the other steps
share.
"""

from __future__ import annotations

import contextlib

import numpy as np
from PIL import Image, ImageOps

MAX_PIXELS = 60_000_000    # an A3 page at 600 dpi; larger is not a scanned form
WORK_WIDTH = 1700          # an A4 page at 200 dpi; smaller images are upscaled to it


def prepare(image: Image.Image) -> Image.Image:
    """Grayscale, upscaled to the working width when small, and deskewed. (No median filter: it
    erases the one-pixel ruling lines the table grid is found from.)"""
    with contextlib.suppress(Exception):  # a broken EXIF block: keep the image as stored
        image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")  # transparent background → white paper, not black
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    gray = image.convert("L")
    if gray.width < WORK_WIDTH * 0.85 and WORK_WIDTH * gray.height * WORK_WIDTH / gray.width <= MAX_PIXELS:
        factor = WORK_WIDTH / gray.width
        gray = gray.resize((WORK_WIDTH, max(1, round(gray.height * factor))), Image.Resampling.LANCZOS)
    angle = skew_angle(gray)
    if abs(angle) >= 0.05:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return gray


def otsu(pixels: np.ndarray) -> int:
    """Otsu's threshold; 0 (nothing is darker) for an image of one grey level (a blank page).
    Where several thresholds separate the levels equally well (a bilevel page: a 1-bit fax-mode
    scan, or a form drawn by a program, has only black and white), the middle one: the first
    would be 0, and nothing would be ink."""
    if pixels.size == 0 or pixels.min() == pixels.max():
        return 0
    histogram = np.bincount(pixels.ravel(), minlength=256).astype(float)
    total = pixels.size
    cumulative, means = np.cumsum(histogram), np.cumsum(histogram * np.arange(256))
    weight_bg, weight_fg = cumulative, total - cumulative
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weight_bg - means * total) ** 2 / (weight_bg * weight_fg)
    between = np.nan_to_num(between[:-1], nan=-1.0)
    best = np.flatnonzero(between == between.max())
    return int((best[0] + best[-1] + 1) // 2)


def dark(image: Image.Image) -> np.ndarray:
    pixels = np.asarray(image)
    return pixels < min(otsu(pixels), 200)


def skew_angle(gray: Image.Image) -> float:
    """The rotation (degrees) that makes rows of ink sharpest: coarse search, then a finer one."""
    scale = min(800 / gray.width, 4000 / gray.height)  # (a long strip stays a few MB)
    small = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))))
    ink = Image.fromarray(dark(small).astype(np.uint8) * 255)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.BILINEAR)).sum(axis=1, dtype=float)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-3.0, 3.01, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.26, 0.05), key=sharpness))


