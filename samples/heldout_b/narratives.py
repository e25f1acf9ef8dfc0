"""Narrative materials: titles that do not name the studio, the studio named in a subtitle, on a cover
page or in the first paragraph; facts stated in varied but exact phrasing."""

from __future__ import annotations

import random

import cn2an
from docx.document import Document as DocxDocument

from ..records import Studio
from ..templates import add_page_break, add_paragraph, new_document
from . import render as r
from .context import CATEGORY_PROVINCIAL, UnitStyle
from .grid import blank_lines

SLOGANS = ["匠心筑梦 创新争先", "立足岗位勇创新 攻坚克难显担当", "以创新之笔 绘发展新篇", "聚力创新 赋能发展",
           "传承工匠精神 打造创新高地", "小创新 大作为"]
GENERIC_TITLES = ["创新工作室申报材料", "工作室事迹材料", "申报材料", "推荐材料"]
HEADINGS = [
    ["一、工作室基本情况", "二、创新工作开展情况", "三、主要创新成果及效益", "四、示范引领和人才培养", "五、下一步工作计划"],
    ["一、基本概况", "二、主要做法", "三、取得成效", "四、人才培养", "五、今后打算"],
    ["（一）搭建平台，夯实创新基础", "（二）聚焦难题，开展技术攻关", "（三）成果丰硕，效益显著",
     "（四）传帮带教，培育技能人才", "（五）明确目标，持续创新发展"],
]
PROBLEMS = ["设备故障率高", "产品一次合格率偏低", "能耗居高不下", "关键部件依赖进口", "检修周期长", "工艺参数不稳定"]


def fact(studio: Studio, name: str) -> int | float:
    return studio.narrative_overrides.get(name, getattr(studio, name))  # type: ignore[return-value]


def est_text(rng: random.Random, studio: Studio) -> str:
    y, m, d = studio.established
    roll = rng.random()
    if roll < 0.1:
        return f"{str(y).translate(r.CN_DIGITS)}年{cn2an.an2cn(m)}月"
    if roll < 0.3:
        return f"{y}年{m}月{d}日"
    return f"{y}年{m}月"


def basic(rng: random.Random, studio: Studio, named_first: bool) -> list[str]:
    est = est_text(rng, studio)
    team = int(fact(studio, "team_size"))
    team_words = cn2an.an2cn(team) if rng.random() < 0.15 else str(team)
    subject = f"{studio.organization}{studio.studio_name}（以下简称“工作室”）" if named_first else "工作室"
    founding = rng.choice([
        f"{subject}成立于{est}，",
        f"{est}，经{studio.organization}批准，{subject.removeprefix(studio.organization)}正式挂牌成立，",
        f"{subject}组建于{est}，",
    ])
    team_phrase = rng.choice([f"现有成员{team_words}人", f"团队共有成员{team_words}名", f"由{team_words}名技术骨干组成"])
    composition = ""
    if team >= 8 and rng.random() < 0.6:
        a = rng.randint(1, max(1, team // 4))
        b = rng.randint(1, max(1, team // 3))
        composition = f"，其中高级技师{a}人、技师{b}人，平均年龄{rng.randint(32, 45)}岁"
    first = f"{founding}{team_phrase}{composition}。工作室拥有独立的活动场所，配备{studio.equipment}，为开展创新活动提供了保障。"
    leader_bits = [b for b in (studio.leader_title, studio.leader_skill_level) if b]
    leader = f"领衔人{studio.leader_name}" + (f"，{'、'.join(leader_bits)}" if leader_bits else "")
    if studio.leader_honors:
        leader += f"，先后获得{studio.leader_honors}等荣誉"
    pronoun = "他" if studio.leader_gender == "男" else "她"
    return [first, leader + f"。{pronoun}扎根生产一线，带领团队攻坚克难，是企业技术创新的带头人。"]


def practices(rng: random.Random, studio: Studio) -> list[str]:
    problem = rng.choice(PROBLEMS)
    year = rng.randint(2018, 2020)
    lines = [
        "工作室建立了“课题立项—攻关实施—成果评审—推广应用”的闭环管理机制，定期召开创新例会，"
        "把生产中的难点、堵点作为攻关课题，实行项目负责制。",
        f"{year}年，针对{problem}的问题，工作室成立专项攻关小组，经过反复试验，优化了工艺方案，"
        f"使相关指标改善{rng.randint(10, 45)}%以上。",
    ]
    if rng.random() < 0.35:
        lines.append(f"其中，“{rng.choice(['快换工装', '智能点检', '余热回收', '在线检测'])}”项目推广后，"
                     f"年节约成本{rng.randint(8, 90)}万元。")
    return lines


def results(rng: random.Random, studio: Studio) -> list[str]:
    patents = int(fact(studio, "patents"))
    money = r.money_sentence(rng, float(fact(studio, "economic_benefit_wan")))
    patent_phrase = rng.choice([f"获得国家授权专利{patents}项", f"取得专利授权{patents}项"])
    if patents >= 2 and rng.random() < 0.4:
        patent_phrase += f"（其中发明专利{rng.randint(1, patents - 1)}项）"
    parts = [f"完成技术攻关项目{studio.tackled_projects}项", patent_phrase,
             f"征集合理化建议{studio.suggestions}条"]
    rng.shuffle(parts)
    benefit = rng.choice([f"近三年累计创造经济效益{money}", f"为企业创造经济效益{money}", f"累计创效{money}"])
    return [f"近三年来，工作室{'，'.join(parts)}，{benefit}。"]


def training(rng: random.Random, studio: Studio) -> list[str]:
    trained = int(fact(studio, "trained_workers"))
    phrase = rng.choice([f"累计培训职工{trained}人次", f"开展各类技能培训{trained}人次", f"培训一线职工{trained}人次"])
    return [f"工作室坚持“以赛促学、以师带徒”，{phrase}，签订师徒合同{studio.apprentices}对，"
            "一批青年职工在各级技能竞赛中取得好成绩，成长为生产技术骨干。"]


def plans(rng: random.Random) -> list[str]:
    del rng
    return ["下一步，工作室将继续围绕企业中心工作，深化技术攻关和成果转化，完善人才培养机制，"
            "发挥好示范引领和辐射带动作用，为辽宁全面振兴作出新的更大贡献。"]


def material_document(rng: random.Random, style: UnitStyle, studio: Studio) -> DocxDocument:
    doc = new_document(font="仿宋_GB2312", size=16)
    opening = rng.choice(["slogan", "cover", "plain"])
    named_first = opening == "plain" or rng.random() < 0.3
    if opening == "cover":
        blank_lines(doc, 4)
        add_paragraph(doc, CATEGORY_PROVINCIAL[studio.category].split("（")[0], size=24, bold=True, center=True,
                      font="黑体")
        add_paragraph(doc, "申 报 材 料", size=26, bold=True, center=True, font="黑体")
        blank_lines(doc, 5)
        add_paragraph(doc, f"工作室名称：{studio.studio_name}", size=16)
        add_paragraph(doc, f"所在单位：{studio.organization}", size=16)
        add_paragraph(doc, f"推荐单位：{style.unit_text(rng)}", size=16)
        blank_lines(doc, 3)
        add_paragraph(doc, "二〇二一年七月", size=16, center=True)
        add_page_break(doc)
        add_paragraph(doc, rng.choice(SLOGANS + GENERIC_TITLES), size=20, bold=True, center=True,
                      font="方正小标宋简体")
    elif opening == "slogan":
        add_paragraph(doc, rng.choice(SLOGANS), size=20, bold=True, center=True, font="方正小标宋简体")
        subtitle = rng.choice([f"——{studio.studio_name}申报材料", f"——记{studio.organization}{studio.studio_name}"])
        add_paragraph(doc, subtitle, size=16, center=True, font="楷体")
    else:
        add_paragraph(doc, rng.choice(GENERIC_TITLES), size=20, bold=True, center=True, font="方正小标宋简体")
    headings = rng.choice(HEADINGS)
    sections = [basic(rng, studio, named_first), practices(rng, studio), results(rng, studio),
                training(rng, studio), plans(rng)]
    for heading, paragraphs in zip(headings, sections, strict=True):
        add_paragraph(doc, heading, size=16, font="黑体")
        for text in paragraphs:
            add_paragraph(doc, "\u3000\u3000" + text, size=16)
    return doc
