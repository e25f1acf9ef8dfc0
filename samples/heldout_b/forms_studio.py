"""Three studio forms copied from other campaigns and provinces, and the truth fields each carries.

A — a 推荐表 with a cover page and 填表说明, section rows with bare labels, check-box category,
    a member list, achievements as a label row over a value row, opinions side by side.
B — a 技能大师工作室-style 申报表: numbered `标签：` labels, category only in the title, the leader
    as a small nested table, achievements as sentences, vertical opinion labels.
C — a 基本情况登记表 with letter-spaced labels, topic blocks (a merged topic cell, a label row and
    a value row), marks after the options.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from docx.document import Document as DocxDocument

from .. import data
from ..records import Studio
from ..templates import add_page_break, add_paragraph, new_document
from . import render as r
from .context import CATEGORY_PROVINCIAL, CATEGORY_WORDS, UnitStyle
from .grid import Grid, blank_lines

ALL_STUDIO_FIELDS = [
    "studio_name", "organization", "credit_code", "org_nature", "tech_category", "leader_name", "leader_gender",
    "leader_birth", "leader_title", "leader_skill_level", "leader_honors", "leader_phone", "team_size",
    "established", "venue_area_m2", "annual_funding_wan", "economic_benefit_wan", "patents", "tackled_projects",
    "suggestions", "trained_workers", "apprentices",
]
FORM_CARRIES = {
    "A": frozenset(ALL_STUDIO_FIELDS) - {"annual_funding_wan"},
    "B": frozenset(ALL_STUDIO_FIELDS) - {"credit_code"},
    "C": frozenset(ALL_STUDIO_FIELDS) - {"apprentices"},
}
TECH_OPTIONS = ["高新技术企业", "科技型中小企业", "雏鹰企业", "瞪羚企业", "独角兽企业"]
DUTIES = ["技术攻关", "工艺优化", "设备改造", "质量管控", "数据分析", "培训组织", "安全管理", "成果转化"]
MEMBER_TITLES = ["工程师", "助理工程师", "高级工程师", "技术员", "班组长", ""]
MEMBER_SKILLS = ["高级技师", "技师", "高级工", "中级工", ""]


def opinion_text(rng: random.Random, style: UnitStyle, studio: Studio, who: str, days: dict[str, int]) -> str:
    """An opinion with its seal line and date (who: org / unit / city)."""
    target = CATEGORY_PROVINCIAL[studio.category].split("（")[0]
    words = {
        "org": ["同意推荐。", f"情况属实，同意推荐申报{target}。", "经研究，同意推荐。"],
        "unit": ["同意推荐。", f"经审核，同意推荐为{target}。", "经研究，同意上报。"],
        "city": ["同意联合推荐。", "经审核，情况属实，同意推荐。"],
    }[who]
    seal = rng.choice(["（盖章）", "（公章）", "盖章："])
    return f"{rng.choice(words)}\n\n{seal}\n2021年7月{days[who]}日"


def members(rng: random.Random, taken: set[str], count: int) -> list[list[str]]:
    rows = []
    for _ in range(count):
        gender = "男" if rng.random() < 0.7 else "女"
        for _ in range(50):
            name = data.person_name(rng, gender)
            if name not in taken:
                break
        taken.add(name)
        birth = f"{rng.randint(1970, 1996)}.{rng.randint(1, 12):02d}"
        rows.append([name, gender, birth, rng.choice(MEMBER_TITLES), rng.choice(MEMBER_SKILLS), rng.choice(DUTIES)])
    return rows


def tick_line(options: Sequence[str], chosen: set[str], marks: tuple[str, str], *, after: bool = False,
              gap: str = "\u3000") -> str:
    on, off = marks
    parts = [f"{o}{on if o in chosen else off}" if after else f"{on if o in chosen else off}{o}" for o in options]
    return gap.join(parts)


def phone_or_blank(rng: random.Random, digits: str) -> str:
    return r.phone(rng, digits) if digits else ""


def intro(rng: random.Random, studio: Studio) -> str:
    opening = rng.choice(["工作室坚持“问题导向、创新驱动”", "工作室以解决生产一线难题为目标", "工作室立足岗位、聚焦主业"])
    return (f"{opening}，围绕{studio.organization}生产经营中的关键环节开展技术攻关、技术革新和技能传承，"
            "建立了项目管理、成果评价和激励保障等制度，形成了一支结构合理、技术过硬的创新团队，"
            "在提质增效、节能降耗、安全生产方面发挥了示范引领作用。")


# --- layout A -----------------------------------------------------------------------------------


def layout_a(doc: DocxDocument, rng: random.Random, style: UnitStyle, studio: Studio, taken: set[str]) -> None:
    marks = style.marks
    blank_lines(doc, 3)
    add_paragraph(doc, "辽宁省劳模和职工创新工作室", size=22, bold=True, center=True, font="黑体")
    add_paragraph(doc, "推  荐  表", size=26, bold=True, center=True, font="黑体")
    blank_lines(doc, 4)
    add_paragraph(doc, f"工作室名称：{studio.studio_name}", size=16, font="仿宋_GB2312")
    add_paragraph(doc, f"所在单位（盖章）：{studio.organization}", size=16, font="仿宋_GB2312")
    add_paragraph(doc, f"推荐单位（盖章）：{style.unit_text(rng)}", size=16, font="仿宋_GB2312")
    add_paragraph(doc, f"填报日期：{style.fill_date()}", size=16, font="仿宋_GB2312")
    blank_lines(doc, 3)
    add_paragraph(doc, "辽宁省总工会制", size=16, center=True, font="楷体")
    add_page_break(doc)
    add_paragraph(doc, "填 表 说 明", size=18, bold=True, center=True, font="黑体")
    for note in [
        "一、本表由工作室所在单位如实填写，经推荐单位审核盖章后报送，一式三份。",
        f"二、“申报类别”只能选择一项，在所选项前的“{marks[1]}”内打“√”。",
        "三、“成立时间”填写到月；“成员人数”为工作室在册成员总数，“主要成员”栏最多填写8人。",
        "四、“主要创新成果”填写2018年1月至2020年12月期间的数据，经济效益以万元为单位。",
        "五、省直推荐单位（如省国资委、省卫生健康委员会等）推荐的工作室，须经所在地市总工会签署意见。",
    ]:
        add_paragraph(doc, note, size=14, font="仿宋_GB2312")
    add_page_break(doc)

    grid = Grid(6)
    grid.full("一、工作室基本情况", bold=True)
    grid.line([("工作室名称", 1), (studio.studio_name, 5)])
    grid.line([("申报类别", 1), (tick_line(list(CATEGORY_WORDS.values()), {CATEGORY_WORDS[studio.category]},
                                          marks, gap=rng.choice(["\u3000", "  ", "\n"])), 5)])
    grid.line([("所在单位", 1), (studio.organization, 2), ("统一社会信用代码", 1), (studio.credit_code, 2)])
    grid.line([("单位性质", 1), (studio.org_nature, 2), ("成立时间", 1), (r.month(rng, studio.established), 2)])
    chosen = set(studio.tech_category) or {"其他"}
    grid.line([("科技型企业类型", 1), (tick_line([*TECH_OPTIONS, "其他"], chosen, marks, gap=" "), 5)])
    grid.line([("成员人数", 1), (r.count(rng, studio.team_size or 0, "人"), 2),
               ("活动场所面积", 1), (r.area(rng, studio.venue_area_m2), 2)])
    grid.full("二、领衔人基本情况", bold=True)
    grid.line([("姓名", 1), (studio.leader_name, 1), ("性别", 1), (studio.leader_gender, 1),
               ("出生年月", 1), (r.month(rng, studio.leader_birth), 1)])
    grid.line([("职务/职称", 1), (studio.leader_title, 1), ("技能等级", 1), (studio.leader_skill_level, 1),
               ("联系电话", 1), (phone_or_blank(rng, studio.leader_phone), 1)])
    grid.line([("所获主要荣誉", 1), (studio.leader_honors, 5)])
    grid.full("三、工作室主要成员", bold=True)
    grid.line([(h, 1) for h in ["姓名", "性别", "出生年月", "职务/职称", "技能等级", "分工"]])
    for row in members(rng, taken, min(studio.team_size or 4, rng.randint(3, 8))):
        grid.line([(v, 1) for v in row])
    split = rng.random() < 0.4  # the form continues on a second page as a second table
    if split:
        grid.render(doc)
        doc.add_paragraph()
        grid = Grid(6)
    grid.full("四、近三年主要创新成果", bold=True)
    grid.line([(h, 1) for h in ["获得专利（项）", "技术攻关（项）", "合理化建议（条）", "经济效益（万元）",
                                "培训职工（人次）", "师带徒（对）"]])
    grid.line([(str(studio.patents), 1), (str(studio.tackled_projects), 1), (str(studio.suggestions), 1),
               (r.money(rng, studio.economic_benefit_wan).replace("万元", ""), 1), (str(studio.trained_workers), 1),
               (str(studio.apprentices), 1)])
    grid.line([("工作室简介", 1), (intro(rng, studio), 5)])
    grid.full("五、推荐意见", bold=True)
    grid.line([("所在单位工会意见", 3), ("推荐单位意见", 3)])
    days = style.opinion_days(rng)
    grid.line([(opinion_text(rng, style, studio, "org", days), 3),
               (opinion_text(rng, style, studio, "unit", days), 3)])
    if style.unit.kind == "direct":
        grid.line([("所在地市总工会意见", 1), (opinion_text(rng, style, studio, "city", days), 5)])
    grid.render(doc)


# --- layout B -----------------------------------------------------------------------------------


def numbered(style_no: str, index: int, label: str, colon: str) -> str:
    prefix = {"1.": f"{index}.", "1、": f"{index}、", "（1）": f"（{index}）"}[style_no]
    return f"{prefix}{label}{colon}"


def achievements_sentence(rng: random.Random, studio: Studio) -> str:
    parts = [
        f"完成技术攻关{studio.tackled_projects}项",
        f"获得{rng.choice(['国家授权专利', '授权专利', '专利'])}{studio.patents}项",
        f"提出合理化建议{studio.suggestions}条",
        f"创造经济效益{rng.choice(['', '约'])}{r.money_sentence(rng, studio.economic_benefit_wan)}",
        f"培训职工{studio.trained_workers}人次",
        f"师带徒{studio.apprentices}对",
    ]
    head, tail = parts[:4], parts[4:]
    if rng.random() < 0.5:
        rng.shuffle(head)
    opening = rng.choice(["近三年，工作室", "2018年以来，工作室累计", "近三年共"])
    return f"{opening}{'，'.join(head + tail)}。"


def layout_b(doc: DocxDocument, rng: random.Random, style: UnitStyle, studio: Studio, taken: set[str]) -> None:
    del taken
    title = rng.choice([f"{CATEGORY_PROVINCIAL[studio.category]}申报表", f"2021年度{CATEGORY_PROVINCIAL[studio.category]}推荐申报表"])
    add_paragraph(doc, title, size=18, bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"推荐单位：{style.unit_text(rng)}（盖章）\u3000\u3000\u3000\u3000填报时间：{style.fill_date()}")
    numbering = rng.choice(["1.", "1、", "（1）"])
    colon = rng.choice(["：", "：", ":", ""])
    grid = Grid(4)
    rows: list[tuple[str, object]] = [
        ("工作室名称", studio.studio_name),
        ("依托单位", studio.organization),
        ("单位性质", studio.org_nature),
        ("科技型企业类别", r.tech_text(rng, studio.tech_category)),
        ("工作室领衔人", [["姓名", studio.leader_name, "性别", studio.leader_gender, "出生年月",
                         r.month(rng, studio.leader_birth)],
                        ["职务/职称", studio.leader_title or "—", "技能等级", studio.leader_skill_level or "—",
                         "联系电话", phone_or_blank(rng, studio.leader_phone)]]),
        ("领衔人荣誉称号", studio.leader_honors or "无"),
        ("工作室创建时间", r.month(rng, studio.established)),
        ("工作室成员数", r.count(rng, studio.team_size or 0, "人")),
        ("活动场所及设施", f"{area_phrase(rng, studio.venue_area_m2)}；主要设备：{studio.equipment}"),
        ("年度经费投入", r.money(rng, studio.annual_funding_wan)),
        ("近三年主要成果", achievements_sentence(rng, studio)),
        ("工作室简介", intro(rng, studio)),
    ]
    for index, (label, value) in enumerate(rows, start=1):
        text = numbered(numbering, index, label, colon)
        row = grid.height
        if isinstance(value, list):
            grid.add(row, 0, text)
            grid.add(row, 1, "", cols=3, nested=value)
        else:
            grid.add(row, 0, text)
            grid.add(row, 1, str(value), cols=3)
    opinions = [("所在单位工会意见", "org"), ("推荐单位意见", "unit")]
    if style.unit.kind == "direct":
        opinions.append(("市总工会意见", "city"))
    first = grid.height
    days = style.opinion_days(rng)
    grid.add(first, 0, r.vertical("推荐意见"), rows=len(opinions), align="center")
    for offset, (label, who) in enumerate(opinions):
        grid.add(first + offset, 1, label)
        grid.add(first + offset, 2, opinion_text(rng, style, studio, who, days), cols=2)
    grid.render(doc)
    add_paragraph(doc, "注：本表一式两份，数据统计截至2020年12月31日。", size=10)


def area_phrase(rng: random.Random, value: float) -> str:
    number = r.format_number(value)
    return rng.choice([f"场所面积{number}平方米", f"活动场所约{number}㎡", f"面积{number}平方米"])


# --- layout C -----------------------------------------------------------------------------------


def block(grid: Grid, rng: random.Random, topic: str, cells: Sequence[tuple[str, str, int]]) -> None:
    """A topic cell over two rows, then a label row over a value row."""
    row = grid.height
    label = r.vertical(topic) if rng.random() < 0.4 else r.spaced(rng, topic, 0.5)
    grid.add(row, 0, label, rows=2, align="center")
    col = 1
    for index, (name, value, span) in enumerate(cells):
        if index == len(cells) - 1:
            span = grid.width - col
        grid.add(row, col, name, cols=span, align="center")
        grid.add(row + 1, col, value, cols=span, align="center")
        col += span


def layout_c(doc: DocxDocument, rng: random.Random, style: UnitStyle, studio: Studio, taken: set[str]) -> None:
    del taken
    title = rng.choice(["辽宁省创新工作室推荐表", "创新工作室基本情况登记表", "辽宁省劳模（职工）创新工作室推荐情况表"])
    add_paragraph(doc, title, size=18, bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"推荐单位（盖章）：{style.unit_text(rng)}")
    add_paragraph(doc, f"填表日期：{style.fill_date()}")
    sp = rng.random() < 0.7
    grid = Grid(7)

    def label(text: str) -> str:
        return r.spaced(rng, text) if sp and len(text) <= 6 else text

    grid.line([(label("工作室名称"), 1), (studio.studio_name, 6)])
    options = list(CATEGORY_WORDS.values())
    grid.line([(label("申报类别"), 1), (tick_line(options, {CATEGORY_WORDS[studio.category]}, style.marks, after=True,
                                                  gap="\u3000\u3000"), 6)])
    block(grid, rng, "所在单位", [("单位名称", studio.organization, 2), ("统一社会信用代码", studio.credit_code, 2),
                                 ("单位性质", studio.org_nature, 1),
                                 ("科技型企业类别", r.tech_text(rng, studio.tech_category), 1)])
    block(grid, rng, "领衔人", [("姓名", studio.leader_name, 1), ("性别", studio.leader_gender, 1),
                               ("出生年月", r.month(rng, studio.leader_birth), 1), ("职务/职称", studio.leader_title, 1),
                               ("技能等级", studio.leader_skill_level, 1),
                               ("联系电话", phone_or_blank(rng, studio.leader_phone), 1)])
    grid.line([(label("荣誉称号"), 1), (studio.leader_honors, 6)])
    block(grid, rng, "工作室概况", [("成立时间", r.month(rng, studio.established), 2),
                                   ("团队人数", r.count(rng, studio.team_size or 0, "人"), 1),
                                   ("活动场所面积（平方米）", r.format_number(studio.venue_area_m2), 2),
                                   ("年度经费（万元）", r.format_number(studio.annual_funding_wan), 1)])
    block(grid, rng, "近三年创新成果", [
        ("获得专利（项）", r.count(rng, studio.patents, "项"), 1),
        ("技术攻关（项）", r.count(rng, studio.tackled_projects, "项"), 1),
        ("合理化建议（条）", r.count(rng, studio.suggestions, "条"), 1),
        ("经济效益（万元）", r.format_number(studio.economic_benefit_wan), 2),
        ("培训职工（人次）", str(studio.trained_workers), 1)])
    grid.line([(label("工作室简介"), 1), (intro(rng, studio), 6)])
    opinions = [("所在单位意见", "org"), ("推荐单位意见", "unit")]
    if style.unit.kind == "direct":
        opinions.append(("市总工会意见", "city"))
    days = style.opinion_days(rng)
    for name, who in opinions:
        row = grid.height
        grid.add(row, 0, r.vertical(name), align="center")
        grid.add(row, 1, opinion_text(rng, style, studio, who, days), cols=6)
    grid.render(doc)


LAYOUTS = {"A": layout_a, "B": layout_b, "C": layout_c}


def studio_forms_document(rng: random.Random, style: UnitStyle, studios: Sequence[Studio], taken: set[str],
                          layout: str) -> DocxDocument:
    """One or several forms of one layout, separated by page breaks."""
    doc = new_document(font=rng.choice(["宋体", "仿宋_GB2312"]), size=12)
    for index, studio in enumerate(studios):
        if index:
            add_page_break(doc)
        LAYOUTS[layout](doc, rng, style, studio, taken)
    return doc
