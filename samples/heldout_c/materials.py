"""Narrative materials of family C: varied headings (`一、` `（一）` `1.` `第一部分`, or none), the
studio named in the title, only on a cover page, or only in the first sentence; each fact the form
also carries stated once, exactly, in one of several phrasings."""

from __future__ import annotations

import random

import cn2an
from docx.document import Document as DocxDocument

from ..records import Studio
from . import values as v
from .docx_kit import add_line, new_document, page_break

SECTION_NAMES = ["工作室基本情况", "创新工作开展情况", "主要创新成果及效益", "示范引领和人才培养", "下一步工作计划"]
ALT_SECTION_NAMES = ["基本情况", "主要做法", "取得成效", "传帮带与人才培养", "今后打算"]
CN_ORDINALS = ["一", "二", "三", "四", "五"]


def heading(style: str, index: int, name: str) -> str:
    if style == "chinese":
        return f"{CN_ORDINALS[index]}、{name}"
    if style == "paren":
        return f"（{CN_ORDINALS[index]}）{name}"
    if style == "arabic":
        return f"{index + 1}.{name}"
    return f"第{CN_ORDINALS[index]}部分  {name}"


def established_sentence(rng: random.Random, s: Studio, subject: str) -> str:
    y, m = s.established[0], s.established[1]
    return rng.choice([
        f"{subject}成立于{y}年{m}月",
        f"{y}年{m}月，经{s.organization}批准，{subject}正式挂牌成立",
        f"{subject}于{v.cn_year(y)}年{v.cn_month(m)}月组建",
        f"{subject}组建于{y}年{m}月",
    ])


def team_sentence(rng: random.Random, team: int, senior: int | None) -> str:
    base = rng.choice([f"现有团队成员{team}人", f"工作室共有成员{team}名", f"团队由{team}名技术骨干组成",
                       f"现有成员{cn2an.an2cn(team)}人"])
    if senior is not None:
        base += f"，其中高级技师{senior}人"
    return base


def patents_sentence(rng: random.Random, patents: int, invention: int | None) -> str:
    base = rng.choice([f"累计获得国家专利{patents}项", f"取得授权专利{patents}项", f"获得专利授权{patents}项"])
    if invention is not None:
        base += f"（其中发明专利{invention}项）"
    return base


def benefit_sentence(rng: random.Random, wan: float) -> str:
    money = v.narrative_money(rng, wan)
    return rng.choice([f"近三年累计创造经济效益{money}", f"近三年为企业创效{money}", f"近三年实现经济效益{money}"])


def trained_sentence(rng: random.Random, trained: int) -> str:
    return rng.choice([f"累计培训职工{trained}人次", f"开展各类技能培训，培训职工{trained}人次",
                       f"培训职工达{trained}人次"])


def paragraphs(rng: random.Random, s: Studio, subject: str, first_sentence_names: bool) -> list[list[str]]:
    team = int(s.narrative_overrides.get("team_size", s.team_size or 0))
    patents = int(s.narrative_overrides.get("patents", s.patents))
    senior = rng.randint(1, max(1, team // 4)) if rng.random() < 0.3 and team >= 8 else None
    invention = rng.randint(1, patents - 1) if patents >= 3 and rng.random() < 0.3 else None
    opener = established_sentence(rng, s, s.studio_name if first_sentence_names else subject)
    honours = s.leader_honors.replace("；", "、").replace("，", "、")
    leader = (f"领衔人{s.leader_name}同志长期扎根生产一线" + (f"，先后获得{honours}等荣誉" if honours else "") + "。")
    basic = [
        f"{opener}，依托{s.organization}，{team_sentence(rng, team, senior)}，"
        f"活动场所{v.format_number(s.venue_area_m2)}平方米，配备{s.equipment}。{leader}",
    ]
    if rng.random() < 0.4:
        basic.append(f"{subject}建立了例会、项目管理、成果评审和激励等制度，做到有场所、有设备、有经费、有制度、有成果。")
    work = [
        f"{subject}围绕企业生产经营中的重点难点问题，组织成员开展技术攻关、技术革新和合理化建议活动，"
        f"近三年完成技术攻关{s.tackled_projects}项，提出合理化建议{s.suggestions}条。",
        "坚持问题导向，实行“揭榜挂帅”和项目负责制，攻关成果在生产现场推广应用。",
    ]
    if rng.random() < 0.3:
        work.append(f"{rng.randint(2018, 2020)}年，{subject}被评为{s.city}市示范性创新工作室。")
    results_parts = []
    if patents > 0:
        results_parts.append(patents_sentence(rng, patents, invention))
    results_parts.append(benefit_sentence(rng, s.economic_benefit_wan))
    results = [f"{subject}" + "，".join(results_parts) + "，在降本增效、安全生产等方面发挥了重要作用。"]
    talent = [
        f"{subject}坚持“师带徒”和技能传承，{trained_sentence(rng, s.trained_workers)}，"
        f"结成师徒对子{s.apprentices}对，一批青年职工成长为技术骨干。",
    ]
    plan = ["下一步，工作室将继续聚焦企业发展需求，深化技术攻关和成果转化，进一步发挥示范引领作用。"]
    return [basic, work, results, talent, plan]


def material_document(rng: random.Random, s: Studio, unit_name: str) -> DocxDocument:
    doc = new_document()
    style = rng.choice(["chinese", "chinese", "paren", "arabic", "part", "none"])
    naming = rng.choice(["title", "title", "cover", "first_sentence"])
    subject = rng.choice(["工作室", "本工作室", "该工作室"])
    sections = rng.choice([SECTION_NAMES, ALT_SECTION_NAMES])
    if naming == "cover":
        kind = "劳模创新工作室" if s.category == "labor_model_studio" else "职工创新工作室"
        for _ in range(4):
            add_line(doc, "")
        add_line(doc, f"辽宁省{kind}", size=22, bold=True, center=True, font="方正小标宋简体")
        add_line(doc, "申 报 材 料", size=22, bold=True, center=True, font="方正小标宋简体")
        for _ in range(3):
            add_line(doc, "")
        add_line(doc, f"工作室名称：{s.studio_name}", size=16, center=True, font="仿宋_GB2312")
        add_line(doc, f"申报单位：{s.organization}", size=16, center=True, font="仿宋_GB2312")
        add_line(doc, f"推荐单位：{unit_name}", size=16, center=True, font="仿宋_GB2312")
        add_line(doc, "二〇二一年七月", size=16, center=True, font="仿宋_GB2312")
        page_break(doc)
        add_line(doc, rng.choice(["申报材料", "工作室事迹材料"]), size=18, bold=True, center=True)
    elif naming == "title":
        add_line(doc, rng.choice([f"{s.studio_name}申报材料", f"{s.studio_name}事迹材料",
                                  f"立足岗位创新  助力企业发展\n——{s.studio_name}申报材料"]),
                 size=18, bold=True, center=True, font="方正小标宋简体")
    else:
        add_line(doc, rng.choice(["创新工作室申报材料", "关于申报省级创新工作室的材料"]), size=18, bold=True, center=True)
    body = paragraphs(rng, s, subject, first_sentence_names=naming == "first_sentence")
    if naming == "first_sentence" and style == "none":
        style = "chinese"
    for index, (name, texts) in enumerate(zip(sections, body, strict=True)):
        if style != "none":
            add_line(doc, heading(style, index, name), size=14, font="黑体")
        for text in texts:
            add_line(doc, text, size=14, font="仿宋_GB2312", indent=True)
    if rng.random() < 0.5:
        add_line(doc, "")
        add_line(doc, s.organization, right=True, size=14)
        add_line(doc, "2021年7月", right=True, size=14)
    return doc
