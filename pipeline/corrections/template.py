"""The empty corrections workbook the run writes beside its outputs: sheet 更正 to fill, sheet 说明
to read."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.corrections.model import BASE_FIELDS, HEADERS, HELP_SHEET, SHEET, STUDIO_FIELDS, TEMPLATE_ROWS
from schemas.columns import (
    CATEGORY_LABELS,
    FIELD_LABELS,
    STUDIO_CATEGORIES,
)
from schemas.issues import ISSUE_TYPES

# --------------------------------------------------------------------------------------------
# Template
# --------------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="305496")
_SECTION_FONT = Font(bold=True, size=12)


def write_template(path: Path) -> None:
    """Write the empty corrections workbook (sheet 更正 to fill, sheet 说明 to read), atomically."""
    workbook = openpyxl.Workbook()
    _fill_sheet(workbook.active)
    _help_sheet(workbook.create_sheet(HELP_SHEET))
    _save_atomically(workbook, Path(path))


def _fill_sheet(sheet: Any) -> None:
    sheet.title = SHEET
    widths = {"record_id": 22, "field": 28, "value": 24, "action": 10, "reason": 40, "who": 12}
    for column, (key, label) in enumerate(HEADERS.items(), start=1):
        cell = sheet.cell(row=1, column=column, value=label)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = widths[key]
    for row in range(2, TEMPLATE_ROWS + 2):
        for column in (1, 2, 3):   # text, so Excel keeps 2018.10 and long numbers as typed
            sheet.cell(row=row, column=column).number_format = "@"
    sheet.freeze_panes = "A2"
    actions = DataValidation(type="list", formula1='"更正,豁免"', allow_blank=True, showErrorMessage=False)
    actions.add(f"D2:D{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(actions)


def _help_rows() -> list[list[str]]:
    rows: list[list[str]] = [
        ["填写说明"],
        ["在“更正”工作表中每行填写一项更正或豁免；空行会被忽略。"],
        ["记录编号：总名单中的记录编号（如 S-1a2b3c4d5e、T-…）。"],
        ["字段：更正时填写下表中的字段（中文名或英文名均可）；豁免时填写问题代码，如 LEADER_NOT_QUALIFIED，"
         "也可写成“问题代码:字段”，如 INVALID_PHONE:leader_phone。"],
        ["更正值：正确的值，按申报表的写法填写即可（如“十五人”“2018年3月”“是”）；填写“（空）”表示清空该项。"],
        ["操作：“更正”（correct）或“豁免”（waive）；不填时，字段为问题代码的按豁免处理，否则按更正处理。"],
        ["理由：豁免必须填写理由；更正建议填写。审核人：填写人姓名。"],
        ["同一记录同一字段有多行更正时，以最后一行为准。每次运行都会重新应用全部更正，可反复修改本表。"],
        [],
        ["操作", "含义"],
        ["更正", "correct：用更正值替换从材料中读取的值"],
        ["豁免", "waive：确认该问题可以接受，不再列为待处理问题（必须填写理由）"],
        [],
        ["适用对象", "字段（中文）", "字段（英文）"],
    ]
    for name in STUDIO_FIELDS:
        rows.append(["工作室", FIELD_LABELS.get(name, name), name])
    for name in BASE_FIELDS:
        rows.append(["培训基地", FIELD_LABELS.get(name, name), name])
    rows.append([])
    rows.append(["工作室类别可填写", "、".join(f"{CATEGORY_LABELS[c]}（{c}）" for c in STUDIO_CATEGORIES)])
    rows.append([])
    rows.append(["问题代码", "级别", "说明"])
    for issue_type in ISSUE_TYPES.values():
        rows.append([issue_type.code, issue_type.severity, issue_type.description])
    return rows


def _help_sheet(sheet: Any) -> None:
    for row in _help_rows():
        sheet.append(row)
    for row in sheet.iter_rows():
        first = row[0]
        if first.value in ("填写说明", "操作", "适用对象", "问题代码"):
            for cell in row:
                cell.font = _SECTION_FONT
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 60
    for row in sheet.iter_rows(min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _save_atomically(workbook: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx.tmp", dir=path.parent)
    os.close(handle)
    try:
        workbook.save(temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
