"""Two training-base forms of other provinces, and the truth fields each carries.

D — a 推荐表 with combined cells: certificate number with its date, 专职/兼职 in one cell, contact
    with phone, a year row over a count row, marks after the training-system options.
E — a 申报表 in sections with bare labels, the three years' trainees in one line and the training
    system as 有/无 check boxes; no 学员满意率 and no 教学设备.
"""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument

from ..records import TrainingBase
from ..templates import add_paragraph, new_document
from . import render as r
from .context import UnitStyle
from .forms_studio import TECH_OPTIONS, tick_line
from .grid import Grid

ALL_BASE_FIELDS = [
    "enterprise_name", "credit_code", "tech_category", "cert_no", "cert_date", "address", "legal_rep", "employees",
    "contact_name", "contact_phone", "training_area_m2", "equipment_sets", "full_time_teachers",
    "part_time_teachers", "training_programs", "trainees_2018", "trainees_2019", "trainees_2020",
    "satisfaction_rate", "has_training_records", "has_followup_service", "has_incentives",
]
BASE_FORM_CARRIES = {
    "D": frozenset(ALL_BASE_FIELDS),
    "E": frozenset(ALL_BASE_FIELDS) - {"satisfaction_rate", "equipment_sets"},
}
SYSTEM = [("has_training_records", "培训记录台账"), ("has_followup_service", "培训后跟踪服务"),
          ("has_incentives", "培训激励办法")]


def day_text(rng: random.Random, day: tuple[int, int, int]) -> str:
    y, m, d = day
    return rng.choice([f"{y}年{m}月{d}日", f"{y}.{m}.{d}", f"{y}-{m:02d}-{d:02d}", f"{y}年{m}月"])


def base_opinion(rng: random.Random, who: str, days: dict[str, int]) -> str:
    words = {"org": ["同意申报。", "情况属实，同意申报。"], "unit": ["同意推荐。", "经审核，同意推荐。"]}[who]
    return f"{rng.choice(words)}\n\n（盖章）\n2021年7月{days[who]}日"


def layout_d(doc: DocxDocument, rng: random.Random, style: UnitStyle, base: TrainingBase) -> None:
    add_paragraph(doc, "辽宁省工会职工职业技能培训基地推荐表", size=18, bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"推荐单位（盖章）：{style.unit_text(rng)}\u3000\u3000\u3000\u3000填报日期：{style.fill_date()}")
    high_tech = base.cert_no.startswith("GR")
    cert_label = "高新技术企业证书编号及认定时间" if high_tech else "科技型企业证书编号及认定时间"
    grid = Grid(6)
    grid.line([("企业名称", 1), (base.enterprise_name, 5)])
    grid.line([("统一社会信用代码", 1), (base.credit_code, 2), ("法人代表", 1), (base.legal_rep, 2)])
    grid.line([("企业地址", 1), (base.address, 5)])
    grid.line([("科技型企业类别（可多选）", 1),
               (tick_line(TECH_OPTIONS, set(base.tech_category), style.marks, gap="  "), 5)])
    grid.line([(cert_label, 1), (f"{base.cert_no}（{day_text(rng, base.cert_date)}）", 5)])
    grid.line([("职工总数", 1), (r.count(rng, base.employees, "人"), 2),
               ("培训场地面积", 1), (r.area(rng, base.training_area_m2), 2)])
    teachers = rng.choice([f"专职{base.full_time_teachers}人，兼职{base.part_time_teachers}人",
                           f"专职教师{base.full_time_teachers}人、兼职教师{base.part_time_teachers}人"])
    grid.line([("师资情况", 1), (teachers, 2), ("教学设备（台/套）", 1), (str(base.equipment_sets), 2)])
    contact = f"{base.contact_name}{rng.choice([' ', '  ', '，', '/'])}{r.phone(rng, base.contact_phone)}"
    grid.line([("联系人及电话", 1), (contact, 5)])
    grid.line([("主要培训工种", 1), (base.training_programs, 5)])
    row = grid.height
    grid.add(row, 0, "近三年实名制培训人次", rows=2)
    for col, (year, value) in zip((1, 2, 4), ((2018, base.trainees_2018), (2019, base.trainees_2019),
                                         (2020, base.trainees_2020)), strict=True):
        span = 1 if col == 1 else 2
        grid.add(row, col, f"{year}年", cols=span, align="center")
        grid.add(row + 1, col, r.count(rng, value, "人次"), cols=span, align="center")
    grid.line([("学员满意率", 1), (r.rate(rng, base.satisfaction_rate), 5)])
    chosen = {label for key, label in SYSTEM if getattr(base, key)}
    ticked = tick_line([label for _, label in SYSTEM], chosen, ("（√）", "（  ）"), after=True, gap="\u3000")
    grid.line([("培训制度建设", 1), (ticked, 5)])
    grid.line([("基地简介", 1), (base.introduction, 5)])
    grid.line([("企业工会意见", 3), ("推荐单位意见", 3)])
    days = style.opinion_days(rng)
    grid.line([(base_opinion(rng, "org", days), 3), (base_opinion(rng, "unit", days), 3)])
    grid.render(doc)


def layout_e(doc: DocxDocument, rng: random.Random, style: UnitStyle, base: TrainingBase) -> None:
    add_paragraph(doc, "职工职业技能培训基地申报表", size=18, bold=True, center=True, font="黑体")
    add_paragraph(doc, "（科技型企业）", size=14, center=True)
    add_paragraph(doc, f"推荐单位：{style.unit_text(rng)}")
    grid = Grid(4)
    grid.full("一、企业基本情况", bold=True)
    grid.line([("企业全称", 1), (base.enterprise_name, 3)])
    grid.line([("社会信用代码", 1), (base.credit_code, 1), ("法定代表人", 1), (base.legal_rep, 1)])
    grid.line([("科技型企业类别", 1), (r.tech_text(rng, base.tech_category), 3)])
    grid.line([("认定证书编号", 1), (base.cert_no, 1), ("认定时间", 1), (day_text(rng, base.cert_date), 1)])
    grid.line([("通讯地址", 1), (base.address, 3)])
    grid.line([("企业职工人数", 1), (r.count(rng, base.employees, "人"), 1),
               ("实训场地面积（平方米）", 1), (r.format_number(base.training_area_m2), 1)])
    grid.line([("联系人", 1), (base.contact_name, 1), ("联系电话", 1), (r.phone(rng, base.contact_phone), 1)])
    grid.full("二、培训开展情况", bold=True)
    grid.line([("专职教师", 1), (r.count(rng, base.full_time_teachers, "人"), 1),
               ("兼职教师", 1), (r.count(rng, base.part_time_teachers, "人"), 1)])
    grid.line([("主要培训专业（工种）", 1), (base.training_programs, 3)])
    sep = rng.choice(["；", "，", "  "])
    years = sep.join(f"{y}年：{v}人次" for y, v in ((2018, base.trainees_2018), (2019, base.trainees_2019),
                                                  (2020, base.trainees_2020)))
    grid.line([("近三年实名制培训人次", 1), (years, 3)])
    grid.full("三、培训制度建设", bold=True)
    on, off = style.marks
    for key, label in SYSTEM:
        has = getattr(base, key)
        grid.line([(label, 1), (f"{on if has else off}有\u3000{off if has else on}无", 3)])
    grid.line([("基地简介", 1), (base.introduction, 3)])
    grid.full("四、审核推荐意见", bold=True)
    days = style.opinion_days(rng)
    grid.line([("企业工会意见", 1), (base_opinion(rng, "org", days), 3)])
    grid.line([("推荐单位意见", 1), (base_opinion(rng, "unit", days), 3)])
    grid.render(doc)


def base_form_document(rng: random.Random, style: UnitStyle, base: TrainingBase) -> DocxDocument:
    doc = new_document(font="宋体", size=12)
    {"D": layout_d, "E": layout_e}[style.base_layout](doc, rng, style, base)
    return doc
