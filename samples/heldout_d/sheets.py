"""Summary workbooks of family D. Each studio column names the truth field it carries, so that
the truth of a studio sent without a form is exactly what its summary row says.

- `twolevel`: a merged title, the unit line split over cells, two header levels (`工作室情况`,
  `领衔人情况`, `单位联系人` over their columns, so `姓名` appears twice), a 填报说明 block below;
- `bycompany`: rows grouped by organisation with a count row (`某某公司（2个）`), the organisation
  merged down its rows, dates as Excel dates shown `2016年3月`, a 合计 row that adds up;
- `reordered`: the leader first, leader's and contact's phones in separate columns, 注 lines.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl import Workbook

from .. import data
from ..records import Studio, TrainingBase
from ..season import year
from .kit import Sheet
from .plan import Office

ANNEX = {"labor_model_studio": "附件2", "worker_studio_tech": "附件3", "worker_studio_other": "附件4",
         "training_base": "附件7"}
TITLES = {
    "labor_model_studio": "辽宁省劳模创新工作室推荐汇总表",
    "worker_studio_tech": "辽宁省职工创新工作室推荐汇总表（科技型企业）",
    "worker_studio_other": "辽宁省职工创新工作室推荐汇总表（其他类型企业）",
    "training_base": "辽宁省工会职工职业技能培训基地申报汇总表",
}
SHEET_NAMES = {"labor_model_studio": "劳模工作室", "worker_studio_tech": "科技型企业",
               "worker_studio_other": "其他类型企业", "training_base": "培训基地"}
MONTH_FORMAT = 'yyyy"年"m"月"'


@dataclass
class Column:
    label: str
    field: str | None          # the truth field the column carries (None: not a nominee's field)
    value: Callable[[Studio], object]
    group: str = ""


class Contacts:
    """The unit-side contact person of each studio (a different person from the leader)."""

    def __init__(self, rng: random.Random, office: Office) -> None:
        self.rng = rng
        self.city = data.unit_city(office.unit)
        self.people: dict[str, tuple[str, str]] = {}

    def of(self, studio: Studio) -> tuple[str, str]:
        if studio.studio_name not in self.people:
            name = data.person_name(self.rng, self.rng.choice("男女"))
            self.people[studio.studio_name] = (name, data.phone(self.rng, self.city))
        return self.people[studio.studio_name]


def studio_columns(category: str, office: Office, contacts: Contacts, *, excel_dates: bool) -> list[Column]:
    v = office.voice

    def month(value: tuple[int, ...]) -> object:
        return v.excel_date(value[0], value[1]) if excel_dates else v.month(value[0], value[1])

    worker = category != "labor_model_studio"
    studio_part = [
        Column("工作室名称", "studio_name", lambda s: s.studio_name, "工作室情况"),
        Column("所在单位", "organization", lambda s: s.organization, "工作室情况"),
    ]
    if category == "worker_studio_tech":
        studio_part += [Column("统一社会信用代码", "credit_code", lambda s: s.credit_code, "工作室情况"),
                        Column("科技型企业类别", "tech_category", lambda s: v.tech_text(s.tech_category), "工作室情况")]
    if category == "worker_studio_other":
        studio_part.append(Column("单位性质", "org_nature", lambda s: s.org_nature, "工作室情况"))
    studio_part += [
        Column("成立时间", "established", lambda s: month(s.established), "工作室情况"),
        Column("团队人数", "team_size", lambda s: s.summary_value("team_size"), "工作室情况"),
    ]
    leader_part = [
        Column("姓名", "leader_name", lambda s: s.leader_name, "领衔人情况"),
        Column("性别", "leader_gender", lambda s: s.leader_gender, "领衔人情况"),
        Column("出生年月", "leader_birth", lambda s: month(s.leader_birth), "领衔人情况"),
        Column("职务/职称", "leader_title", lambda s: s.leader_title, "领衔人情况"),
    ]
    if worker:
        leader_part.append(Column("技能等级", "leader_skill_level", lambda s: s.leader_skill_level, "领衔人情况"))
    leader_part += [
        Column("荣誉称号", "leader_honors", lambda s: s.leader_honors, "领衔人情况"),
        Column("手机号码", "leader_phone", lambda s: v.phone(s.leader_phone), "领衔人情况"),
    ]
    contact_part = [
        Column("姓名", None, lambda s: contacts.of(s)[0], "单位联系人"),
        Column("联系电话", None, lambda s: v.phone(contacts.of(s)[1]), "单位联系人"),
    ]
    return studio_part + leader_part + contact_part


def carried_fields(columns: list[Column]) -> set[str]:
    return {c.field for c in columns if c.field}


def head(sheet: Sheet, category: str, office: Office, *, annex: bool) -> None:
    if annex:
        sheet.banner(ANNEX[category], size=12)
    sheet.banner(f"{year(2021)}年度{TITLES[category]}", size=16, bold=True, center=True, height=30)


def split_unit_line(sheet: Sheet, office: Office) -> None:
    """`填报单位（盖章）：| X | 填报人：| Y | 联系电话：| Z | 填报时间：| date`, over separate cells."""
    parts = [("填报单位（盖章）：", 2), (office.self_name, 3), ("填报人：", 1), (office.clerk, 1),
             ("联系电话：", 1), (office.voice.phone(office.clerk_phone), 2), ("填报时间：", 1),
             (office.fill_date(), 2)]
    col = 1
    for index, (text, span) in enumerate(parts):
        if index == len(parts) - 1:
            span = max(span, sheet.width - col + 1)
        if col > sheet.width:
            break
        span = min(span, sheet.width - col + 1)
        sheet.put(sheet.row, col, text, cols=span, boxed=False, left=index % 2 == 0)
        col += span
    sheet.row += 1


# --- studio summaries ---------------------------------------------------------------------------------


def twolevel_summary(studios: list[Studio], category: str, office: Office, rng: random.Random
                     ) -> tuple[Workbook, set[str]]:
    columns = studio_columns(category, office, Contacts(rng, office), excel_dates=False)
    width = len(columns) + 2
    workbook = Workbook()
    ws = workbook.active
    ws.title = "汇总表"
    sheet = Sheet(ws, width)
    head(sheet, category, office, annex=rng.random() < 0.5)
    split_unit_line(sheet, office)
    top = sheet.row
    sheet.put(top, 1, "序号", rows=2, bold=True)
    col = 2
    while col - 2 < len(columns):
        group = columns[col - 2].group
        span = sum(1 for c in columns if c.group == group)
        sheet.put(top, col, group, cols=span, bold=True)
        for offset in range(span):
            sheet.put(top + 1, col + offset, columns[col - 2 + offset].label, bold=True)
        col += span
    sheet.put(top, width, "备注", rows=2, bold=True)
    row = top + 2
    for index, studio in enumerate(studios, start=1):
        sheet.put(row, 1, index)
        for offset, column in enumerate(columns):
            sheet.put(row, 2 + offset, column.value(studio))
        sheet.put(row, width, "")
        row += 1
    sheet.row = row + 1
    sheet.banner("填报说明：")
    for line in ("1.工作室名称、所在单位须与基本情况表一致，所在单位填写全称；",
                 "2.成立时间填写到月，团队人数为在册成员人数；",
                 "3.“单位联系人”填写工作室所在单位负责推荐工作的同志；",
                 "4.本表由推荐单位汇总填报，加盖公章后连同电子版一并报送。"):
        sheet.banner(line)
    sheet.widths([6] + [14] * (width - 1))
    return workbook, carried_fields(columns)


def bycompany_summary(studios: list[Studio], category: str, office: Office, rng: random.Random
                      ) -> tuple[Workbook, set[str]]:
    columns = studio_columns(category, office, Contacts(rng, office), excel_dates=True)
    columns = [columns[1], columns[0], *columns[2:]]        # organisation first, merged down its group
    leader_name = next(c for c in columns if c.field == "leader_name")
    leader_name.label = "领衔人"
    contact_name, contact_phone = columns[-2], columns[-1]
    contact_name.label, contact_phone.label = "联系人", "联系人电话"
    leader_phone = next(c for c in columns if c.field == "leader_phone")
    leader_phone.label = "领衔人电话"
    width = len(columns) + 1
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_NAMES[category]
    sheet = Sheet(ws, width)
    head(sheet, category, office, annex=True)
    sheet.banner(f"推荐单位：{office.self_name}（盖章）          填报日期：{office.fill_date()}")
    header = sheet.row
    sheet.put(header, 1, "序号", bold=True)
    for offset, column in enumerate(columns):
        sheet.put(header, 2 + offset, column.label, bold=True)
    row = header + 1
    groups: dict[str, list[Studio]] = {}
    for studio in studios:
        groups.setdefault(studio.organization, []).append(studio)
    number = 0
    team_column = 2 + next(i for i, c in enumerate(columns) if c.field == "team_size")
    for organisation, members in groups.items():
        sheet.put(row, 1, f"{organisation}（{len(members)}个）", cols=width, left=True, bold=True)
        row += 1
        first = row
        for studio in members:
            number += 1
            sheet.put(row, 1, number)
            for offset, column in enumerate(columns[1:], start=1):
                value = column.value(studio)
                is_date = column.field in ("established", "leader_birth")
                sheet.put(row, 2 + offset, value, number_format=MONTH_FORMAT if is_date else None)
            row += 1
        sheet.put(first, 2, organisation, rows=len(members))
    team_total = sum(int(s.summary_value("team_size")) for s in studios)  # type: ignore[call-overload]
    sheet.put(row, 1, "合计", cols=2, bold=True)
    sheet.put(row, 3, f"共{len(studios)}个", bold=True)
    for col in range(4, width + 1):
        sheet.put(row, col, team_total if col == team_column else None)
    sheet.widths([6] + [15] * (width - 1))
    return workbook, carried_fields(columns)


def reordered_summary(studios: list[Studio], category: str, office: Office, rng: random.Random
                      ) -> tuple[Workbook, set[str]]:
    columns = studio_columns(category, office, Contacts(rng, office), excel_dates=False)
    by_field = {c.field: c for c in columns if c.field}
    order = ["leader_name", "studio_name", "organization", "leader_gender", "leader_birth"]
    leader = by_field["leader_name"]
    leader.label = "领衔人"
    by_field["leader_phone"].label = "领衔人联系电话"
    rest = [c for c in columns if c.field not in order and c.field]
    columns = [by_field[f] for f in order] + rest
    contact = Contacts(rng, office)
    columns += [Column("工作室联系人", None, lambda s: contact.of(s)[0]),
                Column("联系人电话", None, lambda s: office.voice.phone(contact.of(s)[1]))]
    width = len(columns) + 2
    workbook = Workbook()
    ws = workbook.active
    sheet = Sheet(ws, width)
    head(sheet, category, office, annex=True)
    sheet.banner(f"推荐单位（盖章）：{office.self_name}    填报人：{office.clerk}    "
                 f"联系电话：{office.voice.phone(office.clerk_phone)}    填报日期：{office.fill_date()}")
    header = sheet.row
    for offset, label in enumerate(["序号", *[c.label for c in columns], "备注"], start=1):
        sheet.put(header, offset, label, bold=True)
    row = header + 1
    for index, studio in enumerate(studios, start=1):
        sheet.put(row, 1, index)
        for offset, column in enumerate(columns, start=2):
            sheet.put(row, offset, column.value(studio))
        sheet.put(row, width, "")
        row += 1
    sheet.row = row
    sheet.banner("注：1.请按推荐顺序排列；2.“领衔人联系电话”请填写领衔人本人电话；3.此表须加盖推荐单位公章。")
    sheet.widths([6] + [14] * (width - 1))
    return workbook, carried_fields(columns)


STUDIO_SUMMARIES = {"twolevel": twolevel_summary, "bycompany": bycompany_summary, "reordered": reordered_summary}


def studio_summary(studios: list[Studio], category: str, office: Office, rng: random.Random
                   ) -> tuple[Workbook, set[str]]:
    return STUDIO_SUMMARIES[office.summary_style](studios, category, office, rng)


# --- training-base summary ---------------------------------------------------------------------------


def base_summary(bases: list[TrainingBase], office: Office, rng: random.Random) -> Workbook:
    v = office.voice
    workbook = Workbook()
    ws = workbook.active
    ws.title = "培训基地"
    if office.summary_style == "twolevel":
        singles = [("企业名称", lambda b: b.enterprise_name), ("统一社会信用代码", lambda b: b.credit_code),
                   ("科技型企业类别", lambda b: v.tech_text(b.tech_category)), ("职工人数", lambda b: b.employees),
                   ("培训场所面积（㎡）", lambda b: b.training_area_m2)]
        groups = [("师资（人）", [("专职", lambda b: b.full_time_teachers), ("兼职", lambda b: b.part_time_teachers)]),
                  ("实名制培训人次", [(f"{year(2018)}年", lambda b: b.trainees_2018),
                                     (f"{year(2019)}年", lambda b: b.trainees_2019),
                                     (f"{year(2020)}年", lambda b: b.trainees_2020)])]
        tail = [("主要培训工种", lambda b: b.training_programs), ("联系人", lambda b: b.contact_name),
                ("联系电话", lambda b: v.phone(b.contact_phone))]
        width = 1 + len(singles) + 5 + len(tail)
        sheet = Sheet(ws, width)
        head(sheet, "training_base", office, annex=rng.random() < 0.5)
        split_unit_line(sheet, office)
        top = sheet.row
        sheet.put(top, 1, "序号", rows=2, bold=True)
        cells: list[Callable[[TrainingBase], object]] = []
        col = 2
        for label, getter in singles:
            sheet.put(top, col, label, rows=2, bold=True)
            cells.append(getter)
            col += 1
        for group, members in groups:
            sheet.put(top, col, group, cols=len(members), bold=True)
            for label, getter in members:
                sheet.put(top + 1, col, label, bold=True)
                cells.append(getter)
                col += 1
        for label, getter in tail:
            sheet.put(top, col, label, rows=2, bold=True)
            cells.append(getter)
            col += 1
        row = top + 2
    else:
        header = [("企业名称", lambda b: b.enterprise_name), ("统一社会信用代码", lambda b: b.credit_code),
                  ("科技型企业类别", lambda b: v.tech_text(b.tech_category)),
                  ("主要培训专业（工种）", lambda b: b.training_programs), ("职工人数", lambda b: b.employees),
                  ("培训场所面积（平方米）", lambda b: b.training_area_m2),
                  ("专兼职教师人数", lambda b: b.full_time_teachers + b.part_time_teachers),
                  ("上年度实名制培训人次", lambda b: b.trainees_2020), ("联系人", lambda b: b.contact_name),
                  ("联系电话", lambda b: v.phone(b.contact_phone))]
        width = len(header) + 2
        sheet = Sheet(ws, width)
        head(sheet, "training_base", office, annex=True)
        sheet.banner(f"推荐单位（盖章）：{office.self_name}    填报人：{office.clerk}    填报日期：{office.fill_date()}")
        top = sheet.row
        sheet.put(top, 1, "序号", bold=True)
        for offset, (label, _) in enumerate(header, start=2):
            sheet.put(top, offset, label, bold=True)
        sheet.put(top, width, "备注", bold=True)
        cells = [getter for _, getter in header]
        row = top + 1
    for index, base in enumerate(bases, start=1):
        sheet.put(row, 1, index)
        for offset, getter in enumerate(cells, start=2):
            sheet.put(row, offset, getter(base))
        row += 1
    sheet.row = row
    sheet.banner("注：科技型企业类别填写高新技术企业、科技型中小企业、雏鹰企业、瞪羚企业或独角兽企业。")
    sheet.widths([6] + [14] * (width - 1))
    return workbook
