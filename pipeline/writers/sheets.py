"""Spreadsheet helpers shared by the workbooks: styles, rows, titles, widths, print setup."""

from __future__ import annotations

import io
import math
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
_ASCII_TOKEN = re.compile(r"[!-~]+")  # a run a cell cannot wrap inside (codes, numbers, dates)

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
FONT_SIZE = 10                 # body text; printing never scales it below MIN_PRINT_POINTS
MIN_PRINT_POINTS = 9
FONT_NAME = "Calibri"          # the workbook's default font: column widths are counted in its digits
BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
SIDE_MARGIN_INCHES = 0.3
# A4 landscape, 0.4" side margins, in pixels at 100 % (Excel: a column of width w is 7w + 5 px)
PRINTABLE_PX = (842 - 2 * 0.3 * 72) / 0.75
LINE_POINTS = 13.2             # one wrapped line of 10 pt text as LibreOffice and Excel set it (CJK runs tall)
HALF_CHAR_PX = 6.67            # a display-width unit at 10 pt: half a CJK character, about one Latin digit
# what the printed columns may take at 100 %, so that fitting them to the page keeps 9 pt
# (a few per cent kept back: LibreOffice and Excel round column widths differently)
PRINT_BUDGET_PX = PRINTABLE_PX * FONT_SIZE / MIN_PRINT_POINTS * 0.97


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
        cell.font = BOLD_FONT if header else BODY_FONT
        if header:
            cell.fill = HEADER_FILL


def write_title(sheet: Worksheet, title: str, width: int) -> None:
    sheet.cell(row=1, column=1, value=xlsx_value(title)).font = Font(name=FONT_NAME, bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 28


def write_note_line(sheet: Worksheet, row: int, text: str, width: int) -> None:
    """A merged line of explanatory text across the sheet (e.g. a colour legend)."""
    cell = sheet.cell(row=row, column=1, value=xlsx_value(text))
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    cell.font = Font(name=FONT_NAME, size=FONT_SIZE, color="444444")
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = 30


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_ready(sheet: Worksheet, header_rows: str, freeze: str, *, fits: bool = True, footer: str = "") -> None:
    """Landscape A4, header rows repeated on every page, page footer, frozen panes. Scaled to one
    page wide only when the columns fit at a legible size (`fits`, see `layout_columns`);
    otherwise printed at 100 %, page by page across then down."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = fits
    if fits:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    else:
        sheet.page_setup.scale = 100
        sheet.page_setup.pageOrder = "overThenDown"
    sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = SIDE_MARGIN_INCHES
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.7
    sheet.oddFooter.left.text = xlsx_text(footer or sheet.title).replace("&", "&&")
    sheet.oddFooter.left.size = FONT_SIZE
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.center.size = FONT_SIZE
    sheet.freeze_panes = freeze


def column_px(width: float) -> float:
    return 7 * width + 5


def layout_columns(sheet: Worksheet, first_row: int, caps: dict[int, int] | None = None,
                   hidden: Sequence[int] = (), last_row: int | None = None,
                   floors: dict[int, int] | None = None) -> bool:
    """Set column widths from the content of rows first_row..last_row (capped, default 40);
    narrow the wrapping columns so that the visible ones fit one landscape A4 page wide with text
    no smaller than MIN_PRINT_POINTS (no column below its floor: 6, the longest code or number in
    it, or as given in `floors`); hide the `hidden` columns. Returns whether they fit."""
    caps, given = caps or {}, floors or {}
    wanted: dict[int, float] = {}
    least: dict[int, float] = {}
    merged = _merged_spans(sheet)
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row):
        for cell in row:
            if cell.value is None or cell.column in hidden or (cell.row, cell.column) in merged:
                continue
            lines = str(cell.value).split("\n")
            wanted[cell.column] = max(wanted.get(cell.column, 0), *(display_width(line) for line in lines))
            token = max((len(t) for line in lines for t in _ASCII_TOKEN.findall(line)), default=0)
            least[cell.column] = max(least.get(cell.column, 0), token)
    widths = {c: max(6, min(w, caps.get(c, 40))) + 2 for c, w in wanted.items()}
    least_widths = {c: min(widths[c], max(given.get(c, 6), least.get(c, 0) + 2)) for c in widths}
    widths = _water_fill(widths, least_widths, PRINT_BUDGET_PX)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = round(width, 1)
    for column in hidden:
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    return sum(column_px(w) for w in widths.values()) <= PRINT_BUDGET_PX + 1


def _wrapped_lines(value: str, width: float) -> int:
    """Lines a wrapped cell takes: whole CJK characters per line (one never splits), and one line
    in ten more for the line-breaking rules (no line starts with `、` or `）`)."""
    per_line = int(0.95 * (column_px(width) - 6) / HALF_CHAR_PX)
    per_line = max(2, per_line - per_line % 2)
    lines = sum(max(1, math.ceil(display_width(line) / per_line)) for line in value.split("\n"))
    return math.ceil(lines * 1.1) if lines > 2 else lines


def _merged_spans(sheet: Worksheet) -> set[tuple[int, int]]:
    """Cells of merged ranges that span several columns (their text is not one column's)."""
    return {(r, c) for cells in sheet.merged_cells.ranges if cells.min_col != cells.max_col for r, c in cells.cells}


def _water_fill(widths: dict[int, float], floors: dict[int, float], budget: float) -> dict[int, float]:
    """Narrow the widest columns to one common width (never below their floors) until the
    columns fit the budget (in pixels); unchanged when they already fit."""
    def total(level: float) -> float:
        return sum(column_px(max(floors[c], min(w, level))) for c, w in widths.items())

    if total(max(widths.values(), default=0)) <= budget:
        return widths
    low, high = 0.0, max(widths.values())
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if total(middle) <= budget else (low, middle)
    return {c: math.floor(10 * max(floors[c], min(w, low))) / 10 for c, w in widths.items()}


def fit_row_heights(sheet: Worksheet, first_row: int, last_row: int | None = None) -> None:
    """Row heights that show every wrapped line of rows first_row..last_row (merged cells aside)."""
    merged = _merged_spans(sheet)
    widths = {c: sheet.column_dimensions[get_column_letter(c)].width or 8.43
              for c in range(1, sheet.max_column + 1)}
    hidden = {c for c in widths if sheet.column_dimensions[get_column_letter(c)].hidden}
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row):
        lines = 1
        for cell in row:
            if cell.value is None or cell.column in hidden or (cell.row, cell.column) in merged:
                continue
            lines = max(lines, _wrapped_lines(str(cell.value), widths[cell.column]))
        sheet.row_dimensions[row[0].row].height = round(lines * LINE_POINTS + 3, 1)


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
