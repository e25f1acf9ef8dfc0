"""The OCR backend's ruled-grid detector on drawn pages: short rows keep their column rules,
strokes that nearly span a short row are not rules, merged cells are the positions no rule
separates, and the rules are whitened for the recogniser."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.backends.ocr.grid import find_grid
from extractors.backends.ocr.page import prepare

WIDTH, LEFT, RIGHT, TOP = 1700, 100, 1600, 200
COLUMNS = [LEFT, 400, 800, 1200, RIGHT]


def drawn_page(row_heights: list[int], tilt: float = 0.0) -> Image.Image:
    """A table of len(row_heights) rows and four columns; row 1 merges its last three cells;
    row 2 holds tall `1`-like strokes that run nearly from rule to rule."""
    page = Image.new("L", (WIDTH, 2200), 255)
    draw = ImageDraw.Draw(page)
    ys = [TOP]
    for height in row_heights:
        ys.append(ys[-1] + height)
    for y in ys:
        draw.line([(LEFT, y), (RIGHT, y)], fill=0, width=2)
    for row, (top, bottom) in enumerate(itertools.pairwise(ys)):
        for x in COLUMNS:
            if row == 1 and x in (800, 1200):
                continue  # merged: no rule between the last three cells of row 1
            draw.line([(x, top), (x, bottom)], fill=0, width=2)
        if row == 2:
            for x in range(830, 1150, 40):   # full-width digits one: strokes 85 % of the row high
                margin = round((bottom - top) * 0.075)
                draw.rectangle([x, top + margin, x + 4, bottom - margin], fill=0)
    if tilt:
        page = page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return page


@pytest.mark.parametrize("tilt", [0.0, 1.2, -0.8])
def test_short_rows_keep_their_columns_and_strokes_are_not_rules(tilt):
    heights = [60, 36, 36, 36, 80]
    grid, _ = find_grid(prepare(drawn_page(heights, tilt)))
    assert grid is not None
    assert (len(grid.ys) - 1, len(grid.xs) - 1) == (len(heights), len(COLUMNS) - 1)
    merged = {origin for (row, _), origin in grid.cells.items() if row == 1}
    assert merged == {(1, 0), (1, 1)}           # the last three cells of row 1 are one
    assert all(grid.cells[(2, c)] == (2, c) for c in range(4))   # the strokes split nothing


def test_the_rules_are_whitened_and_the_text_is_not():
    grid, whitened = find_grid(prepare(drawn_page([60, 36, 36, 36, 80])))
    assert grid is not None
    pixels = np.asarray(whitened)
    top, bottom = grid.ys[2], grid.ys[3]
    strokes = pixels[top + 8:bottom - 8, 820:1160]
    assert (strokes < 128).any()                # the strokes in row 2 are still there
    assert (pixels[grid.ys[0] - 1:grid.ys[0] + 2, 300:1500] > 128).all()   # the top rule is gone


def test_a_page_without_a_table_has_no_grid():
    page = Image.new("L", (WIDTH, 2200), 255)
    ImageDraw.Draw(page).line([(LEFT, 500), (RIGHT, 500)], fill=0, width=2)   # an underline alone
    assert find_grid(prepare(page))[0] is None
