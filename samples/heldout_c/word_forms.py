"""Word forms of family C: a two-column label | value table, a form typed on underlined blanks and tab
stops, a form with the studio block and the leader block side by side, and training-base forms with
the trainee counts in a small table of their own."""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument

from ..records import Studio, TrainingBase, format_number
from . import values as v
from .common import (
    GENERIC_TITLES,
    TITLE_BY_CATEGORY,
    TRAINING_SYSTEM,
    base_opinions,
    base_text,
    category_rows,
    fill_date,
    studio_opinions,
    studio_text,
    training_system_chosen,
)
from .docx_kit import Grid, add_line, add_runs, add_title_block, new_document
from .plan import Office


def unit_line(rng: random.Random, office: Office, label: str = "推荐单位（盖章）：") -> str:
    gap = rng.choice(["        ", "\t\t", "　　　　"])
    return f"{label}{office.self_name}{gap}填报日期：{fill_date(office)}"


def year_table_rows(rng: random.Random, s: Studio) -> list[tuple[str, list[str], str]]:
    """Achievements with the years as columns and a 合计 column that is the form's value."""
    rows = []
    for label, total, integer in (("获得专利（项）", s.patents, True), ("完成技术攻关（项）", s.tackled_projects, True),
                                  ("合理化建议（条）", s.suggestions, True),
                                  ("创造经济效益（万元）", s.economic_benefit_wan, False),
                                  ("培训职工（人次）", s.trained_workers, True), ("师带徒（对）", s.apprentices, True)):
        parts = v.split_three(rng, float(total))
        rows.append((label, [format_number(int(p) if integer else p) for p in parts],
                     format_number(int(total) if integer else float(total))))
    return rows


# --- 1. two-column label | value table ------------------------------------------------------------


def pairs_form(doc: DocxDocument, rng: random.Random, office: Office, s: Studio) -> None:
    t = studio_text(rng, s, tech_ticks=v.tick_style(rng) if rng.random() < 0.4 else None)
    style = v.tick_style(rng)
    bilingual = rng.random() < 0.2
    years = rng.random() < 0.6

    def lab(chinese: str, english: str = "") -> str:
        return f"{chinese}\n{english}" if bilingual and english else chinese

    title = rng.choice(GENERIC_TITLES)
    add_title_block(doc, title, annex=rng.choice(["附件6", None]))
    add_line(doc, unit_line(rng, office))
    rows: list[tuple[str, str]] = [
        (lab(rng.choice(["工作室名称（全称）", "工作室名称"]), "Studio name"), t.name),
        *category_rows(rng, s.form_category, style, two_rows=rng.random() < 0.4),
        (lab(rng.choice(["所在单位（全称）", "所在单位", "依托单位"]), "Company"), t.organization),
        (lab("统一社会\n信用代码", "Credit code"), t.credit_code),
        (rng.choice(["单位性质", "企业性质"]), t.org_nature),
        ("科技型企业类别", t.tech),
        (lab(rng.choice(["领衔人（工作室负责人）", "领衔人姓名", "工作室领衔人"]), "Leader"), t.leader),
        (lab("性别", "Gender"), t.gender),
        (lab("出生年月", "Date of birth"), t.birth),
        ("民族", t.ethnicity),
        ("政治面貌", t.politics),
        ("文化程度", t.education),
        (rng.choice(["职务/职称", "职务（职称）"]), t.title),
        (rng.choice(["技能等级", "技能等级\n（职业资格）"]), t.skill),
        (rng.choice(["联系电话（手机）", "领衔人联系电话", "联系电话"]), t.phone),
        (rng.choice(["领衔人荣誉称号", "荣誉称号", "领衔人所获\n主要荣誉"]), t.honours),
        (rng.choice(["团队人数", "工作室成员\n人数", "团队人数（人）"]), t.team),
        (rng.choice(["成立时间", "成立时间\n（年月）", "组建时间"]), t.established),
        (rng.choice(["活动场所\n面积（平方米）", "活动场所面积（㎡）"]), t.area),
        ("设备设施", t.equipment),
        (rng.choice(["年度经费\n（万元）", "年度经费投入（万元）"]), t.funding),
    ]
    if not years:
        rows += [
            (rng.choice(["近三年经济效益\n（万元）", "近三年创效（万元）"]), t.benefit),
            (rng.choice(["获得专利（项）", "获得专利\n（项）"]), t.patents),
            ("完成技术攻关（项）", t.tackled),
            ("合理化建议（条）", t.suggestions),
            ("培训职工（人次）", t.trained),
            ("师带徒（对）", t.apprentices),
        ]
    rows.append((rng.choice(["工作室简介\n（300字以内）", "工作室简介"]), t.introduction))
    grid = Grid(doc, len(rows), 2)
    for index, (label, value) in enumerate(rows):
        grid.put(index, 0, label, center=True)
        grid.put(index, 1, value)
    if years:
        add_line(doc, rng.choice(["近三年主要创新成果", "工作室近三年创新成果统计"]), bold=True)
        table_rows = year_table_rows(rng, s)
        grid = Grid(doc, len(table_rows) + 1, 5)
        for col, head in enumerate(["项目", "2018年", "2019年", "2020年", "合计"]):
            grid.put(0, col, head, center=True, bold=True)
        for r, (label, parts, total) in enumerate(table_rows, start=1):
            grid.put(r, 0, label)
            for c, part in enumerate(parts, start=1):
                grid.put(r, c, part, center=True)
            grid.put(r, 4, total, center=True)
    opinions = studio_opinions(rng, office, s)
    add_line(doc, "")
    grid = Grid(doc, 2, len(opinions))
    for col, (label, text) in enumerate(opinions):
        grid.put(0, col, label.replace("\n", ""), center=True, bold=True)
        grid.put(1, col, text)


# --- 2. typed on underlined blanks and tab stops -----------------------------------------------------


def blank(value: str, rng_mode: str) -> list[tuple[str, bool]]:
    if rng_mode == "underscores":
        return [(f"____{value}____", False)]
    return [(f"\u3000{value}\u3000\u3000", True)]


def lines_form(doc: DocxDocument, rng: random.Random, office: Office, s: Studio) -> None:
    t = studio_text(rng, s)
    mode = rng.choice(["underscores", "underline"])
    style = rng.choice([("（√）", "（ ）", "after"), ("☑", "□", "before"), ("√", "□", "before")])
    title = rng.choice(TITLE_BY_CATEGORY[s.form_category] + GENERIC_TITLES)
    add_title_block(doc, title)
    add_line(doc, "")
    add_runs(doc, [("推荐单位（盖章）：", False), *blank(office.self_name, mode)])

    def line(*pairs: tuple[str, str]) -> None:
        runs: list[tuple[str, bool]] = []
        for index, (label, value) in enumerate(pairs):
            if index:
                runs.append(("\t", False))
            runs.append((f"{label}：", False))
            runs += blank(value, mode)
        add_runs(doc, runs, tab_stops=(7.5, 12.0) if len(pairs) > 1 else ())

    line(("工作室名称", t.name))
    for label, ticks in category_rows(rng, s.form_category, style, two_rows=False):
        add_runs(doc, [(f"{label}：", False), (ticks, False)])
    line((rng.choice(["所在单位", "依托单位"]), t.organization))
    line(("统一社会信用代码", t.credit_code), ("单位性质", t.org_nature))
    line(("科技型企业类别", t.tech))
    line((rng.choice(["领衔人", "工作室带头人"]), t.leader), ("性别", t.gender), ("出生年月", t.birth))
    line(("民族", t.ethnicity), ("政治面貌", t.politics), ("文化程度", t.education))
    line(("职务/职称", t.title), ("技能等级", t.skill))
    line(("联系电话", t.phone))
    line((rng.choice(["荣誉称号", "所获主要荣誉"]), t.honours))
    line((rng.choice(["团队人数", "成员人数"]), t.team), (rng.choice(["成立时间", "创建年月"]), t.established))
    line(("活动场所面积（平方米）", t.area), ("年度经费（万元）", t.funding))
    line(("设备设施", t.equipment))
    achievements = (f"近三年完成技术攻关{s.tackled_projects}项，获得专利{s.patents}项，提出合理化建议{s.suggestions}条，"
                    f"创造经济效益{v.narrative_money(rng, s.economic_benefit_wan)}，培训职工{s.trained_workers}人次，"
                    f"师带徒{s.apprentices}对。")
    add_runs(doc, [(rng.choice(["主要创新成果：", "近三年主要成果："]), False), (achievements, mode == "underline")])
    add_runs(doc, [("工作室简介：", False), (t.introduction, False)])
    add_line(doc, "")
    for label, text in studio_opinions(rng, office, s):
        body, *rest = text.split("\n")
        add_line(doc, f"{label.replace(chr(10), '')}：{body}")
        for extra in rest:
            if extra.strip():
                add_line(doc, extra.strip(), right=True)


# --- 3. studio block and leader block side by side ---------------------------------------------------


def blocks_form(doc: DocxDocument, rng: random.Random, office: Office, s: Studio,
                members: list[tuple[str, str, str]]) -> None:
    t = studio_text(rng, s, tech_ticks=v.tick_style(rng) if rng.random() < 0.3 else None)
    style = v.tick_style(rng)
    mode = rng.choice(["two_rows", "title", "generic"])
    title = rng.choice(TITLE_BY_CATEGORY[s.form_category]) if mode == "title" else rng.choice(GENERIC_TITLES)
    add_title_block(doc, title)
    add_line(doc, unit_line(rng, office, rng.choice(["推荐单位（盖章）：", "申报单位（盖章）："])))
    left = [
        ("名称", t.name), ("所在单位", t.organization), ("统一社会信用代码", t.credit_code),
        ("单位性质", t.org_nature), ("成立时间", t.established), ("团队人数", t.team),
        ("活动场所面积（㎡）", t.area), ("年度经费（万元）", t.funding), ("科技型企业类别", t.tech),
    ]
    right = [
        ("姓名", t.leader), ("性别", t.gender), ("出生年月", t.birth), ("民族", t.ethnicity),
        ("政治面貌", t.politics), ("文化程度", t.education), ("职务/职称", t.title), ("技能等级", t.skill),
        ("联系电话", t.phone),
    ]
    cat_rows = category_rows(rng, s.form_category, style, two_rows=True) if mode == "two_rows" else []
    full_rows = [("荣誉称号", t.honours), ("设备设施", t.equipment)]
    achievement_labels = ["获得专利\n（项）", "技术攻关\n（项）", "合理化建议\n（条）", "经济效益\n（万元）",
                          "培训职工\n（人次）", "师带徒\n（对）"]
    achievement_values = [t.patents, t.tackled, t.suggestions, t.benefit, t.trained, t.apprentices]
    opinions = studio_opinions(rng, office, s)
    show_members = rng.random() < 0.6
    n_rows = (len(cat_rows) + 1 + len(left) + len(full_rows) + 3 + 1
              + ((len(members) + 2) if show_members else 0) + len(opinions))
    grid = Grid(doc, n_rows, 6)
    r = 0
    for label, ticks in cat_rows:
        grid.put(r, 0, label, center=True)
        grid.put(r, 1, ticks, to_col=5)
        r += 1
    grid.put(r, 0, "工作室基本情况", to_col=2, center=True, bold=True)
    grid.put(r, 3, "领衔人基本情况", to_col=5, center=True, bold=True)
    r += 1
    for (l_label, l_value), (r_label, r_value) in zip(left, right, strict=True):
        grid.put(r, 0, l_label, center=True)
        grid.put(r, 1, l_value, to_col=2)
        grid.put(r, 3, r_label, center=True)
        grid.put(r, 4, r_value, to_col=5)
        r += 1
    for label, value in full_rows:
        grid.put(r, 0, label, center=True)
        grid.put(r, 1, value, to_col=5)
        r += 1
    grid.put(r, 0, rng.choice(["近三年主要创新成果", "主要创新成果"]), to_col=5, center=True, bold=True)
    r += 1
    for col, label in enumerate(achievement_labels):
        grid.put(r, col, label, center=True)
        grid.put(r + 1, col, achievement_values[col], center=True)
    r += 2
    grid.put(r, 0, "工作室简介", center=True)
    grid.put(r, 1, t.introduction, to_col=5)
    r += 1
    if show_members:
        grid.put(r, 0, rng.choice(["工作室主要成员", "主要成员情况"]), to_col=5, center=True, bold=True)
        for col, head in enumerate(["序号", "姓名", "职务", "技能等级", "", ""]):
            if head:
                grid.put(r + 1, col, head, center=True)
        grid.put(r + 1, 4, "备注", to_col=5, center=True)
        for index, (name, job, skill) in enumerate(members, start=1):
            grid.put(r + 1 + index, 0, str(index), center=True)
            grid.put(r + 1 + index, 1, name, center=True)
            grid.put(r + 1 + index, 2, job, center=True)
            grid.put(r + 1 + index, 3, skill, center=True)
            grid.put(r + 1 + index, 4, "", to_col=5)
        r += len(members) + 2
    for label, text in opinions:
        grid.put(r, 0, "\n".join(label.replace("\n", "")), center=True)  # vertical label
        grid.put(r, 1, text, to_col=5)
        r += 1


# --- training-base forms ---------------------------------------------------------------------------


def base_nested_form(doc: DocxDocument, rng: random.Random, office: Office, b: TrainingBase) -> None:
    """Label | value table; the trainee counts are a small table nested in their cell; the training
    system is a block of three rows under one tall label."""
    t = base_text(rng, b, tech_ticks=v.tick_style(rng) if rng.random() < 0.5 else None)
    add_title_block(doc, rng.choice(["辽宁省工会职工职业技能培训基地申报表", "职工职业技能培训基地申报表"]),
                    annex=rng.choice(["附件8", None]))
    add_line(doc, unit_line(rng, office))
    rows: list[tuple[str, str]] = [
        (rng.choice(["企业名称（全称）", "企业名称", "申报单位名称"]), t.name),
        ("统一社会信用代码", t.credit_code),
        ("科技型企业类别", t.tech),
        (rng.choice(["认定证书编号", "科技型企业\n证书编号"]), t.cert_no),
        (rng.choice(["认定时间", "证书认定时间"]), t.cert_date),
        (rng.choice(["企业地址", "通讯地址"]), t.address),
        (rng.choice(["法定代表人", "法人代表"]), t.legal_rep),
        (rng.choice(["职工人数", "在岗职工人数"]), t.employees),
        ("联系人", t.contact),
        ("联系电话", t.phone),
        (rng.choice(["培训场所面积\n（平方米）", "培训场所面积（㎡）"]), t.area),
        (rng.choice(["教学设备（台套）", "教学设备\n（台/套）"]), t.equipment),
        ("专职教师（人）", t.full_time),
        ("兼职教师（人）", t.part_time),
        (rng.choice(["主要培训专业（工种）", "主要培训\n工种"]), t.programs),
    ]
    style = v.tick_style(rng)
    with_words = rng.random() < 0.5
    chosen = training_system_chosen(b)
    n_rows = len(rows) + 1 + 1 + 3 + 1
    grid = Grid(doc, n_rows, 3)
    r = 0
    for label, value in rows:
        grid.put(r, 0, label, center=True)
        grid.put(r, 1, value, to_col=2)
        r += 1
    grid.put(r, 0, "近三年实名制\n培训人次", center=True)
    cell = grid.put(r, 1, "", to_col=2)
    nested = Grid(cell, 2, 4)
    nested.put(0, 0, "年度", center=True)
    nested.put(1, 0, "培训人次", center=True)
    for col, (year, count) in enumerate(zip(("2018年", "2019年", "2020年"), t.trainees, strict=True), start=1):
        nested.put(0, col, year, center=True)
        nested.put(1, col, count, center=True)
    r += 1
    grid.put(r, 0, "学员满意率", center=True)
    grid.put(r, 1, t.satisfaction, to_col=2)
    r += 1
    grid.put(r, 0, "培训制度\n建设情况", to_row=r + 2, center=True)
    for offset, option in enumerate(TRAINING_SYSTEM):
        grid.put(r + offset, 1, option)
        if with_words:
            grid.put(r + offset, 2, "有" if option in chosen else "无", center=True)
        else:
            grid.put(r + offset, 2, v.tick_line(style, ["是", "否"], ["是" if option in chosen else "否"]),
                     center=True)
    r += 3
    grid.put(r, 0, "基地简介", center=True)
    grid.put(r, 1, t.introduction, to_col=2)
    add_line(doc, "")
    opinions = base_opinions(rng, office)
    grid = Grid(doc, 1, len(opinions) * 2)
    for index, (label, text) in enumerate(opinions):
        grid.put(0, index * 2, "\n".join(label.replace("\n", "")), center=True)
        grid.put(0, index * 2 + 1, text)


def base_lines_form(doc: DocxDocument, rng: random.Random, office: Office, b: TrainingBase) -> None:
    """Typed as `标签：值` lines with combined values; trainees in a year-per-row table after the text."""
    t = base_text(rng, b)
    style = v.tick_style(rng)
    add_title_block(doc, "辽宁省工会职工职业技能培训基地申报表")
    add_line(doc, f"申报单位：{t.name}")
    add_line(doc, f"推荐单位（盖章）：{office.self_name}")
    add_line(doc, f"填报时间：{fill_date(office)}")
    add_line(doc, "")
    lines = [
        f"统一社会信用代码：{t.credit_code}",
        f"科技型企业类别：{t.tech}",
        f"高新技术企业（科技型中小企业）证书编号及认定时间：{t.cert_no}（{t.cert_date}）",
        f"企业地址：{t.address}",
        f"法定代表人：{t.legal_rep}\t职工人数：{t.employees}",
        f"联系人及电话：{t.contact}  {t.phone}",
        f"培训场所面积：{v.area_text(rng, b.training_area_m2)}\t教学设备：{b.equipment_sets}台套",
        f"师资情况：专职教师{b.full_time_teachers}人，兼职教师{b.part_time_teachers}人",
        f"主要培训专业（工种）：{t.programs}",
        f"学员满意率：{t.satisfaction}",
        "培训制度建设：" + v.tick_line(style, TRAINING_SYSTEM, training_system_chosen(b)),
    ]
    for text in lines:
        add_line(doc, text)
    add_line(doc, rng.choice(["近三年实名制培训情况：", "近三年实名制培训人次统计如下："]))
    grid = Grid(doc, 4, 2)
    grid.put(0, 0, "年度", center=True, bold=True)
    grid.put(0, 1, "实名制培训人次", center=True, bold=True)
    for r, (year, count) in enumerate(zip(("2018年", "2019年", "2020年"), t.trainees, strict=True), start=1):
        grid.put(r, 0, year, center=True)
        grid.put(r, 1, count, center=True)
    add_line(doc, f"基地简介：{t.introduction}")
    for label, text in base_opinions(rng, office):
        body, *rest = text.split("\n")
        add_line(doc, f"{label.replace(chr(10), '')}：{body}")
        for extra in rest:
            if extra.strip():
                add_line(doc, extra.strip(), right=True)


def studio_form_document(rng: random.Random, office: Office, studio: Studio,
                         members: list[tuple[str, str, str]]) -> DocxDocument:
    doc = new_document()
    if office.studio_form == "word_pairs":
        pairs_form(doc, rng, office, studio)
    elif office.studio_form == "word_lines":
        lines_form(doc, rng, office, studio)
    else:
        blocks_form(doc, rng, office, studio, members)
    return doc


def base_form_document(rng: random.Random, office: Office, base: TrainingBase) -> DocxDocument:
    doc = new_document()
    if office.base_form == "word_nested":
        base_nested_form(doc, rng, office, base)
    else:
        base_lines_form(doc, rng, office, base)
    return doc
