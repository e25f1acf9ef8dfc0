"""Reviewer corrections and waivers (``--corrections FILE.xlsx``).

A reviewer fills one row per change in the sheet ``更正`` of the template written by
:func:`write_template`::

    记录编号 | 字段 | 更正值 | 操作 | 理由 | 审核人

* ``更正`` (``correct``): 字段 is a field of the record (Chinese label or English name), 更正值 the
  right value; it is normalised like a value read from a form and replaces the extracted one.
  ``（空）`` clears a field.
* ``豁免`` (``waive``): 字段 is an issue code (``LEADER_NOT_QUALIFIED``), optionally with a field
  (``INVALID_PHONE:leader_phone``); the matching open issue of that record is accepted as is.
  A waiver needs a reason.

:func:`read_corrections` turns the workbook into :class:`Correction` rows (and problems for rows
that cannot be read); :func:`apply_corrections` applies them to the current record values and
returns the corrected values with AUDIT rows, cell marks, problems and waivers. Applying the same
corrections to the same records always gives the same outcome, and applying them again to the
corrected records changes nothing further.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.results import AUDIT_COLUMNS, CELL_MARK_COLUMNS
from schemas.campaign import Campaign
from schemas.columns import (
    BOOL_FIELDS,
    CATEGORY_LABELS,
    FIELD_LABELS,
    MONTH_FIELDS,
    PHONE_FIELDS,
    STUDIO_CATEGORIES,
    STUDIO_COLUMNS,
    TRAINEE_COLUMNS,
    TRAINING_BASE_COLUMNS,
)
from schemas.issues import ISSUE_TYPES
from schemas.normalize import (
    TechVocabulary,
    clean_text,
    format_value,
    is_blank,
    is_valid_credit_code,
    is_valid_phone,
    normalise,
    to_day,
)

PROBLEM_CODE = "CORRECTION_INVALID"
SHEET = "更正"
HELP_SHEET = "说明"
HEADERS = {"record_id": "记录编号", "field": "字段", "value": "更正值",
           "action": "操作", "reason": "理由", "who": "审核人"}
HEADER_ALIASES = {
    "record_id": ["记录编号", "编号", "record_id", "record id", "id"],
    "field": ["字段", "字段名", "项目", "问题代码", "field"],
    "value": ["更正值", "更正后的值", "正确值", "新值", "value", "new_value"],
    "action": ["操作", "操作类型", "action"],
    "reason": ["理由", "原因", "更正理由", "豁免理由", "reason"],
    "who": ["审核人", "审核人员", "经办人", "who", "reviewer"],
}
ACTIONS = {"更正": "correct", "修正": "correct", "修改": "correct", "correct": "correct", "correction": "correct",
           "豁免": "waive", "免除": "waive", "waive": "waive", "waiver": "waive"}
CLEAR_MARKERS = frozenset({"（空）", "(空)", "空值", "<空>", "(empty)", "<empty>"})
NOT_EDITABLE = frozenset({"record_id", "source_files"})
STUDIO_FIELDS = [c for c in STUDIO_COLUMNS if c not in NOT_EDITABLE]
BASE_FIELDS = [c for c in TRAINING_BASE_COLUMNS if c not in NOT_EDITABLE]
# Issue codes about one cell's value: once a reviewer corrected that cell, such an issue of the
# extracted value no longer stands (the checks see the corrected value).
VALUE_ISSUE_CODES = frozenset({"INVALID_DATE", "INVALID_NUMBER", "INVALID_PHONE", "INVALID_VALUE",
                               "INVALID_CREDIT_CODE", "MISSING_FIELD", "SUMMARY_FORM_MISMATCH"})
_TRUE = frozenset({"是", "有", "具备", "已建立", "√", "✓", "☑", "true", "yes", "y", "1"})
_FALSE = frozenset({"否", "无", "没有", "不具备", "未建立", "×", "✗", "☐", "false", "no", "n", "0"})
_TEMPLATE_ROWS = 500
# A nominee's record id (pipeline.link): a waiver naming one that does not exist is reported; any
# other text names a unit (for unit-level issues such as QUOTA_EXCEEDED).
RECORD_ID = re.compile(r"^[ST]-[0-9a-f]{10}(?:-\d+)?$", re.IGNORECASE)


class CorrectionsFileError(ValueError):
    """The corrections workbook cannot be read at all (missing, not .xlsx, no header row)."""


@dataclass(frozen=True, slots=True)
class Correction:
    row: int          # the row number in the sheet (1-based, as Excel shows it)
    record_id: str
    field: str        # as written: Chinese label or English name; for a waiver CODE or CODE:field
    value: Any        # the raw cell value (text, number or date)
    action: str       # "correct" | "waive"
    reason: str = ""
    who: str = ""


@dataclass(frozen=True, slots=True)
class Waiver:
    record_id: str
    code: str
    field: str        # English field name; "" waives the code on any field of the record
    reason: str
    who: str
    row: int = 0

    @property
    def target(self) -> str:
        return f"{self.code}:{self.field}" if self.field else self.code

    @property
    def key(self) -> str:
        return waiver_key(self.record_id, self.target)


@dataclass(slots=True)
class CorrectionOutcome:
    records: dict[str, dict[str, Any]]        # corrected copies of all records (inputs untouched)
    changed: dict[str, dict[str, Any]]        # record_id → {field: new canonical value}
    audit: pd.DataFrame                       # AUDIT_COLUMNS
    cell_marks: pd.DataFrame                  # CELL_MARK_COLUMNS, kind "corrected"
    problems: list[dict[str, Any]]            # see _problem
    waivers: list[Waiver] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Field names
# --------------------------------------------------------------------------------------------


def _fold(text: Any) -> str:
    text = unicodedata.normalize("NFKC", clean_text(text)).replace(" ", "").rstrip(":").lower()
    return text


def _aliases(name: str) -> list[str]:
    label = FIELD_LABELS.get(name, "")
    found = [name, label, re.sub(r"[（(].*?[)）]$", "", label)]
    return [_fold(a) for a in found if a]


def _alias_map(fields: list[str]) -> dict[str, str]:
    return {alias: name for name in fields for alias in _aliases(name)}


_STUDIO_ALIASES = _alias_map(STUDIO_FIELDS)
_BASE_ALIASES = _alias_map(BASE_FIELDS)


def resolve_field(text: str, is_base: bool) -> str | None:
    """The English field name a reviewer meant, for a studio or a training base; None if unknown."""
    return (_BASE_ALIASES if is_base else _STUDIO_ALIASES).get(_fold(text))


def _season_field(text: str, is_base: bool, campaign: Campaign | None) -> str | None:
    """A yearly trainee column named by its year in this season (`2019年实名制培训人次` in 2022)."""
    if not is_base or campaign is None:
        return None
    return next((name for name in TRAINEE_COLUMNS if _fold(campaign.field_labels[name]) == _fold(text)), None)


def _any_field(text: str, is_base: bool | None) -> str | None:
    if is_base is not None:
        return resolve_field(text, is_base)
    return resolve_field(text, False) or resolve_field(text, True)


def waiver_key(record_id: str, target: str) -> str:
    """Key of a waiver: its record and ``CODE`` or ``CODE:field`` (as in the AUDIT ``field`` column)."""
    return f"{record_id}|{target}"


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
    for row in range(2, _TEMPLATE_ROWS + 2):
        for column in (1, 2, 3):   # text, so Excel keeps 2018.10 and long numbers as typed
            sheet.cell(row=row, column=column).number_format = "@"
    sheet.freeze_panes = "A2"
    actions = DataValidation(type="list", formula1='"更正,豁免"', allow_blank=True, showErrorMessage=False)
    actions.add(f"D2:D{_TEMPLATE_ROWS + 1}")
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


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _problem(row: int, reason: str, *, record_id: str = "", field: str = "", value: Any = "",
             record: dict[str, Any] | None = None) -> dict[str, Any]:
    """A row that could not be applied; the keys after ``message`` are make_issue fields."""
    record = record or {}
    return {
        "code": PROBLEM_CODE, "row": row, "record_id": record_id,
        "message": f"更正表第{row}行：{reason}" if row else f"更正表：{reason}",
        "recommending_unit": clean_text(record.get("recommending_unit")),
        "entity": clean_text(record.get("studio_name") or record.get("enterprise_name")) or record_id,
        "field": field, "location": f"{SHEET}!A{row}" if row else "", "value": clean_text(value),
        "expected": reason,
    }


def issue_fields(problem: dict[str, Any]) -> dict[str, str]:
    """The keyword arguments of ``make_issue`` held in a problem (add ``file=`` yourself)."""
    return {name: problem[name] for name in ("recommending_unit", "entity", "field", "location", "value", "expected")}


def _header_map(row: tuple[Any, ...]) -> dict[str, int]:
    folded = {_fold(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = folded.get(_fold(cell)) if isinstance(cell, str) else None
        if key and key not in found:
            found[key] = index
    return found


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows[:10]):
        columns = _header_map(row)
        if "record_id" in columns and "field" in columns:
            return index, columns
    raise CorrectionsFileError("找不到表头（需要“记录编号”和“字段”两列）")


def _load_rows(path: Path) -> list[tuple[Any, ...]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as error:
        raise CorrectionsFileError(f"更正文件不存在：{path}") from error
    except Exception as error:  # openpyxl raises many types for a file that is not .xlsx
        raise CorrectionsFileError(f"更正文件无法读取（{type(error).__name__}）：{path}") from error
    try:
        names = [SHEET, *[n for n in workbook.sheetnames if n not in (SHEET, HELP_SHEET)]]
        for name in names:
            if name in workbook.sheetnames:
                rows = list(workbook[name].iter_rows(values_only=True))
                try:
                    _find_header(rows)
                except CorrectionsFileError:
                    continue
                return rows
    finally:
        workbook.close()
    raise CorrectionsFileError(f"更正文件中找不到“{SHEET}”表（需要“记录编号”和“字段”两列）：{path}")


def _text(row: tuple[Any, ...], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return clean_text(row[index]) if index is not None and index < len(row) else ""


def _raw(row: tuple[Any, ...], columns: dict[str, int], key: str) -> Any:
    index = columns.get(key)
    value = row[index] if index is not None and index < len(row) else None
    return value.strip() if isinstance(value, str) else value


def _action(text: str, field_text: str) -> str | None:
    if not text:
        return "waive" if _parse_target(field_text)[0] in ISSUE_TYPES else "correct"
    return ACTIONS.get(_fold(text))


def _correction(number: int, row: tuple[Any, ...], columns: dict[str, int]) -> Correction | dict[str, Any]:
    record_id, field_text = _text(row, columns, "record_id"), _text(row, columns, "field")
    value, action_text = _raw(row, columns, "value"), _text(row, columns, "action")
    reason, who = _text(row, columns, "reason"), _text(row, columns, "who")
    if not record_id:
        return _problem(number, "未填写记录编号", field=field_text, value=value)
    if not field_text:
        return _problem(number, "未填写字段", record_id=record_id, value=value)
    action = _action(action_text, field_text)
    if action is None:
        return _problem(number, f"操作“{action_text}”无法识别（应为“更正”或“豁免”）",
                        record_id=record_id, field=field_text, value=value)
    if action == "waive" and not reason:
        return _problem(number, "豁免未填写理由", record_id=record_id, field=field_text)
    return Correction(number, record_id, field_text, value, action, reason, who)


def read_corrections(path: Path) -> tuple[list[Correction], list[dict[str, Any]]]:
    """Corrections of the workbook in row order, and problems for rows that cannot be used.

    Raises CorrectionsFileError when the file itself cannot be read (a bad ``--corrections``).
    """
    rows = _load_rows(Path(path))
    header, columns = _find_header(rows)
    corrections: list[Correction] = []
    problems: list[dict[str, Any]] = []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if all(is_blank(cell) for cell in row):
            continue
        found = _correction(index + 1, row, columns)
        if isinstance(found, Correction):
            corrections.append(found)
        else:
            problems.append(found)
    return corrections, problems


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _fold(value)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("应填写“是”或“否”")


def _category(value: Any) -> str:
    text = _fold(value)
    for code in STUDIO_CATEGORIES:
        if text in (code, _fold(CATEGORY_LABELS[code])):
            return code
    if "劳模" in text:
        return "labor_model_studio"
    if "科技" in text:
        return "worker_studio_tech"
    if "其他" in text or "其它" in text:
        return "worker_studio_other"
    raise ValueError("工作室类别应为：" + "、".join(CATEGORY_LABELS[c] for c in STUDIO_CATEGORIES))


_CLEAR = frozenset(_fold(marker) for marker in CLEAR_MARKERS)


def corrected_value(field_name: str, value: Any, today: date | None = None,
                    tech: TechVocabulary | None = None) -> Any:
    """The canonical value of a reviewer's entry; raises ValueError with a Chinese reason."""
    if isinstance(value, str) and _fold(value) in _CLEAR:
        return None
    if is_blank(value):
        raise ValueError("未填写更正值（如需清空该项，请填写“（空）”）")
    if field_name in BOOL_FIELDS:
        return _bool(value)
    if field_name == "category":
        return _category(value)
    result = normalise(field_name, value, today=today, tech=tech)
    _validate(field_name, value, result)
    return result


def _validate(field_name: str, raw: Any, result: Any) -> None:
    if field_name in MONTH_FIELDS and isinstance(raw, str):
        _check_day(raw)
    if field_name in PHONE_FIELDS and not is_valid_phone(str(result)):
        raise ValueError(f"“{clean_text(raw)}”不是有效的手机号或带区号的固定电话")
    if field_name == "credit_code" and not is_valid_credit_code(str(result)):
        raise ValueError(f"统一社会信用代码“{clean_text(raw)}”校验不通过")
    if field_name == "tech_category" and not result and _fold(raw) not in _FALSE:
        raise ValueError(f"无法识别的科技型企业类别“{clean_text(raw)}”")


def _check_day(raw: str) -> None:
    """A month field keeps only the month, but a day the reviewer wrote must exist (not 2月30日)."""
    try:
        to_day(raw)
    except ValueError as error:
        if str(error).startswith("日期无效"):   # to_day found year, month and day, and no such day exists
            raise ValueError(f"“{clean_text(raw)}”不是实际存在的日期") from error


# --------------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------------


def _default_is_base(record_id: str, record: dict[str, Any]) -> bool:
    return "enterprise_name" in record or record_id.startswith("T")


def _audit(correction: Correction, field_name: str, status: str, old: str = "", new: str = "") -> dict[str, str]:
    return {"record_id": correction.record_id, "field": field_name, "action": correction.action,
            "old_value": old, "new_value": new, "reason": correction.reason, "who": correction.who,
            "status": status}


def _mark(record_id: str, field_name: str, old: str, correction: Correction) -> dict[str, str]:
    note = f"原值：{old or '（空）'}；理由：{correction.reason or '（未填）'}；审核人：{correction.who or '（未填）'}"
    return {"record_id": record_id, "field": field_name, "kind": "corrected", "note": note}


@dataclass(slots=True)
class _Run:
    records: dict[str, dict[str, Any]]
    original: dict[str, dict[str, Any]]
    is_base: Callable[[str, dict[str, Any]], bool]
    today: date | None
    campaign: Campaign | None = None
    audit: list[dict[str, str]] = field(default_factory=list)
    marks: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    changed: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    waivers: dict[str, Waiver] = field(default_factory=dict)
    last_row: dict[str, int] = field(default_factory=dict)   # cell/waiver key → audit index


def _supersede(run: _Run, key: str) -> None:
    """A later row for the same cell or waiver wins; the earlier one is marked superseded."""
    index = run.last_row.get(key)
    if index is not None:
        run.audit[index]["status"] = "superseded"
    run.last_row[key] = len(run.audit)


def _apply_correct(run: _Run, correction: Correction) -> None:
    record = run.original.get(correction.record_id)
    if record is None:
        run.audit.append(_audit(correction, correction.field, "unknown_record"))
        run.problems.append(_problem(correction.row, f"记录编号“{correction.record_id}”不存在",
                                     record_id=correction.record_id, field=correction.field,
                                     value=correction.value))
        return
    is_base = run.is_base(correction.record_id, record)
    name = resolve_field(correction.field, is_base) or _season_field(correction.field, is_base, run.campaign)
    if name is None:
        run.audit.append(_audit(correction, correction.field, "unknown_field"))
        run.problems.append(_problem(correction.row, f"该记录没有字段“{correction.field}”",
                                     record_id=correction.record_id, field=correction.field,
                                     value=correction.value, record=record))
        return
    old = format_value(name, record.get(name))
    try:
        tech = run.campaign.tech_vocabulary if run.campaign else None
        new = corrected_value(name, correction.value, run.today, tech)
    except ValueError as error:
        run.audit.append(_audit(correction, name, "rejected", old, clean_text(correction.value)))
        run.problems.append(_problem(correction.row, f"“{FIELD_LABELS.get(name, name)}”的更正值无法使用：{error}",
                                     record_id=correction.record_id, field=name, value=correction.value,
                                     record=record))
        return
    _supersede(run, f"{correction.record_id}|{name}")
    run.audit.append(_audit(correction, name, "applied", old, format_value(name, new)))
    run.records[correction.record_id][name] = new
    run.changed.setdefault(correction.record_id, {})[name] = new
    run.marks[(correction.record_id, name)] = _mark(correction.record_id, name, old, correction)


def _parse_target(text: str) -> tuple[str, str]:
    code, _, field_text = unicodedata.normalize("NFKC", text).partition(":")
    return code.strip().upper(), field_text.strip()


def _apply_waive(run: _Run, correction: Correction) -> None:
    code, field_text = _parse_target(correction.field)
    record = run.original.get(correction.record_id)
    is_base = run.is_base(correction.record_id, record) if record is not None else None
    field_name = _any_field(field_text, is_base) if field_text else ""
    reason = ""
    if record is None and RECORD_ID.match(correction.record_id):
        run.audit.append(_audit(correction, correction.field, "unknown_record"))
        run.problems.append(_problem(correction.row, f"记录编号“{correction.record_id}”不存在，豁免未应用",
                                     record_id=correction.record_id, field=correction.field))
        return
    if code not in ISSUE_TYPES:
        reason = f"未知的问题代码“{code}”"
    elif field_name is None:
        reason = f"问题代码后的字段“{field_text}”无法识别"
    elif not correction.reason:
        reason = "豁免未填写理由"
    if reason:
        run.audit.append(_audit(correction, correction.field, "rejected"))
        run.problems.append(_problem(correction.row, reason, record_id=correction.record_id,
                                     field=correction.field, record=record))
        return
    waiver = Waiver(correction.record_id, code, field_name or "", correction.reason, correction.who, correction.row)
    _supersede(run, waiver.key)
    run.audit.append(_audit(correction, waiver.target, "applied"))
    run.waivers[waiver.key] = waiver


def apply_corrections(records: dict[str, dict[str, Any]], corrections: Iterable[Correction], *,
                      is_base: Callable[[str], bool] | None = None, today: date | None = None,
                      campaign: Campaign | None = None) -> CorrectionOutcome:
    """Apply corrections and collect waivers; ``records`` (record_id → field values) is not modified.

    ``is_base(record_id)`` tells training bases from studios (default: the record has an
    ``enterprise_name`` or its id starts with ``T``). ``today`` bounds corrected dates; ``campaign``
    gives the season's tech categories and the names of the yearly trainee columns
    (`2019年实名制培训人次` in 2022).
    """
    def kind(record_id: str, record: dict[str, Any]) -> bool:
        return is_base(record_id) if is_base is not None else _default_is_base(record_id, record)

    run = _Run(records={rid: dict(values) for rid, values in records.items()}, original=records,
               is_base=kind, today=today, campaign=campaign)
    for correction in corrections:
        if correction.action == "waive":
            _apply_waive(run, correction)
        else:
            _apply_correct(run, correction)
    return CorrectionOutcome(
        records=run.records, changed=run.changed,
        audit=pd.DataFrame(run.audit, columns=AUDIT_COLUMNS).astype(object),
        cell_marks=pd.DataFrame(list(run.marks.values()), columns=CELL_MARK_COLUMNS).astype(object),
        problems=run.problems, waivers=list(run.waivers.values()),
    )


# --------------------------------------------------------------------------------------------
# Using the outcome
# --------------------------------------------------------------------------------------------


def patch_frame(frame: pd.DataFrame, outcome: CorrectionOutcome) -> pd.DataFrame:
    """A copy of a studios/training_bases frame with the corrected values put in."""
    patched = frame.copy()
    if patched.empty or "record_id" not in patched.columns:
        return patched
    index_of = {rid: index for index, rid in patched["record_id"].items()}
    for record_id, values in outcome.changed.items():
        if record_id not in index_of:
            continue
        for name, value in values.items():
            if name in patched.columns:
                patched.at[index_of[record_id], name] = value
    return patched


def matching_waiver(issue_row: dict[str, Any], record_id: str, waivers: Iterable[Waiver]) -> Waiver | None:
    """The waiver that covers this issue of this record (or unit, for unit-level issues), if any."""
    code, issue_field = clean_text(issue_row.get("code")), clean_text(issue_row.get("field"))
    for waiver in waivers:
        if waiver.record_id == record_id and waiver.code == code and waiver.field in ("", issue_field):
            return waiver
    return None


def is_waived(issue_row: dict[str, Any], record_id: str, waivers: Iterable[Waiver]) -> bool:
    return matching_waiver(issue_row, record_id, waivers) is not None


def split_waived(issues: pd.DataFrame, record_id_of: Callable[[dict[str, Any]], str],
                 waivers: list[Waiver]) -> tuple[pd.DataFrame, pd.DataFrame, set[str]]:
    """(open issues, waived issues, keys of the waivers used) of an issues frame.

    ``record_id_of(issue_row)`` names the record an issue belongs to ("" when none).
    """
    waived_rows, used = [], set()
    for index, row in zip(issues.index, issues.to_dict("records"), strict=True):
        record_id = record_id_of(row)
        waiver = matching_waiver(row, record_id, waivers) if record_id else None
        if waiver is not None:
            waived_rows.append(index)
            used.add(waiver.key)
    return issues.drop(index=waived_rows), issues.loc[waived_rows], used


def mark_unused(audit: pd.DataFrame, used_waiver_keys: Iterable[str]) -> pd.DataFrame:
    """A copy of the AUDIT frame with applied waivers that matched no open issue set to ``unused``."""
    used = set(used_waiver_keys)
    marked = audit.copy()
    for index, row in marked.iterrows():
        if row["action"] != "waive" or row["status"] != "applied":
            continue
        if waiver_key(str(row["record_id"]), str(row["field"])) not in used:
            marked.at[index, "status"] = "unused"
    return marked


def is_corrected(issue_row: dict[str, Any], record_id: str, outcome: CorrectionOutcome) -> bool:
    """True for a value issue (VALUE_ISSUE_CODES) on a cell the reviewer corrected."""
    code, issue_field = clean_text(issue_row.get("code")), clean_text(issue_row.get("field"))
    return code in VALUE_ISSUE_CODES and issue_field in outcome.changed.get(record_id, {})
