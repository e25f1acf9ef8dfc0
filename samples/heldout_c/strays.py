"""Documents that are not ours, sent along with a unit's nominations: another campaign's form, a
report letter that lists the nominees, a contact sheet, a medal nomination form."""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from .. import data
from ..records import Studio
from . import values as v
from .docx_kit import Grid, add_line, add_title_block, new_document
from .plan import Office
from .sheets import put

STRAY_FILE_NAMES = {
    "other_campaign_form": ["辽宁省职工技术创新成果申报表.docx", "技术创新成果申报表（{short}）.docx"],
    "cover_letter_list": ["关于推荐2021年度创新工作室的报告.docx", "{short}推荐报告.docx"],
    "contact_sheet": ["联系人信息表.xlsx", "{short}联系人回执.xlsx"],
    "honour_form": ["五一劳动奖章推荐审批表.docx", "辽宁五一劳动奖章推荐表（{short}）.docx"],
}


def other_campaign_form(rng: random.Random, office: Office, taken: set[str]) -> DocxDocument:
    doc = new_document()
    add_title_block(doc, "辽宁省职工技术创新成果申报表", subtitle="（2021年度）")
    add_line(doc, f"推荐单位：{office.self_name}")
    organisation = data.organisation_name(rng, office.unit)
    people = "、".join(fresh_name(rng, taken) for _ in range(3))
    topic = rng.choice(["大型铸件热处理变形控制技术", "高压管线智能巡检装置研制", "焊接烟尘收集净化装置改进"])
    rows = [
        ("成果名称", topic), ("完成单位", organisation), ("主要完成人", people),
        ("成果类别", "□发明创造  ☑技术革新  □技术攻关  □合理化建议"),
        ("完成时间", f"2020年{rng.randint(1, 12)}月"),
        ("成果简介", "该成果针对生产过程中存在的问题，提出改进方案，经现场应用效果良好。"),
        ("经济和社会效益", f"年节约成本{rng.randint(20, 400)}万元。"),
        ("单位意见", "\n（盖章）\n年  月  日"),
        ("推荐单位意见", "\n（盖章）\n年  月  日"),
    ]
    grid = Grid(doc, len(rows), 2)
    for r, (label, value) in enumerate(rows):
        grid.put(r, 0, label, center=True)
        grid.put(r, 1, value)
    return doc


def cover_letter(rng: random.Random, office: Office, studios: list[Studio]) -> DocxDocument:
    doc = new_document()
    add_line(doc, f"{office.unit.name}文件", size=22, bold=True, center=True)
    add_line(doc, "")
    add_line(doc, "关于推荐2021年度辽宁省劳模创新工作室和职工创新工作室的报告", size=18, bold=True, center=True)
    add_line(doc, "辽宁省总工会：")
    add_line(doc, "根据《关于开展2021年度辽宁省劳模创新工作室、职工创新工作室和职工职业技能培训基地推荐工作的通知》"
                  "要求，经基层推荐、审核把关，现推荐以下工作室：", indent=True)
    for index, studio in enumerate(studios, start=1):
        add_line(doc, f"{index}.{studio.studio_name}（{studio.organization}）", indent=True)
    add_line(doc, "以上工作室材料齐全，情况属实，特此报告。", indent=True)
    add_line(doc, "")
    add_line(doc, office.unit.name, right=True)
    add_line(doc, f"2021年7月{office.fill_day}日", right=True)
    return doc


def contact_sheet(rng: random.Random, office: Office, taken: set[str]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "回执"
    header = ["单位", "联系人", "职务", "办公电话", "手机", "电子邮箱"]
    put(ws, 1, 1, "2021年创新工作室推荐工作联系人信息表", to_col=len(header), bold=True, size=14, border=False)
    for col, text in enumerate(header, start=1):
        put(ws, 2, col, text, bold=True)
    row = [office.unit.name, office.contact, rng.choice(["经济技术部部长", "经济工作部干部", "办公室主任"]),
           v.phone_text(rng, data.landline_phone(rng, data.unit_city(office.unit))),
           data.mobile_phone(rng), office.email]
    for col, value in enumerate(row, start=1):
        put(ws, 3, col, value)
    for col in "ABCDEF":
        ws.column_dimensions[col].width = 18
    return wb


def honour_form(rng: random.Random, office: Office, taken: set[str]) -> DocxDocument:
    doc = new_document()
    add_title_block(doc, "辽宁五一劳动奖章推荐审批表")
    gender = rng.choice("男男女")
    person = fresh_name(rng, taken, gender)
    grid = Grid(doc, 6, 6)
    cells = [
        [("姓名", person), ("性别", gender), ("出生年月", f"{rng.randint(1968, 1988)}.{rng.randint(1, 12):02d}")],
        [("民族", "汉族"), ("政治面貌", "中共党员"), ("文化程度", "大学本科")],
    ]
    for r, row in enumerate(cells):
        for c, (label, value) in enumerate(row):
            grid.put(r, c * 2, label, center=True)
            grid.put(r, c * 2 + 1, value, center=True)
    grid.put(2, 0, "工作单位及职务", center=True)
    grid.put(2, 1, f"{data.organisation_name(rng, office.unit)}  {rng.choice(['班组长', '车间主任'])}", to_col=5)
    grid.put(3, 0, "主要事迹", center=True)
    grid.put(3, 1, "该同志爱岗敬业，刻苦钻研，在本职岗位上做出了突出贡献。", to_col=5)
    grid.put(4, 0, "基层工会意见", center=True)
    grid.put(4, 1, "\n（盖章）\n年  月  日", to_col=5)
    grid.put(5, 0, "推荐单位意见", center=True)
    grid.put(5, 1, "\n（盖章）\n年  月  日", to_col=5)
    return doc


def fresh_name(rng: random.Random, taken: set[str], gender: str | None = None) -> str:
    for _ in range(100):
        name = data.person_name(rng, gender or rng.choice("男女"))
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("no fresh name")
