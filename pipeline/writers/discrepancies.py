"""`discrepancies.xlsx`: every issue as one row of a sortable, filterable table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from pipeline.issues import ISSUE_COLUMNS
from pipeline.results import RunResult
from pipeline.writers.data_csv import ordered_columns
from pipeline.writers.files import atomic_write
from pipeline.writers.sheets import SEVERITY_FILLS, fit_widths, print_ready, workbook_bytes, write_row
from pipeline.writers.values import SEVERITY_LABELS, Typed, text, typed_value
from schemas.columns import CATEGORY_LABELS

FILE_NAME = "discrepancies.xlsx"
ISSUE_HEADERS = {
    "code": "代码", "severity": "严重程度", "recommending_unit": "推荐单位", "category": "类别",
    "entity": "推荐对象", "field": "字段", "message": "说明", "file": "文件", "location": "位置",
    "value": "值", "expected": "应为",
}
ISSUE_WIDTH_CAPS = {"message": 60, "file": 45, "value": 30, "expected": 30}


def build(issues: pd.DataFrame) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "问题清单"
    columns = ordered_columns(issues, ISSUE_COLUMNS)
    write_row(sheet, 1, [ISSUE_HEADERS.get(c, c) for c in columns], header=True)
    severity_column = columns.index("severity") + 1
    for number, record in enumerate(issues.to_dict("records"), start=2):
        write_row(sheet, number, [_issue_cell(c, record.get(c)) for c in columns])
        fill = SEVERITY_FILLS.get(text(record.get("severity")))
        if fill:
            sheet.cell(row=number, column=severity_column).fill = fill
    fit_widths(sheet, 1, {columns.index(c) + 1: cap for c, cap in ISSUE_WIDTH_CAPS.items()})
    sheet.auto_filter.ref = sheet.dimensions
    print_ready(sheet, "1:1", "A2")
    return workbook_bytes(book)


def write(result: RunResult, out_dir: Path) -> None:
    atomic_write(out_dir / FILE_NAME, build(result.issues))


def _issue_cell(column: str, value: object) -> Typed:
    if column == "severity":
        return SEVERITY_LABELS.get(text(value), typed_value(column, value))
    if column == "category":
        return CATEGORY_LABELS.get(text(value), typed_value(column, value))
    return typed_value(column, value)
