"""Word building blocks: tables placed on a grid with horizontal and vertical merges, nested tables,
vertical text, cover pages. Built on python-docx and the low-level helpers of samples.templates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell

from ..templates import add_page_break, add_paragraph, new_document, set_east_asian_font

__all__ = ["Grid", "add_page_break", "add_paragraph", "blank_lines", "new_document", "write_cell"]


@dataclass
class Place:
    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1
    vertical_text: bool = False  # Word's top-to-bottom text direction
    bold: bool = False
    align: str = ""
    nested: list[list[str]] | None = None  # a small table inside the cell


@dataclass
class Grid:
    """A table of `width` columns; `add` places a cell, `line` places a row of (text, span) cells."""

    width: int
    places: list[Place] = field(default_factory=list)
    height: int = 0

    def add(self, row: int, col: int, text: str, rows: int = 1, cols: int = 1, **kwargs: object) -> None:
        self.places.append(Place(row, col, text, rows, cols, **kwargs))  # type: ignore[arg-type]
        self.height = max(self.height, row + rows)

    def line(self, cells: Sequence[tuple[str, int]], *, row: int | None = None, start: int = 0, **kwargs: object) -> int:
        """Cells left to right from `start`; the last one stretched to the grid's width."""
        row = self.height if row is None else row
        col = start
        for index, (text, span) in enumerate(cells):
            if index == len(cells) - 1:
                span = self.width - col
            self.add(row, col, text, 1, span, **kwargs)
            col += span
        return row

    def full(self, text: str, **kwargs: object) -> int:
        return self.line([(text, self.width)], **kwargs)

    def render(self, doc: DocxDocument) -> Table:
        table = doc.add_table(rows=self.height, cols=self.width)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for place in self.places:
            if place.rows > 1 or place.cols > 1:
                table.cell(place.row, place.col).merge(
                    table.cell(place.row + place.rows - 1, place.col + place.cols - 1))
        for place in self.places:
            cell = table.cell(place.row, place.col)
            write_cell(cell, place.text, bold=place.bold, align=place.align)
            if place.vertical_text:
                set_vertical(cell)
            if place.nested:
                nested = cell.add_table(rows=len(place.nested), cols=max(len(r) for r in place.nested))
                nested.style = "Table Grid"
                for r, values in enumerate(place.nested):
                    for c, text in enumerate(values):
                        write_cell(nested.cell(r, c), text)
        return table


def write_cell(cell: _Cell, text: str, *, bold: bool = False, align: str = "") -> None:
    """Write text line by line (one paragraph per line), replacing what the cell held."""
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph = cell.add_paragraph()
        if align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.endswith(("（盖章）", "（公章）", "日")) and ("年" in line or "章" in line) and len(line) < 20:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if line:
            run = paragraph.add_run(line)
            if bold:
                set_east_asian_font(run, bold=True)


def set_vertical(cell: _Cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "tbRlV")
    tc_pr.append(direction)


def blank_lines(doc: DocxDocument, count: int) -> None:
    for _ in range(count):
        doc.add_paragraph()
