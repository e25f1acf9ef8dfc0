"""Low-level builders for family D: Word tables placed cell by cell (with row and column merges,
centred or left cells, fixed column widths), pictures, and Excel sheets placed cell by cell."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image, ImageDraw

from ..templates import add_page_break, add_paragraph, new_document, set_east_asian_font

__all__ = ["Grid", "Sheet", "add_page_break", "add_paragraph", "new_document", "picture_png", "set_east_asian_font"]


@dataclass
class Item:
    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1
    center: bool | None = None
    bold: bool = False


@dataclass
class Grid:
    """A Word table on a fixed grid; `put` places a (merged) cell at a row and column."""

    cols: int
    widths_cm: list[float] | None = None
    center_all: bool = False
    items: list[Item] = field(default_factory=list)
    next_row: int = 0

    def put(self, row: int, col: int, text: str, *, rows: int = 1, cols: int = 1, center: bool | None = None,
            bold: bool = False) -> None:
        self.items.append(Item(row, col, text, rows, cols, center, bold))
        self.next_row = max(self.next_row, row + rows)

    def line(self, *cells: tuple[str, int] | str, center: bool | None = None, bold: bool = False) -> int:
        """Append a row of cells (text, column span); the last cell stretches to the grid width."""
        row, col = self.next_row, 0
        parts = [(c, 1) if isinstance(c, str) else c for c in cells]
        for index, (text, span) in enumerate(parts):
            if index == len(parts) - 1:
                span = self.cols - col
            self.put(row, col, text, cols=span, center=center, bold=bold)
            col += span
        self.next_row = row + 1
        return row

    def render(self, doc: DocxDocument, *, size: float = 10.5) -> None:
        table = doc.add_table(rows=max(self.next_row, 1), cols=self.cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if self.widths_cm:
            table.autofit = False
            for column, width in zip(table.columns, self.widths_cm, strict=True):
                for cell in column.cells:
                    cell.width = Cm(width)
        for item in self.items:
            cell = table.cell(item.row, item.col)
            if item.rows > 1 or item.cols > 1:
                cell = cell.merge(table.cell(item.row + item.rows - 1, item.col + item.cols - 1))
            centred = self.center_all if item.center is None else item.center
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for index, text in enumerate(item.text.split("\n")):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                if centred:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif text.strip().endswith(("（盖章）", "日")) and text.strip().startswith(("（", "2", "年", "   ")):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(text)
                run.font.size = Pt(size)
                run.font.bold = item.bold


def picture_png(rng: random.Random, width: int = 480, height: int = 640) -> bytes:
    """A grey 'photo' of a stamped page: light paper, some dark lines, a red circle."""
    image = Image.new("RGB", (width, height), (238, 236, 230))
    draw = ImageDraw.Draw(image)
    for line in range(rng.randint(14, 24)):
        y = 60 + line * 22
        draw.line((50, y, 50 + rng.randint(200, width - 100), y), fill=(70, 70, 70), width=3)
    x, y = rng.randint(250, width - 110), rng.randint(height - 260, height - 120)
    draw.ellipse((x, y, x + 100, y + 100), outline=(200, 30, 30), width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def picture_doc(png: bytes, width_cm: float = 15.0) -> DocxDocument:
    doc = new_document()
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    return doc


# --- Excel ---------------------------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


class Sheet:
    """Cell-by-cell writer over an openpyxl worksheet with merges and boxes."""

    def __init__(self, ws: Worksheet, width: int) -> None:
        self.ws = ws
        self.width = width
        self.row = 1

    def banner(self, text: str, *, size: int = 11, bold: bool = False, center: bool = False,
               height: float | None = None) -> None:
        self.ws.cell(row=self.row, column=1, value=text)
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.width)
        cell = self.ws.cell(row=self.row, column=1)
        cell.font = Font(bold=bold, size=size)
        cell.alignment = Alignment(horizontal="center" if center else "left", vertical="center", wrap_text=True)
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.row += 1

    def put(self, row: int, col: int, value: object, *, rows: int = 1, cols: int = 1, bold: bool = False,
            boxed: bool = True, number_format: str | None = None, left: bool = False) -> None:
        cell = self.ws.cell(row=row, column=col, value=None if value == "" else value)  # type: ignore[arg-type]
        cell.font = Font(bold=bold)
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
        if number_format:
            cell.number_format = number_format
        if rows > 1 or cols > 1:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
        if boxed:
            for r in range(row, row + rows):
                for c in range(col, col + cols):
                    self.ws.cell(row=r, column=c).border = BOX

    def widths(self, widths: list[float]) -> None:
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
