"""Recommendation forms of other campaigns that look like ours (title, label grid, opinions and
seals) but are not: they must be read as UNKNOWN_DOCUMENT."""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument

from samples import data
from samples.templates import add_paragraph, new_document
from samples.wild.grid import Cell, add_grid, vertical


def popular_science_base(rng: random.Random, unit: str, organisation: str) -> DocxDocument:
    doc = new_document()
    add_paragraph(doc, "辽宁省科普教育基地推荐表", size=18, bold=True, center=True)
    add_paragraph(doc, f"推荐单位（盖章）：{unit}")
    rows = [
        [Cell("单位名称"), Cell(organisation, 3)],
        [Cell("通讯地址"), Cell(data.address(rng, "沈阳"), 3)],
        [Cell("联系人"), Cell(data.person_name(rng, "女")), Cell("联系电话"), Cell(data.mobile_phone(rng))],
        [Cell("基地类型"), Cell("☑场馆类  □教育类  □生产类  □旅游类", 3)],
        [Cell("年接待人数"), Cell(f"{rng.randint(2000, 50000)}人次"), Cell("展教面积"), Cell(f"{rng.randint(200, 3000)}平方米")],
        [Cell("基地简介"), Cell("本基地面向青少年开展科普教育活动，年均举办科普讲座二十余场。", 3)],
        [Cell(vertical("推荐意见")), Cell("同意推荐。\n\n（盖章）\n2021年7月12日", 3)],
    ]
    add_grid(doc, rows, 4)
    return doc


def advanced_collective(rng: random.Random, unit: str, organisation: str) -> DocxDocument:
    doc = new_document()
    add_paragraph(doc, "辽宁省五一劳动奖状（先进集体）推荐表", size=18, bold=True, center=True)
    rows = [
        [Cell("单位名称"), Cell(organisation, 3)],
        [Cell("单位性质"), Cell("国有企业"), Cell("职工人数"), Cell(f"{rng.randint(100, 5000)}人")],
        [Cell("负责人"), Cell(data.person_name(rng, "男")), Cell("联系电话"), Cell(data.mobile_phone(rng))],
        [Cell("曾获荣誉"), Cell("2019年辽宁省文明单位", 3)],
        [Cell("主要事迹"), Cell("该单位深入开展劳动和技能竞赛，全面完成年度生产经营任务。", 3)],
        [Cell("所在单位工会意见"), Cell("同意。\n（盖章）\n2021年7月9日", 3)],
        [Cell("推荐单位意见"), Cell("同意推荐。\n（盖章）\n2021年7月13日", 3)],
    ]
    add_grid(doc, rows, 4)
    return doc


def broadcast_award(rng: random.Random, unit: str, organisation: str) -> DocxDocument:
    doc = new_document()
    add_paragraph(doc, "全省工会新闻宣传优秀作品推荐表", size=18, bold=True, center=True)
    rows = [
        [Cell("作品标题"), Cell("匠心筑梦 创新争先", 3)],
        [Cell("作者"), Cell(data.person_name(rng, "女")), Cell("刊播时间"), Cell("2021年5月1日")],
        [Cell("刊播单位"), Cell(organisation, 3)],
        [Cell("作品简介"), Cell("报道了一线职工开展技术创新的先进事迹。", 3)],
        [Cell("推荐单位意见"), Cell("同意推荐。\n（盖章）\n2021年7月8日", 3)],
    ]
    add_grid(doc, rows, 4)
    return doc


FOREIGN = {"科普教育基地推荐表": popular_science_base, "先进集体推荐表": advanced_collective,
           "新闻作品推荐表": broadcast_award}
