"""Small Word helpers for family C: grids with horizontal and vertical merges, nested tables,
underlined blanks and tab-stop lines."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from ..templates import new_document, set_east_asian_font

__all__ = ["Grid", "add_line", "add_runs", "add_title_block", "new_document", "page_break", "write_cell"]


def add_line(doc: DocxDocument, text: str, *, size: float = 12, bold: bool = False, center: bool = False,
             right: bool = False, font: str = "宋体", indent: bool = False) -> None:
    paragraph = doc.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    set_east_asian_font(paragraph.add_run(text), font, size, bold)


def add_runs(doc: DocxDocument, runs: Sequence[tuple[str, bool]], *, size: float = 12,
             tab_stops: Sequence[float] = ()) -> None:
    """A paragraph of runs; `(text, True)` is underlined (the value typed on a blank line)."""
    paragraph = doc.add_paragraph()
    for position in tab_stops:
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(position), WD_TAB_ALIGNMENT.LEFT)
    for text, underlined in runs:
        run = paragraph.add_run(text)
        set_east_asian_font(run, "仿宋_GB2312", size)
        if underlined:
            run.font.underline = True


def add_title_block(doc: DocxDocument, title: str, *, annex: str | None = None, subtitle: str | None = None) -> None:
    if annex:
        add_line(doc, annex, font="黑体", size=14)
    add_line(doc, title, size=18, bold=True, center=True, font="方正小标宋简体")
    if subtitle:
        add_line(doc, subtitle, size=14, center=True, font="楷体_GB2312")


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def write_cell(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    """Text into a cell, one paragraph per line; seal and date lines right-aligned."""
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(str(text).split("\n")):
        if index:
            paragraph = cell.add_paragraph()
        stripped = line.strip()
        if stripped.endswith("（盖章）") or (stripped.endswith("日") and stripped.startswith("20")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        if bold:
            run.font.bold = True


class Grid:
    """A bordered table addressed by (row, column); `put` merges a rectangle and writes into it."""

    def __init__(self, doc: DocxDocument | _Cell, rows: int, cols: int) -> None:
        self.table: Table = doc.add_table(rows=rows, cols=cols)
        self.table.style = "Table Grid"
        if isinstance(doc, DocxDocument):
            self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.rows = rows
        self.cols = cols

    def put(self, row: int, col: int, text: object, *, to_row: int | None = None, to_col: int | None = None,
            bold: bool = False, center: bool = False) -> _Cell:
        cell = self.table.cell(row, col)
        last_row = row if to_row is None else to_row
        last_col = col if to_col is None else to_col
        if (last_row, last_col) != (row, col):
            cell = cell.merge(self.table.cell(last_row, last_col))
        write_cell(cell, "" if text is None else str(text), bold=bold, center=center)
        return cell

    def cell(self, row: int, col: int) -> _Cell:
        return self.table.cell(row, col)
