"""Summary workbooks in shapes other campaigns use, and the truth fields each shape carries.

S1 — one workbook per category: the unit line split over cells, a two-row header with group cells
     (领衔人情况, 工作室情况), a 合计 row and a 注 row.
S2 — one workbook for all studios: a first sheet of 填表说明, then one table grouped by category
     with a count row per group (`二、职工创新工作室（科技型企业）（2个）`).
S3 — one workbook, one sheet per category, the organisation in brackets after the studio name,
     the filler's line at the foot.
T1 — training bases with a two-row header (师资 over 专职/兼职, 培训人次 over the years) and 合计.
T2 — training bases close to 附件7 with 专兼职 in one cell and last year's trainees only.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..records import Studio, TrainingBase, format_number
from . import render as r
from .context import CATEGORY_PROVINCIAL, CATEGORY_WORDS, UnitStyle

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)

_COMMON = {"studio_name", "organization", "leader_name", "leader_gender", "leader_birth", "leader_honors",
           "leader_phone", "team_size", "established"}
SUMMARY_CARRIES: dict[str, dict[str, frozenset[str]]] = {
    "S1": {
        "labor_model_studio": frozenset(_COMMON | {"leader_title"}),
        "worker_studio_tech": frozenset(_COMMON | {"credit_code", "tech_category", "leader_skill_level"}),
        "worker_studio_other": frozenset(_COMMON | {"org_nature", "leader_skill_level"}),
    },
    "S2": {c: frozenset(_COMMON | {"credit_code", "org_nature", "tech_category", "leader_title", "leader_skill_level"})
           for c in CATEGORY_WORDS},
    "S3": {
        "labor_model_studio": frozenset(_COMMON | {"leader_title"}),
        "worker_studio_tech": frozenset(_COMMON | {"credit_code", "tech_category", "leader_skill_level"}),
        "worker_studio_other": frozenset(_COMMON | {"org_nature", "leader_skill_level"}),
    },
}
BASE_SUMMARY_CARRIES = {
    "T1": frozenset({"enterprise_name", "credit_code", "tech_category", "employees", "training_area_m2",
                     "full_time_teachers", "part_time_teachers", "trainees_2018", "trainees_2019", "trainees_2020",
                     "training_programs", "contact_name", "contact_phone"}),
    "T2": frozenset({"enterprise_name", "credit_code", "tech_category", "employees", "training_area_m2",
                     "trainees_2020", "training_programs", "contact_name", "contact_phone"}),
}


@dataclass
class Sheet:
    """Cells placed on a worksheet with merges; `cursor` is the next free row (1-based)."""

    ws: Worksheet
    width: int
    cursor: int = 1
    widths: dict[int, float] = field(default_factory=dict)

    def put(self, row: int, col: int, value: object, *, rows: int = 1, cols: int = 1, box: bool = True,
            bold: bool = False, fmt: str | None = None, align: Alignment | None = None) -> None:
        cell = self.ws.cell(row=row, column=col, value=value)  # type: ignore[arg-type]
        if fmt:
            cell.number_format = fmt
        if bold:
            cell.font = Font(bold=True)
        cell.alignment = align or WRAP
        if rows > 1 or cols > 1:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
        if box:
            for rr in range(row, row + rows):
                for cc in range(col, col + cols):
                    self.ws.cell(row=rr, column=cc).border = BOX

    def banner(self, text: str, *, size: int = 11, bold: bool = False, center: bool = False) -> None:
        self.put(self.cursor, 1, text, cols=self.width, box=False,
                 align=Alignment(horizontal="center" if center else "left", vertical="center"))
        self.ws.cell(row=self.cursor, column=1).font = Font(bold=bold, size=size)
        self.cursor += 1

    def finish(self) -> None:
        for col in range(1, self.width + 1):
            self.ws.column_dimensions[get_column_letter(col)].width = self.widths.get(col, 13)


@dataclass
class Column:
    header: str
    value: object  # callable(nominee) -> cell value, or (value, format)
    group: str = ""


def month_cell(rng: random.Random, value: Sequence[int]) -> tuple[object, str | None]:
    return r.excel_month(rng, value)


def studio_columns(rng: random.Random, category: str, shape: str) -> list[Column]:
    def c(header: str, fn: object, group: str = "") -> Column:
        return Column(header, fn, group)

    name = c("工作室名称", lambda s: s.studio_name)
    org = c("所在单位", lambda s: s.organization)
    leader = "领衔人情况" if shape == "S1" else ""
    lead = [c("姓名" if leader else "领衔人", lambda s: s.leader_name, leader),
            c("性别", lambda s: s.leader_gender, leader),
            c("出生年月", lambda s: month_cell(rng, s.leader_birth), leader)]
    phone = c("联系电话", lambda s: r.phone(rng, s.leader_phone) if s.leader_phone else "", leader)
    honours = c("荣誉称号", lambda s: s.leader_honors, leader)
    work = "工作室情况" if shape == "S1" else ""
    team = c("团队人数", lambda s: r.excel_count(rng, s.team_size or 0, "人"), work)
    est = c("成立时间", lambda s: month_cell(rng, s.established), work)
    code = c("统一社会信用代码", lambda s: s.credit_code)
    tech = c("科技型企业类别", lambda s: r.tech_text(rng, s.tech_category) if s.tech_category else "")
    nature = c("单位性质", lambda s: s.org_nature)
    title = c("职务/职称", lambda s: s.leader_title, leader)
    skill_header = "技能等级" if shape == "S1" else "技能等级或职称"
    skill = c(skill_header, lambda s: s.leader_skill_level, leader)
    if shape == "S2":
        return [name, org, code, nature, tech, *lead, c("职务/职称", lambda s: s.leader_title),
                c("技能等级", lambda s: s.leader_skill_level), honours, team, est, phone]
    if shape == "S3":
        named = c("工作室名称（所在单位）", lambda s: f"{s.studio_name}（{s.organization}）")
        middle = {"labor_model_studio": [honours, title], "worker_studio_tech": [skill, honours],
                  "worker_studio_other": [skill, honours]}[category]
        extra = {"labor_model_studio": [], "worker_studio_tech": [code, tech], "worker_studio_other": [nature]}[category]
        return [named, *extra, *lead, *middle, team, est, phone, c("备注", lambda s: "")]
    extra = {"labor_model_studio": [], "worker_studio_tech": [code, tech], "worker_studio_other": [nature]}[category]
    middle = {"labor_model_studio": [title, honours], "worker_studio_tech": [skill, honours],
              "worker_studio_other": [skill, honours]}[category]
    return [name, org, *extra, *lead, *middle, phone, team, est, c("备注", lambda s: "")]


def write_header(sheet: Sheet, columns: Sequence[Column], first_col: int = 1) -> None:
    """One header row, or two when some columns belong to a group."""
    row = sheet.cursor
    two = any(col.group for col in columns)
    index = 0
    while index < len(columns):
        col = columns[index]
        at = first_col + index
        if two and col.group:
            span = 1
            while index + span < len(columns) and columns[index + span].group == col.group:
                span += 1
            sheet.put(row, at, col.group, cols=span, bold=True)
            for k in range(span):
                sheet.put(row + 1, at + k, columns[index + k].header, bold=True)
            index += span
        else:
            sheet.put(row, at, col.header, rows=2 if two else 1, bold=True)
            index += 1
    sheet.cursor += 2 if two else 1


def write_rows(sheet: Sheet, columns: Sequence[Column], nominees: Sequence[object], start_no: int = 1) -> None:
    for offset, nominee in enumerate(nominees):
        row = sheet.cursor
        sheet.put(row, 1, start_no + offset)
        for index, col in enumerate(columns, start=2):
            value = col.value(nominee)  # type: ignore[operator]
            fmt = None
            if isinstance(value, tuple):
                value, fmt = value
            sheet.put(row, index, value, fmt=fmt)
        sheet.cursor += 1


def split_unit_line(sheet: Sheet, rng: random.Random, style: UnitStyle, label: str = "填报单位（盖章）：") -> None:
    """The unit line over separate cells: a label cell, then its value, and so on."""
    row = sheet.cursor
    pairs = [(label, style.unit_text(rng)), ("填报人：", style.contact),
             ("联系电话：", r.phone(rng, style.contact_phone)), ("填报时间：", style.fill_date())]
    col = 1
    for text, value in pairs:
        if col > sheet.width - 1:
            break
        sheet.put(row, col, text, box=False, align=Alignment(horizontal="right"))
        span = 2 if col + 2 <= sheet.width else 1
        sheet.put(row, col + 1, value, cols=span, box=False, align=Alignment(horizontal="left"))
        col += 1 + span
    sheet.cursor += 1


def s1_workbook(rng: random.Random, style: UnitStyle, category: str, studios: Sequence[Studio]) -> Workbook:
    workbook = Workbook()
    ws = workbook.active
    ws.title = rng.choice(["Sheet1", "汇总表", CATEGORY_WORDS[category][:6]])
    columns = studio_columns(rng, category, "S1")
    sheet = Sheet(ws, len(columns) + 1)
    sheet.banner(f"2021年度{CATEGORY_PROVINCIAL[category]}推荐汇总表", size=16, bold=True, center=True)
    split_unit_line(sheet, rng, style)
    write_header(sheet, [Column("序号", None), *columns])
    write_rows(sheet, columns, studios)
    team_col = 2 + next(i for i, c in enumerate(columns) if c.header == "团队人数")
    row = sheet.cursor
    sheet.put(row, 1, "合计", cols=2)
    sheet.put(row, 3, f"共{len(studios)}个")
    for col in range(4, sheet.width + 1):
        sheet.put(row, col, sum(s.team_size or 0 for s in studios) if col == team_col else None)
    sheet.cursor += 1
    sheet.banner("注：1.请按推荐顺序排列；2.成立时间、出生年月填写到月；3.本表须加盖推荐单位公章。")
    sheet.widths = {1: 6, 2: 26, 3: 30}
    sheet.finish()
    return workbook


def s2_workbook(rng: random.Random, style: UnitStyle, groups: dict[str, Sequence[Studio]]) -> Workbook:
    workbook = Workbook()
    notes = workbook.active
    notes.title = "填表说明"
    for line in ["填表说明", "1.本表按类别分组填写，劳模创新工作室在前，职工创新工作室在后。",
                 "2.“统一社会信用代码”须与营业执照一致，事业单位填写事业单位法人证书代码。",
                 "3.“联系电话”请填写领衔人手机号码。", "4.“成立时间”“出生年月”请填写到月，如2016年3月。",
                 "5.“团队人数”为工作室在册成员人数，只填数字。"]:
        notes.append([line])
    notes.column_dimensions["A"].width = 80
    ws = workbook.create_sheet(rng.choice(["推荐汇总", "汇总表", "Sheet2"]))
    columns = studio_columns(rng, "labor_model_studio", "S2")
    sheet = Sheet(ws, len(columns) + 1)
    sheet.banner("2021年度劳模创新工作室和职工创新工作室推荐汇总表", size=16, bold=True, center=True)
    sheet.banner(f"推荐单位（盖章）：{style.unit_text(rng)}\u3000\u3000填报人：{style.contact}\u3000\u3000"
                 f"联系电话：{r.phone(rng, style.contact_phone)}\u3000\u3000填报日期：{style.fill_date()}")
    write_header(sheet, [Column("序号", None), *columns])
    continuous = rng.random() < 0.5
    number = 1
    for index, (category, studios) in enumerate(groups.items()):
        if not studios:
            continue
        ordinal = "一二三"[index]
        sheet.put(sheet.cursor, 1, f"{ordinal}、{CATEGORY_WORDS[category]}（{len(studios)}个）", cols=sheet.width,
                  bold=True, align=Alignment(horizontal="left", vertical="center"))
        sheet.cursor += 1
        write_rows(sheet, columns, studios, start_no=number)
        number = number + len(studios) if continuous else 1
    sheet.widths = {1: 6, 2: 26, 3: 30}
    sheet.finish()
    workbook.active = 1
    return workbook


S3_SHEET_NAMES = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工（科技型企业）",
                  "worker_studio_other": "职工（其他类型企业）"}
S3_ANNEX = {"labor_model_studio": "附件2", "worker_studio_tech": "附件3", "worker_studio_other": "附件4"}


def s3_workbook(rng: random.Random, style: UnitStyle, groups: dict[str, Sequence[Studio]]) -> Workbook:
    workbook = Workbook()
    first = True
    for category, studios in groups.items():
        if not studios:
            continue
        ws = workbook.active if first else workbook.create_sheet()
        first = False
        ws.title = S3_SHEET_NAMES[category]
        columns = studio_columns(rng, category, "S3")
        sheet = Sheet(ws, len(columns) + 1)
        sheet.banner(S3_ANNEX[category])
        sheet.banner(f"{CATEGORY_PROVINCIAL[category].replace('（', '推荐汇总表（', 1)}"
                     if "（" in CATEGORY_PROVINCIAL[category] else f"{CATEGORY_PROVINCIAL[category]}推荐汇总表",
                     size=16, bold=True, center=True)
        sheet.banner(f"推荐单位：{style.unit_text(rng)}（盖章）")
        write_header(sheet, [Column("序号", None), *columns])
        write_rows(sheet, columns, studios)
        sheet.banner(f"填报人：{style.contact}\u3000\u3000联系电话：{r.phone(rng, style.contact_phone)}"
                     f"\u3000\u3000填报日期：{style.fill_date()}")
        sheet.widths = {1: 6, 2: 40}
        sheet.finish()
    return workbook


def t1_workbook(rng: random.Random, style: UnitStyle, bases: Sequence[TrainingBase]) -> Workbook:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "培训基地"
    columns = [
        Column("企业名称", lambda b: b.enterprise_name), Column("统一社会信用代码", lambda b: b.credit_code),
        Column("科技型企业类别", lambda b: r.tech_text(rng, b.tech_category)),
        Column("职工人数", lambda b: r.excel_count(rng, b.employees, "人")),
        Column("培训场所面积（㎡）", lambda b: float(b.training_area_m2) if rng.random() < 0.7
               else r.area(rng, b.training_area_m2)),
        Column("专职", lambda b: b.full_time_teachers, "师资（人）"),
        Column("兼职", lambda b: b.part_time_teachers, "师资（人）"),
        Column("2018年", lambda b: b.trainees_2018, "实名制培训人次"),
        Column("2019年", lambda b: b.trainees_2019, "实名制培训人次"),
        Column("2020年", lambda b: b.trainees_2020, "实名制培训人次"),
        Column("主要培训工种", lambda b: b.training_programs), Column("联系人", lambda b: b.contact_name),
        Column("联系电话", lambda b: r.phone(rng, b.contact_phone)),
    ]
    sheet = Sheet(ws, len(columns) + 1)
    sheet.banner("2021年度辽宁省工会职工职业技能培训基地推荐汇总表", size=16, bold=True, center=True)
    split_unit_line(sheet, rng, style, "推荐单位（盖章）：")
    write_header(sheet, [Column("序号", None), *columns])
    write_rows(sheet, columns, bases)
    row = sheet.cursor
    sheet.put(row, 1, "合计", cols=2)
    sums = {"专职": sum(b.full_time_teachers for b in bases), "兼职": sum(b.part_time_teachers for b in bases),
            "2018年": sum(b.trainees_2018 for b in bases), "2019年": sum(b.trainees_2019 for b in bases),
            "2020年": sum(b.trainees_2020 for b in bases)}
    for index, col in enumerate(columns[1:], start=3):
        sheet.put(row, index, sums.get(col.header))
    sheet.cursor += 1
    sheet.widths = {1: 6, 2: 30, 3: 22}
    sheet.finish()
    return workbook


def t2_workbook(rng: random.Random, style: UnitStyle, bases: Sequence[TrainingBase]) -> Workbook:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Sheet1"

    def teachers(b: TrainingBase) -> object:
        if rng.random() < 0.5:
            return b.full_time_teachers + b.part_time_teachers
        return f"专职{b.full_time_teachers}人，兼职{b.part_time_teachers}人"

    columns = [
        Column("企业名称", lambda b: b.enterprise_name), Column("统一社会信用代码", lambda b: b.credit_code),
        Column("科技型企业类别", lambda b: r.tech_text(rng, b.tech_category)),
        Column("职工人数", lambda b: r.excel_count(rng, b.employees, "人")),
        Column("培训场所面积（平方米）", lambda b: format_number(b.training_area_m2)),
        Column("专兼职教师人数", teachers),
        Column("上年度实名制培训人次", lambda b: r.excel_count(rng, b.trainees_2020, "人次")),
        Column("主要培训专业（工种）", lambda b: b.training_programs),
        Column("联系人", lambda b: b.contact_name), Column("联系电话", lambda b: r.phone(rng, b.contact_phone)),
        Column("备注", lambda b: ""),
    ]
    sheet = Sheet(ws, len(columns) + 1)
    sheet.banner("附件7")
    sheet.banner("职工职业技能培训基地申报汇总表", size=16, bold=True, center=True)
    sheet.banner(f"推荐单位（盖章）：{style.unit_text(rng)}\u3000\u3000填报人：{style.contact}\u3000\u3000"
                 f"联系电话：{r.phone(rng, style.contact_phone)}\u3000\u3000填报日期：{style.fill_date()}")
    write_header(sheet, [Column("序号", None), *columns])
    write_rows(sheet, columns, bases)
    sheet.banner("注：“上年度”指2020年度；科技型企业类别须提供相应证书复印件。")
    sheet.widths = {1: 6, 2: 30, 3: 22}
    sheet.finish()
    return workbook
