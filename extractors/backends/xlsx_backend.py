"""Spreadsheets (.xlsx, and any format calamine reads) → Document, one Table per sheet.

Every row is read up to a bound on the cells a sheet may hold (a 6,000-row summary is an ordinary
file); rows or columns past it are noted as unread, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import io

import python_calamine as calamine

from extractors.backends.base import EncryptedError, UnreadableError, register
from extractors.backends.bounded import note_unread
from extractors.model import Document, Table

MAX_ROWS = 50_000
MAX_COLS = 200
MAX_CELLS = 2_000_000   # rows × columns kept per sheet, so a huge sheet cannot exhaust memory


@register("xlsx", "xlsm", "xls", "et", "ods")
def read_spreadsheet(data: bytes, name: str) -> Document:
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError as error:
        raise EncryptedError(str(error)) from error
    except Exception as error:  # calamine raises several unrelated types for broken files
        raise UnreadableError(f"无法作为电子表格打开：{error}") from error
    document = Document(file=name, format="spreadsheet")
    for index, meta in enumerate(book.sheets_metadata):
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        try:
            sheet = book.get_sheet_by_index(index)
            row_limit = _row_limit(sheet.width)
            values = sheet.to_python(skip_empty_area=False, nrows=row_limit)
        except Exception as error:  # one broken sheet must not lose the others
            raise UnreadableError(f"工作表“{meta.name}”无法读取：{error}") from error
        _note_cut(meta.name, sheet.height, sheet.width, row_limit)
        rows = [[cell_text(value) for value in row[:MAX_COLS]] for row in values]
        table = Table(name=meta.name, rows=rows, is_sheet=True, index=index,
                      hidden=meta.visible != calamine.SheetVisibleEnum.Visible)
        apply_merges(table, sheet.merged_cell_ranges or [])
        document.blocks.append(table)
    return document


def _row_limit(width: int) -> int:
    return max(1, min(MAX_ROWS, MAX_CELLS // max(1, min(width, MAX_COLS))))


def _note_cut(sheet: str, height: int, width: int, row_limit: int) -> None:
    if height > row_limit:
        note_unread(f"工作表“{sheet}”共 {height} 行，只读取了前 {row_limit} 行，其余 {height - row_limit} 行未读取")
    if width > MAX_COLS:
        note_unread(f"工作表“{sheet}”共 {width} 列，只读取了前 {MAX_COLS} 列，其余 {width - MAX_COLS} 列未读取")


def apply_merges(table: Table, ranges: list) -> None:
    """Spread each merged region's text over the region and give it one origin."""
    for (top, left), (bottom, right) in ranges:
        if top >= table.height or left >= table.width:
            continue
        text = table.rows[top][left]
        for r in range(top, min(bottom, table.height - 1) + 1):
            for c in range(left, min(right, table.width - 1) + 1):
                table.rows[r][c] = text
                table.origins[r][c] = (top, left)


def cell_text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time | dt.timedelta):
        return ""
    return str(value)
