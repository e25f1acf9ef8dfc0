"""Spreadsheet helpers shared by the workbooks: styles, rows, titles, widths, print setup."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.writers.values import neutralise

XLSX_MAX_TEXT = 32_000
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
ALERT_FILL = PatternFill("solid", fgColor="FFC7CE")
SEVERITY_FILLS = {
    "error": PatternFill("solid", fgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="E7E6E6"),
}
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def xlsx_value(value: object) -> object:
    """A cell value as stored: booleans as 是/否, text cleaned, capped and neutralised."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return neutralise(xlsx_text(value))
    return value


def xlsx_text(value: str) -> str:
    """Text without the control characters a workbook cannot hold, within the cell limit."""
    return _XLSX_ILLEGAL.sub("", value)[:XLSX_MAX_TEXT]


def write_row(sheet: Worksheet, row: int, values: Sequence[object], *, header: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=xlsx_value(value))
        cell.border = BORDER
        cell.alignment = CENTER if header else WRAP
        if header:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL


def write_title(sheet: Worksheet, title: str, width: int) -> None:
    sheet.cell(row=1, column=1, value=xlsx_value(title)).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 28


def write_note_line(sheet: Worksheet, row: int, text: str, width: int) -> None:
    """A merged line of explanatory text across the sheet (e.g. a colour legend)."""
    cell = sheet.cell(row=row, column=1, value=xlsx_value(text))
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    cell.font = Font(size=9, color="444444")
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = 30


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_widths(sheet: Worksheet, first_row: int, caps: dict[int, int] | None = None) -> None:
    """Column widths from the longest line of each column from first_row on (capped, default 40)."""
    caps = caps or {}
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is not None:
                longest = max(display_width(line) for line in str(cell.value).split("\n"))
                widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column, width in widths.items():
        cap = caps.get(column, 40)
        sheet.column_dimensions[get_column_letter(column)].width = max(6, min(width, cap)) + 2


def print_ready(sheet: Worksheet, header_rows: str, freeze: str) -> None:
    """Landscape A4, one page wide, header rows repeated, page numbers, frozen panes."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.freeze_panes = freeze


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
