"""Narrative materials as units write them when the title does not name the studio: a generic
title with a subtitle, a cover page, or no title at all; facts in varied phrasing."""

from __future__ import annotations

import random
from dataclasses import replace

from docx.document import Document as DocxDocument

from samples.records import Studio, format_number
from samples.templates import add_page_break, add_paragraph, new_document

KIND = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工创新工作室",
        "worker_studio_other": "职工创新工作室"}


def _money(rng: random.Random, wan: float) -> str:
    if wan >= 10000 and rng.random() < 0.5:
        return f"{format_number(wan / 10000)}亿元"
    return rng.choice([f"{format_number(wan)}万元", f"{format_number(wan)}余万元"]) if wan.is_integer() else (
        f"{format_number(wan)}万元")


def facts_paragraphs(rng: random.Random, original: Studio) -> list[list[str]]:
    studio = replace(original, **original.narrative_overrides)
    year, month, _ = studio.established
    founded = rng.choice([
        f"工作室于{year}年{month}月正式挂牌成立",
        f"{year}年{month}月，经公司批准，工作室正式成立",
        f"工作室成立于{year}年{month}月",
        f"工作室组建于{year}年{month}月",
    ])
    team = rng.choice([f"团队现有骨干{studio.team_size}人", f"工作室现有成员{studio.team_size}名",
                       f"团队成员共{studio.team_size}人"])
    patents = rng.choice([f"获得授权专利{studio.patents}项", f"取得国家专利{studio.patents}项",
                          f"拥有专利{studio.patents}件"])
    benefit = rng.choice([f"累计创造经济效益{_money(rng, studio.economic_benefit_wan)}",
                          f"近三年创造经济效益共计{_money(rng, studio.economic_benefit_wan)}",
                          f"累计创效{_money(rng, studio.economic_benefit_wan)}",
                          _yearly_benefit(rng, studio.economic_benefit_wan)])
    trained = rng.choice([f"培训职工达{studio.trained_workers}人次", f"累计培训职工{studio.trained_workers}人次",
                          f"开展培训{rng.randint(20, 90)}期，培训职工{studio.trained_workers}人次"])
    apprentices = rng.choice([f"带徒{studio.apprentices}名", f"师带徒{studio.apprentices}对"])
    return [
        [f"{founded}，依托{studio.organization}，由{studio.leader_name}同志领衔。{team}，"
         f"平均年龄{rng.randint(31, 44)}岁。"],
        [f"工作室围绕生产难题开展技术攻关{studio.tackled_projects}项，征集合理化建议{studio.suggestions}条。",
         "工作室建立了例会、项目管理、成果评审等制度。"],
        [f"近年来，工作室{patents}，{benefit}。"],
        [f"工作室坚持“传帮带”，{trained}，{apprentices}，培养了一批技术骨干。"],
        ["下一步，工作室将继续深化技术创新，力争再获专利5项。"],
    ]


def _yearly_benefit(rng: random.Random, total: float) -> str:
    """`2018年至2020年分别创效X万元、Y万元、Z万元，累计T万元`: a total over years after its parts."""
    if not total.is_integer() or total < 30:
        return f"累计创造经济效益{format_number(total)}万元"
    first = int(total * rng.uniform(0.2, 0.3))
    second = int(total * rng.uniform(0.3, 0.4))
    third = int(total) - first - second
    return f"2018年至2020年分别创效{first}万元、{second}万元、{third}万元，累计{format_number(total)}万元"


HEADINGS = [["一、工作室基本情况", "一、基本情况"], ["二、创新工作开展情况", "二、主要做法"],
            ["三、主要创新成果及效益", "三、取得的成效"], ["四、示范引领和人才培养", "四、人才培养"],
            ["五、下一步工作计划", "五、今后打算"]]


def _body(doc: DocxDocument, rng: random.Random, studio: Studio) -> None:
    for headings, paragraphs in zip(HEADINGS, facts_paragraphs(rng, studio), strict=True):
        add_paragraph(doc, rng.choice(headings), size=14)
        for text in paragraphs:
            add_paragraph(doc, "    " + text, size=14)


def material_generic_title(studio: Studio, rng: random.Random) -> DocxDocument:
    doc = new_document()
    kind = KIND[studio.category]
    add_paragraph(doc, rng.choice([f"关于申报辽宁省{kind}的材料", f"申报辽宁省{kind}材料", f"{kind}申报材料"]),
                  size=18, bold=True, center=True)
    add_paragraph(doc, rng.choice([f"——{studio.studio_name}", f"——{studio.organization}{studio.studio_name}",
                                   f"（{studio.studio_name}）"]), center=True)
    _body(doc, rng, studio)
    return doc


def material_cover(studio: Studio, rng: random.Random) -> DocxDocument:
    doc = new_document()
    add_paragraph(doc, f"辽宁省{KIND[studio.category]}", size=22, bold=True, center=True)
    add_paragraph(doc, "申 报 材 料", size=22, bold=True, center=True)
    add_paragraph(doc, "")
    add_paragraph(doc, f"工作室名称：{studio.studio_name}")
    add_paragraph(doc, f"所在单位：{studio.organization}")
    add_paragraph(doc, "二〇二一年七月", center=True)
    add_page_break(doc)
    _body(doc, rng, studio)
    return doc


def material_untitled(studio: Studio, rng: random.Random) -> DocxDocument:
    """No title: the studio is named in the first sentence only."""
    doc = new_document()
    add_paragraph(doc, f"    {studio.organization}{studio.studio_name}是一支扎根生产一线的创新团队。", size=14)
    _body(doc, rng, studio)
    return doc


MATERIAL_FAMILIES = {"generic": material_generic_title, "cover": material_cover, "untitled": material_untitled}
