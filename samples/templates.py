"""The official blank layouts of SPEC §2 and the low-level writers that fill them.

The generator reuses the layouts and writers: it passes values (and drifted layouts) to
the same functions that produce the blank templates here.

    python -m samples.templates OUTDIR     # writes every blank template
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.run import Run
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .data import Unit, load_units
from .season import shift_years, year

# --- summaries (附件2/3/4/7) -----------------------------------------------------------------

SUMMARY_ANNEX = {
    "labor_model_studio": "附件2",
    "worker_studio_tech": "附件3",
    "worker_studio_other": "附件4",
    "training_base": "附件7",
}
SUMMARY_TITLE = {
    "labor_model_studio": "辽宁省劳模创新工作室推荐汇总表",
    "worker_studio_tech": "辽宁省职工创新工作室推荐汇总表（科技型企业）",
    "worker_studio_other": "辽宁省职工创新工作室推荐汇总表（其他类型企业）",
    "training_base": "辽宁省工会职工职业技能培训基地申报汇总表",
}
SUMMARY_HEADER = {
    "labor_model_studio": ["序号", "工作室名称", "所在单位", "领衔人", "性别", "出生年月", "荣誉称号", "职务/职称",
                           "团队人数", "成立时间", "联系电话", "备注"],
    "worker_studio_tech": ["序号", "工作室名称", "所在单位", "统一社会信用代码", "科技型企业类别", "领衔人", "性别",
                           "出生年月", "技能等级或职称", "荣誉称号", "团队人数", "成立时间", "联系电话", "备注"],
    "worker_studio_other": ["序号", "工作室名称", "所在单位", "单位性质", "领衔人", "性别", "出生年月",
                            "技能等级或职称", "荣誉称号", "团队人数", "成立时间", "联系电话", "备注"],
    "training_base": ["序号", "企业名称", "统一社会信用代码", "科技型企业类别", "职工人数", "培训场所面积（平方米）",
                      "专兼职教师人数", "上年度实名制培训人次", "主要培训专业（工种）", "联系人", "联系电话", "备注"],
}
BLANK_UNIT_LINE = "推荐单位（盖章）：                填报人：          联系电话：              填报日期：    年  月  日"

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass
class SheetSpec:
    """One table sheet: head lines (merged across), a header, data rows, foot lines."""

    head_lines: list[str]
    header: list[str]
    rows: list[list[object]] = field(default_factory=list)
    header_groups: list[tuple[str, int, int]] = field(default_factory=list)  # label, first, last col (0-based)
    foot_lines: list[str] = field(default_factory=list)
    name: str = "Sheet1"
    hidden: bool = False
    date_format: str = "yyyy-mm-dd"  # number format of datetime cells


def summary_spec(category: str, unit_line: str = BLANK_UNIT_LINE) -> SheetSpec:
    return SheetSpec(
        head_lines=[SUMMARY_ANNEX[category], SUMMARY_TITLE[category], unit_line],
        header=list(SUMMARY_HEADER[category]),
    )


def write_sheet(ws: Worksheet, spec: SheetSpec) -> None:
    """Write a table sheet with merged head lines, a (possibly two-row) bordered header and rows."""
    ws.title = spec.name
    width = len(spec.header)
    row = 1
    for index, line in enumerate(spec.head_lines):
        ws.cell(row=row, column=1, value=line)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        is_title = "表" in line and "：" not in line and index <= 2
        ws.cell(row=row, column=1).font = Font(bold=is_title, size=16 if is_title else 11)
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center" if is_title else "left")
        row += 1
    row = write_header(ws, row, spec)
    for values in spec.rows:
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=column, value=value)  # type: ignore[arg-type]
            cell.border = BORDER
            cell.alignment = CENTER
            if isinstance(value, dt.datetime):
                cell.number_format = spec.date_format
        row += 1
    for line in spec.foot_lines:
        ws.cell(row=row, column=1, value=line)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    for column in range(1, width + 1):
        ws.column_dimensions[get_column_letter(column)].width = 14 if column > 1 else 6
    if spec.hidden:
        ws.sheet_state = "hidden"


def write_header(ws: Worksheet, row: int, spec: SheetSpec) -> int:
    """Write the header; with groups, a two-row header. Returns the first data row."""
    grouped = {col: label for label, first, last in spec.header_groups for col in range(first, last + 1)}
    for column, label in enumerate(spec.header, start=1):
        target = row + 1 if spec.header_groups and column - 1 in grouped else row
        cell = ws.cell(row=target, column=column, value=label)
        cell.font = Font(bold=True)
    if not spec.header_groups:
        style_range(ws, row, 1, row, len(spec.header))
        return row + 1
    for label, first, last in spec.header_groups:
        ws.cell(row=row, column=first + 1, value=label).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=first + 1, end_row=row, end_column=last + 1)
    for column in range(1, len(spec.header) + 1):
        if column - 1 not in grouped:
            ws.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
    style_range(ws, row, 1, row + 1, len(spec.header))
    return row + 2


def style_range(ws: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    for r in range(first_row, last_row + 1):
        for c in range(first_col, last_col + 1):
            ws.cell(row=r, column=c).border = BORDER
            ws.cell(row=r, column=c).alignment = CENTER


def blank_summary_workbook(category: str) -> Workbook:
    workbook = Workbook()
    spec = summary_spec(category)
    spec.rows = [[None] * len(spec.header) for _ in range(5)]
    write_sheet(workbook.active, spec)
    return workbook


# --- 附件1 quota table and registry ---------------------------------------------------------

QUOTA_HEADER = ["序号", "推荐单位", "劳模创新工作室（个）", "职工创新工作室（个）", "其中：科技型企业（个）",
                "职工职业技能培训基地（个）", "备注"]
REGISTRY_HEADER = ["命名年份", "类别", "工作室名称", "所在单位", "领衔人"]


def quota_workbook(units: Sequence[Unit]) -> Workbook:
    rows: list[list[object]] = [
        [index, unit.name, unit.labor_model_studio, unit.worker_studio, unit.worker_studio_tech_min,
         unit.training_base, "省直推荐单位" if unit.kind == "direct" else None]
        for index, unit in enumerate(units, start=1)
    ]
    totals = [sum(int(row[column]) for row in rows) for column in range(2, 6)]  # type: ignore[call-overload]
    rows.append(["合计", None, *totals, None])
    spec = SheetSpec(head_lines=["附件1", f"{year(2021)}年度辽宁省劳模创新工作室等推荐名额分配表"],
                     header=QUOTA_HEADER, rows=rows, name="名额分配")
    workbook = Workbook()
    write_sheet(workbook.active, spec)
    return workbook


def registry_workbook(rows: Sequence[Sequence[object]]) -> Workbook:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "已命名工作室"
    ws.append(REGISTRY_HEADER)
    for row in rows:
        ws.append(list(row))
    style_range(ws, 1, 1, len(rows) + 1, len(REGISTRY_HEADER))
    return workbook


# --- forms (附件6, 附件8) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A label cell followed by a value spanning `span` grid columns (0: a label-only cell)."""

    key: str | None
    label: str
    span: int
    inline: bool = False  # label and value written in one cell, `标签：值`


Layout = list[list[Field]]

STUDIO_FORM_TITLE = "辽宁省劳模创新工作室和职工创新工作室基本情况表"
STUDIO_FORM_WIDTH = 6
CATEGORY_OPTIONS = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室（科技型企业）",
    "worker_studio_other": "职工创新工作室（其他类型企业）",
}
BLANK_OPINION = "\n\n（盖章）\n年  月  日"
STUDIO_FORM_LAYOUT: Layout = [
    [Field("studio_name", "工作室名称", 5)],
    [Field("category", "工作室类别", 5)],
    [Field("organization", "所在单位", 2), Field("credit_code", "统一社会信用代码", 2)],
    [Field("org_nature", "单位性质", 2), Field("tech_category", "科技型企业类别", 2)],
    [Field("leader_name", "领衔人姓名", 1), Field("leader_gender", "性别", 1), Field("leader_birth", "出生年月", 1)],
    [Field("ethnicity", "民族", 1), Field("politics", "政治面貌", 1), Field("education", "文化程度", 1)],
    [Field("leader_title", "职务/职称", 1), Field("leader_skill_level", "技能等级", 1),
     Field("leader_phone", "联系电话", 1)],
    [Field("leader_honors", "荣誉称号", 5)],
    [Field("team_size", "团队人数", 1), Field("established", "成立时间", 1),
     Field("venue_area_m2", "活动场所面积（平方米）", 1)],
    [Field("equipment", "设备设施", 5)],
    [Field("annual_funding_wan", "年度经费（万元）", 2), Field("economic_benefit_wan", "近三年经济效益（万元）", 2)],
    [Field("patents", "获得专利（项）", 1), Field("tackled_projects", "完成技术攻关（项）", 1),
     Field("suggestions", "合理化建议（条）", 1)],
    [Field("trained_workers", "培训职工（人次）", 2), Field("apprentices", "师带徒（对）", 2)],
    [Field("introduction", "工作室简介", 5)],
    [Field("org_union_opinion", "所在单位工会意见", 5)],
    [Field("unit_opinion", "推荐单位意见", 5)],
    [Field("city_union_opinion", "市总工会意见", 5)],
]

BASE_FORM_TITLE = "辽宁省工会职工职业技能培训基地申报表"
BASE_FORM_WIDTH = 7
TRAINING_SYSTEM_OPTIONS = {
    "has_training_records": "培训记录台账",
    "has_followup_service": "培训后跟踪服务",
    "has_incentives": "培训激励办法",
}
BASE_FORM_LAYOUT: Layout = [
    [Field("enterprise_name", "企业名称", 6)],
    [Field("credit_code", "统一社会信用代码", 2), Field("tech_category", "科技型企业类别", 2)],
    [Field("cert_no", "认定证书编号", 2), Field("cert_date", "认定时间", 2)],
    [Field("address", "企业地址", 6)],
    [Field("legal_rep", "法定代表人", 2), Field("employees", "职工人数", 2)],
    [Field("contact_name", "联系人", 2), Field("contact_phone", "联系电话", 2)],
    [Field("training_area_m2", "培训场所面积（平方米）", 2), Field("equipment_sets", "教学设备（台套）", 2)],
    [Field("full_time_teachers", "专职教师（人）", 2), Field("part_time_teachers", "兼职教师（人）", 2)],
    [Field("training_programs", "主要培训专业（工种）", 6)],
    [Field(None, "近三年实名制培训人次", 0), Field("trainees_2018", "2018年", 1),
     Field("trainees_2019", "2019年", 1), Field("trainees_2020", "2020年", 1)],
    [Field("satisfaction_rate", "学员满意率", 6)],
    [Field("training_system", "培训制度建设", 6)],
    [Field("introduction", "基地简介", 6)],
    [Field("enterprise_union_opinion", "企业工会意见", 6)],
    [Field("unit_opinion", "推荐单位意见", 6)],
]


def season_layout(layout: Layout) -> Layout:
    """The layout with its years (`2018年` over a trainee count) in the current season's."""
    return [[replace(f, label=shift_years(f.label)) for f in row] for row in layout]


def unticked_options(options: Mapping[str, str]) -> str:
    return "  ".join(f"□{label}" for label in options.values())


def blank_values(layout: Layout) -> dict[str, str]:
    values = {f.key: "" for row in layout for f in row if f.key}
    values.update({key: BLANK_OPINION for key in values if key.endswith("opinion")})
    values["category"] = unticked_options(CATEGORY_OPTIONS)
    values["training_system"] = unticked_options(TRAINING_SYSTEM_OPTIONS)
    return values


def set_east_asian_font(run: Run, name: str = "宋体", size: float | None = None, bold: bool = False) -> None:
    run.font.name = name
    run.font.bold = bold
    if size:
        run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def new_document(font: str = "宋体", size: float = 12) -> DocxDocument:
    """A blank document whose Normal style uses a Chinese font."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return doc


def add_paragraph(doc: DocxDocument, text: str, *, size: float = 12, bold: bool = False,
                  center: bool = False, font: str = "宋体") -> None:
    paragraph = doc.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_east_asian_font(paragraph.add_run(text), font, size, bold)


def add_title(doc: DocxDocument, title: str, annex: str | None = None) -> None:
    if annex:
        add_paragraph(doc, annex, font="黑体", size=14)
    add_paragraph(doc, title, size=18, bold=True, center=True, font="方正小标宋简体")


def form_cells(layout: Layout, values: Mapping[str, str]) -> list[list[tuple[str, int]]]:
    """Turn a layout into rows of (text, grid span) cells."""
    rows: list[list[tuple[str, int]]] = []
    for layout_row in layout:
        cells: list[tuple[str, int]] = []
        for f in layout_row:
            value = values.get(f.key, "") if f.key else ""
            if f.inline:
                cells.append((f"{f.label}：{value}", 1 + f.span))
            else:
                cells.append((f.label, 1))
                if f.span:
                    cells.append((value, f.span))
        rows.append(cells)
    return rows


def add_form_table(doc: DocxDocument, rows: list[list[tuple[str, int]]], width: int) -> None:
    """A bordered table on a `width`-column grid; cells spanning several columns are merged.

    Horizontal merges are done directly on the XML (gridSpan), as `_Cell.merge` does, because
    python-docx's cell lookup is quadratic in the table size.
    """
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for tr, cells in zip(table._tbl.tr_lst, rows, strict=True):
        tcs = list(tr.tc_lst)
        column = 0
        for text, span in stretch_to_width(cells, width):
            tc = tcs[column]
            if span > 1:
                tc.width = sum((t.width or 0 for t in tcs[column:column + span]), start=0) or None
                tc.grid_span = span
                for absorbed in tcs[column + 1:column + span]:
                    tr.remove(absorbed)
            write_cell_text(_Cell(tc, table), text)
            column += span


def stretch_to_width(cells: list[tuple[str, int]], width: int) -> list[tuple[str, int]]:
    """Widen the last cell so that a row always fills the grid."""
    used = sum(span for _, span in cells)
    if used >= width or not cells:
        return cells
    text, span = cells[-1]
    return [*cells[:-1], (text, span + width - used)]


def write_cell_text(cell: _Cell, text: str) -> None:
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(text.split("\n")):
        if index:
            paragraph = cell.add_paragraph()
        if line.endswith("（盖章）") or line.startswith(("年  月", f"{year(2021)}年")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(line)


def add_form(doc: DocxDocument, *, title: str, unit_line: str, layout: Layout, values: Mapping[str, str],
             width: int, annex: str | None = None, as_paragraphs: bool = False) -> None:
    """One complete form: annex line, title, unit line, then the table (or `标签：值` paragraphs)."""
    add_title(doc, title, annex)
    add_paragraph(doc, unit_line)
    if as_paragraphs:
        for layout_row in layout:
            parts = [f"{f.label}：{values.get(f.key, '') if f.key else ''}".replace("\n", " ").strip()
                     for f in layout_row]
            add_paragraph(doc, "    ".join(parts))
    else:
        add_form_table(doc, form_cells(layout, values), width)


def add_page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def blank_studio_form() -> DocxDocument:
    doc = new_document()
    add_form(doc, title=STUDIO_FORM_TITLE, unit_line="推荐单位（盖章）：", layout=STUDIO_FORM_LAYOUT,
             values=blank_values(STUDIO_FORM_LAYOUT), width=STUDIO_FORM_WIDTH, annex="附件6")
    add_paragraph(doc, "注：工作室简介不超过300字；省直推荐单位推荐的工作室须由所在地市总工会签署意见。", size=10)
    return doc


def blank_base_form() -> DocxDocument:
    doc = new_document()
    add_form(doc, title=BASE_FORM_TITLE, unit_line="推荐单位（盖章）：", layout=season_layout(BASE_FORM_LAYOUT),
             values=blank_values(BASE_FORM_LAYOUT), width=BASE_FORM_WIDTH, annex="附件8")
    return doc


# --- 附件5 outline and narrative material --------------------------------------------------

MATERIAL_SECTIONS = ["一、工作室基本情况", "二、创新工作开展情况", "三、主要创新成果及效益",
                     "四、示范引领和人才培养", "五、下一步工作计划"]
OUTLINE_GUIDANCE = [
    "工作室成立时间、领衔人情况、团队人数及构成、活动场所和设备设施、经费保障等。",
    "围绕企业生产经营开展技术攻关、技术革新、发明创造、合理化建议等活动的情况。",
    "获得专利、完成攻关项目、取得的经济效益和社会效益（写明具体数额）。",
    "开展培训、师带徒、技能交流，培养高技能人才的情况。",
    "今后的工作目标和主要措施。",
]


def add_material(doc: DocxDocument, title: str, paragraphs_by_section: Sequence[Sequence[str]]) -> None:
    add_paragraph(doc, title, size=18, bold=True, center=True, font="方正小标宋简体")
    for heading, paragraphs in zip(MATERIAL_SECTIONS, paragraphs_by_section, strict=True):
        add_paragraph(doc, heading, font="黑体", size=14)
        for text in paragraphs:
            add_paragraph(doc, "    " + text, font="仿宋_GB2312", size=14)


def blank_outline() -> DocxDocument:
    doc = new_document()
    add_title(doc, "辽宁省劳模创新工作室和职工创新工作室申报材料参考提纲", "附件5")
    add_material(doc, "（工作室名称）申报材料", [[text] for text in OUTLINE_GUIDANCE])
    add_paragraph(doc, "材料要求：3000字以内，数据真实准确，与基本情况表一致。", size=12)
    return doc


# --- CLI ------------------------------------------------------------------------------------------

BLANK_SUMMARY_FILES = {
    "labor_model_studio": "附件2-辽宁省劳模创新工作室推荐汇总表.xlsx",
    "worker_studio_tech": "附件3-辽宁省职工创新工作室推荐汇总表（科技型企业）.xlsx",
    "worker_studio_other": "附件4-辽宁省职工创新工作室推荐汇总表（其他类型企业）.xlsx",
    "training_base": "附件7-辽宁省工会职工职业技能培训基地申报汇总表.xlsx",
}


def write_blank_templates(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(obj: Workbook | DocxDocument, name: str) -> None:
        path = out_dir / name
        obj.save(str(path))
        written.append(path)

    save(quota_workbook(load_units()), "附件1-名额分配表.xlsx")
    for category, name in BLANK_SUMMARY_FILES.items():
        save(blank_summary_workbook(category), name)
    save(blank_outline(), "附件5-申报材料参考提纲.docx")
    save(blank_studio_form(), "附件6-辽宁省劳模创新工作室和职工创新工作室基本情况表.docx")
    save(blank_base_form(), "附件8-辽宁省工会职工职业技能培训基地申报表.docx")
    save(registry_workbook([]), "已命名工作室名录.xlsx")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m samples.templates OUTDIR", file=sys.stderr)
        return 2
    for path in write_blank_templates(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
