"""Word tables with arbitrary merged cells, the way hand-made forms are built.

A table is given as rows of `Cell`s; a cell may span several columns and rows. Cells are placed
left to right into the first free grid position, skipping positions covered by a cell above that
spans downwards (as in HTML tables)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT

from samples.templates import write_cell_text


@dataclass(frozen=True)
class Cell:
    text: str = ""
    cols: int = 1
    rows: int = 1


def vertical(label: str) -> str:
    """A label written one character per line (`推\\n荐\\n意\\n见`)."""
    return "\n".join(label)


def spaced(label: str, gap: str = " ") -> str:
    """A letter-spaced label (`领 衔 人`)."""
    return gap.join(label)


def place(rows: list[list[Cell]], width: int) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of every cell, columns found by skipping covered positions."""
    covered: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, Cell]] = []
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in covered:
                c += 1
            if c + cell.cols > width:
                raise ValueError(f"row {r} overflows the {width}-column grid")
            placed.append((r, c, cell))
            covered |= {(r + dr, c + dc) for dr in range(cell.rows) for dc in range(cell.cols)}
            c += cell.cols
    return placed


def add_grid(doc: DocxDocument, rows: list[list[Cell]], width: int) -> None:
    """A bordered table of `rows` on a `width`-column grid, merges done with python-docx."""
    placed = place(rows, width)
    height = max(r + cell.rows for r, _, cell in placed)
    table = doc.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rows > 1 or cell.cols > 1:
            target = target.merge(table.cell(r + cell.rows - 1, c + cell.cols - 1))
        write_cell_text(target, cell.text)
