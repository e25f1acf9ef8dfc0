"""Documents that are not ours: other campaigns' recommendation forms and a covering letter."""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument

from .. import data
from ..templates import add_paragraph, new_document
from .context import UnitStyle
from .grid import Grid

KINDS = ["pioneer", "reading_room", "letter"]


def pioneer_form(rng: random.Random, style: UnitStyle) -> tuple[DocxDocument, str]:
    """辽宁省工人先锋号推荐审批表."""
    org = data.organisation_name(rng, style.unit)
    team = rng.choice(["检修车间电气班", "质检中心化验班", "运行一值", "装配车间二班组"])
    doc = new_document()
    add_paragraph(doc, "辽宁省工人先锋号推荐审批表", size=18, bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"推荐单位：{style.unit_text(rng)}")
    grid = Grid(4)
    grid.line([("集体名称", 1), (f"{org}{team}", 3)])
    grid.line([("所在单位", 1), (org, 3)])
    grid.line([("集体人数", 1), (f"{rng.randint(8, 60)}人", 1), ("负责人", 1), (data.person_name(rng, "男"), 1)])
    grid.line([("主要事迹", 1), ("该集体坚持安全第一、质量至上，创新班组管理，连续多年超额完成生产任务，"
                                "在劳动竞赛中成绩突出。", 3)])
    grid.line([("基层工会意见", 1), (f"同意推荐。\n（盖章）\n{style.earlier_date(rng)}", 3)])
    grid.line([("推荐单位意见", 1), (f"同意推荐。\n（盖章）\n{style.earlier_date(rng)}", 3)])
    grid.render(doc)
    return doc, rng.choice(["工人先锋号推荐审批表.docx", f"{team}工人先锋号申报表.docx"])


def reading_room_form(rng: random.Random, style: UnitStyle) -> tuple[DocxDocument, str]:
    """全国工会职工书屋示范点申报表."""
    org = data.organisation_name(rng, style.unit)
    doc = new_document()
    add_paragraph(doc, "全国工会职工书屋示范点申报表", size=18, bold=True, center=True, font="方正小标宋简体")
    grid = Grid(4)
    grid.line([("书屋名称", 1), (f"{org}职工书屋", 3)])
    grid.line([("申报单位", 1), (org, 3)])
    grid.line([("书屋面积（平方米）", 1), (str(rng.randint(60, 400)), 1), ("藏书数量（册）", 1),
               (str(rng.randint(2000, 20000)), 1)])
    grid.line([("管理员", 1), (data.person_name(rng, "女"), 1), ("联系电话", 1), (data.mobile_phone(rng), 1)])
    grid.line([("书屋简介", 1), ("书屋设有阅览区、电子阅读区，常年开展读书分享、主题征文等活动，深受职工欢迎。", 3)])
    grid.line([("省级工会意见", 1), ("\n（盖章）\n年  月  日", 3)])
    grid.render(doc)
    return doc, rng.choice(["职工书屋示范点申报表.docx", "书屋申报表.docx"])


def cover_letter(rng: random.Random, style: UnitStyle, counts: dict[str, int]) -> tuple[DocxDocument, str]:
    doc = new_document(font="仿宋_GB2312", size=16)
    unit = style.unit.name
    add_paragraph(doc, "关于报送2021年度劳模和职工创新工作室等推荐材料的函", size=20, bold=True, center=True,
                  font="方正小标宋简体")
    add_paragraph(doc, "辽宁省总工会经济技术部：", size=16)
    parts = []
    if counts.get("labor"):
        parts.append(f"劳模创新工作室{counts['labor']}个")
    if counts.get("worker"):
        parts.append(f"职工创新工作室{counts['worker']}个")
    if counts.get("base"):
        parts.append(f"职工职业技能培训基地{counts['base']}个")
    add_paragraph(doc, "\u3000\u3000根据《关于开展2021年辽宁省劳模创新工作室和职工创新工作室推荐工作的通知》要求，"
                       f"经基层推荐、审核公示，现推荐{'、'.join(parts)}，相关材料随函报送，请审核。", size=16)
    add_paragraph(doc, f"\u3000\u3000联系人：{style.contact}，电话：{style.contact_phone}", size=16)
    add_paragraph(doc, unit, size=16)
    add_paragraph(doc, style.fill_date(), size=16)
    return doc, rng.choice(["报送函.docx", "关于报送推荐材料的函.docx", "函.docx"])
