"""`master_list.xlsx`: one sheet per category in the official layout plus review notes, the quota
sheet, and (when there are any) the reviewers' corrections.

A category sheet: the title; a colour legend when the workbook has marked cells
(`RunResult.cell_marks`: coloured, with a comment); the header row (序号, 推荐单位, the official
columns, 审核提示) with an autofilter; one row per nominee, sorted by unit; then, outside the
filtered range so that sorting never moves them, the 合计 row and one 小计 row per unit (with
the unit's quota use from `pipeline.quota_figures`). The technical columns 记录编号 and 来源文件
follow, hidden; the nominee's name cell carries them as a comment. Printed landscape A4, header
repeated, one page wide only when that keeps the text at 9 pt or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.quota_figures import UnitQuota
from pipeline.results import RunResult
from pipeline.writers.audit_sheet import add_audit_sheet
from pipeline.writers.cell_marks import COMMENT_AUTHOR, LEGEND, Mark, mark_row, marks_by_record
from pipeline.writers.files import atomic_write
from pipeline.writers.labels import notice_suffix, season_label
from pipeline.writers.layouts import SHEET_LAYOUTS, UNIT_COLUMN, Column, layout_for
from pipeline.writers.quota_sheet import add_quota_sheet
from pipeline.writers.sheets import (
    BOLD_FONT,
    HEADER_FILL,
    fit_row_heights,
    layout_columns,
    print_ready,
    workbook_bytes,
    write_note_line,
    write_row,
    write_title,
    xlsx_text,
)
from pipeline.writers.unit_status import unit_quotas
from pipeline.writers.values import SEVERITY_LABELS, Record, as_number, integral, sorted_records, text
from schemas.columns import CATEGORY_LABELS, FLOAT_FIELDS, INTEGER_FIELDS

FILE_NAME = "master_list.xlsx"
NOTES_HEADER = "审核提示"
TECHNICAL_HEADERS = ["记录编号", "来源文件"]
SOURCE_HINT = "将鼠标移到名称上可查看记录编号和来源文件。"
SUM_FIELDS = (INTEGER_FIELDS | FLOAT_FIELDS | {"teachers_total"}) - {"records"}
Notes = dict[tuple[str, str, str], list[str]]


@dataclass(slots=True)
class CategorySheet:
    category: str
    title: str
    columns: list[Column]
    records: list[Record]
    notice: str = ""

    @property
    def name_field(self) -> str:
        return "enterprise_name" if self.category == "training_base" else "studio_name"

    def marked_columns(self) -> list[tuple[int, Column]]:
        """Sheet column number of every column that can carry a mark (序号 is column 1)."""
        return [(2, UNIT_COLUMN), *((3 + i, column) for i, column in enumerate(self.columns))]

    def has_marks(self, marks: dict[str, list[Mark]]) -> bool:
        return any(column.shows(mark.field)
                   for record in self.records for mark in marks.get(text(record.get("record_id")), [])
                   for _, column in self.marked_columns())

    @property
    def headers(self) -> list[str]:
        return ["序号", UNIT_COLUMN.header, *(c.header for c in self.columns), NOTES_HEADER, *TECHNICAL_HEADERS]

    @property
    def visible(self) -> int:
        """Number of printed columns (up to 审核提示)."""
        return len(self.headers) - len(TECHNICAL_HEADERS)


def build(result: RunResult) -> bytes:
    book = Workbook()
    book.remove(book.active)
    notes = review_notes(result.issues)
    marks = marks_by_record(result.cell_marks)
    quotas = {q.unit: q for q in unit_quotas(result)}
    sheets = [_plan(result, category) for category in SHEET_LAYOUTS]
    book.properties.title = f"{season_label(result.campaign_name)}推荐对象总名单"
    book.properties.subject = result.campaign_notice
    legend = any(sheet.has_marks(marks) for sheet in sheets)
    for sheet in sheets:
        _category_sheet(book, sheet, notes, marks, quotas, legend=legend)
    add_quota_sheet(book, result)
    add_audit_sheet(book, result)
    return workbook_bytes(book)


def write(result: RunResult, out_dir: Path) -> None:
    atomic_write(out_dir / FILE_NAME, build(result))


def review_notes(issues: pd.DataFrame) -> Notes:
    """Open errors/warnings per (unit, category, entity), in issue order, without repeats."""
    notes: Notes = {}
    for row in issues.to_dict("records"):
        severity, entity = text(row.get("severity")), text(row.get("entity"))
        if severity not in ("error", "warning") or not entity:
            continue
        key = (text(row.get("recommending_unit")), text(row.get("category")), entity)
        line = f"{SEVERITY_LABELS[severity]}：{text(row.get('message'))}"
        if line not in notes.setdefault(key, []):
            notes[key].append(line)
    return notes


def _notes_for(notes: Notes, unit: str, category: str, name: str) -> str:
    lines = notes.get((unit, category, name), []) + notes.get((unit, "", name), [])
    return "\n".join(dict.fromkeys(lines))


def _plan(result: RunResult, category: str) -> CategorySheet:
    if category == "training_base":
        frame = result.training_bases
        records = sorted_records(frame, "enterprise_name", result.unit_order)
    else:
        frame = result.studios
        categories = frame.get("category", pd.Series(index=frame.index, dtype=object))
        records = sorted_records(frame[categories == category], "studio_name", result.unit_order)
    title, columns = layout_for(category, frame, records)
    return CategorySheet(category, f"{season_label(result.campaign_name)}{title}", columns, records,
                         result.campaign_notice)


def _category_sheet(book: Workbook, plan: CategorySheet, notes: Notes, marks: dict[str, list[Mark]],
                    quotas: dict[str, UnitQuota], *, legend: bool) -> None:
    sheet = book.create_sheet(CATEGORY_LABELS[plan.category])
    write_title(sheet, plan.title, plan.visible)
    header_row = 3 if legend else 2
    if legend:
        write_note_line(sheet, 2, f"{LEGEND}{SOURCE_HINT}", plan.visible)
    write_row(sheet, header_row, plan.headers, header=True)
    for number, record in enumerate(plan.records, start=1):
        row = header_row + number
        unit, record_id = text(record.get("recommending_unit")), text(record.get("record_id"))
        note = _notes_for(notes, unit, plan.category, text(record.get(plan.name_field)))
        values = [number, UNIT_COLUMN.value(record), *(c.value(record) for c in plan.columns), note,
                  record_id, "\n".join(_sources(record))]
        write_row(sheet, row, values)
        mark_row(sheet, row, plan.marked_columns(), marks.get(record_id, []))
        _source_comment(sheet.cell(row=row, column=3), record_id, _sources(record))
    last = header_row + len(plan.records)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(plan.headers))}{max(last, header_row)}"
    totals_end = _totals(sheet, plan, last + 1, quotas)
    fits = layout_columns(sheet, header_row, {plan.visible: 60, 2: 16},
                          hidden=range(plan.visible + 1, len(plan.headers) + 1), floors={plan.visible: 20})
    fit_row_heights(sheet, header_row, totals_end)
    sheet.print_area = f"A1:{get_column_letter(plan.visible)}{totals_end}"
    print_ready(sheet, f"{header_row}:{header_row}", f"C{header_row + 1}", fits=fits,
                footer=plan.title + notice_suffix(plan.notice))


def _sources(record: Record) -> list[str]:
    return [part.strip() for part in text(record.get("source_files")).split(";") if part.strip()]


def _source_comment(cell: Cell, record_id: str, sources: list[str]) -> None:
    """Add the record id and source files to the name cell's comment (after any mark lines)."""
    lines = [f"记录编号：{record_id}", "来源文件：", *sources] if sources else [f"记录编号：{record_id}"]
    old = cell.comment.text + "\n" if cell.comment is not None else ""
    comment = Comment(xlsx_text(old + "\n".join(lines)), COMMENT_AUTHOR)
    comment.width, comment.height = 320, 24 + 18 * (old.count("\n") + len(lines))
    cell.comment = comment


def _totals(sheet: Worksheet, plan: CategorySheet, row: int, quotas: dict[str, UnitQuota]) -> int:
    """The 合计 row and the per-unit 小计 rows under the table; returns the last row written."""
    units = list(dict.fromkeys(text(r.get("recommending_unit")) for r in plan.records))
    _sum_row(sheet, plan, row, "合计", f"{len(units)}个单位", plan.records, "")
    if not plan.records:
        return row
    heading = sheet.cell(row=row + 2, column=2, value="各推荐单位小计")
    heading.font = BOLD_FONT
    for offset, unit in enumerate(units, start=row + 3):
        records = [r for r in plan.records if text(r.get("recommending_unit")) == unit]
        _sum_row(sheet, plan, offset, "小计", unit, records, _quota_note(plan.category, quotas.get(unit)))
    return row + 2 + len(units)


def _sum_row(sheet: Worksheet, plan: CategorySheet, row: int, label: str, unit: str, records: list[Record],
             note: str) -> None:
    values: list[object] = [label, unit or "（未确定推荐单位）", f"{len(records)}个"]
    for column in plan.columns[1:]:
        values.append(_column_sum(column, records) if _summable(column) else None)
    write_row(sheet, row, [*values, note])
    for cell in sheet[row][:plan.visible]:
        cell.font = BOLD_FONT
        if label == "合计":
            cell.fill = HEADER_FILL


def _summable(column: Column) -> bool:
    return column.field in SUM_FIELDS or (column.compute is not None and set(column.sources) <= SUM_FIELDS
                                          and bool(column.sources))


def _column_sum(column: Column, records: list[Record]) -> int | float | None:
    numbers = [as_number(column.value(r)) for r in records]
    found = [n for n in numbers if n is not None]
    return integral(round(sum(found), 2)) if found else None


def _quota_note(category: str, quota: UnitQuota | None) -> str:
    """The unit's quota use for this sheet's category, from the one quota computation."""
    if quota is None:
        return ""
    if category in ("labor_model_studio", "training_base"):
        allowance = quota.allowances["labor_model" if category == "labor_model_studio" else "training_base"]
        return _allowance_text("名额", allowance.quota, allowance.nominated, allowance.status())
    workers, tech = quota.allowances["worker_studio"], quota.allowances["worker_studio_tech"]
    text_ = _allowance_text("职工创新工作室名额", workers.quota, workers.nominated, workers.status(), both=True)
    if category == "worker_studio_tech":
        text_ += "；" + _allowance_text("其中科技型至少", tech.quota, tech.nominated, tech.status())
    return text_ + ("" if quota.listed else "（不在名额表中）")


def _allowance_text(label: str, quota: int, nominated: int, status: str, *, both: bool = False) -> str:
    done = f"两类共推荐{nominated}个" if both else f"推荐{nominated}个"
    return f"{label}{quota}个，{done}" + (f"，{status}" if status else "")

