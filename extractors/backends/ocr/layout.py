"""A page's layout: the text above the table, each cell, the text below, cut into text lines and
each line into the pieces the recogniser reads (check boxes and struck-out fields told from their
shapes); after recognition, the same layout becomes the blocks of a Document."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageOps

from extractors.backends.ocr.grid import Grid, find_grid, intervals
from extractors.backends.ocr.page import WORK_WIDTH, dark, otsu
from extractors.backends.ocr.repair import clean_cell, clean_text
from extractors.model import Document, Paragraph, Table


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


