"""Excel documents of family C: forms laid out on a worksheet with merged cells (alone, or as extra
sheets of the summary workbook) and summaries with split unit lines, grouped headers, extra columns,
合计 and 注 rows."""

from __future__ import annotations

import random
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import data
from ..records import Studio, TrainingBase
from . import values as v
from .common import (
    TITLE_BY_CATEGORY,
    TRAINING_SYSTEM,
    base_opinions,
    base_text,
    category_rows,
    fill_date,
    studio_opinions,
    studio_text,
    training_system_chosen,
)
from .plan import Office

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def put(ws: Worksheet, row: int, col: int, value: object, *, to_row: int | None = None, to_col: int | None = None,
        fmt: str | None = None, bold: bool = False, size: float | None = None, center: bool = True,
        border: bool = True) -> None:
    cell = ws.cell(row=row, column=col, value=value)  # type: ignore[arg-type]
    if fmt:
        cell.number_format = fmt
    cell.font = Font(bold=bold, size=size or 11, name="宋体")
    cell.alignment = Alignment(horizontal="center" if center else "left", vertical="center", wrap_text=True)
    last_row, last_col = to_row or row, to_col or col
    if border:
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                ws.cell(row=r, column=c).border = BORDER
    if (last_row, last_col) != (row, col):
        ws.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)


def excel_count(rng: random.Random, value: int, unit: str) -> object:
    return value if rng.random() < 0.6 else v.count_text(rng, value, unit)


# --- forms on a worksheet ------------------------------------------------------------------------------


def studio_form_sheet(ws: Worksheet, rng: random.Random, office: Office, s: Studio) -> None:
    """An 8-column sheet: vertical section labels in column A, label/value pairs in B–H."""
    t = studio_text(rng, s, tech_ticks=v.tick_style(rng) if rng.random() < 0.3 else None)
    style = v.tick_style(rng)
    for col, width in zip("ABCDEFGH", (5, 14, 12, 12, 14, 12, 10, 12), strict=True):
        ws.column_dimensions[col].width = width
    if s.form_category == "labor_model_studio":
        title, cats = rng.choice(TITLE_BY_CATEGORY["labor_model_studio"]), []
    else:
        title = rng.choice(["辽宁省职工创新工作室申报表", "职工创新工作室基本情况表"])
        cats = category_rows(rng, s.form_category, style, two_rows=rng.random() < 0.5)
    put(ws, 1, 1, title, to_col=8, bold=True, size=16, border=False)
    put(ws, 2, 1, f"推荐单位（盖章）：{office.self_name}", to_col=5, center=False, border=False)
    put(ws, 2, 6, f"填表日期：{fill_date(office)}", to_col=8, center=False, border=False)
    r = 3
    top = r
    put(ws, r, 2, rng.choice(["工作室名称", "工作室全称"]))
    put(ws, r, 3, t.name, to_col=8)
    r += 1
    for label, ticks in cats:
        put(ws, r, 2, label)
        put(ws, r, 3, ticks, to_col=8, center=False)
        r += 1
    for (l1, v1), (l2, v2) in (
        (("所在单位", t.organization), ("统一社会信用代码", t.credit_code)),
        (("单位性质", t.org_nature), ("科技型企业类别", t.tech)),
        (("团队人数", excel_count(rng, int(s.team_size or 0), "人")), ("成立时间", None)),
        (("活动场所面积\n（平方米）", v.area_text(rng, s.venue_area_m2) if rng.random() < 0.5 else s.venue_area_m2),
         ("年度经费\n（万元）", s.annual_funding_wan if rng.random() < 0.5 else t.funding)),
    ):
        put(ws, r, 2, l1)
        put(ws, r, 3, v1, to_col=5)
        put(ws, r, 6, l2)
        if l2 == "成立时间":
            value, fmt = v.excel_month(rng, s.established)
            put(ws, r, 7, value, to_col=8, fmt=fmt)
        else:
            put(ws, r, 7, v2, to_col=8)
        r += 1
    put(ws, r, 2, "设备设施")
    put(ws, r, 3, t.equipment, to_col=8, center=False)
    put(ws, top, 1, "\n".join("工作室情况"), to_row=r)
    r += 1
    top = r
    birth, birth_fmt = v.excel_month(rng, s.leader_birth)
    for cells in (
        (("姓名", t.leader), ("性别", t.gender), ("出生年月", (birth, birth_fmt))),
        (("民族", t.ethnicity), ("政治面貌", t.politics), ("文化程度", t.education)),
        (("职务/职称", t.title), ("技能等级", t.skill), ("联系电话", t.phone)),
    ):
        col = 2
        for label, value in cells:
            put(ws, r, col, label)
            fmt = None
            if isinstance(value, tuple):
                value, fmt = value
            put(ws, r, col + 1, value, to_col=col + 1 if col < 6 else 8, fmt=fmt)
            col += 2
        r += 1
    put(ws, r, 2, rng.choice(["荣誉称号", "所获荣誉"]))
    put(ws, r, 3, t.honours, to_col=8, center=False)
    put(ws, top, 1, "\n".join("领衔人情况"), to_row=r)
    r += 1
    top = r
    for cells in (
        (("获得专利（项）", excel_count(rng, s.patents, "项")), ("技术攻关（项）", excel_count(rng, s.tackled_projects, "项")),
         ("合理化建议（条）", excel_count(rng, s.suggestions, "条"))),
        (("近三年经济效益\n（万元）", s.economic_benefit_wan if rng.random() < 0.5 else t.benefit),
         ("培训职工（人次）", excel_count(rng, s.trained_workers, "人次")),
         ("师带徒（对）", excel_count(rng, s.apprentices, "对"))),
    ):
        col = 2
        for label, value in cells:
            put(ws, r, col, label)
            put(ws, r, col + 1, value, to_col=col + 1 if col < 6 else 8)
            col += 2
        r += 1
    put(ws, top, 1, "\n".join("创新成果"), to_row=r - 1)
    put(ws, r, 1, "工作室简介", to_col=2)
    put(ws, r, 3, t.introduction, to_col=8, center=False)
    ws.row_dimensions[r].height = 60
    r += 1
    for label, text in studio_opinions(rng, office, s):
        put(ws, r, 1, label, to_col=2)
        put(ws, r, 3, text, to_col=8, center=False)
        ws.row_dimensions[r].height = 70
        r += 1


def base_form_sheet(ws: Worksheet, rng: random.Random, office: Office, b: TrainingBase) -> None:
    t = base_text(rng, b, tech_ticks=v.tick_style(rng) if rng.random() < 0.5 else None)
    style = v.tick_style(rng)
    for col, width in zip("ABCDEFG", (16, 14, 14, 16, 14, 14, 14), strict=True):
        ws.column_dimensions[col].width = width
    put(ws, 1, 1, "辽宁省工会职工职业技能培训基地申报表", to_col=7, bold=True, size=16, border=False)
    put(ws, 2, 1, f"推荐单位（盖章）：{office.self_name}", to_col=4, center=False, border=False)
    put(ws, 2, 5, f"填报日期：{fill_date(office)}", to_col=7, center=False, border=False)
    cert_value, cert_fmt = v.excel_month(rng, b.cert_date)
    r = 3
    layout: list[tuple[tuple[str, object, str | None], ...]] = [
        (("企业名称", t.name, None),),
        (("统一社会信用代码", t.credit_code, None), ("科技型企业类别", t.tech, None)),
        (("认定证书编号", t.cert_no, None), ("认定时间", cert_value, cert_fmt)),
        (("企业地址", t.address, None),),
        (("法定代表人", t.legal_rep, None), ("职工人数", excel_count(rng, b.employees, "人"), None)),
        (("联系人", t.contact, None), ("联系电话", t.phone, None)),
        (("培训场所面积（㎡）", b.training_area_m2 if rng.random() < 0.5 else t.area, None),
         ("教学设备（台套）", excel_count(rng, b.equipment_sets, "台套"), None)),
        (("专职教师（人）", excel_count(rng, b.full_time_teachers, "人"), None),
         ("兼职教师（人）", excel_count(rng, b.part_time_teachers, "人"), None)),
        (("主要培训专业（工种）", t.programs, None),),
    ]
    for cells in layout:
        if len(cells) == 1:
            label, value, fmt = cells[0]
            put(ws, r, 1, label)
            put(ws, r, 2, value, to_col=7, fmt=fmt)
        else:
            (l1, v1, f1), (l2, v2, f2) = cells
            put(ws, r, 1, l1)
            put(ws, r, 2, v1, to_col=4, fmt=f1)
            put(ws, r, 5, l2)
            put(ws, r, 6, v2, to_col=7, fmt=f2)
        r += 1
    put(ws, r, 1, "近三年实名制\n培训人次", to_row=r + 1)
    years = [b.trainees_2018, b.trainees_2019, b.trainees_2020]
    for index, (year, count) in enumerate(zip(("2018年", "2019年", "2020年"), years, strict=True)):
        col = 2 + index * 2
        put(ws, r, col, year, to_col=col + 1)
        put(ws, r + 1, col, excel_count(rng, count, "人次"), to_col=col + 1)
    r += 2
    put(ws, r, 1, "学员满意率")
    if rng.random() < 0.5:
        put(ws, r, 2, b.satisfaction_rate, to_col=7, fmt="0%" if (b.satisfaction_rate * 100).is_integer() else "0.0%")
    else:
        put(ws, r, 2, t.satisfaction, to_col=7)
    r += 1
    put(ws, r, 1, "培训制度建设")
    put(ws, r, 2, v.tick_line(style, TRAINING_SYSTEM, training_system_chosen(b)), to_col=7, center=False)
    r += 1
    put(ws, r, 1, "基地简介")
    put(ws, r, 2, t.introduction, to_col=7, center=False)
    ws.row_dimensions[r].height = 60
    r += 1
    for label, text in base_opinions(rng, office):
        put(ws, r, 1, label)
        put(ws, r, 2, text, to_col=7, center=False)
        ws.row_dimensions[r].height = 70
        r += 1


def sheet_title(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, "")
    return name[:31]


def studio_form_workbook(rng: random.Random, office: Office, studio: Studio) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(rng.choice([studio.leader_name, "基本情况表", "Sheet1"]))
    studio_form_sheet(ws, rng, office, studio)
    return wb


def base_form_workbook(rng: random.Random, office: Office, base: TrainingBase) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = rng.choice(["申报表", "Sheet1", "培训基地"])
    base_form_sheet(ws, rng, office, base)
    return wb


# --- summaries ---------------------------------------------------------------------------------------------

ANNEX = {"labor_model_studio": "附件2", "worker_studio_tech": "附件3", "worker_studio_other": "附件4",
         "training_base": "附件7"}
TITLES = {
    "labor_model_studio": ["辽宁省劳模创新工作室推荐汇总表", "{year}年度辽宁省劳模创新工作室推荐汇总表",
                           "{unit}推荐辽宁省劳模创新工作室汇总表"],
    "worker_studio_tech": ["辽宁省职工创新工作室推荐汇总表（科技型企业）", "{unit}职工创新工作室推荐汇总表（科技型企业）"],
    "worker_studio_other": ["辽宁省职工创新工作室推荐汇总表（其他类型企业）",
                            "{unit}职工创新工作室推荐汇总表（其他类型企业）"],
    "training_base": ["辽宁省工会职工职业技能培训基地申报汇总表", "{year}年职工职业技能培训基地申报汇总表"],
}
SHEET_NAMES = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工（科技型）",
               "worker_studio_other": "职工（其他类型）", "training_base": "培训基地"}
NOTES = [
    "注：1.按推荐顺序填写；2.成立时间、出生年月填写到月；3.团队人数为工作室在册成员数。",
    "注：本表须加盖推荐单位公章，连同电子版一并报送。",
    "说明：联系电话请填写领衔人手机号码。",
]
INSTRUCTIONS = [
    "填表说明",
    "一、本表由各推荐单位填写，按劳模创新工作室、职工创新工作室分别汇总。",
    "二、工作室名称应与申报材料、基本情况表一致，统一使用全称。",
    "三、成立时间须在2020年7月以前；出生年月、成立时间填写到月。",
    "四、省直推荐单位推荐的工作室，须经所在地市总工会同意。",
]


@dataclass
class Column:
    header: str
    group: str | None   # a group cell over this column in a two-row header
    key: str            # what the column holds (see `cell_value`)


def studio_columns(rng: random.Random, category: str, grouped: bool, extras: list[str]) -> list[Column]:
    g = "领衔人情况" if grouped else None
    cols = [Column("序号", None, "index"), Column("工作室名称", None, "studio_name"),
            Column(rng.choice(["所在单位", "所在单位（全称）"]), None, "organization")]
    if "region" in extras:
        cols.append(Column("所在地区", None, "region"))
    if category == "worker_studio_tech":
        cols += [Column("统一社会信用代码", None, "credit_code"), Column("科技型企业类别", None, "tech_category")]
    if category == "worker_studio_other":
        cols.append(Column("单位性质", None, "org_nature"))
    cols += [Column("姓名" if grouped else "领衔人", g, "leader_name"), Column("性别", g, "leader_gender"),
             Column("出生年月", g, "leader_birth")]
    if category == "labor_model_studio":
        cols += [Column("荣誉称号", g, "leader_honors"), Column("职务/职称", g, "leader_title")]
    else:
        cols += [Column("技能等级或职称", g, "leader_skill_level"), Column("荣誉称号", g, "leader_honors")]
    phone = Column("联系电话", g, "leader_phone")
    if grouped:  # the group cell spans the leader's columns, so the phone moves next to them
        cols.append(phone)
    cols += [Column(rng.choice(["团队人数", "团队人数（人）"]), None, "team_size"),
             Column(rng.choice(["成立时间", "成立时间（年月）"]), None, "established")]
    if not grouped:
        cols.append(phone)
    if "email" in extras:
        cols.append(Column("邮箱", None, "email"))
    cols.append(Column("备注", None, "note"))
    return cols


def base_columns(rng: random.Random, grouped: bool, extras: list[str]) -> list[Column]:
    cols = [Column("序号", None, "index"), Column("企业名称", None, "enterprise_name")]
    if "region" in extras:
        cols.append(Column("所在地区", None, "region"))
    cols += [Column("统一社会信用代码", None, "credit_code"), Column("科技型企业类别", None, "tech_category"),
             Column("职工人数", None, "employees"), Column("培训场所面积（平方米）", None, "training_area_m2"),
             Column("专兼职教师人数", None, "teachers_total"),
             Column("上年度实名制培训人次", None, "trainees_2020"),
             Column("主要培训专业（工种）", None, "training_programs")]
    g = "联系方式" if grouped else None
    cols += [Column("联系人", g, "contact_name"), Column("联系电话", g, "contact_phone")]
    if "email" in extras:
        cols.append(Column("邮箱", g, "email"))
    cols.append(Column("备注", None, "note"))
    return cols


def region_of(organisation_city: str, rng: random.Random) -> str:
    return f"{organisation_city}市{rng.choice(data.CITY_DISTRICTS.get(organisation_city, data.DEFAULT_DISTRICTS))}"


def cell_value(rng: random.Random, key: str, nominee: Studio | TrainingBase, index: int,
               office: Office) -> tuple[object, str | None]:
    if key == "index":
        return index, None
    if key == "region":
        return region_of(nominee.city, rng), None
    if key == "email":
        return f"{''.join(rng.choice('abcdefghkmnpstwxyz') for _ in range(6))}@{rng.choice(['163.com', 'qq.com'])}", None
    if key == "note":
        return None, None
    if key in ("leader_birth", "established"):
        return v.excel_month(rng, getattr(nominee, key))
    if key == "tech_category":
        return v.tech_text(rng, nominee.tech_category, None) or None, None  # type: ignore[union-attr]
    if key in ("team_size", "employees", "trainees_2020"):
        value = getattr(nominee, key)
        return (value if rng.random() < 0.7 else f"{value}{'人次' if key == 'trainees_2020' else '人'}"), None
    if key == "teachers_total":
        b = nominee
        return b.full_time_teachers + b.part_time_teachers, None  # type: ignore[union-attr]
    if key == "training_area_m2":
        return nominee.training_area_m2, None  # type: ignore[union-attr]
    if key in ("leader_phone", "contact_phone"):
        digits = getattr(nominee, key)
        return (digits if rng.random() < 0.5 else v.phone_text(rng, digits)), None
    value = getattr(nominee, key)
    if key in ("leader_title", "leader_skill_level", "leader_honors") and not value:
        return v.blank_mark(rng) or None, None
    return value, None


def summary_sheet(ws: Worksheet, rng: random.Random, office: Office, category: str,
                  nominees: list[Studio] | list[TrainingBase]) -> None:
    grouped = rng.random() < 0.5
    extras = [e for e in ("region", "email") if rng.random() < 0.3]
    cols = (base_columns(rng, grouped, extras) if category == "training_base"
            else studio_columns(rng, category, grouped, extras))
    width = len(cols)
    r = 1
    if rng.random() < 0.6:
        put(ws, r, 1, ANNEX[category], center=False, border=False)
        r += 1
    title = rng.choice(TITLES[category]).format(year=2021, unit=office.self_name)
    put(ws, r, 1, title, to_col=width, bold=True, size=16, border=False)
    r += 1
    unit_label = rng.choice(["推荐单位（盖章）：", "填报单位（盖章）：", "推荐单位："])
    if rng.random() < 0.5:  # the unit line split over separate merged cells
        quarter = max(2, width // 4)
        parts = [f"{unit_label}{office.self_name}", f"填报人：{office.contact}",
                 f"联系电话：{v.phone_text(rng, office.contact_phone)}", f"填报日期：{fill_date(office)}"]
        col = 1
        for index, text in enumerate(parts):
            last = width if index == 3 else col + quarter - 1
            put(ws, r, col, text, to_col=last, center=False, border=False)
            col = last + 1
    else:
        text = (f"{unit_label}{office.self_name}      填报人：{office.contact}      "
                f"联系电话：{v.phone_text(rng, office.contact_phone)}      填报日期：{fill_date(office)}")
        put(ws, r, 1, text, to_col=width, center=False, border=False)
    r += 1
    groups = [c.group for c in cols]
    if grouped and any(groups):
        col = 1
        while col <= width:
            column = cols[col - 1]
            if column.group:
                last = col
                while last < width and cols[last].group == column.group:
                    last += 1
                put(ws, r, col, column.group, to_col=last, bold=True)
                for c in range(col, last + 1):
                    put(ws, r + 1, c, cols[c - 1].header, bold=True)
                col = last + 1
            else:
                put(ws, r, col, column.header, to_row=r + 1, bold=True)
                col += 1
        r += 2
    else:
        for col, column in enumerate(cols, start=1):
            put(ws, r, col, column.header, bold=True)
        r += 1
    for index, nominee in enumerate(nominees, start=1):
        for col, column in enumerate(cols, start=1):
            value, fmt = cell_value(rng, column.key, nominee, index, office)
            put(ws, r, col, value, fmt=fmt)
        r += 1
    if rng.random() < 0.5 and len(nominees) > 1:
        total_cols = (["employees", "teachers_total", "trainees_2020"] if category == "training_base"
                      else ["team_size"])
        put(ws, r, 1, "合计", to_col=2, bold=True)
        for col, column in enumerate(cols, start=1):
            if column.key in total_cols:
                total = sum(cell_total(column.key, n) for n in nominees)
                put(ws, r, col, total)
            elif col > 2:
                put(ws, r, col, None)
        r += 1
    if rng.random() < 0.6:
        r += rng.randint(0, 1)
        put(ws, r, 1, rng.choice(NOTES), to_col=width, center=False, border=False)
    for col in range(1, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 6 if col == 1 else 15


def cell_total(key: str, nominee: Studio | TrainingBase) -> int:
    if key == "teachers_total":
        return nominee.full_time_teachers + nominee.part_time_teachers  # type: ignore[union-attr]
    return int(getattr(nominee, key))


BASE_INSTRUCTIONS = [
    "填表说明",
    "一、申报企业须为科技型企业，科技型企业类别按认定证书填写。",
    "二、上年度实名制培训人次指2020年度经实名登记的培训人次。",
    "三、专兼职教师人数为专职教师与兼职教师之和。",
]


def instructions_sheet(ws: Worksheet, category: str) -> None:
    ws.title = "填表说明"
    lines = BASE_INSTRUCTIONS if category == "training_base" else INSTRUCTIONS
    for index, line in enumerate(lines, start=1):
        put(ws, index, 1, line, to_col=8, center=index == 1, bold=index == 1, border=False)
    ws.column_dimensions["A"].width = 12


def summary_workbook(rng: random.Random, office: Office, sections: list[tuple[str, list]],
                     forms: list[Studio] | None = None) -> Workbook:
    """One workbook: optional instructions sheet, one sheet per section, then forms as extra sheets."""
    wb = Workbook()
    first = wb.active
    sheets: list[Worksheet] = []
    if office.instructions_sheet:
        instructions_sheet(first, sections[0][0])
    else:
        sheets.append(first)
    while len(sheets) < len(sections):
        sheets.append(wb.create_sheet())
    for ws, (category, nominees) in zip(sheets, sections, strict=True):
        ws.title = SHEET_NAMES[category] if len(sections) > 1 or rng.random() < 0.5 else "Sheet1"
        summary_sheet(ws, rng, office, category, nominees)
    used = {ws.title for ws in wb.worksheets}
    for studio in forms or []:
        name = sheet_title(studio.leader_name)
        if name in used:
            name = sheet_title(studio.studio_name)
        used.add(name)
        studio_form_sheet(wb.create_sheet(name), rng, office, studio)
    return wb
