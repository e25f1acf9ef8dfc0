"""The page's ruled table by OpenCV morphology: a drop-in alternative to the OCR backend's
`grid.find_grid`, kept only to measure our numpy detector against the textbook method
(`samples/grid_compare.py`); ours read as well or better on every family and stays in use.

The page is binarised (adaptive mean threshold, ink white); opening it with a long thin
rectangle keeps only horizontal runs of at least `H_LEN`, with a tall thin one only vertical runs
of at least `V_LEN` (lengths at the working width, 1700 px). Each connected component of a mask
is a rule segment; segments at the same y (x) join into one `Line`. A vertical segment counts only
when both its ends meet a horizontal rule (within `JOINT`: a character stroke stops in the cell's
padding), a horizontal rule only when it crosses two vertical ones (an underline crosses none).
The grid is the clustered rule positions and merged cells are the grid positions no rule
separates (our `merge_cells`, so only the line finding differs). The accepted rules' components,
dilated, are whitened.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from extractors.backends.ocr.grid import Grid, Line, cluster, merge_cells
from extractors.backends.ocr.page import WORK_WIDTH

# At the working width (1700 px ≈ A4 at 200 dpi); scaled with the page. Tuned on the official
# templates only (`samples.generate`, seed 7, 12 units: 50 scanned pages); see samples/grid_compare.py.
BLOCK = 31       # adaptive threshold window (odd)
OFFSET = 30      # a pixel is ink when this much darker than its window's mean
H_LEN = 60       # shortest horizontal rule segment (a character is ~30 px wide)
V_LEN = 30       # shortest vertical rule segment (rows are ~40 px and more; a stroke is shorter)
BRIDGE = 1       # gap closed along a rule before opening (noise knocks pixels out of a thin line)
SLACK = 6        # rule positions this close are one rule
JOINT = 4        # a vertical segment's end this close to a horizontal rule meets it
MAX_THICK = 12   # a segment thicker than this is a filled block (a shaded cell, a stamp), not a rule


def find_grid(gray: Image.Image) -> tuple[Grid | None, Image.Image]:
    """The page's ruled table (if any) and the page with its ruling lines whitened: the same
    contract as our `find_grid`."""
    unit = gray.width / WORK_WIDTH
    pixels = np.asarray(gray, dtype=np.uint8)
    block = max(3, round(BLOCK * unit) | 1)
    binary = cv2.adaptiveThreshold(pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, OFFSET)
    slack = max(2, round(SLACK * unit))
    h_mask = _line_mask(binary, max(8, round(H_LEN * unit)), max(1, round(BRIDGE * unit)), horizontal=True)
    v_mask = _line_mask(binary, max(8, round(V_LEN * unit)), max(1, round(BRIDGE * unit)), horizontal=False)
    thick = round(MAX_THICK * unit)
    horizontal, h_labels = _segments(_components(h_mask, thick, horizontal=True), slack)
    pieces, v_labels = _components(v_mask, thick, horizontal=False)
    tol = max(2, round(JOINT * unit))
    vertical: list[tuple[Line, list[int]]] = []
    for _ in range(2):  # a vertical rule ends on rules; a horizontal rule crosses two vertical rules
        lines = [h for h, _ in horizontal]
        joined = [p for p in pieces if all(_joined(lines, end, p[0], tol, slack) for end in (p[1], p[2]))]
        vertical = _segments((joined, v_labels), slack)[0]
        horizontal = [h for h in horizontal if sum(h[0].covers(v[0].pos, slack) for v in vertical) >= 2]
    if len(horizontal) < 2 or len(vertical) < 2:
        return None, gray
    rules = np.isin(h_labels, [label for _, labels in horizontal for label in labels])
    rules |= np.isin(v_labels, [label for _, labels in vertical for label in labels])
    reach = max(1, round(2 * unit))
    rules = cv2.dilate(rules.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach + 1,) * 2))
    cleaned = pixels.copy()
    cleaned[rules > 0] = 255
    h_lines, v_lines = [h for h, _ in horizontal], [v for v, _ in vertical]
    ys = cluster([h.pos for h in h_lines], slack)
    xs = cluster([v.pos for v in v_lines], slack)
    return Grid(ys, xs, merge_cells(ys, xs, h_lines, v_lines, slack)), Image.fromarray(cleaned)


def _line_mask(binary: np.ndarray, length: int, bridge: int, *, horizontal: bool) -> np.ndarray:
    """The pixels on straight runs of at least `length` in one direction (gaps of `bridge`
    closed first)."""
    along = (lambda n: (n, 1)) if horizontal else (lambda n: (1, n))
    closed = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, along(bridge + 1)))
    return cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, along(length)))


Segment = tuple[float, int, int, int]   # (position across, first and last pixel along, label)


def _components(mask: np.ndarray, max_thick: int, *, horizontal: bool) -> tuple[list[Segment], np.ndarray]:
    """The mask's rule segments (connected components no thicker than `max_thick`) and the label
    image."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found: list[Segment] = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label, :4])
        pos, start, length, thick = (y + h / 2, x, w, h) if horizontal else (x + w / 2, y, h, w)
        if thick <= max_thick:
            found.append((pos, start, start + length - 1, label))
    return found, labels


def _joined(horizontal: list[Line], y: int, x: float, tol: int, slack: int) -> bool:
    """Whether a vertical segment's end at (x, y) meets a horizontal rule (a character stroke
    stops short of the rules, in the cell's padding)."""
    return any(abs(h.pos - y) <= tol and h.covers(round(x), slack) for h in horizontal)


def _segments(found: tuple[list[Segment], np.ndarray], slack: int) -> tuple[list[tuple[Line, list[int]]], np.ndarray]:
    """Segments joined into Lines by position, each with the component labels it is made of."""
    segments, labels = found
    lines: list[tuple[Line, list[int]]] = []
    group: list[Segment] = []
    for segment in [*sorted(segments), None]:
        if group and (segment is None or segment[0] - group[-1][0] > slack / 2):
            pos = round(sum(s[0] * (s[2] - s[1] + 1) for s in group) / sum(s[2] - s[1] + 1 for s in group))
            spans: list[tuple[int, int]] = []
            for _, a, b, _ in sorted(group, key=lambda s: s[1]):
                if spans and a <= spans[-1][1] + slack:
                    spans[-1] = (spans[-1][0], max(spans[-1][1], b))
                else:
                    spans.append((a, b))
            lines.append((Line(pos, spans), [s[3] for s in group]))
            group = []
        if segment is not None:
            group.append(segment)
    return lines, labels
