"""The `名额使用` sheet of the master list: per unit, quota, nominees and over/short per quota group.

Every figure comes from `pipeline.quota_figures` (through `RunResult.quota_usage`). Under the
unit rows: the 合计 row, which adds up what the quota table allots and what the units nominated
(over and short are summed per unit, never netted), then the notice's province-wide numbers,
shown for comparison and kept out of the sums.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.quota_figures import GROUPS, ProvinceQuota, UnitQuota, province
from pipeline.results import RunResult
from pipeline.writers.sheets import (
    ALERT_FILL,
    BOLD_FONT,
    fit_row_heights,
    layout_columns,
    print_ready,
    write_row,
    write_title,
)
from pipeline.writers.unit_status import unit_statuses
from pipeline.writers.values import UNKNOWN_UNIT_LABEL

SHEET_NAME = "名额使用"
UNIT_KINDS = {"city": "市总工会", "demo_zone": "示范区工会", "industry": "产业工会", "direct": "省直单位"}
LEAD = ["推荐单位", "类型", "状态"]
SUB_HEADERS = {False: ("名额", "推荐", "超出"), True: ("至少", "推荐", "差")}
WIDTH = len(LEAD) + 3 * len(GROUPS) + 1
TOTAL_LABEL = "合计（名额表）"
TARGET_LABEL = "通知确定的全省数"


def add_quota_sheet(book: Workbook, result: RunResult) -> None:
    sheet = book.create_sheet(SHEET_NAME)
    write_title(sheet, "各推荐单位名额使用情况", WIDTH)
    _write_headers(sheet)
    rows = unit_statuses(result)
    statuses = {s.unit: s.status for s in rows}
    units = [s.quota for s in rows if s.quota is not None]
    row = 4
    for quota in units:
        write_row(sheet, row, _unit_row(quota, statuses.get(quota.unit, "")))
        _flag(sheet, row, quota)
        row += 1
    sheet.auto_filter.ref = f"A3:{get_column_letter(WIDTH)}{max(3, row - 1)}"
    totals = province(units, result.targets)
    write_row(sheet, row, _total_row(totals))
    write_row(sheet, row + 1, _target_row(totals))
    for cell in [*sheet[row], *sheet[row + 1]]:
        cell.font = BOLD_FONT
    fits = layout_columns(sheet, 2, {1: 18, WIDTH: 40})
    fit_row_heights(sheet, 4, row + 1)
    print_ready(sheet, "2:3", "D4", fits=fits, footer="各推荐单位名额使用情况")


def _write_headers(sheet: Worksheet) -> None:
    top = [*LEAD, *(g for _, label, _ in GROUPS for g in (label, "", "")), "说明"]
    write_row(sheet, 2, top, header=True)
    write_row(sheet, 3, ["", "", "", *(s for _, _, minimum in GROUPS for s in SUB_HEADERS[minimum]), ""],
              header=True)
    for column in (1, 2, 3, WIDTH):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    for index in range(len(GROUPS)):
        start = len(LEAD) + 1 + 3 * index
        sheet.merge_cells(start_row=2, start_column=start, end_row=2, end_column=start + 2)


def _unit_row(quota: UnitQuota, status: str) -> list[object]:
    cells: list[object] = []
    for key, _, minimum in GROUPS:
        allowance = quota.allowances[key]
        cells += [allowance.quota, allowance.nominated, (allowance.short if minimum else allowance.over) or None]
    note = "；".join(quota.problems()) if status != "未报送" else ""
    if not quota.listed:
        note = "不在名额表中，没有名额" + (f"；{note}" if note else "")
    return [quota.unit or UNKNOWN_UNIT_LABEL, UNIT_KINDS.get(quota.kind, quota.kind), status, *cells, note]


def _total_row(totals: ProvinceQuota) -> list[object]:
    cells: list[object] = []
    notes = []
    for key, label, minimum in GROUPS:
        group = totals.groups[key]
        cells += [group.allotted, group.nominated, (group.short if minimum else group.over) or None]
        if minimum and group.short:
            notes.append(f"{label}：{group.units_short}个单位共差{group.short}个")
        elif group.over:
            notes.append(f"{label}：{group.units_over}个单位共超出{group.over}个")
    return [TOTAL_LABEL, "", "", *cells, "；".join(notes) or "各单位均未超出名额"]


def _target_row(totals: ProvinceQuota) -> list[object]:
    cells: list[object] = []
    for key, _, minimum in GROUPS:
        cells += [f"多于{totals.target(key)}" if minimum else totals.target(key), None, None]
    return [TARGET_LABEL, "", "", *cells, "通知确定的全省推荐数，仅供对照，不计入合计"]


def _flag(sheet: Worksheet, row: int, quota: UnitQuota) -> None:
    for index, (key, _, _) in enumerate(GROUPS):
        allowance = quota.allowances[key]
        if allowance.over or allowance.short:
            sheet.cell(row=row, column=len(LEAD) + 3 + 3 * index).fill = ALERT_FILL

