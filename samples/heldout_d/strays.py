"""Documents that reach the inbox but are none of the annexes: another campaign's recommendation
form, the unit's cover letter listing its nominees, and a .docx that holds only a photo."""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument

from .. import data
from ..problems import Inbox
from ..season import year
from .kit import Grid, add_paragraph, new_document, picture_doc, picture_png
from .plan import Office

OTHER_CAMPAIGNS = [
    ("辽宁省工人先锋号推荐审批表", "集体名称", "{core}班"),
    ("辽宁省职工科普教育基地申报表", "基地名称", "{org}职工科普馆"),
    ("辽宁省“安康杯”竞赛优胜班组推荐表", "班组名称", "{core}运行班组"),
]
CORES = ["检修", "电气", "装配", "热处理", "质检", "运维"]


def other_campaign_doc(office: Office, inbox: Inbox, rng: random.Random) -> DocxDocument:
    title, name_label, pattern = rng.choice(OTHER_CAMPAIGNS)
    studios = inbox.studios[office.unit.name]
    organisation = rng.choice(studios).organization if studios else data.organisation_name(rng, office.unit)
    name = pattern.format(core=rng.choice(CORES), org=organisation)
    doc = new_document()
    add_paragraph(doc, title, size=18, bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"推荐单位（盖章）：{office.self_name}", size=12)
    grid = Grid(4, widths_cm=[3.2, 4.8, 3.2, 4.8])
    head = data.person_name(rng, rng.choice("男女"))
    grid.line(name_label, name)
    grid.line("所在单位", organisation)
    grid.line("负责人", head, "职工人数", f"{rng.randint(12, 80)}人")
    grid.line("联系电话", office.voice.phone(data.phone(rng, data.unit_city(office.unit))), "成立时间",
              f"{rng.randint(2005, 2018)}年")
    grid.line("主要事迹", "该集体坚持安全第一、质量至上，扎实开展岗位练兵和技术比武活动，"
                      "连续多年实现安全生产无事故，多次获得上级表彰。")
    grid.line("所在单位意见", f"同意推荐。\n\n（盖章）\n{year(2021)}年6月{rng.randint(1, 28)}日")
    grid.line("推荐单位意见", f"同意推荐。\n\n（盖章）\n{year(2021)}年6月{rng.randint(1, 28)}日")
    grid.render(doc)
    return doc


def cover_letter_doc(office: Office, inbox: Inbox, rng: random.Random) -> DocxDocument:
    studios = inbox.studios[office.unit.name]
    bases = inbox.bases[office.unit.name]
    doc = new_document(font="仿宋_GB2312", size=16)
    add_paragraph(doc, f"{office.self_name}", size=22, bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"关于推荐{year(2021)}年度辽宁省劳模创新工作室、职工创新工作室和职工职业技能培训基地的函",
                  size=18, bold=True, center=True)
    add_paragraph(doc, "辽宁省总工会：", size=16)
    add_paragraph(doc, "　　根据《关于开展辽宁省劳模创新工作室、职工创新工作室和职工职业技能培训基地推荐工作的通知》"
                       "要求，经基层推荐、审核把关，现将我单位推荐名单报送如下：", size=16)
    for index, studio in enumerate(studios, start=1):
        add_paragraph(doc, f"　　{index}.{studio.studio_name}（{studio.organization}）", size=16)
    for index, base in enumerate(bases, start=len(studios) + 1):
        add_paragraph(doc, f"　　{index}.{base.enterprise_name}（职工职业技能培训基地）", size=16)
    add_paragraph(doc, "　　附件：1.推荐汇总表", size=16)
    add_paragraph(doc, "　　　　　2.基本情况表及申报材料", size=16)
    add_paragraph(doc, "")
    add_paragraph(doc, f"{office.self_name}", size=16)
    add_paragraph(doc, f"{year(2021)}年7月{office.fill_day}日", size=16)
    add_paragraph(doc, f"（联系人：{office.clerk}，电话：{office.voice.phone(office.clerk_phone)}）", size=14)
    return doc


def photo_doc(office: Office, inbox: Inbox, rng: random.Random) -> DocxDocument:
    return picture_doc(picture_png(rng))


STRAY_DOCS = {"other_campaign": other_campaign_doc, "cover_letter": cover_letter_doc, "photo": photo_doc}
STRAY_NAMES = {
    "other_campaign": ["推荐表.docx", "附件2推荐表.docx", "先进集体推荐表.docx"],
    "cover_letter": ["推荐函.docx", "关于推荐工作室的函.docx", "报送说明.docx"],
    "photo": ["IMG_20210716_0932.docx", "扫描件.docx", "盖章页.docx"],
}


def stray_doc(kind: str, office: Office, inbox: Inbox, rng: random.Random) -> tuple[DocxDocument, str]:
    return STRAY_DOCS[kind](office, inbox, rng), rng.choice(STRAY_NAMES[kind])
