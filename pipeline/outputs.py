"""Writers of every SPEC §6 output: the data CSVs, the master list, the discrepancy table and report.

`write_outputs` is the one place outputs are written. Each file is built in memory and moved into
place atomically (temporary file in the same folder, then `os.replace`). Values are formatted by
field type (`schemas.columns`); text a spreadsheet would run as a formula gets a leading quote.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import numbers
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.issues import ISSUE_COLUMNS
from pipeline.results import RunResult
from schemas.columns import (
    BOOL_FIELDS,
    CATEGORY_LABELS,
    FILE_COLUMNS,
    FLOAT_FIELDS,
    INTEGER_FIELDS,
    MONTH_FIELDS,
    STUDIO_CATEGORIES,
    STUDIO_COLUMNS,
    TRAINING_BASE_COLUMNS,
)

__all__ = ["csv_text", "format_number", "neutralise", "sort_issues", "typed_value", "write_outputs"]

Typed = str | int | float | bool | None
Record = dict[str, object]

NUMERIC_FIELDS = INTEGER_FIELDS | FLOAT_FIELDS
FORMULA_STARTS = ("=", "+", "-", "@")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
UNKNOWN_UNIT_LABEL = "（未确定推荐单位）"
LIST_SEPARATOR = "; "
XLSX_MAX_TEXT = 32_000
_NUMBER_TEXT = re.compile(r"-?\d+(\.\d+)?")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Province-wide numbers of the 2021 notice (SPEC §1); RunResult does not carry them yet.
PROVINCE_LABOR_MODEL = 30
PROVINCE_WORKER_STUDIO = 335
PROVINCE_TECH_MORE_THAN = 200
PROVINCE_TRAINING_BASE = 100


# --- value formatting ---------------------------------------------------------------------------

def neutralise(text: str) -> str:
    """Prefix text that a spreadsheet would read as a formula with a single quote."""
    if text[:1] in ("\t", "\r") or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def format_number(number: int | float) -> str:
    """Shortest plain text of a number: `15`, `120`, `0.96`, `1200.5` (no `.0`, no exponent)."""
    if isinstance(number, int):
        return str(number)
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    text = repr(number)
    return format(Decimal(text), "f") if "e" in text.lower() else text


def typed_value(column: str, value: object) -> Typed:
    """The canonical value of one cell: None, a number, a bool, or (neutralised) text."""
    if _is_empty(value):
        return None
    if column in NUMERIC_FIELDS:
        number = _as_number(value)
        if number is not None:
            return _integral(number) if column in INTEGER_FIELDS else number
    elif column in BOOL_FIELDS:
        flag = _as_bool(value)
        if flag is not None:
            return flag
    elif column in MONTH_FIELDS and isinstance(value, date):
        return value.strftime("%Y-%m")
    return neutralise(_plain_text(value))


def csv_text(column: str, value: object) -> str:
    """The text of one CSV cell (empty for missing, `true`/`false`, numbers without `.0`)."""
    return _render(typed_value(column, value))


def _render(typed: Typed) -> str:
    if typed is None:
        return ""
    if isinstance(typed, bool):
        return "true" if typed else "false"
    if isinstance(typed, int | float):
        return format_number(typed)
    return typed


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str | list | tuple | set | dict):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_number(value: object) -> int | float | None:
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real | Decimal):
        # float(str(...)) keeps the shortest text of narrower floats (np.float32(0.96) -> 0.96)
        number = float(str(value)) if isinstance(value, np.floating) else float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        text = value.strip()
        return float(text) if "." in text else int(text)
    return None


def _integral(number: int | float) -> int | float:
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Number) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return {"true": True, "false": False, "1": True, "0": False}.get(value.strip().lower())
    return None


def _plain_text(value: object) -> str:
    if isinstance(value, list | tuple | set):
        return LIST_SEPARATOR.join(_plain_text(item) for item in value if not _is_empty(item))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, float | np.floating) and math.isfinite(value):
        return format_number(float(value))
    return str(value)


def _text(value: object) -> str:
    """Raw text of a value for grouping and display (no neutralisation)."""
    return "" if _is_empty(value) else _plain_text(value)


# --- ordering -----------------------------------------------------------------------------------

def _unit_key(unit: str, rank: dict[str, int]) -> tuple[int, int, str]:
    if unit in rank:
        return (0, rank[unit], "")
    return (1, 0, unit) if unit else (2, 0, "")


def sort_issues(issues: pd.DataFrame, unit_order: Sequence[str]) -> pd.DataFrame:
    """Issues by unit order (others after), severity error>warning>info, entity, code."""
    if issues.empty:
        return issues.reset_index(drop=True)
    rank = {unit: i for i, unit in enumerate(unit_order)}

    def key(row: Record) -> tuple:
        return (_unit_key(_text(row.get("recommending_unit")), rank),
                SEVERITY_RANK.get(_text(row.get("severity")), 3),
                *(_text(row.get(c)) for c in ("entity", "code", "category", "file", "location", "field")))

    records = issues.to_dict("records")
    order = sorted(range(len(records)), key=lambda i: key(records[i]))
    return issues.iloc[order].reset_index(drop=True)


def _sorted_records(frame: pd.DataFrame, name_column: str, unit_order: Sequence[str]) -> list[Record]:
    rank = {unit: i for i, unit in enumerate(unit_order)}
    records = frame.to_dict("records")
    return sorted(records, key=lambda r: (_unit_key(_text(r.get("recommending_unit")), rank),
                                          _text(r.get(name_column)), _text(r.get("record_id"))))


# --- atomic writing -----------------------------------------------------------------------------

def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


# --- CSV ----------------------------------------------------------------------------------------

def _ordered_columns(frame: pd.DataFrame, contract: Sequence[str]) -> list[str]:
    return [*contract, *(str(c) for c in frame.columns if c not in contract)]


def _frame_csv(frame: pd.DataFrame, contract: Sequence[str]) -> bytes:
    columns = _ordered_columns(frame, contract)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in frame.to_dict("records"):
        writer.writerow([csv_text(column, record.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8")


# --- spreadsheet helpers ------------------------------------------------------------------------

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


def _xlsx_value(value: object) -> object:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return neutralise(_XLSX_ILLEGAL.sub("", value)[:XLSX_MAX_TEXT])
    return value


def _write_row(sheet: Worksheet, row: int, values: Sequence[object], *, header: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=_xlsx_value(value))
        cell.border = BORDER
        cell.alignment = CENTER if header else WRAP
        if header:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL


def _write_title(sheet: Worksheet, title: str, width: int) -> None:
    sheet.cell(row=1, column=1, value=_xlsx_value(title)).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 28


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit_widths(sheet: Worksheet, first_row: int, caps: dict[int, int] | None = None) -> None:
    caps = caps or {}
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is not None:
                longest = max(_display_width(line) for line in str(cell.value).split("\n"))
                widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column, width in widths.items():
        cap = caps.get(column, 40)
        sheet.column_dimensions[get_column_letter(column)].width = max(6, min(width, cap)) + 2


def _print_ready(sheet: Worksheet, header_rows: str, freeze: str) -> None:
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


def _workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- master list --------------------------------------------------------------------------------

Getter = str | Callable[[Record], Typed]


def _skill_or_title(record: Record) -> Typed:
    skill = typed_value("leader_skill_level", record.get("leader_skill_level"))
    return skill if skill is not None else typed_value("leader_title", record.get("leader_title"))


def _teachers(record: Record) -> Typed:
    counts = [typed_value(c, record.get(c)) for c in ("full_time_teachers", "part_time_teachers")]
    numbers_found = [c for c in counts if isinstance(c, int | float) and not isinstance(c, bool)]
    return _integral(sum(numbers_found)) if numbers_found else None


_NAME = ("工作室名称", "studio_name")
_ORG = ("所在单位", "organization")
_CREDIT = ("统一社会信用代码", "credit_code")
_TECH = ("科技型企业类别", "tech_category")
_LEADER = [("领衔人", "leader_name"), ("性别", "leader_gender"), ("出生年月", "leader_birth")]
_HONORS = ("荣誉称号", "leader_honors")
_SKILL = ("技能等级或职称", _skill_or_title)
_TAIL = [("团队人数", "team_size"), ("成立时间", "established"), ("联系电话", "leader_phone"),
         ("备注", "remarks")]

SHEET_LAYOUTS: dict[str, tuple[str, list[tuple[str, Getter]]]] = {
    "labor_model_studio": ("辽宁省劳模创新工作室推荐汇总表（全省）",
                           [_NAME, _ORG, *_LEADER, _HONORS, ("职务/职称", "leader_title"), *_TAIL]),
    "worker_studio_tech": ("辽宁省职工创新工作室推荐汇总表（科技型企业）（全省）",
                           [_NAME, _ORG, _CREDIT, _TECH, *_LEADER, _SKILL, _HONORS, *_TAIL]),
    "worker_studio_other": ("辽宁省职工创新工作室推荐汇总表（其他类型企业）（全省）",
                            [_NAME, _ORG, ("单位性质", "org_nature"), *_LEADER, _SKILL, _HONORS, *_TAIL]),
    "training_base": ("辽宁省工会职工职业技能培训基地申报汇总表（全省）",
                      [("企业名称", "enterprise_name"), _CREDIT, _TECH, ("职工人数", "employees"),
                       ("培训场所面积（平方米）", "training_area_m2"), ("专兼职教师人数", _teachers),
                       ("上年度实名制培训人次", "trainees_2020"),
                       ("主要培训专业（工种）", "training_programs"), ("联系人", "contact_name"),
                       ("联系电话", "contact_phone"), ("备注", "remarks")]),
}
NOTES_HEADER = "审核提示"


def _get(record: Record, getter: Getter) -> Typed:
    return getter(record) if callable(getter) else typed_value(getter, record.get(getter))


def _review_notes(issues: pd.DataFrame) -> dict[tuple[str, str, str], list[str]]:
    """Open errors/warnings per (unit, category, entity), in issue order, without repeats."""
    notes: dict[tuple[str, str, str], list[str]] = {}
    for row in issues.to_dict("records"):
        severity, entity = _text(row.get("severity")), _text(row.get("entity"))
        if severity not in ("error", "warning") or not entity:
            continue
        key = (_text(row.get("recommending_unit")), _text(row.get("category")), entity)
        line = f"{SEVERITY_LABELS[severity]}：{_text(row.get('message'))}"
        if line not in notes.setdefault(key, []):
            notes[key].append(line)
    return notes


def _notes_for(notes: dict, unit: str, category: str, name: str) -> str:
    lines = notes.get((unit, category, name), []) + notes.get((unit, "", name), [])
    return "\n".join(dict.fromkeys(lines))


def _category_sheet(book: Workbook, category: str, records: list[Record], notes: dict) -> None:
    title, layout = SHEET_LAYOUTS[category]
    name_column = "enterprise_name" if category == "training_base" else "studio_name"
    sheet = book.create_sheet(CATEGORY_LABELS[category])
    headers = ["序号", "推荐单位", *(h for h, _ in layout), NOTES_HEADER, "record_id"]
    _write_title(sheet, title, len(headers))
    _write_row(sheet, 2, headers, header=True)
    for number, record in enumerate(records, start=1):
        unit = _text(record.get("recommending_unit"))
        note = _notes_for(notes, unit, category, _text(record.get(name_column)))
        values = [number, typed_value("recommending_unit", unit),
                  *(_get(record, getter) for _, getter in layout), note,
                  typed_value("record_id", record.get("record_id"))]
        _write_row(sheet, number + 2, values)
    _fit_widths(sheet, 2, {len(headers) - 1: 60})
    _print_ready(sheet, "2:2", "C3")


def _category_records(result: RunResult, category: str) -> list[Record]:
    if category == "training_base":
        return _sorted_records(result.training_bases, "enterprise_name", result.unit_order)
    studios = result.studios
    categories = studios.get("category", pd.Series(index=studios.index, dtype=object))
    return _sorted_records(studios[categories == category], "studio_name", result.unit_order)


QUOTA_GROUPS = [("劳模创新工作室", "名额", "推荐"), ("职工创新工作室", "名额", "推荐"),
                ("其中：科技型企业", "要求", "推荐"), ("职工职业技能培训基地", "名额", "推荐")]
QUOTA_PAIRS = [("labor_model_quota", "labor_model_nominated"),
               ("worker_studio_quota", "worker_studio_nominated"),
               ("worker_studio_tech_min", "worker_studio_tech_nominated"),
               ("training_base_quota", "training_base_nominated")]
UNIT_KINDS = {"city": "市总工会", "demo_zone": "示范区工会", "industry": "产业工会", "direct": "省直单位"}


def _count(value: object) -> int | None:
    number = None if _is_empty(value) else _as_number(value)
    return None if number is None else int(number)


def _over_quota(counts: list[int | None], labels: Sequence[str] = ("劳模", "职工", "", "基地")) -> str:
    parts = []
    for index in (0, 1, 3):
        quota, nominated = counts[2 * index], counts[2 * index + 1] or 0
        if quota is None and nominated:
            parts.append(f"{labels[index]}无名额")
        elif quota is not None and nominated > quota:
            parts.append(f"{labels[index]}超{nominated - quota}个")
    return "；".join(parts) or "否"


def _tech_status(required: int | None, nominated: int | None) -> str:
    if required is None:
        return ""
    missing = required - (nominated or 0)
    return "达标" if missing <= 0 else f"未达标（差{missing}个）"


def _quota_rows(result: RunResult) -> list[list[object]]:
    usage = _sorted_records(result.quota_usage.rename(columns={"unit": "recommending_unit"}),
                            "recommending_unit", result.unit_order)
    rows = []
    for record in usage:
        counts = [_count(record.get(c)) for pair in QUOTA_PAIRS for c in pair]
        kind = _text(record.get("kind"))
        rows.append([_text(record.get("recommending_unit")), UNIT_KINDS.get(kind, kind), *counts,
                     _over_quota(counts), _tech_status(counts[4], counts[5])])
    return rows


def _province_row(rows: list[list[object]]) -> list[object]:
    total = [sum(row[3 + 2 * i] or 0 for row in rows) for i in range(4)]
    counts = [PROVINCE_LABOR_MODEL, total[0], PROVINCE_WORKER_STUDIO, total[1],
              None, total[2], PROVINCE_TRAINING_BASE, total[3]]
    tech = "达标" if total[2] > PROVINCE_TECH_MORE_THAN else f"未达标（须多于{PROVINCE_TECH_MORE_THAN}个）"
    counts[4] = f"多于{PROVINCE_TECH_MORE_THAN}"
    return ["全省合计", "", *counts, _over_quota([*counts[:4], None, None, *counts[6:]]), tech]


def _quota_sheet(book: Workbook, result: RunResult) -> None:
    sheet = book.create_sheet("名额使用")
    width = 2 + 2 * len(QUOTA_GROUPS) + 2
    _write_title(sheet, "各推荐单位名额使用情况", width)
    top = ["推荐单位", "类型", *(g for group, _, _ in QUOTA_GROUPS for g in (group, "")), "是否超额",
           "科技型是否达标"]
    _write_row(sheet, 2, top, header=True)
    _write_row(sheet, 3, ["", "", *(s for _, a, b in QUOTA_GROUPS for s in (a, b)), "", ""], header=True)
    for column in (1, 2, width - 1, width):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    for index in range(len(QUOTA_GROUPS)):
        sheet.merge_cells(start_row=2, start_column=3 + 2 * index, end_row=2, end_column=4 + 2 * index)
    rows = _quota_rows(result)
    for offset, values in enumerate([*rows, _province_row(rows)], start=4):
        _write_row(sheet, offset, values)
        _flag_quota_cells(sheet, offset, values, width)
    sheet.cell(row=4 + len(rows), column=1).font = Font(bold=True)
    _fit_widths(sheet, 3)
    _print_ready(sheet, "2:3", "C4")


def _flag_quota_cells(sheet: Worksheet, row: int, values: list[object], width: int) -> None:
    if values[-2] not in ("否", ""):
        sheet.cell(row=row, column=width - 1).fill = ALERT_FILL
    if str(values[-1]).startswith("未达标"):
        sheet.cell(row=row, column=width).fill = ALERT_FILL


def _master_list(result: RunResult, issues: pd.DataFrame) -> bytes:
    book = Workbook()
    book.remove(book.active)
    notes = _review_notes(issues)
    for category in SHEET_LAYOUTS:
        _category_sheet(book, category, _category_records(result, category), notes)
    _quota_sheet(book, result)
    return _workbook_bytes(book)


# --- discrepancies.xlsx -------------------------------------------------------------------------

ISSUE_HEADERS = {
    "code": "代码", "severity": "严重程度", "recommending_unit": "推荐单位", "category": "类别",
    "entity": "推荐对象", "field": "字段", "message": "说明", "file": "文件", "location": "位置",
    "value": "值", "expected": "应为",
}
ISSUE_WIDTH_CAPS = {"message": 60, "file": 45, "value": 30, "expected": 30}


def _issue_cell(column: str, value: object) -> Typed:
    if column == "severity":
        return SEVERITY_LABELS.get(_text(value), typed_value(column, value))
    if column == "category":
        return CATEGORY_LABELS.get(_text(value), typed_value(column, value))
    return typed_value(column, value)


def _discrepancies(issues: pd.DataFrame) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "问题清单"
    columns = _ordered_columns(issues, ISSUE_COLUMNS)
    _write_row(sheet, 1, [ISSUE_HEADERS.get(c, c) for c in columns], header=True)
    severity_column = columns.index("severity") + 1
    for number, record in enumerate(issues.to_dict("records"), start=2):
        _write_row(sheet, number, [_issue_cell(c, record.get(c)) for c in columns])
        fill = SEVERITY_FILLS.get(_text(record.get("severity")))
        if fill:
            sheet.cell(row=number, column=severity_column).fill = fill
    _fit_widths(sheet, 1, {columns.index(c) + 1: cap for c, cap in ISSUE_WIDTH_CAPS.items()})
    sheet.auto_filter.ref = sheet.dimensions
    _print_ready(sheet, "1:1", "A2")
    return _workbook_bytes(book)


# --- discrepancy_report.html --------------------------------------------------------------------

def _issue_view(row: Record) -> dict[str, str]:
    severity = _text(row.get("severity"))
    view = {c: _text(row.get(c)) for c in ISSUE_COLUMNS}
    view["severity_label"] = SEVERITY_LABELS.get(severity, severity)
    return view


def _group_of(issue: dict[str, str]) -> tuple[int, str, str]:
    if issue["entity"]:
        return (1, issue["entity"], issue["category"])
    return (2, "", "") if issue["file"] else (0, "", "")


def _groups(issues: list[dict[str, str]]) -> list[dict[str, object]]:
    grouped: dict[tuple[int, str, str], list[dict[str, str]]] = {}
    for issue in issues:
        grouped.setdefault(_group_of(issue), []).append(issue)
    titles = {0: "推荐单位问题", 2: "文件问题"}

    def order(key: tuple[int, str, str]) -> tuple:
        worst = min(SEVERITY_RANK.get(i["severity"], 3) for i in grouped[key])
        return (key[0], worst if key[0] == 1 else 0, key[1], key[2])

    return [{"title": titles.get(key[0], key[1]),
             "category": CATEGORY_LABELS.get(key[2], key[2]),
             "issues": grouped[key]} for key in sorted(grouped, key=order)]


def _severity_counts(issues: Iterable[dict[str, str]]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITY_RANK, 0)
    for issue in issues:
        counts[issue["severity"]] = counts.get(issue["severity"], 0) + 1
    return counts


def _nominee_counts(result: RunResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    for frame in (result.studios, result.training_bases):
        for unit in frame.get("recommending_unit", pd.Series(dtype=object)):
            counts[_text(unit) or UNKNOWN_UNIT_LABEL] = counts.get(_text(unit) or UNKNOWN_UNIT_LABEL, 0) + 1
    return counts


def _category_counts(result: RunResult) -> list[dict[str, object]]:
    studios = result.studios.get("category", pd.Series(dtype=object)).map(_text)
    counts = [{"label": CATEGORY_LABELS[c], "count": int((studios == c).sum())} for c in STUDIO_CATEGORIES]
    return [*counts, {"label": CATEGORY_LABELS["training_base"], "count": len(result.training_bases)}]


def _report_units(result: RunResult, views: list[dict[str, str]]) -> list[str]:
    rank = {unit: i for i, unit in enumerate(result.unit_order)}
    seen = {v["recommending_unit"] for v in views}
    for frame in (result.studios, result.training_bases, result.files):
        seen |= {_text(u) for u in frame.get("recommending_unit", pd.Series(dtype=object))}
    units = sorted(set(result.unit_order) | seen, key=lambda u: _unit_key(u, rank))
    return [u or UNKNOWN_UNIT_LABEL for u in units]


def _report_context(result: RunResult, issues: pd.DataFrame) -> dict[str, object]:
    views = [_issue_view(row) for row in issues.to_dict("records")]
    by_unit: dict[str, list[dict[str, str]]] = {}
    for view in views:
        view["unit"] = view["recommending_unit"] or UNKNOWN_UNIT_LABEL
        by_unit.setdefault(view["unit"], []).append(view)
    nominees = _nominee_counts(result)
    units = _report_units(result, views)
    summary = [{"unit": u, "anchor": f"unit-{i}", "nominees": nominees.get(u, 0),
                "counts": _severity_counts(by_unit.get(u, [])), "total": len(by_unit.get(u, []))}
               for i, u in enumerate(units)]
    sections = [{**row, "groups": _groups(by_unit[row["unit"]])} for row in summary if row["unit"] in by_unit]
    return {
        "title": f"{result.campaign_name}年辽宁省工会推荐材料审核报告",
        "file_count": len(result.files),
        "categories": _category_counts(result),
        "nominee_total": sum(nominees.values()),
        "severity_counts": _severity_counts(views),
        "issue_total": len(views),
        "severity_labels": SEVERITY_LABELS,
        "summary": summary,
        "sections": sections,
        "codes": sorted({v["code"] for v in views}),
        "filter_units": [s["unit"] for s in sections],
    }


def _report_html(result: RunResult, issues: pd.DataFrame) -> bytes:
    environment = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)
    template = environment.get_template("report.html.j2")
    return template.render(**_report_context(result, issues)).encode("utf-8")


# --- entry point --------------------------------------------------------------------------------

def write_outputs(result: RunResult, out_dir: Path) -> None:
    """Write every SPEC §6 output of one run into out_dir, each file atomically."""
    out_dir = Path(out_dir)
    issues = sort_issues(result.issues, result.unit_order)
    tables = [("studios.csv", result.studios, STUDIO_COLUMNS),
              ("training_bases.csv", result.training_bases, TRAINING_BASE_COLUMNS),
              ("issues.csv", issues, ISSUE_COLUMNS),
              ("files.csv", result.files, FILE_COLUMNS)]
    for name, frame, contract in tables:
        _atomic_write(out_dir / "data" / name, _frame_csv(frame, contract))
    _atomic_write(out_dir / "master_list.xlsx", _master_list(result, issues))
    _atomic_write(out_dir / "discrepancies.xlsx", _discrepancies(issues))
    _atomic_write(out_dir / "discrepancy_report.html", _report_html(result, issues))
