"""Summary tables in other provinces' shapes: a 填报单位 line over separate merged cells, two- and
three-row headers with group cells, district count rows, `名称（单位）` names, 合计 and 注 rows,
an instructions sheet in front."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from samples.drift import Drift
from samples.records import Studio, TrainingBase
from samples.templates import style_range

TITLES = {
    "labor_model_studio": "2021年辽宁省劳模创新工作室推荐汇总表",
    "worker_studio_tech": "2021年辽宁省职工创新工作室推荐汇总表（科技型企业）",
    "worker_studio_other": "2021年辽宁省职工创新工作室推荐汇总表（其他类型企业）",
    "training_base": "2021年辽宁省工会职工职业技能培训基地推荐汇总表",
}


@dataclass(frozen=True)
class Column:
    key: str              # a Studio/TrainingBase attribute, or "" for 序号/备注
    label: str
    group: str = ""       # a group cell over several columns


def studio_columns(category: str, rng: random.Random, bracket_org: bool) -> list[Column]:
    leader_group = rng.choice(["领衔人情况", "领衔人基本情况", "工作室领衔人"])
    columns = [Column("", "序号"), Column("studio_name", "工作室名称")]
    if not bracket_org:
        columns.append(Column("organization", rng.choice(["所在单位", "依托单位"])))
    if category == "worker_studio_tech":
        columns += [Column("credit_code", "统一社会信用代码"), Column("tech_category", "科技型企业类别")]
    if category == "worker_studio_other":
        columns.append(Column("org_nature", "单位性质"))
    columns += [Column("leader_name", "姓名", leader_group), Column("leader_gender", "性别", leader_group),
                Column("leader_birth", "出生年月", leader_group)]
    if category != "labor_model_studio":
        columns.append(Column("leader_skill_level", "技能等级", leader_group))
    columns += [Column("leader_honors", "荣誉称号", leader_group),
                Column("team_size", rng.choice(["成员人数", "团队人数"]), "工作室情况"),
                Column("established", rng.choice(["成立时间", "创建年月"]), "工作室情况"),
                Column("leader_phone", "联系电话"), Column("", "备注")]
    return columns


def base_columns(rng: random.Random) -> list[Column]:
    return [
        Column("", "序号"), Column("enterprise_name", "企业名称"), Column("credit_code", "统一社会信用代码"),
        Column("tech_category", "科技型企业类别"), Column("employees", "职工人数"),
        Column("training_area_m2", "培训场所面积（平方米）"),
        Column("full_time_teachers", "专职", "教师人数"), Column("part_time_teachers", "兼职", "教师人数"),
        Column("trainees_2018", "2018年", "实名制培训人次"), Column("trainees_2019", "2019年", "实名制培训人次"),
        Column("trainees_2020", "2020年", "实名制培训人次"),
        Column("training_programs", "主要培训专业（工种）"), Column("contact_name", "联系人"),
        Column("contact_phone", "联系电话"), Column("", "备注"),
    ]


def cell_value(nominee: Studio | TrainingBase, key: str, drift: Drift, bracket_org: bool) -> object:
    value = getattr(nominee, key)
    if key == "studio_name" and bracket_org:
        return f"{value}（{nominee.organization}）"  # type: ignore[union-attr]
    if key in ("leader_birth", "established"):
        return drift.month(value, excel=True)
    if key in ("team_size", "employees"):
        return drift.count(value, "人", excel=True)
    if key.startswith("trainees") or key.endswith("teachers"):
        return value
    if key == "tech_category":
        return "、".join(value)
    if key.endswith("phone"):
        return drift.phone(str(value))
    return value


def write_head(ws: Worksheet, title: str, unit: str, width: int, rng: random.Random, fill_date: str) -> int:
    ws.cell(1, 1, title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    labels = [(rng.choice(["填报单位（盖章）：", "推荐单位（盖章）：", "报送单位："]), unit), ("填报人：", "王丽"),
              (rng.choice(["电话：", "联系电话："]), "024-22581160"), ("填报时间：", fill_date)]
    column = 1
    share = max(2, width // 4)
    for label, value in labels:
        ws.cell(2, column, label)
        ws.cell(2, column + 1, value)
        if share > 2:
            ws.merge_cells(start_row=2, start_column=column + 1, end_row=2, end_column=column + share - 1)
        column += share
    return 3


def write_header(ws: Worksheet, row: int, columns: Sequence[Column], three_rows: bool) -> int:
    """A header of two rows (groups over leaves) or three (a band over everything but 序号)."""
    top = row
    if three_rows:
        ws.cell(row, 2, "推荐对象基本信息")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(columns))
        ws.cell(row, 1, "序号")
        row += 1
    groups: dict[str, list[int]] = {}
    for index, column in enumerate(columns, start=1):
        if column.group:
            groups.setdefault(column.group, []).append(index)
            ws.cell(row + 1, index, column.label)
        elif not (three_rows and index == 1):
            ws.cell(row, index, column.label)
            ws.merge_cells(start_row=row, start_column=index, end_row=row + 1, end_column=index)
    for group, indexes in groups.items():
        ws.cell(row, indexes[0], group)
        ws.merge_cells(start_row=row, start_column=indexes[0], end_row=row, end_column=indexes[-1])
    if three_rows:
        ws.merge_cells(start_row=top, start_column=1, end_row=row + 1, end_column=1)
    style_range(ws, top, 1, row + 1, len(columns))
    return row + 2


def summary_sheet(ws: Worksheet, category: str, unit: str, nominees: Sequence[Studio | TrainingBase],
                  rng: random.Random, drift: Drift, fill_date: str) -> set[str]:
    """One category's summary; returns the fields it carries."""
    bracket_org = category != "training_base" and rng.random() < 0.35
    columns = base_columns(rng) if category == "training_base" else studio_columns(category, rng, bracket_org)
    row = write_head(ws, TITLES[category], unit, len(columns), rng, fill_date)
    row = write_header(ws, row, columns, three_rows=rng.random() < 0.35)
    districts = rng.random() < 0.3 and len(nominees) >= 2
    half = (len(nominees) + 1) // 2
    for index, nominee in enumerate(nominees, start=1):
        if districts and index in (1, half + 1):
            count = half if index == 1 else len(nominees) - half
            ws.cell(row, 1, f"{rng.choice(['铁西区', '开发区', '高新区'])}（{count}个）")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
            row += 1
        for position, column in enumerate(columns, start=1):
            if column.key:
                ws.cell(row, position, cell_value(nominee, column.key, drift, bracket_org))
            elif column.label == "序号":
                ws.cell(row, position, index)
        row += 1
    if rng.random() < 0.5:
        ws.cell(row, 1, "合计")
        ws.cell(row, 2, f"共{len(nominees)}个")
        row += 1
    if rng.random() < 0.5:
        ws.cell(row, 1, "注：1.成立时间须在2020年7月以前；2.本表由推荐单位汇总填报。")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
    carried = {column.key for column in columns if column.key}
    if bracket_org:
        carried.add("organization")
    return carried


def summary_workbook(sections: Sequence[tuple[str, Sequence[Studio | TrainingBase]]], unit: str,
                     rng: random.Random, drift: Drift, fill_date: str) -> tuple[Workbook, dict[str, set[str]]]:
    """A workbook of one or more categories' summaries, sometimes behind an instruction sheet."""
    workbook = Workbook()
    first = workbook.active
    carried: dict[str, set[str]] = {}
    if rng.random() < 0.3:
        first.title = "填表说明"
        for line in ["填表说明", "1. 请勿改变表格结构。", "2. 工作室名称须与基本情况表一致。", "3. 数据见下一工作表。"]:
            first.append([line])
        first = None
    for category, nominees in sections:
        ws = first if first is not None else workbook.create_sheet()
        first = None
        ws.title = {"labor_model_studio": "劳模", "worker_studio_tech": "职工（科技型）",
                    "worker_studio_other": "职工（其他）", "training_base": "培训基地"}[category]
        carried[category] = summary_sheet(ws, category, unit, nominees, rng, drift, fill_date)
    return workbook, carried


SECTION_WORDS = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工创新工作室（科技型企业）",
                 "worker_studio_other": "职工创新工作室（其他类型企业）"}
SHORT_WORDS = {"labor_model_studio": "劳模", "worker_studio_tech": "职工（科技型）", "worker_studio_other": "职工（其他）"}


def mixed_studio_sheet(ws: Worksheet, sections: Sequence[tuple[str, Sequence[Studio]]], unit: str,
                       rng: random.Random, drift: Drift, fill_date: str) -> set[str]:
    """All of a unit's studios in one table: categories as section rows (`一、劳模创新工作室（2个）`)
    or as a `类别` column. Returns the fields it carries."""
    as_column = rng.random() < 0.5
    columns = [Column("", "序号"), Column("studio_name", "工作室名称"), Column("organization", "所在单位"),
               Column("leader_name", "领衔人"), Column("leader_gender", "性别"), Column("leader_birth", "出生年月"),
               Column("team_size", "团队人数"), Column("established", "成立时间"), Column("leader_phone", "联系电话")]
    if as_column:
        columns.insert(1, Column("category", rng.choice(["类别", "推荐类别"])))
    row = write_head(ws, "2021年辽宁省劳模创新工作室和职工创新工作室推荐汇总表", unit, len(columns), rng, fill_date)
    row = write_header(ws, row, columns, three_rows=False)
    index = 0
    for number, (category, studios) in enumerate(sections):
        if not as_column:
            ws.cell(row, 1, f"{'一二三'[number]}、{SECTION_WORDS[category]}（{len(studios)}个）")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
            row += 1
        for studio in studios:
            index += 1
            for position, column in enumerate(columns, start=1):
                if column.key == "category":
                    ws.cell(row, position, SHORT_WORDS[category])
                elif column.key:
                    ws.cell(row, position, cell_value(studio, column.key, drift, False))
                else:
                    ws.cell(row, position, index)
            row += 1
    return {column.key for column in columns if column.key and column.key != "category"}
