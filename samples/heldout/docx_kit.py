"""Word building blocks for the held-out forms: grids with real horizontal and vertical merges.

A grid is written as rows of `C(text, span)` cells on a fixed number of columns; a cell whose
text is `UP` continues the cell above it (a vertical merge, same columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt
from docx.table import _Cell

from ..templates import new_document, set_east_asian_font

UP = "\x00UP"


@dataclass(frozen=True)
class C:
    text: str
    span: int = 1
    bold: bool = False
    align: str = ""  # "", "center", "right"


def document() -> DocxDocument:
    return new_document("宋体", 12)


def para(doc: DocxDocument, text: str, *, size: float = 12, bold: bool = False, align: str = "",
         font: str = "宋体", space_after: float | None = None) -> None:
    paragraph = doc.add_paragraph()
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        set_east_asian_font(paragraph.add_run(text), font, size, bold)


def page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def fill(cell: _Cell, text: str, *, bold: bool = False, align: str = "", size: float = 11) -> None:
    """Replace a cell's content by `text`, one paragraph per line."""
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    paragraph = paragraphs[0]
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph = cell.add_paragraph()
        line_align = align
        if not line_align and (line.endswith("（盖章）") or line.startswith(("年 ", "2021年7月", "2021.7"))):
            line_align = "right"
        if line_align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line_align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if line:
            set_east_asian_font(paragraph.add_run(line), "宋体", size, bold)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def grid(doc: DocxDocument, rows: list[list[C]], width: int) -> None:
    """A bordered table; spans and `UP` cells become merged cells."""
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    regions: list[list[int]] = []  # top, left, bottom, right
    content: list[C] = []
    owner: dict[tuple[int, int], int] = {}
    for r, cells in enumerate(rows):
        column = 0
        used = sum(c.span for c in cells)
        if used > width:
            raise ValueError(f"row {r} is {used} columns wide, grid has {width}")
        if cells and used < width:  # stretch the last cell
            last = cells[-1]
            cells = [*cells[:-1], C(last.text, last.span + width - used, last.bold, last.align)]
        for cell in cells:
            if cell.text == UP:
                index = owner[(r - 1, column)]
                top, left, _, right = regions[index]
                if left != column or right != column + cell.span - 1:
                    raise ValueError(f"row {r}: vertical merge does not line up")
                regions[index][2] = r
            else:
                index = len(regions)
                regions.append([r, column, r, column + cell.span - 1])
                content.append(cell)
            for c in range(column, column + cell.span):
                owner[(r, c)] = index
            column += cell.span
    for (top, left, bottom, right), cell in zip(regions, content, strict=True):
        target = table.cell(top, left)
        if (top, left) != (bottom, right):
            target = target.merge(table.cell(bottom, right))
        fill(target, cell.text, bold=cell.bold, align=cell.align)
