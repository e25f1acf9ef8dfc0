"""`discrepancies.xlsx`: every issue as one row of a sortable, filterable table.

Row 1 is the header, then one row per issue (nothing else, so the rows are the issues). What a
clerk reads is Chinese: the issue's title (its code in the next column), the field's form label,
the category, the location (`表1 第5行第2列`). Printed landscape A4 with the header repeated.
File names are plain text, not hyperlinks: LibreOffice prints a hyperlink cell on one line,
cut off at the column edge, where a clerk needs the whole name (the report has the links).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from pipeline.results import RunResult
from pipeline.writers.data_csv import ordered_columns
from pipeline.writers.files import atomic_write
from pipeline.writers.labels import category_label, chinese_location, field_label, issue_title
from pipeline.writers.sheets import (
    SEVERITY_FILLS,
    fit_row_heights,
    layout_columns,
    print_ready,
    workbook_bytes,
    write_row,
)
from pipeline.writers.values import SEVERITY_LABELS, Typed, text, typed_value
from schemas.issues import ISSUE_COLUMNS

FILE_NAME = "discrepancies.xlsx"
TITLE_COLUMN = "title"
COLUMNS = ["severity", TITLE_COLUMN, "code", "recommending_unit", "category", "entity", "field", "message",
           "file", "location", "value", "expected"]
ISSUE_HEADERS = {
    "severity": "严重程度", TITLE_COLUMN: "问题类型", "code": "代码", "recommending_unit": "推荐单位",
    "category": "类别", "entity": "推荐对象", "field": "字段", "message": "说明", "file": "文件",
    "location": "位置", "value": "发现值", "expected": "应为",
}
ISSUE_WIDTH_CAPS = {"message": 40, "file": 30, "value": 20, "expected": 20, "entity": 18, "location": 14,
                    "code": 14}


def build(issues: pd.DataFrame) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "问题清单"
    columns = [*COLUMNS, *(c for c in ordered_columns(issues, ISSUE_COLUMNS) if c not in COLUMNS)]
    write_row(sheet, 1, [ISSUE_HEADERS.get(c, c) for c in columns], header=True)
    severity_column = columns.index("severity") + 1
    for number, record in enumerate(issues.to_dict("records"), start=2):
        write_row(sheet, number, [_issue_cell(c, record) for c in columns])
        fill = SEVERITY_FILLS.get(text(record.get("severity")))
        if fill:
            sheet.cell(row=number, column=severity_column).fill = fill
    fits = layout_columns(sheet, 1, {columns.index(c) + 1: cap for c, cap in ISSUE_WIDTH_CAPS.items()})
    fit_row_heights(sheet, 1)
    sheet.auto_filter.ref = sheet.dimensions
    print_ready(sheet, "1:1", "C2", fits=fits, footer="审核问题清单")
    return workbook_bytes(book)


def write(result: RunResult, out_dir: Path) -> None:
    atomic_write(out_dir / FILE_NAME, build(result.issues))


def _issue_cell(column: str, record: dict) -> Typed:
    value = text(record.get("code" if column == TITLE_COLUMN else column))
    shown = {
        "severity": lambda: SEVERITY_LABELS.get(value, value),
        TITLE_COLUMN: lambda: issue_title(value),
        "category": lambda: category_label(value),
        "field": lambda: field_label(value),
        "location": lambda: chinese_location(value),
    }.get(column)
    if shown is not None:
        return typed_value(column, shown()) if value else None
    return typed_value(column, record.get(column))
