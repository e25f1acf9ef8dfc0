"""Training-base forms of family D:

- `block`: a six-column grid; area, equipment and teachers in a 3×2 block under a `培训条件`
  cell, trainees as years over counts, the training system as options with a mark beside each;
- `combined`: a long two-column table of combined cells (`GR…（2019年11月28日）`, `张三 139…`,
  `专职6人，兼职17人`, `2018年：1870人次；…`) with marks written after the options.
"""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument

from ..records import TrainingBase
from ..season import year
from .kit import Grid, add_paragraph, new_document
from .plan import Office

SYSTEM = [("has_training_records", "培训记录台账"), ("has_followup_service", "培训后跟踪服务"),
          ("has_incentives", "培训激励办法")]


def opinions(base: TrainingBase, office: Office, rng: random.Random) -> tuple[str, str]:
    day = office.fill_day
    enterprise = f"同意申报。\n\n{base.enterprise_name}工会（盖章）\n{year(2021)}年7月{rng.randint(day - 6, day - 1)}日"
    unit = f"经审核，同意推荐。\n\n{office.self_name}（盖章）\n{year(2021)}年7月{day}日"
    return enterprise, unit


def cert_date(base: TrainingBase) -> str:
    y, m, d = base.cert_date
    return f"{y}年{m}月{d}日"


def block_form(doc: DocxDocument, base: TrainingBase, office: Office, rng: random.Random) -> None:
    v = office.voice
    add_paragraph(doc, "附件8", size=12, font="黑体")
    add_paragraph(doc, "辽宁省工会职工职业技能培训基地申报表", size=18, bold=True, center=True)
    add_paragraph(doc, f"推荐单位（盖章）：{office.self_name}                    {office.fill_date()}", size=11)
    grid = Grid(6, widths_cm=[2.8, 2.4, 2.6, 2.6, 2.6, 2.6])
    grid.line("企业名称", base.enterprise_name)
    grid.line("统一社会信用代码", (base.credit_code, 2), "法定代表人", base.legal_rep)
    grid.line("科技型企业类别", v.tech_ticks(base.tech_category))
    grid.line("认定证书编号", (base.cert_no, 2), "认定时间", v.month(*base.cert_date[:2]))
    grid.line("企业地址", base.address)
    grid.line("职工人数", v.count(base.employees, "人"), "联系人", base.contact_name, "联系电话",
              v.phone(base.contact_phone))
    row = grid.next_row
    grid.put(row, 0, "培训条件", rows=2, center=True)
    grid.put(row, 1, "培训场所面积（平方米）", cols=2, center=True)
    grid.put(row, 3, "教学设备（台套）", center=True)
    grid.put(row, 4, "专兼职教师", cols=2, center=True)
    grid.put(row + 1, 1, v.area(base.training_area_m2), cols=2, center=True)
    grid.put(row + 1, 3, str(base.equipment_sets), center=True)
    grid.put(row + 1, 4, f"专职{base.full_time_teachers}人，兼职{base.part_time_teachers}人", cols=2, center=True)
    grid.line("主要培训专业（工种）", base.training_programs)
    row = grid.next_row
    grid.put(row, 0, "近三年实名制培训人次", rows=2, center=True)
    for col, span, (label, value) in zip((1, 3, 4), (2, 1, 2), (
            (f"{year(2018)}年", base.trainees_2018), (f"{year(2019)}年", base.trainees_2019),
            (f"{year(2020)}年", base.trainees_2020)), strict=True):
        grid.put(row, col, label, cols=span, center=True)
        grid.put(row + 1, col, str(value), cols=span, center=True)
    grid.line("学员满意率", v.rate(base.satisfaction_rate))
    if office.category_style in ("yesno", "tworow"):
        row = grid.next_row
        grid.put(row, 0, "培训制度建设", rows=3, center=True)
        for offset, (key, label) in enumerate(SYSTEM):
            grid.put(row + offset, 1, label, cols=3)
            grid.put(row + offset, 4, v.yes_no(getattr(base, key)), cols=2, center=True)
    else:
        grid.line("培训制度建设（已建立的在其后一栏内打√）")
        row = grid.next_row
        for index, (key, label) in enumerate(SYSTEM):
            grid.put(row, index * 2, label, center=True)
            grid.put(row, index * 2 + 1, "√" if getattr(base, key) else "", center=True)
    grid.line("基地简介", base.introduction)
    enterprise, unit = opinions(base, office, rng)
    grid.line(("企业工会意见", 3), "推荐单位意见", center=True)
    grid.line((enterprise, 3), unit)
    grid.render(doc, size=10)


def combined_form(doc: DocxDocument, base: TrainingBase, office: Office, rng: random.Random) -> None:
    v = office.voice
    add_paragraph(doc, "辽宁省职工职业技能培训基地推荐表", size=18, bold=True, center=True)
    add_paragraph(doc, f"推荐单位：{office.self_name}", size=12)
    grid = Grid(2, widths_cm=[4.5, 11.5])
    grid.line("企业名称", base.enterprise_name)
    grid.line("统一社会信用代码", base.credit_code)
    grid.line("企业类型", v.tech_ticks(base.tech_category))
    grid.line("认定证书编号及时间", f"{base.cert_no}（{cert_date(base)}）")
    grid.line("企业地址", base.address)
    grid.line("法人代表", base.legal_rep)
    grid.line("职工人数", v.count(base.employees, "人"))
    grid.line("联系人及电话", f"{base.contact_name}  {v.phone(base.contact_phone)}")
    grid.line("培训场所面积", v.area(base.training_area_m2, force_unit=True))
    grid.line("教学设备", f"{base.equipment_sets}台套")
    grid.line("师资情况", f"专职{base.full_time_teachers}人，兼职{base.part_time_teachers}人")
    grid.line("主要培训专业（工种）", base.training_programs)
    grid.line("近三年实名制培训人次", f"{year(2018)}年：{base.trainees_2018}人次；{year(2019)}年：{base.trainees_2019}人次；"
                                f"{year(2020)}年：{base.trainees_2020}人次")
    grid.line("学员满意率", v.rate(base.satisfaction_rate))
    chosen = {label for key, label in SYSTEM if getattr(base, key)}
    grid.line("培训制度建设", v.options([label for _, label in SYSTEM], chosen, after=True))
    grid.line("基地简介", base.introduction)
    enterprise, unit = opinions(base, office, rng)
    grid.line("企业工会意见", enterprise)
    grid.line("推荐单位意见", unit)
    grid.render(doc)


def base_form_doc(base: TrainingBase, office: Office, rng: random.Random) -> DocxDocument:
    doc = new_document(font=rng.choice(["宋体", "仿宋_GB2312"]), size=12)
    (block_form if office.base_style == "block" else combined_form)(doc, base, office, rng)
    return doc
