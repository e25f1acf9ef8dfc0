"""Scanned forms (.png, .jpeg, .tiff, .bmp, .gif; image-only PDF pages) → Document, by offline OCR.

Each page is cleaned with Pillow (grayscale, transparency on white, upscaled when small,
deskewed by the projection profile of its ruling lines). Its ruled table is found from long
horizontal runs and, between each two neighbouring horizontal rules, the columns inked from rule
to rule (so short rows keep their column rules); merged cells are the grid positions no ruling
line separates. Every cell and the text above and below the table is cut into text lines
(specks removed), each line into pieces at wide gaps and before check boxes, and the pieces are
read by RapidOCR's PP-OCRv4 recogniser (`ocr_rapid`, in a child process) when it is installed,
else each line by one `tesseract … -l HanS|chi_sim` call. Check boxes and struck-out fields (`/`)
are told from their shapes; known form labels, check-box options, digit look-alikes and the
credit code checksum mend what the recogniser misreads. A blank page reads as nothing. The result
is the same Document shape as a digital file, with `source_kind="ocr"` and a per-position
confidence.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import logging
import os
import pickle
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

import extractors.backends.derived as derived
import extractors.backends.ocr_rapid as ocr_rapid
from extractors.backends.base import UnreadableError, register
from extractors.backends.bounded import Overtime, run_bounded
from extractors.backends.timing import stage
from extractors.model import Document, Paragraph, Table

MAX_PAGES = 50
MAX_PIXELS = 60_000_000    # an A3 page at 600 dpi; larger is not a scanned form
RAPID_PAGES = int(os.environ.get("OCR_RAPID_PAGES", "8"))  # pages of a file read by RapidOCR
MIN_SIDE = 16              # pixels: a narrower image holds no legible text line
TIMEOUT_SECONDS = 180
WORK_WIDTH = 1700          # an A4 page at 200 dpi; smaller images are upscaled to it
PREFERRED_LANGUAGES = ("HanS", "chi_sim")
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])|(?<=[{CJK}])\s+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z.])\s+(?=[{CJK}])")
DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
BRACKET_FIXES = str.maketrans({"〈": "（", "〉": "）", "(": "（", ")": "）", ":": "：", ";": "：", "，": "，",
                               "丶": "、"})


@register("png", "jpeg", "tiff", "bmp", "gif")
def read_image(data: bytes, name: str) -> Document:
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise UnreadableError(f"图片过大（{image.width}×{image.height} 像素），未识别")
        pages = [frame.copy() for frame, _ in zip(ImageSequence.Iterator(image), range(MAX_PAGES), strict=False)]
    except Image.DecompressionBombError as error:
        # Pillow refuses images of over ~179 million pixels before decoding them (a header can
        # claim ten billion pixels in a few bytes)
        raise UnreadableError("图片尺寸异常（声称的像素数远超扫描件），可能是恶意构造的文件，未识别") from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as error:
        raise UnreadableError(f"图片无法打开（文件损坏或格式不符）：{error}") from error
    document = ocr_pages(pages, name, [f"image/{number}" for number in range(len(pages))])
    document.format = name.rsplit(".", 1)[-1].lower() if "." in name else "image"
    return document


Page = Image.Image | Callable[[], Image.Image]   # an image, or what renders it (not needed when kept)


def ocr_pages(pages: Iterable[Page], name: str, keys: Sequence[str] | None = None) -> Document:
    """OCR page images (a scan, or the pages of an image-only PDF) into one Document. A page
    whose `key` (its place in the file) was read before by this OCR (`derived`) is not read again."""
    document = Document(file=name, format="image", source_kind="ocr")
    pages = list(pages)
    keys = list(keys) if keys is not None else [""] * len(pages)
    layouts: list[PageLayout] = []
    fresh: list[tuple[int, str]] = []
    for number, (page, key) in enumerate(zip(pages, keys, strict=True)):
        kept = _kept_layout(key)
        if kept is None:
            kept = _layout(page() if callable(page) else page)
            fresh.append((number, key))
        layouts.append(kept)
    # RapidOCR reads better but ~3× slower than tesseract: the first pages (the forms) get it, the
    # rest of a long scan (narrative material) tesseract, to stay within the per-file time limit
    with stage("OCR recognition") if fresh else contextlib.nullcontext():
        recognise_crops([crop for n, _ in fresh if n < RAPID_PAGES for crop in layouts[n].crops()])
        recognise_crops([crop for n, _ in fresh if n >= RAPID_PAGES for crop in layouts[n].crops()], rapid=False)
    for number, key in fresh:
        _keep_layout(key, layouts[number])
    for layout in layouts:
        layout.emit(document)
    return document


def _layout(page: Image.Image) -> PageLayout:
    if page.width * page.height > MAX_PIXELS:
        raise UnreadableError(f"扫描页过大（{page.width}×{page.height} 像素），未识别")
    if min(page.size) < MIN_SIDE:  # a sliver (a spacer image, a rule): nothing to read
        return PageLayout(above=None, below=None)
    with stage("OCR layout"):
        return page_layout(prepare(page))


# --- what OCR read, kept between runs ------------------------------------------------------------


@lru_cache(maxsize=1)
def ocr_version() -> str:
    """The engines and our OCR code (layout, recognition, mending): what a page read by OCR is
    kept under; a new engine or a change to this code reads pages afresh."""
    engines = [ocr_rapid.version() if ocr_rapid.available() else "", _tesseract_version()]
    digest = hashlib.sha256("|".join(engines).encode())
    for module in (Path(__file__), Path(ocr_rapid.__file__)):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def _tesseract_version() -> str:
    if shutil.which("tesseract") is None:
        return "no tesseract"
    try:
        found = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "tesseract ?"
    return (found.stdout or found.stderr).split("\n", 1)[0] + "/" + language()


def _kept_layout(key: str) -> PageLayout | None:
    payload = derived.reuse(f"ocr/{key}", ocr_version()) if key else None
    if payload is None:
        return None
    try:
        layout = pickle.loads(payload)
    except Exception:   # a damaged entry: the page is read again
        return None
    return layout if isinstance(layout, PageLayout) else None


def _keep_layout(key: str, layout: PageLayout) -> None:
    """Keep a recognised page without its images (only the lines read and the grid are needed)."""
    if not key:
        return
    for crop in layout.crops():
        crop.bands = []
    derived.keep(f"ocr/{key}", ocr_version(), pickle.dumps(layout, protocol=pickle.HIGHEST_PROTOCOL))


# --- preprocessing ------------------------------------------------------------------------------


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
    """Otsu's threshold; 0 (nothing is darker) for an image of one grey level (a blank page)."""
    if pixels.size == 0 or pixels.min() == pixels.max():
        return 0
    histogram = np.bincount(pixels.ravel(), minlength=256).astype(float)
    total = pixels.size
    cumulative, means = np.cumsum(histogram), np.cumsum(histogram * np.arange(256))
    weight_bg, weight_fg = cumulative, total - cumulative
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weight_bg - means * total) ** 2 / (weight_bg * weight_fg)
    return int(np.nanargmax(between[:-1]))


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


# --- ruling lines and the table grid ------------------------------------------------------------


@dataclass(slots=True)
class Line:
    pos: int                 # y of a horizontal line, x of a vertical one
    spans: list[tuple[int, int]]

    def covers(self, at: int, slack: int) -> bool:
        return any(a - slack <= at <= b + slack for a, b in self.spans)


def ruling_lines(runs: np.ndarray) -> list[Line]:
    """Horizontal ruling lines from the mask of long horizontal runs (transpose for vertical)."""
    rows = np.flatnonzero(runs.any(axis=1))
    lines: list[Line] = []
    for band in np.split(rows, np.flatnonzero(np.diff(rows) > 3) + 1) if rows.size else []:
        covered = runs[band[0]:band[-1] + 1].any(axis=0)
        lines.append(Line(int(band.mean()), intervals(covered, gap=6)))
    return lines


def line_pixels(ink: np.ndarray, min_len: int) -> np.ndarray:
    """Pixels on horizontal runs of at least `min_len` (rows thickened by one pixel either way,
    so a line that steps by a pixel still counts as one run)."""
    thick = ink.copy()
    thick[1:] |= ink[:-1]
    thick[:-1] |= ink[1:]
    closed = thick.copy()
    for gap in (1, 2):  # bridge the pixel or two that noise knocks out of a thin rule
        closed[:, gap:-gap] |= thick[:, :-2 * gap] & thick[:, 2 * gap:]
    return long_runs(closed, min_len)


def long_runs(mask: np.ndarray, min_len: int) -> np.ndarray:
    """The pixels of `mask` that lie on a horizontal run of at least `min_len`."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    starts_r, starts_c = np.nonzero(edges == 1)
    _, ends_c = np.nonzero(edges == -1)
    result = np.zeros(mask.shape, dtype=bool)
    for row, start, end in zip(starts_r, starts_c, ends_c, strict=True):
        if end - start >= min_len:
            result[row, start:end] = True
    return result


def intervals(covered: np.ndarray, gap: int) -> list[tuple[int, int]]:
    cols = np.flatnonzero(covered)
    if not cols.size:
        return []
    groups = np.split(cols, np.flatnonzero(np.diff(cols) > gap) + 1)
    return [(int(g[0]), int(g[-1])) for g in groups]


@dataclass(slots=True)
class Grid:
    ys: list[int]
    xs: list[int]
    cells: dict[tuple[int, int], tuple[int, int]]  # position → origin

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def regions(self) -> dict[tuple[int, int], tuple[int, int, int, int]]:
        """origin → pixel box of the (merged) cell."""
        boxes: dict[tuple[int, int], list[int]] = {}
        for (r, c), origin in self.cells.items():
            box = boxes.setdefault(origin, [c, r, c + 1, r + 1])
            box[0], box[1] = min(box[0], c), min(box[1], r)
            box[2], box[3] = max(box[2], c + 1), max(box[3], r + 1)
        return {o: (self.xs[b[0]], self.ys[b[1]], self.xs[b[2]], self.ys[b[3]]) for o, b in boxes.items()}


def find_grid(gray: Image.Image) -> tuple[Grid | None, Image.Image]:
    """The page's ruled table (if any) and the page with its ruling lines whitened.

    Horizontal rules are long horizontal runs. A vertical rule is found between each pair of
    neighbouring horizontal rules: a column whose ink covers nearly the whole height between
    them. So a rule is told from a character stroke by its share of the row it divides, not by
    an absolute length, and a short row (about 40 px at 200 dpi) keeps its column rules."""
    unit = gray.width / WORK_WIDTH
    ink = dark(gray)
    h_mask = line_pixels(ink, round(90 * unit))
    horizontal = ruling_lines(h_mask)
    slack = round(6 * unit)
    vertical = vertical_rules(ink, horizontal, slack)
    horizontal = [h for h in horizontal if sum(h.covers(v.pos, slack) for v in vertical) >= 2]
    vertical = [v for v in vertical if sum(v.covers(h.pos, slack) for h in horizontal) >= 2]
    if len(horizontal) < 2 or len(vertical) < 2:
        return None, gray
    pixels = np.asarray(gray).copy()
    pixels[rule_pixels(ink.shape, h_mask, horizontal, vertical, slack)] = 255
    ys = cluster([h.pos for h in horizontal], slack)
    xs = cluster([v.pos for v in vertical], slack)
    return Grid(ys, xs, merge_cells(ys, xs, horizontal, vertical, slack)), Image.fromarray(pixels)


RULE_SHARE = 0.95   # of the height between two horizontal rules a vertical rule's ink must cover


def vertical_rules(ink: np.ndarray, horizontal: list[Line], slack: int) -> list[Line]:
    """Vertical rules as pieces between neighbouring horizontal rules (see `find_grid`), joined
    into one Line per x position."""
    if len(horizontal) < 2:
        return []
    thick = ink.copy()  # a rule a pixel or two wide that wavers by a pixel still fills its column
    thick[:, 1:] |= ink[:, :-1]
    thick[:, :-1] |= ink[:, 1:]
    ys = sorted({h.pos for h in horizontal})
    pieces: list[tuple[int, int, int]] = []   # (x, top, bottom)
    for top, bottom in itertools.pairwise(ys):
        if bottom - top < max(12, 2 * slack):
            continue
        # rule to rule: a stroke inside the cell stops short of the cell's padding, a rule does not
        share = thick[top:bottom + 1].mean(axis=0)
        for left, right in intervals(share >= RULE_SHARE, gap=1):
            if right - left > 4 * max(slack, 3):
                continue  # a filled block (a shaded cell, a stamp), not a rule
            pieces.append(((left + right) // 2, top, bottom))
    lines: list[Line] = []
    for x, top, bottom in sorted(pieces):
        near = next((line for line in lines if abs(line.pos - x) <= slack // 2 + 1), None)
        if near is None:
            lines.append(Line(x, [(top, bottom)]))
        else:
            near.spans.append((top, bottom))
    for line in lines:
        line.spans = merge_spans(line.spans, slack)
    return lines


def merge_spans(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def rule_pixels(shape: tuple[int, int], h_mask: np.ndarray, horizontal: list[Line], vertical: list[Line],
                slack: int) -> np.ndarray:
    """The pixels of the accepted rules, widened by the blur of a page rotated back (character
    strokes elsewhere on the page are left alone)."""
    lines = np.zeros(shape, dtype=bool)
    reach = max(3, slack // 2)
    for h in horizontal:
        top, bottom = max(0, h.pos - reach - 2), h.pos + reach + 3
        for a, b in h.spans:
            lines[top:bottom, a:b + 1] |= h_mask[top:bottom, a:b + 1]
    for shift in (1, 2):
        lines[shift:] |= lines[:-shift]
        lines[:-shift] |= lines[shift:]
    half = 2 + round(slack / 6)
    for v in vertical:
        for a, b in v.spans:
            lines[max(0, a - reach):b + reach + 1, max(0, v.pos - half):v.pos + half + 1] = True
    return lines


def cluster(values: list[int], slack: int) -> list[int]:
    out: list[int] = []
    for value in sorted(values):
        if out and value - out[-1] <= slack:
            continue
        out.append(value)
    return out


def merge_cells(ys: list[int], xs: list[int], horizontal: list[Line], vertical: list[Line],
                slack: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Union the grid positions that no ruling line separates; each region's origin is its
    top-left position."""
    parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def find(p: tuple[int, int]) -> tuple[int, int]:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def separated(lines: list[Line], pos: int, at: int) -> bool:
        return any(abs(line.pos - pos) <= slack and line.covers(at, 0) for line in lines)

    for r in range(len(ys) - 1):
        mid_y = (ys[r] + ys[r + 1]) // 2
        for c in range(len(xs) - 1):
            mid_x = (xs[c] + xs[c + 1]) // 2
            if c + 1 < len(xs) - 1 and not separated(vertical, xs[c + 1], mid_y):
                union((r, c), (r, c + 1))
            if r + 1 < len(ys) - 1 and not separated(horizontal, ys[r + 1], mid_x):
                union((r, c), (r + 1, c))
    return {p: find(p) for p in parent}


# --- page layout: what to recognise and how it becomes blocks ----------------------------------


@dataclass(slots=True)
class OcrLine:
    text: str
    left: int
    right: int
    height: int
    confidence: float


@dataclass(slots=True)
class Band:
    """One text line of a region, binarized and framed for the recogniser: whole (for
    tesseract, which spaces words itself) and cut at wide gaps (for RapidOCR, whose recogniser
    reads a line as one run of characters)."""

    image: Image.Image
    pieces: list[Image.Image]
    marks: list[str | None]    # per piece: "☑" / "□" when it starts with a check box
    joins: list[str]           # per piece: what joins it to the one before ("  ": a wide gap)
    left: int
    right: int
    height: int


@dataclass(slots=True)
class Crop:
    bands: list[Band]
    lines: list[OcrLine] = field(default_factory=list)

    def text(self) -> str:
        return join_lines(self.lines)

    def confidence(self) -> float:
        weights = [(len(line.text), line.confidence) for line in self.lines if line.text]
        total = sum(w for w, _ in weights)
        return round(sum(w * c for w, c in weights) / total, 1) if total else 0.0


@dataclass(slots=True)
class PageLayout:
    above: Crop | None
    below: Crop | None
    grid: Grid | None = None
    cells: dict[tuple[int, int], Crop | None] = field(default_factory=dict)

    def crops(self) -> list[Crop]:
        found = [self.above, *self.cells.values(), self.below]
        return [crop for crop in found if crop is not None]

    def emit(self, document: Document) -> None:
        if self.above is not None:
            add_paragraphs(document, self.above)
        if self.grid is not None:
            document.blocks.append(self.table(len(document.tables) + 1))
        if self.below is not None:
            add_paragraphs(document, self.below)

    def table(self, index: int) -> Table:
        grid = self.grid
        assert grid is not None
        texts, confidence = {}, {}
        for origin, crop in self.cells.items():
            texts[origin] = clean_cell(crop.text()) if crop else ""
            confidence[origin] = crop.confidence() if crop else 100.0
        height, width = len(grid.ys) - 1, len(grid.xs) - 1
        rows = [[texts[grid.cells[(r, c)]] for c in range(width)] for r in range(height)]
        origins = [[grid.cells[(r, c)] for c in range(width)] for r in range(height)]
        scores = [[confidence[grid.cells[(r, c)]] for c in range(width)] for r in range(height)]
        return Table(name=f"table {index}", rows=rows, origins=origins, index=index, confidence=scores)


def page_layout(gray: Image.Image) -> PageLayout:
    if not dark(gray).any():  # a blank page
        return PageLayout(above=None, below=None)
    grid, gray = find_grid(gray)
    if grid is None:
        return PageLayout(above=text_crop(gray, (0, 0, gray.width, gray.height)), below=None)
    _, top, _, bottom = grid.bbox
    layout = PageLayout(above=text_crop(gray, (0, 0, gray.width, top - 2)),
                        below=text_crop(gray, (0, bottom + 3, gray.width, gray.height)), grid=grid)
    pad = round(4 * gray.width / WORK_WIDTH)
    for origin, (x0, y0, x1, y1) in grid.regions().items():
        layout.cells[origin] = text_crop(gray, (x0 + pad, y0 + pad, x1 - pad, y1 - pad))
    return layout


def text_crop(gray: Image.Image, box: tuple[int, int, int, int]) -> Crop | None:
    """A region cut into binarized text lines (specks ignored); None when it is blank."""
    x0, y0, x1, y1 = box
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    pixels = np.asarray(gray.crop(box))
    if pixels.min() >= 128:
        return None
    ink = despeckle(pixels < min(otsu(pixels), 170))
    bands = [band for band in (make_band(ink, top, bottom) for top, bottom in line_spans(ink)) if band]
    return Crop(bands) if bands else None


def despeckle(ink: np.ndarray, reach: int = 4, most: int = 6) -> np.ndarray:
    """`ink` without specks: pixels with at most `most` ink pixels in the (2·reach+1)² window
    around them (dust, sensor noise; a full stop or a stroke has many more)."""
    size = 2 * reach + 1
    padded = np.pad(ink.astype(np.int32), reach + 1)
    total = padded.cumsum(axis=0).cumsum(axis=1)
    window = (total[size:, size:] - total[:-size, size:] - total[size:, :-size] + total[:-size, :-size])
    return ink & (window[: ink.shape[0], : ink.shape[1]] > most)


def line_spans(ink: np.ndarray, block: int = 4, least: int = 4) -> list[tuple[int, int]]:
    """(top, bottom) of the text lines: runs of rows whose 4×4 blocks hold ink (isolated specks
    do not count), split at blank rows; slivers join the line above them."""
    height, width = (ink.shape[0] // block) * block, (ink.shape[1] // block) * block
    if not height or not width:
        return []
    counts = ink[:height, :width].reshape(height // block, block, width // block, block).sum(axis=(1, 3))
    rows = np.flatnonzero((counts >= least).any(axis=1))
    spans: list[tuple[int, int]] = []
    sliver = 3 * block
    for run in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1) if rows.size else []:
        top, bottom = int(run[0]) * block, (int(run[-1]) + 1) * block
        if spans and (bottom - top < sliver or spans[-1][1] - spans[-1][0] < sliver):
            spans[-1] = (spans[-1][0], bottom)  # a sliver (a speck row, a rule's remnant) joins its neighbour
        else:
            spans.append((top, bottom))
    return [(max(0, t - 2), min(ink.shape[0], b + 2)) for t, b in spans]


def make_band(ink: np.ndarray, top: int, bottom: int) -> Band | None:
    strip = ink[top:bottom]
    cols = np.flatnonzero(strip.sum(axis=0) > 0)
    if strip.sum() < 20 or not cols.size:
        return None
    left, right = int(cols[0]), int(cols[-1]) + 1
    image = Image.fromarray(np.where(strip[:, left:right], 0, 255).astype(np.uint8))
    height = bottom - top
    rows = np.flatnonzero(strip.any(axis=1))
    text_height = int(rows[-1] - rows[0] + 1)
    margin = max(4, height // 4)
    pieces, marks, joins = [], [], []
    for a, b, join in piece_spans(strip.any(axis=0), strip, text_height):
        pieces.append(ImageOps.expand(image.crop((a - left, 0, b + 1 - left, height)), border=margin, fill=255))
        marks.append(check_box(strip[:, a:b + 1], text_height) or lone_slash(strip[:, a:b + 1]))
        joins.append(join)
    return Band(ImageOps.expand(image, border=20, fill=255), pieces, marks, joins, left, right, height)


def piece_spans(used: np.ndarray, strip: np.ndarray, text_height: int) -> list[tuple[int, int, str]]:
    """(first column, last column, joiner) of the pieces of a line: cut at wide gaps (joined by
    two spaces) and before each check box that follows a blank (joined by nothing), so that
    every box starts a piece."""
    spans = []
    for a, b in intervals(used, gap=max(10, round(WIDE_GAP * text_height))):
        glyphs = [(a + x, a + y) for x, y in intervals(used[a:b + 1], gap=1)]
        cuts = [a] + [start for (_, end), (start, last) in itertools.pairwise(glyphs)
                      if start - end > 0.3 * text_height and check_box(strip[:, start:last + 1], text_height)]
        for index, start in enumerate(cuts):
            stop = cuts[index + 1] - 1 if index + 1 < len(cuts) else b
            stop = start + int(np.flatnonzero(used[start:stop + 1])[-1])
            spans.append((start, stop, "  " if index == 0 else ""))
    return spans


# characters: a blank this wide between two runs of text separates two values (a full-width
# colon or bracket leaves about half a character blank; the forms' gaps are over 1.2)
WIDE_GAP = 1.0


def lone_slash(ink: np.ndarray) -> str | None:
    """"/" when the piece is one slanted stroke (an empty field struck out), which the
    recogniser reads as `1`."""
    glyphs = intervals(ink.any(axis=0), gap=1)
    if len(glyphs) != 1:
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size < 12:
        return None
    h, w = rows.size, glyphs[0][1] - glyphs[0][0] + 1
    if max(np.ptp(np.flatnonzero(ink[r])) + 1 for r in rows) > 0.3 * h:
        return None  # a row wider than a stroke: a bar (`7`), not a slash
    centres = np.array([np.flatnonzero(ink[r]).mean() for r in rows])
    drift = centres[: h // 4].mean() - centres[-(h // 4):].mean()   # top right of bottom: `/`
    return "/" if w <= 0.6 * h and drift >= 0.15 * h else None


def check_box(ink: np.ndarray, text_height: int) -> str | None:
    """"☑" or "□" when the run of text starts with a square outline about a character high (a
    check box: the recogniser drops a ticked one), by whether there is ink inside it."""
    cols = intervals(ink.any(axis=0), gap=1)
    if not cols:
        return None
    a, b = cols[0]
    glyph = ink[:, a:b + 1]
    rows = np.flatnonzero(glyph.any(axis=1))
    glyph = glyph[rows[0]:rows[-1] + 1]
    h, w = glyph.shape
    if h < 0.6 * text_height or h < 12 or not 0.75 <= w / h <= 1.33:
        return None
    edge = max(2, h // 8)
    sides = (glyph[:, :edge].any(axis=1), glyph[:, -edge:].any(axis=1), glyph[:edge].any(axis=0),
             glyph[-edge:].any(axis=0))
    if min(side.mean() for side in sides) < 0.85:
        return None
    inside = glyph[edge + 1:h - edge - 1, edge + 1:w - edge - 1]
    return "☑" if inside.size and inside.mean() > 0.05 else "□"


def add_paragraphs(document: Document, crop: Crop) -> None:
    for text in join_lines(crop.lines).split("\n"):
        cleaned = clean_text(text)
        if cleaned:
            document.blocks.append(Paragraph(cleaned, len(document.paragraphs)))


def join_lines(lines: list[OcrLine]) -> str:
    """A line that runs to the right edge continues in the next line of about its size, and so
    does a line ending in a label's colon when the next line is a bare value (a long code that
    did not fit after its label); other lines end a paragraph."""
    lines = [line for line in lines if line.text]
    if not lines:
        return ""
    heights = sorted(line.height for line in lines)
    body = heights[len(heights) // 2]
    edge = max((line.right for line in lines if abs(line.height - body) <= 0.3 * body), default=lines[0].right)
    parts: list[str] = []
    for index, line in enumerate(lines):
        parts.append(line.text)
        if index + 1 < len(lines):
            following = lines[index + 1]
            wraps = edge - line.right <= 1.6 * line.height and abs(following.height - line.height) <= 0.3 * line.height
            wraps = wraps or (line.text.rstrip().endswith(("：", ":")) and not re.search("[：:]", following.text))
            parts.append("" if wraps else "\n")
    return "".join(parts)


# --- recognition ----------------------------------------------------------------------------------


def recognise_crops(crops: list[Crop], *, rapid: bool = True) -> None:
    """OCR every text line of every crop in one batch (the model loads once). RapidOCR reads
    the pieces of a line apart, and they are joined with two spaces (a wide gap)."""
    bands = [band for crop in crops for band in crop.bands]
    texts = recognise_rapid(bands) if rapid and bands and ocr_rapid.available() else None
    if texts is None:
        texts = recognise_tesseract([band.image for band in bands])
    found = iter(texts)
    for crop in crops:
        for band in crop.bands:
            text, confidence = next(found)
            crop.lines.append(OcrLine(text, band.left, band.right, band.height, confidence))


def recognise_rapid(bands: list[Band]) -> list[tuple[str, float]] | None:
    """(text, confidence) per band by RapidOCR; None when its model cannot run here."""
    try:
        results = iter(ocr_rapid.recognise([piece for band in bands for piece in band.pieces]))
    except ocr_rapid.RecogniserFailed as error:
        logging.getLogger(__name__).warning("RapidOCR failed, reading with tesseract: %s", error)
        return None
    return [join_pieces([marked(next(results), mark) for mark in band.marks], band.joins) for band in bands]


def marked(result: tuple[str, float], mark: str | None) -> tuple[str, float]:
    """A check-box option read after a box found in the image gets that box (whatever the
    recogniser made of it: `口`, `『`, `√`, or nothing)."""
    text, confidence = result
    if mark == "/":
        return ("/", max(confidence, 90.0)) if text.strip() in _SLASH_READINGS else result  # the shape says so
    if mark is not None:
        for start in range(min(4, len(text))):
            if text[start:start + 4] in _OPTION_STARTS:
                return mark + text[start:], confidence
    return result


def join_pieces(pieces: list[tuple[str, float]], joins: list[str]) -> tuple[str, float]:
    """The pieces of a line: two spaces for a wide gap, none next to punctuation (a full-width
    bracket or colon leaves a wide blank beside it)."""
    read = [(text.strip(), confidence, join) for (text, confidence), join in zip(pieces, joins, strict=True)
            if text.strip()]
    total = sum(len(text) for text, _, _ in read)
    confidence = sum(len(text) * c for text, c, _ in read) / total if total else 0.0
    parts: list[str] = []
    for text, _, join in read:
        if parts and join and not (parts[-1][-1] in _OPENING or text[0] in _CLOSING):
            parts.append(join)
        parts.append(text)
    return "".join(parts), round(confidence, 1)


_SLASH_READINGS = {"1", "l", "I", "|", "/", "／", "丿", "ノ"}
_OPENING = "（(《〈【[“‘：:"
_CLOSING = "）)》〉】]”’：:，,、。.．%％;；"


def language() -> str:
    """The Han (Simplified) script model when installed (it reads form labels and digits better
    than chi_sim), else chi_sim."""
    global _LANGUAGE
    if _LANGUAGE is None:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
        installed = set(listing.stdout.split())
        _LANGUAGE = next((lang for lang in PREFERRED_LANGUAGES if lang in installed), "chi_sim")
    return _LANGUAGE


_LANGUAGE: str | None = os.environ.get("OCR_LANG")  # e.g. "chi_sim" to force one model


def recognise_tesseract(images: list[Image.Image]) -> list[tuple[str, float]]:
    """(text, mean confidence) per image, by one tesseract process."""
    if not images:
        return []
    if shutil.which("tesseract") is None:
        raise UnreadableError("未安装文字识别程序 tesseract，无法识别扫描件")
    with tempfile.TemporaryDirectory(prefix="ocr-") as folder:
        paths = []
        for number, image in enumerate(images):
            path = Path(folder) / f"{number:05d}.png"
            image.save(path)
            paths.append(str(path))
        listing = Path(folder) / "pages.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        tsv = run_tesseract([str(listing), "stdout", "-l", language(), "--psm", "6", "tsv"])
    return parse_tsv(tsv, len(images))


def run_tesseract(arguments: list[str]) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        finished = run_bounded(["tesseract", *arguments], timeout=TIMEOUT_SECONDS, env=env)
    except Overtime as error:
        raise UnreadableError(f"文字识别超时（超过 {TIMEOUT_SECONDS} 秒）") from error
    if finished.returncode != 0:
        raise UnreadableError("文字识别失败")
    return finished.stdout.decode("utf-8", errors="replace")


def parse_tsv(tsv: str, count: int) -> list[tuple[str, float]]:
    """Words of each image (a page of the TSV) joined: a gap wider than 1.5 line heights is two
    spaces, a narrower one a space (dropped later between Chinese characters)."""
    words: list[list[list[str]]] = [[] for _ in range(count)]
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip() and 0 < int(cols[1]) <= count:
            words[int(cols[1]) - 1].append(cols)
    return [_join_words(page) for page in words]


def _join_words(words: list[list[str]]) -> tuple[str, float]:
    if not words:
        return "", 0.0
    words.sort(key=lambda w: (int(w[2]), int(w[3]), int(w[4]), int(w[6])))
    height = max(int(w[9]) for w in words)
    parts: list[str] = []
    previous: list[str] | None = None
    for w in words:
        if previous is not None:
            gap = int(w[6]) - int(previous[6]) - int(previous[8])
            parts.append("  " if gap > 1.5 * height else " ")
        parts.append(w[11].strip())
        previous = w
    confidences = [float(w[10]) for w in words if float(w[10]) >= 0]
    return "".join(parts), (sum(confidences) / len(confidences) if confidences else 0.0)


# --- post-correction -------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Drop the spaces tesseract puts between Chinese characters (wide gaps stay) and mend
    brackets and colons it reads as their ASCII or angle look-alikes."""
    parts = re.split(r"( {2,})", text.translate(BRACKET_FIXES))
    text = "".join(p if p.startswith("  ") else _CJK_SPACE.sub("", p) for p in parts).strip()
    if "》" not in text:
        text = text.replace("《", "（")
    text = _QUOTE_COMMA.sub("，", text)  # RapidOCR reads a comma between characters as `’`
    return text


def clean_cell(text: str) -> str:
    text = "\n".join(clean_text(line) for line in text.split("\n"))
    text = fix_label(drop_stray_letters(fix_check_boxes(text)))
    return fix_credit_codes(fix_digits(text))


_QUOTE_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])[’‘'](?=[\u4e00-\u9fff])")
_LABEL_JUNK = re.compile(r"[|丨!！'\"“”‘’`~]")


@lru_cache(maxsize=1)
def form_labels() -> dict[str, str]:
    """The labels of the official forms and summaries (key → as written), the recogniser's
    dictionary for label cells."""
    from schemas.labels import BASE_FORM, STUDIO_FORM, SUMMARY_BASE, SUMMARY_STUDIO, label_key

    labels = {}
    for vocabulary in (STUDIO_FORM, BASE_FORM, SUMMARY_STUDIO, SUMMARY_BASE):
        for synonyms in vocabulary.values():
            for label in synonyms:
                if len(label_key(label)) >= 4:
                    labels[label_key(label)] = label.replace("(", "（").replace(")", "）")
    return labels


def fix_label(text: str) -> str:
    """A label cell (or the label before `：`) that is one character away from a known form
    label, or ends with one after a few stray characters, is that label: `领稀人姓名` →
    `领衔人姓名`, `是：六学员满意率` → `学员满意率`."""
    if "\n" in text or len(text) > 40:
        return text
    labels = form_labels()
    whole = _label_key(text)
    ending = _label_ending(whole, labels)
    if whole not in labels and ending and len(whole) <= 16:
        return labels[ending]
    head, colon, tail = text.partition("：")
    if not 4 <= len(head) <= 16 or any(ch.isdigit() for ch in head):
        return text
    key = _label_key(head)
    if key in labels:
        return labels[key] + colon + tail
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    match = extractOne(key, list(labels), scorer=Levenshtein.distance, score_cutoff=1)
    return labels[match[0]] + colon + tail if match else text


def _label_key(text: str) -> str:
    from schemas.labels import label_key

    return _LABEL_JUNK.sub("", label_key(text))


def _label_ending(key: str, labels: dict[str, str]) -> str | None:
    endings = (k for k in sorted(labels, key=len, reverse=True) if key.endswith(k) and len(key) - len(k) <= 6)
    return next(endings, None)


def fix_digits(text: str) -> str:
    """O→0, l/I→1 … in a cell that is mostly digits (a phone, a count, a code, a date)."""
    core = re.sub(r"[\s\-./:：年月日（）()]", "", text)
    digits = sum(ch.isdigit() for ch in core)
    if core and digits >= 0.6 * len(core):
        text = _MIDDLE_DOT.sub(".", text.translate(DIGIT_FIXES))
        tokens = text.split()
        if len(tokens) >= 2 and all(len(token) <= 2 for token in tokens):  # `96 . 5 %`: spread digits
            text = "".join(tokens)
        if _SPREAD_DIGITS.match(text):  # wide full-width digits read one by one: `3.5.9`
            text = re.sub(r"\D", "", text)
    return text


_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])")
# look-alikes of a unified social credit code's characters (its alphabet has no I, O, S, V, Z)
_CODE_LOOKALIKES = {"I": "1", "O": "0", "S": "5", "Z": "2", "V": "U", "1": "J", "J": "1", "0": "D", "D": "0",
                    "8": "B", "B": "8", "2": "Z", "5": "S", "7": "T", "T": "7", "6": "G", "G": "6", "U": "V"}


def fix_credit_codes(text: str) -> str:
    """An 18-character code failing the credit code checksum, whose check character (or a letter
    the alphabet lacks) is the look-alike of the one that passes: `9121060096366693X1` →
    `…93XJ`. A citizen ID number is left alone."""
    from stdnum.cn import ric, uscc

    def mend(match: re.Match[str]) -> str:
        code = match.group()
        if uscc.is_valid(code) or ric.is_valid(code):
            return code
        body = "".join(_CODE_LOOKALIKES[ch] if ch in "IOSVZ" else ch for ch in code[:17])
        try:
            check = uscc.calc_check_digit(body)
        except Exception:  # a character outside the alphabet
            return code
        if code[17] == check or _CODE_LOOKALIKES.get(code[17]) == check:
            return body + check if uscc.is_valid(body + check) else code
        return code

    return _CODE.sub(mend, text)


_MIDDLE_DOT = re.compile(r"(?<=\d)\s*[·•∙・]\s*(?=\d)")
_SPREAD_DIGITS = re.compile(r"^\d(?:[.\s:：,，]\d){2,}$")


# The check-box options of the official forms (附件6 category, 附件8 training system): where one
# is found, whatever the recogniser made of the mark before it becomes □ or ☑.
CHECK_BOX_OPTIONS = ("劳模创新工作室", "职工创新工作室（科技型企业）", "职工创新工作室（其他类型企业）",
                     "培训记录台账", "培训后跟踪服务", "培训激励办法")
BOX_GLYPHS = "口□☐"
_OPTION_STARTS = {option[:4] for option in CHECK_BOX_OPTIONS}
_SEPARATORS = re.compile(r"[\s，,、]+")


def fix_check_boxes(text: str) -> str:
    """`加培训记录台账”□培训后跟踪服务”口培训激励办法` → `☑培训记录台账  □培训后跟踪服务  □培训激励办法`.

    Empty boxes are read reliably (as □ or 口); a tick is read as anything else, or lost: so
    a mark without a box is a tick, and the one option left without a mark among boxed ones
    had its tick lost."""
    found = sorted((m.start(), m.end()) for option in CHECK_BOX_OPTIONS for m in re.finditer(re.escape(option), text))
    if len(found) < 2:
        return text
    head, colon, _ = text[:found[0][0]].rpartition("：")
    lead = head + colon   # a label before the options (`工作室类别：`) stays
    glyphs, labels, previous = [], [], len(lead)
    for start, end in found:
        mark = _SEPARATORS.sub("", text[previous:start])
        glyphs.append("" if not mark else ("□" if mark[-1] in BOX_GLYPHS else "☑"))
        labels.append(text[start:end])
        previous = end
    if not any(glyphs):
        return text  # no boxes at all: the options written out as a list (`培训记录台账、培训激励办法`)
    if glyphs.count("") == 1 and "☑" not in glyphs:
        glyphs[glyphs.index("")] = "☑"
    return lead + "  ".join(g + label for g, label in zip(glyphs, labels, strict=True)) + text[previous:]


_STRAY_LETTER = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z](?=[\u4e00-\u9fff])")
_TRAILING_JUNK = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z=\[\]{}|_~^`\\/]{1,4}$")


def drop_stray_letters(text: str) -> str:
    """A lone Latin letter between Chinese characters, or a short run of letters and brackets
    after the last one, is a speck or a rule remnant read as text."""
    return "\n".join(_TRAILING_JUNK.sub("", _STRAY_LETTER.sub("", line)) for line in text.split("\n"))
