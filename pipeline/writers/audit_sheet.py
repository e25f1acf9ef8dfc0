"""The `审核修改记录` sheet of the master list: reviewer corrections and waivers applied this run.

Written only when `RunResult.audit` has rows. The nominee's unit and name are looked up from the
nominee frames by record id so a reviewer can read the sheet on its own.
"""

from __future__ import annotations

from openpyxl import Workbook

from pipeline.results import AUDIT_COLUMNS, RunResult
from pipeline.writers.sheets import fit_row_heights, layout_columns, print_ready, write_row, write_title
from pipeline.writers.values import Record, text, typed_value
from schemas.columns import FIELD_LABELS

SHEET_NAME = "审核修改记录"
AUDIT_HEADERS = {
    "record_id": "记录编号", "field": "字段", "action": "操作", "old_value": "原值", "new_value": "新值",
    "reason": "原因", "who": "审核人", "status": "状态",
}
ACTION_LABELS = {"correct": "修改", "correction": "修改", "waive": "豁免", "waiver": "豁免"}
STATUS_LABELS = {"applied": "已生效", "stale": "已失效（原值已变）", "unmatched": "未找到对应记录",
                 "not_found": "未找到对应记录", "conflict": "有冲突"}


def add_audit_sheet(book: Workbook, result: RunResult) -> None:
    if result.audit.empty:
        return
    sheet = book.create_sheet(SHEET_NAME)
    headers = [AUDIT_HEADERS["record_id"], "推荐单位", "推荐对象",
               *(AUDIT_HEADERS[c] for c in AUDIT_COLUMNS[1:])]
    write_title(sheet, "审核修改记录", len(headers))
    write_row(sheet, 2, headers, header=True)
    nominees = _nominees(result)
    for number, record in enumerate(result.audit.to_dict("records"), start=3):
        write_row(sheet, number, _audit_row(record, nominees))
    fits = layout_columns(sheet, 2)
    fit_row_heights(sheet, 2)
    print_ready(sheet, "2:2", "D3", fits=fits)


def _nominees(result: RunResult) -> dict[str, tuple[str, str]]:
    """record id -> (unit, nominee name)."""
    found: dict[str, tuple[str, str]] = {}
    for frame, name in ((result.studios, "studio_name"), (result.training_bases, "enterprise_name")):
        for row in frame.to_dict("records"):
            found[text(row.get("record_id"))] = (text(row.get("recommending_unit")), text(row.get(name)))
    return found


def _audit_row(record: Record, nominees: dict[str, tuple[str, str]]) -> list[object]:
    record_id, field = text(record.get("record_id")), text(record.get("field"))
    unit, name = nominees.get(record_id, ("", ""))
    action, status = text(record.get("action")), text(record.get("status"))
    return [record_id, unit, name, FIELD_LABELS.get(field, field), ACTION_LABELS.get(action, action),
            typed_value(field, record.get("old_value")), typed_value(field, record.get("new_value")),
            typed_value("reason", record.get("reason")), typed_value("who", record.get("who")),
            STATUS_LABELS.get(status, status)]
