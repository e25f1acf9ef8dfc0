"""Summary workbooks in other provinces' shapes: split head lines, grouped multi-row headers,
合计 and 注 rows, an instruction sheet in front, two categories as two sheets.

Every shape carries the fields `records.SUMMARY_FIELDS` lists for its category (the studio's
organisation sometimes only in brackets after the studio name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..records import Studio, TrainingBase, format_number
from .values import Writer

STUDIO_SHAPES = ["grouped", "instructed", "sheets"]
TITLES = {
    "labor_model_studio": "辽宁省劳模创新工作室推荐名单",
    "worker_studio_tech": "辽宁省职工创新工作室推荐名单（科技型企业）",
    "worker_studio_other": "辽宁省职工创新工作室推荐名单（其他类型企业）",
    "training_base": "辽宁省工会职工职业技能培训基地推荐名单",
}
SHEET_TITLES = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "科技型企业",
                "worker_studio_other": "其他类型企业", "training_base": "培训基地"}
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass
class Column:
    key: str
    label: str
    group: str = ""
    hint: str = ""  # a units line under the label (third header row)


@dataclass
class Head:
    unit_text: str
    contact: str
    contact_phone: str
    fill_date: str


@dataclass
class Table:
    category: str
    columns: list[Column]
    rows: list[list[tuple[object, str | None]]] = field(default_factory=list)  # (value, number format)


# --- cell values ---------------------------------------------------------------------------------

def studio_cell(w: Writer, s: Studio, key: str, seq: int) -> tuple[object, str | None]:
    if key == "seq":
        return seq, None
    if key == "remark":
        return None, None
    if key == "studio_org":
        return f"{s.studio_name}（{s.organization}）", None
    if key in ("established", "leader_birth"):
        return w.excel_month(getattr(s, key))
    if key == "team_size":
        return w.excel_count(s.team_size or 0, "人"), None
    if key == "leader_phone":
        return w.phone(s.leader_phone), None
    if key == "tech_category":
        return w.tech_text(s.tech_category), None
    return getattr(s, key) or None, None


def base_cell(w: Writer, b: TrainingBase, key: str, seq: int) -> tuple[object, str | None]:
    if key == "seq":
        return seq, None
    if key == "remark":
        return None, None
    if key == "tech_category":
        return w.tech_text(b.tech_category), None
    if key == "training_area_m2":
        return (b.training_area_m2 if w.chance(0.6) else format_number(b.training_area_m2)), None
    if key == "contact_phone":
        return w.phone(b.contact_phone), None
    if key in ("employees", "full_time_teachers", "part_time_teachers", "trainees_2018", "trainees_2019",
               "trainees_2020"):
        return w.excel_count(getattr(b, key), "人次" if key.startswith("trainees") else "人"), None
    return getattr(b, key), None


# --- column sets -----------------------------------------------------------------------------------

def leader_columns(category: str, group: str) -> list[Column]:
    level = (Column("leader_title", "职务/职称", group) if category == "labor_model_studio"
             else Column("leader_skill_level", "技能等级", group))
    return [Column("leader_name", "姓名", group), Column("leader_gender", "性别", group),
            Column("leader_birth", "出生年月", group, "（年月）"), level,
            Column("leader_honors", "荣誉称号", group), Column("leader_phone", "联系电话", group)]


def enterprise_columns(category: str, *, wording: int) -> list[Column]:
    if category == "worker_studio_tech":
        return [Column("credit_code", ["统一社会信用代码", "信用代码"][wording]),
                Column("tech_category", ["科技型企业类别", "企业类别"][wording])]
    if category == "worker_studio_other":
        return [Column("org_nature", ["单位性质", "企业性质"][wording])]
    return []


def grouped_columns(category: str) -> list[Column]:
    return [Column("seq", "序号"), Column("studio_name", "工作室名称"), Column("organization", "依托单位"),
            *enterprise_columns(category, wording=0), Column("established", "成立时间"),
            Column("team_size", "团队人数（人）"), *leader_columns(category, "领衔人情况"), Column("remark", "备注")]


def instructed_columns(category: str) -> list[Column]:
    return [Column("seq", "序号"), Column("studio_name", "工作室名称"), Column("organization", "所在单位"),
            *enterprise_columns(category, wording=0), *leader_columns(category, "领衔人基本情况"),
            Column("team_size", "团队人数", "工作室基本情况", "（人）"),
            Column("established", "成立时间", "工作室基本情况", "（年月）"), Column("remark", "备注")]


def sheets_columns(category: str) -> list[Column]:
    level = (Column("leader_title", "职务职称") if category == "labor_model_studio"
             else Column("leader_skill_level", "技能等级"))
    return [Column("seq", "序号"), Column("studio_org", "工作室名称（所在单位）"),
            *enterprise_columns(category, wording=1), Column("leader_name", "带头人"), Column("leader_gender", "性别"),
            Column("leader_birth", "出生年月"), level, Column("leader_honors", "所获荣誉"),
            Column("team_size", "成员数"), Column("established", "创建时间"), Column("leader_phone", "手机号码")]


TEACHERS = "教师人数（人）"
TRAINEES = "近三年实名制培训人次"


def base_columns() -> list[Column]:
    return [Column("seq", "序号"), Column("enterprise_name", "企业名称"), Column("credit_code", "统一社会信用代码"),
            Column("tech_category", "科技型企业类别"), Column("employees", "职工人数"),
            Column("training_area_m2", "培训场所面积（㎡）"),
            Column("full_time_teachers", "专职", TEACHERS), Column("part_time_teachers", "兼职", TEACHERS),
            Column("trainees_2018", "2018年", TRAINEES), Column("trainees_2019", "2019年", TRAINEES),
            Column("trainees_2020", "2020年", TRAINEES),
            Column("training_programs", "主要培训专业（工种）"), Column("contact_name", "姓名", "联系人"),
            Column("contact_phone", "电话", "联系人"), Column("remark", "备注")]


COUNTED = {"team_size", "employees", "full_time_teachers", "part_time_teachers", "trainees_2018", "trainees_2019",
           "trainees_2020"}


def table(w: Writer, category: str, columns: list[Column], nominees: Sequence[Studio | TrainingBase]) -> Table:
    result = Table(category, columns)
    for seq, nominee in enumerate(nominees, start=1):
        if isinstance(nominee, Studio):
            result.rows.append([studio_cell(w, nominee, c.key, seq) for c in columns])
        else:
            result.rows.append([base_cell(w, nominee, c.key, seq) for c in columns])
    return result


def total_row(columns: list[Column], nominees: Sequence[Studio | TrainingBase]) -> list[tuple[object, str | None]]:
    row: list[tuple[object, str | None]] = []
    for index, column in enumerate(columns):
        if index == 0:
            row.append(("合计", None))
        elif column.key in ("studio_name", "enterprise_name", "studio_org"):
            row.append((f"{len(nominees)}个", None))
        elif column.key in COUNTED:
            row.append((sum(int(getattr(n, column.key) or 0) for n in nominees), None))
        else:
            row.append((None, None))
    return row


# --- writing sheets ------------------------------------------------------------------------------

def put(ws: Worksheet, row: int, col: int, value: object, *, fmt: str | None = None, bold: bool = False,
        border: bool = True, size: int = 11, align: Alignment = WRAP) -> None:
    cell = ws.cell(row=row, column=col, value=value)  # type: ignore[arg-type]
    if fmt:
        cell.number_format = fmt
    if border:
        cell.border = BORDER
    cell.alignment = align
    if bold or size != 11:
        cell.font = Font(bold=bold, size=size)


def merge(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def title_row(ws: Worksheet, row: int, text: str, width: int) -> int:
    put(ws, row, 1, text, bold=True, size=16, border=False, align=Alignment(horizontal="center"))
    merge(ws, row, 1, row, width)
    ws.row_dimensions[row].height = 30
    return row + 1


def split_head(ws: Worksheet, row: int, head: Head, width: int) -> int:
    """`填报单位（盖章）：｜unit｜填报人：｜name｜联系电话：｜phone｜填报时间：｜date`, each in its own cells."""
    parts = [("填报单位（盖章）：", 1), (head.unit_text, 2), ("填报人：", 1), (head.contact, 1), ("联系电话：", 1),
             (head.contact_phone, 2), ("填报时间：", 1), (head.fill_date, 2)]
    col = 1
    left = Alignment(horizontal="left", vertical="center")
    for text, span in parts:
        if col > width:
            break
        span = min(span, width - col + 1)
        put(ws, row, col, text, border=False, align=left)
        merge(ws, row, col, row, col + span - 1)
        col += span
    return row + 1


def two_cell_head(ws: Worksheet, row: int, head: Head, width: int) -> int:
    left = Alignment(horizontal="left", vertical="center")
    half = max(1, width // 2)
    put(ws, row, 1, f"推荐单位（盖章）：{head.unit_text}", border=False, align=left)
    merge(ws, row, 1, row, half)
    put(ws, row, half + 1, f"填报日期：{head.fill_date}", border=False, align=Alignment(horizontal="right"))
    merge(ws, row, half + 1, row, width)
    return row + 1


def header(ws: Worksheet, row: int, columns: list[Column], depth: int) -> int:
    """A 1-, 2- or 3-row header; group cells span their members, other labels span down."""
    col = 1
    index = 0
    hinted = depth == 3
    while index < len(columns):
        column = columns[index]
        if depth > 1 and column.group:
            run = 0
            while index + run < len(columns) and columns[index + run].group == column.group:
                run += 1
            put(ws, row, col, column.group, bold=True)
            merge(ws, row, col, row, col + run - 1)
            for offset, member in enumerate(columns[index:index + run]):
                put(ws, row + 1, col + offset, member.label, bold=True)
                if hinted:
                    put(ws, row + 2, col + offset, member.hint or None)
            col += run
            index += run
            continue
        put(ws, row, col, column.label, bold=True)
        if hinted and column.hint:
            merge(ws, row, col, row + 1, col)
            put(ws, row + 2, col, column.hint)
        else:
            merge(ws, row, col, row + depth - 1, col)
        col += 1
        index += 1
    for r in range(row, row + depth):
        for c in range(1, len(columns) + 1):
            ws.cell(row=r, column=c).border = BORDER
    return row + depth


def body(ws: Worksheet, row: int, rows: list[list[tuple[object, str | None]]]) -> int:
    for values in rows:
        for col, (value, fmt) in enumerate(values, start=1):
            put(ws, row, col, value, fmt=fmt)
        row += 1
    return row


def notes(ws: Worksheet, row: int, lines: list[str], width: int) -> int:
    for line in lines:
        put(ws, row, 1, line, border=False, align=Alignment(horizontal="left", wrap_text=False))
        merge(ws, row, 1, row, width)
        row += 1
    return row


def widths(ws: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        wide = column.key in ("studio_name", "studio_org", "organization", "enterprise_name", "leader_honors",
                              "training_programs", "credit_code", "tech_category")
        ws.column_dimensions[get_column_letter(index)].width = 26 if wide else 11


NOTE_LINES = ["注：1．本表由推荐单位填写，按推荐顺序排列；", "2．成立时间须在2020年7月以前，填写到月；",
              "3．荣誉称号只填写市级以上荣誉。"]
INSTRUCTION_LINES = ["填表说明", "一、本表由各推荐单位统一填报，请勿改变表格结构。",
                     "二、工作室名称须与基本情况表、申报材料一致。",
                     "三、出生年月、成立时间请填写到月。", "四、数据请填写在“推荐名单”工作表中。"]


def instruction_sheet(ws: Worksheet) -> None:
    ws.title = "填表说明"
    for index, line in enumerate(INSTRUCTION_LINES, start=1):
        ws.cell(row=index, column=1, value=line).font = Font(bold=index == 1, size=14 if index == 1 else 11)
    ws.column_dimensions["A"].width = 70


# --- workbooks -------------------------------------------------------------------------------------

def grouped_sheet(w: Writer, ws: Worksheet, category: str, nominees: Sequence, head: Head, *,
                  columns: list[Column] | None = None) -> None:
    columns = columns or grouped_columns(category)
    width = len(columns)
    row = title_row(ws, 1, f"2021年度{TITLES[category]}汇总表", width)
    row = split_head(ws, row, head, width)
    row = header(ws, row, columns, 2)
    row = body(ws, row, table(w, category, columns, nominees).rows)
    if w.chance(0.6):
        row = body(ws, row, [total_row(columns, nominees)])
    if w.chance(0.7):
        notes(ws, row, NOTE_LINES if category != "training_base" else NOTE_LINES[:1], width)
    widths(ws, columns)


def instructed_sheet(w: Writer, ws: Worksheet, category: str, nominees: Sequence, head: Head) -> None:
    columns = instructed_columns(category)
    width = len(columns)
    row = 1
    put(ws, row, 1, "附表", border=False, align=Alignment(horizontal="left"))
    row = title_row(ws, row + 1, TITLES[category], width)
    row = split_head(ws, row, head, width)
    row = header(ws, row, columns, 3)
    row = body(ws, row, table(w, category, columns, nominees).rows)
    if w.chance(0.5):
        row = body(ws, row, [total_row(columns, nominees)])
    widths(ws, columns)


def sheets_sheet(w: Writer, ws: Worksheet, category: str, nominees: Sequence, head: Head) -> None:
    columns = sheets_columns(category)
    width = len(columns)
    row = title_row(ws, 1, f"{TITLES[category]}", width)
    row = two_cell_head(ws, row, head, width)
    row = header(ws, row, columns, 1)
    row = body(ws, row, table(w, category, columns, nominees).rows)
    notes(ws, row, [f"共计：{len(nominees)}个"], width)
    widths(ws, columns)


SHEET_WRITERS = {"grouped": grouped_sheet, "instructed": instructed_sheet, "sheets": sheets_sheet}


def studio_workbook(w: Writer, shape: str, sections: list[tuple[str, Sequence[Studio]]], head: Head) -> Workbook:
    """One workbook: one sheet per (category, nominees) section, an instruction sheet first for `instructed`."""
    workbook = Workbook()
    first = workbook.active
    if shape == "instructed":
        instruction_sheet(first)
        first = None
    for index, (category, nominees) in enumerate(sections):
        ws = first if index == 0 and first is not None else workbook.create_sheet()
        ws.title = "推荐名单" if shape == "instructed" and len(sections) == 1 else SHEET_TITLES[category]
        if shape != "sheets" and len(sections) == 1 and shape != "instructed":
            ws.title = w.choice(["Sheet1", "汇总表"])
        SHEET_WRITERS[shape](w, ws, category, nominees, head)
    return workbook


def base_workbook(w: Writer, bases: Sequence[TrainingBase], head: Head) -> Workbook:
    workbook = Workbook()
    ws = workbook.active
    if w.chance(0.4):
        instruction_sheet(ws)
        ws = workbook.create_sheet()
        ws.title = "推荐名单"
    else:
        ws.title = w.choice(["培训基地", "Sheet1"])
    grouped_sheet(w, ws, "training_base", bases, head, columns=base_columns())
    return workbook
