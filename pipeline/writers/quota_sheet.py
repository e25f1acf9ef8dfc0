"""The `名额使用` sheet of the master list: quota and nominations per unit, and the province total.

The province row compares the totals with the province-wide numbers of the notice
(`RunResult.targets`).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.results import ProvinceTargets, RunResult
from pipeline.writers.sheets import ALERT_FILL, fit_widths, print_ready, write_row, write_title
from pipeline.writers.values import as_number, is_empty, sorted_records, text

SHEET_NAME = "名额使用"
QUOTA_GROUPS = [("劳模创新工作室", "名额", "推荐"), ("职工创新工作室", "名额", "推荐"),
                ("其中：科技型企业", "要求", "推荐"), ("职工职业技能培训基地", "名额", "推荐")]
QUOTA_PAIRS = [("labor_model_quota", "labor_model_nominated"),
               ("worker_studio_quota", "worker_studio_nominated"),
               ("worker_studio_tech_min", "worker_studio_tech_nominated"),
               ("training_base_quota", "training_base_nominated")]
UNIT_KINDS = {"city": "市总工会", "demo_zone": "示范区工会", "industry": "产业工会", "direct": "省直单位"}
WIDTH = 2 + 2 * len(QUOTA_GROUPS) + 2


def add_quota_sheet(book: Workbook, result: RunResult) -> None:
    sheet = book.create_sheet(SHEET_NAME)
    write_title(sheet, "各推荐单位名额使用情况", WIDTH)
    _write_headers(sheet)
    rows = _unit_rows(result)
    for offset, values in enumerate([*rows, _province_row(rows, result.targets)], start=4):
        write_row(sheet, offset, values)
        _flag_cells(sheet, offset, values)
    sheet.cell(row=4 + len(rows), column=1).font = Font(bold=True)
    fit_widths(sheet, 3)
    print_ready(sheet, "2:3", "C4")


def _write_headers(sheet: Worksheet) -> None:
    top = ["推荐单位", "类型", *(g for group, _, _ in QUOTA_GROUPS for g in (group, "")), "是否超额",
           "科技型是否达标"]
    write_row(sheet, 2, top, header=True)
    write_row(sheet, 3, ["", "", *(s for _, a, b in QUOTA_GROUPS for s in (a, b)), "", ""], header=True)
    for column in (1, 2, WIDTH - 1, WIDTH):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    for index in range(len(QUOTA_GROUPS)):
        sheet.merge_cells(start_row=2, start_column=3 + 2 * index, end_row=2, end_column=4 + 2 * index)


def _count(value: object) -> int | None:
    number = None if is_empty(value) else as_number(value)
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


def _unit_rows(result: RunResult) -> list[list[object]]:
    usage = sorted_records(result.quota_usage.rename(columns={"unit": "recommending_unit"}),
                           "recommending_unit", result.unit_order)
    rows = []
    for record in usage:
        counts = [_count(record.get(c)) for pair in QUOTA_PAIRS for c in pair]
        kind = text(record.get("kind"))
        rows.append([text(record.get("recommending_unit")), UNIT_KINDS.get(kind, kind), *counts,
                     _over_quota(counts), _tech_status(counts[4], counts[5])])
    return rows


def _province_row(rows: list[list[object]], targets: ProvinceTargets) -> list[object]:
    total = [sum(row[3 + 2 * i] or 0 for row in rows) for i in range(4)]
    more_than = targets.worker_studio_tech_more_than
    counts: list[int | None] = [targets.labor_model_studio, total[0], targets.worker_studio, total[1],
                                None, total[2], targets.training_base, total[3]]
    tech = "达标" if total[2] > more_than else f"未达标（须多于{more_than}个）"
    return ["全省合计", "", *counts[:4], f"多于{more_than}", *counts[5:], _over_quota(counts), tech]


def _flag_cells(sheet: Worksheet, row: int, values: list[object]) -> None:
    if values[-2] not in ("否", ""):
        sheet.cell(row=row, column=WIDTH - 1).fill = ALERT_FILL
    if str(values[-1]).startswith("未达标"):
        sheet.cell(row=row, column=WIDTH).fill = ALERT_FILL
