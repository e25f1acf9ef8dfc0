"""`master_list.xlsx`: one sheet per category in the official layout plus review notes, the quota
sheet, and (when there are any) the reviewers' corrections.

Cells with marks (`RunResult.cell_marks`) are coloured and carry a comment; a legend line under
the title explains the colours. The legend row is there only when the workbook has marked cells,
so a run without marks keeps the plain layout (title, header, rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from pipeline.results import RunResult
from pipeline.writers.audit_sheet import add_audit_sheet
from pipeline.writers.cell_marks import LEGEND, Mark, mark_row, marks_by_record
from pipeline.writers.files import atomic_write
from pipeline.writers.layouts import SHEET_LAYOUTS, UNIT_COLUMN, Column, layout_for
from pipeline.writers.quota_sheet import add_quota_sheet
from pipeline.writers.sheets import fit_widths, print_ready, workbook_bytes, write_note_line, write_row, write_title
from pipeline.writers.values import SEVERITY_LABELS, Record, sorted_records, text, typed_value
from schemas.columns import CATEGORY_LABELS

FILE_NAME = "master_list.xlsx"
NOTES_HEADER = "审核提示"
Notes = dict[tuple[str, str, str], list[str]]


@dataclass(slots=True)
class CategorySheet:
    category: str
    title: str
    columns: list[Column]
    records: list[Record]

    def marked_columns(self) -> list[tuple[int, Column]]:
        """Sheet column number of every column that can carry a mark (序号 is column 1)."""
        return [(2, UNIT_COLUMN), *((3 + i, column) for i, column in enumerate(self.columns))]

    def has_marks(self, marks: dict[str, list[Mark]]) -> bool:
        return any(column.shows(mark.field)
                   for record in self.records for mark in marks.get(text(record.get("record_id")), [])
                   for _, column in self.marked_columns())


def build(result: RunResult) -> bytes:
    book = Workbook()
    book.remove(book.active)
    notes = review_notes(result.issues)
    marks = marks_by_record(result.cell_marks)
    sheets = [_plan(result, category) for category in SHEET_LAYOUTS]
    legend = any(sheet.has_marks(marks) for sheet in sheets)
    for sheet in sheets:
        _category_sheet(book, sheet, notes, marks, legend=legend)
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
    return CategorySheet(category, title, columns, records)


def _category_sheet(book: Workbook, plan: CategorySheet, notes: Notes, marks: dict[str, list[Mark]], *,
                    legend: bool) -> None:
    name_column = "enterprise_name" if plan.category == "training_base" else "studio_name"
    sheet = book.create_sheet(CATEGORY_LABELS[plan.category])
    headers = ["序号", UNIT_COLUMN.header, *(c.header for c in plan.columns), NOTES_HEADER, "record_id"]
    write_title(sheet, plan.title, len(headers))
    header_row = 3 if legend else 2
    if legend:
        write_note_line(sheet, 2, LEGEND, len(headers))
    write_row(sheet, header_row, headers, header=True)
    for number, record in enumerate(plan.records, start=1):
        unit, record_id = text(record.get("recommending_unit")), text(record.get("record_id"))
        note = _notes_for(notes, unit, plan.category, text(record.get(name_column)))
        values = [number, UNIT_COLUMN.value(record), *(c.value(record) for c in plan.columns), note,
                  typed_value("record_id", record_id)]
        write_row(sheet, header_row + number, values)
        mark_row(sheet, header_row + number, plan.marked_columns(), marks.get(record_id, []))
    fit_widths(sheet, header_row, {len(headers) - 1: 60})
    print_ready(sheet, f"{header_row}:{header_row}", f"C{header_row + 1}")
