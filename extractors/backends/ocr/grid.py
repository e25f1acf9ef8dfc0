"""The ruled table of a page: its horizontal and vertical rules, the grid they draw, the cells
merged where no rule separates two grid positions, and the page with its rules whitened (so the
recogniser does not read them as strokes)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from PIL import Image

from extractors.backends.ocr.page import WORK_WIDTH, dark


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


