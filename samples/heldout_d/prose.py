"""Narrative materials of family D: three structures (numbered sections; a story with bold lead
sentences and no headings; a report with `（一）` headings and a table of main members), the
facts the form also states written in exact but varied phrasing."""

from __future__ import annotations

import random

import cn2an
from docx.document import Document as DocxDocument

from .. import data
from ..records import Studio, format_number
from ..season import year
from .kit import Grid, add_paragraph, new_document
from .plan import Office

CN_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def money_words(rng: random.Random, wan: float) -> str:
    if wan >= 10000 and rng.random() < 0.6:
        return f"{format_number(wan / 10000)}亿元"
    return f"{format_number(wan)}万元"


class Facts:
    """Sentences stating the studio's facts (with the planted disagreement, if any)."""

    def __init__(self, studio: Studio, rng: random.Random, *, summary_only: bool) -> None:
        self.s = studio
        self.rng = rng
        self.summary_only = summary_only
        self.team = int(studio.narrative_overrides.get("team_size", studio.team_size))  # type: ignore[call-overload]
        self.patents = int(studio.narrative_overrides.get("patents", studio.patents))  # type: ignore[call-overload]

    def established(self) -> str:
        y, m, d = self.s.established
        name, org = self.s.studio_name, self.s.organization
        return self.rng.choice([
            f"{name}成立于{y}年{m}月",
            f"{y}年{m}月，经{org}批准，{name}正式挂牌成立",
            f"工作室组建于{y}年{m}月{d}日，由{self.s.leader_name}同志领衔",
            f"工作室于{str(y).translate(CN_DIGITS)}年{cn2an.an2cn(m)}月正式成立",
        ])

    def team_size(self) -> str:
        n = self.team
        senior = self.rng.randint(1, max(1, n // 3))
        return self.rng.choice([
            f"现有成员{n}人",
            f"团队共有成员{n}名",
            f"工作室现有{n}名成员，其中高级技师{senior}人",
            f"形成了一支{cn2an.an2cn(n)}人的创新团队" if n < 100 else f"形成了一支{n}人的创新团队",
        ])

    def patents_sentence(self) -> str:
        p = self.patents
        if p == 0:
            return "目前已有多项成果进入专利申报程序"
        inventions = self.rng.randint(0, p)
        return self.rng.choice([
            f"累计获得国家授权专利{p}项",
            f"取得专利授权{p}件，其中发明专利{inventions}件" if inventions else f"取得专利授权{p}件",
            f"共获得专利{p}项",
        ])

    def benefit(self) -> str:
        money = money_words(self.rng, self.s.economic_benefit_wan)
        return self.rng.choice([f"近三年累计创造经济效益{money}", f"近三年实现创效{money}",
                                f"近三年为企业创造经济效益{money}"])

    def trained(self) -> str:
        t = self.s.trained_workers
        sessions = self.rng.randint(12, 80)
        return self.rng.choice([f"累计培训职工{t}人次", f"开展技能培训{sessions}期，培训职工{t}人次",
                                f"培训职工达{t}人次"])

    def apprentices(self) -> str:
        return f"结成师徒{self.s.apprentices}对"


def basic_paragraph(facts: Facts) -> str:
    s = facts.s
    return (f"{facts.established()}。工作室依托{s.organization}，{facts.team_size()}，"
            f"由{s.leader_name}同志担任领衔人，成员涵盖技术、工艺、操作等岗位骨干，年龄结构和专业结构合理。")


def practice_paragraphs(facts: Facts, rng: random.Random) -> list[str]:
    s = facts.s
    first = max(s.established[0] + 1, year(2017))
    when = f"{rng.randint(first, year(2020))}年，" if first <= year(2020) else "去年，"
    return [
        "工作室坚持“问题即课题、创新即工作”的理念，建立了课题立项、攻关推进、成果评审、推广应用的闭环管理机制，"
        "每月召开一次创新例会，围绕生产一线的瓶颈问题确定攻关方向。",
        f"{when}工作室牵头组织跨部门攻关小组，针对关键设备运行中的难点问题开展联合攻关，"
        "形成的改进方案在全公司推广应用，有效提升了设备运行的稳定性。",
    ]


def results_paragraph(facts: Facts) -> str:
    if facts.summary_only:
        return ("工作室围绕提质增效开展技术革新和合理化建议活动，多项成果在生产中推广应用，"
                "在降低成本、保障安全等方面取得了明显成效。")
    return (f"工作室成立以来，{facts.patents_sentence()}，完成技术攻关{facts.s.tackled_projects}项，"
            f"提出合理化建议{facts.s.suggestions}条，{facts.benefit()}。")


def talent_paragraph(facts: Facts) -> str:
    if facts.summary_only:
        return "工作室发挥领衔人传帮带作用，通过技能比武、现场教学等方式培养了一批技术骨干。"
    return (f"工作室发挥领衔人传帮带作用，{facts.trained()}，{facts.apprentices()}，"
            "培养出一批技术骨干和岗位能手，为企业高技能人才队伍建设作出了贡献。")


PLANS = ["下一步，工作室将继续聚焦企业发展中的关键技术难题，加强与高校、科研院所的合作，推动创新成果转化，"
         "进一步扩大示范引领作用。",
         "今后，工作室将进一步完善运行管理制度，拓展创新领域，加大青年职工培养力度，争创更高水平的创新平台。"]


def headed_material(doc: DocxDocument, facts: Facts, rng: random.Random) -> None:
    s = facts.s
    add_paragraph(doc, f"{s.studio_name}{rng.choice(['申报材料', '推荐材料', '创建情况'])}", size=20, bold=True,
                  center=True, font="方正小标宋简体")
    add_paragraph(doc, "")
    sections = [("一、工作室基本情况", [basic_paragraph(facts)]),
                ("二、主要做法", practice_paragraphs(facts, rng)),
                ("三、创新成果及效益", [results_paragraph(facts)]),
                ("四、人才培养", [talent_paragraph(facts)]),
                ("五、下一步工作打算", [rng.choice(PLANS)])]
    for heading, paragraphs in sections:
        add_paragraph(doc, heading, size=16, font="黑体")
        for text in paragraphs:
            add_paragraph(doc, "　　" + text, size=16, font="仿宋_GB2312")


def story_material(doc: DocxDocument, facts: Facts, rng: random.Random) -> None:
    s = facts.s
    add_paragraph(doc, rng.choice(["匠心筑梦 创新争先", "聚力攻坚 勇攀高峰", "以创新之力 促发展之效"]), size=22,
                  bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"——{s.organization}{s.studio_name}事迹材料", size=16, center=True, font="楷体_GB2312")
    founded = rng.randint(1950, 1999)
    add_paragraph(doc, f"　　{s.organization}始建于{founded}年，是区域内重要的骨干企业。{basic_paragraph(facts)}",
                  size=16, font="仿宋_GB2312")
    leads = ["搭平台，建强创新阵地。", "攻难题，释放创新效能。", "育人才，厚植创新根基。", "谋长远，激发创新活力。"]
    bodies = [practice_paragraphs(facts, rng)[0], results_paragraph(facts), talent_paragraph(facts), rng.choice(PLANS)]
    for lead, body in zip(leads, bodies, strict=True):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run("　　" + lead)
        run.bold = True
        paragraph.add_run(body)


def report_material(doc: DocxDocument, facts: Facts, rng: random.Random) -> None:
    s = facts.s
    add_paragraph(doc, f"关于{s.studio_name}创建工作情况的报告", size=20, bold=True, center=True)
    add_paragraph(doc, "")
    add_paragraph(doc, "（一）基本情况", size=16, font="楷体_GB2312")
    add_paragraph(doc, "　　" + basic_paragraph(facts) + "主要成员情况如下：", size=15)
    grid = Grid(4, center_all=True)
    grid.line("序号", "姓名", "岗位", "职称/技能等级", bold=True)
    members = [(s.leader_name, "领衔人", s.leader_skill_level or s.leader_title or "高级工程师")]
    for _ in range(rng.randint(3, 5)):
        members.append((data.person_name(rng, rng.choice("男女")), rng.choice(["技术骨干", "班组长", "工艺员", "操作工"]),
                        rng.choice(["技师", "高级技师", "工程师", "高级工"])))
    for index, (name, post, level) in enumerate(members, start=1):
        grid.line(str(index), name, post, level)
    grid.render(doc)
    add_paragraph(doc, "（二）主要工作", size=16, font="楷体_GB2312")
    for text in practice_paragraphs(facts, rng):
        add_paragraph(doc, "　　" + text, size=15)
    add_paragraph(doc, "（三）取得成效", size=16, font="楷体_GB2312")
    add_paragraph(doc, "　　" + results_paragraph(facts) + talent_paragraph(facts), size=15)
    add_paragraph(doc, "（四）下步打算", size=16, font="楷体_GB2312")
    add_paragraph(doc, "　　" + rng.choice(PLANS), size=15)
    add_paragraph(doc, "")
    add_paragraph(doc, f"{s.organization}", size=15)
    add_paragraph(doc, f"{year(2021)}年7月", size=15)


STYLES = {"headed": headed_material, "story": story_material, "report": report_material}


def material_doc(studio: Studio, office: Office, rng: random.Random) -> DocxDocument:
    doc = new_document(font="仿宋_GB2312", size=16)
    facts = Facts(studio, rng, summary_only=not studio.has_form)
    STYLES[office.material_style](doc, facts, rng)
    return doc
