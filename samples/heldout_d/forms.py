"""Studio forms of family D, four layouts real offices copy:

- `grouped`: a long three-column table, a topic column on the left (merged over its rows, often
  written one character per line) and bare labels (`姓名`, `性别`) under each topic;
- `centred`: an equal-width grid with labels and values centred and some labels abbreviated
  (`领衔人`, `成员`, `成立`);
- `booklet`: a 申报书 with a cover, a table of contents and instructions, the data table on page 3
  with section rows, achievements as a label row over a value row and opinions side by side;
- `split`: one form over two tables (a `（续表）` after a page break), reworded labels, some
  `标签：值` cells, the category named only by the title.
"""

from __future__ import annotations

import random

from docx.document import Document as DocxDocument

from ..records import Studio
from ..season import year
from .kit import Grid, add_page_break, add_paragraph, new_document
from .plan import Office

CATEGORY_NAMES = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室（科技型企业）",
    "worker_studio_other": "职工创新工作室（其他类型企业）",
}
TITLE_BY_CATEGORY = {
    "labor_model_studio": "辽宁省劳模创新工作室推荐表",
    "worker_studio_tech": "辽宁省职工创新工作室（科技型企业）推荐表",
    "worker_studio_other": "辽宁省职工创新工作室（其他类型企业）推荐表",
}


class StudioValues:
    """A studio's values as this office writes them on its form."""

    def __init__(self, studio: Studio, office: Office, rng: random.Random) -> None:
        v = office.voice
        s = studio
        self.s = s
        self.name = s.studio_name
        self.org = s.organization
        self.credit = s.credit_code
        self.nature = s.org_nature
        self.tech = v.tech_text(s.tech_category)
        self.tech_ticks = v.tech_ticks(s.tech_category)
        self.leader = s.leader_name
        self.gender = s.leader_gender
        self.birth = v.month(*s.leader_birth)
        self.title = v.text_or_blank(s.leader_title)
        self.skill = v.text_or_blank(s.leader_skill_level)
        self.honors = v.text_or_blank(s.leader_honors)
        self.phone = v.phone(s.leader_phone)
        assert s.team_size is not None
        self.team = s.team_size
        self.established = v.founded(s.established)
        self.area = s.venue_area_m2
        self.funding = s.annual_funding_wan
        self.benefit = s.economic_benefit_wan
        self.patents, self.tackled, self.suggestions = s.patents, s.tackled_projects, s.suggestions
        self.trained, self.apprentices = s.trained_workers, s.apprentices
        self.ethnicity, self.politics, self.education = s.ethnicity, s.politics, s.education
        self.equipment = s.equipment
        self.intro = s.introduction
        day = office.fill_day
        org_day, unit_day = rng.randint(max(1, day - 9), day - 2), rng.randint(day - 2, day)
        self.org_opinion = f"同意推荐。\n\n{s.organization}工会（盖章）\n{year(2021)}年7月{org_day}日"
        self.unit_opinion = rng.choice(["经研究，同意推荐。", "情况属实，同意推荐。", "同意。"]) + \
            f"\n\n{office.self_name}（盖章）\n{year(2021)}年7月{unit_day}日"
        city_seal = f"{s.city}市总工会（盖章）" if rng.random() < 0.3 else "（盖章）"
        self.city_opinion = (f"经审核，该工作室情况属实，同意推荐。\n\n{city_seal}\n{year(2021)}年7月{unit_day}日"
                             if office.direct else "")
        self.blank_opinion = "\n\n（盖章）\n      年    月    日"


def category_rows_yesno(values: StudioValues, office: Office) -> list[tuple[str, str]]:
    return [(label, office.voice.yes_no(key == values.s.category)) for key, label in CATEGORY_NAMES.items()]


def category_inline(values: StudioValues, office: Office) -> str:
    chosen = {CATEGORY_NAMES[values.s.category]}
    return office.voice.options(list(CATEGORY_NAMES.values()), chosen)


def form_title(values: StudioValues, office: Office, generic: str) -> str:
    return TITLE_BY_CATEGORY[values.s.category] if office.category_style == "title" else generic


# --- grouped --------------------------------------------------------------------------------------


def grouped_form(doc: DocxDocument, values: StudioValues, office: Office, rng: random.Random) -> None:
    v = office.voice
    add_paragraph(doc, "创新工作室推荐申报表", size=18, bold=True, center=True, font="方正小标宋简体")
    add_paragraph(doc, f"推荐单位：{office.self_name}              填表日期：{office.fill_date()}", size=11)
    grid = Grid(3, widths_cm=[1.6, 4.4, 10.0])
    blocks: list[tuple[str, list[tuple[str, str]]]] = []
    studio_rows = [("名称", values.name)]
    if office.category_style == "yesno":
        studio_rows += category_rows_yesno(values, office)
    else:
        studio_rows.append(("类别", category_inline(values, office)))
    studio_rows += [
        ("依托单位", values.org), ("统一社会信用代码", values.credit), ("单位性质", values.nature),
        ("科技型企业类别", values.tech), ("组建时间", values.established),
        ("成员人数", v.count(values.team, "人")), ("活动场所面积（平方米）", v.area(values.area)),
        ("设备设施", values.equipment), ("年度经费（万元）", v.money(values.funding, label_has_unit=True)),
    ]
    blocks.append(("工作室", studio_rows))
    blocks.append(("领衔人", [
        ("姓名", values.leader), ("性别", values.gender), ("出生年月", values.birth), ("民族", values.ethnicity),
        ("政治面貌", values.politics), ("文化程度", values.education), ("职务/职称", values.title),
        ("技能等级", values.skill), ("联系电话", values.phone), ("所获主要荣誉", values.honors),
    ]))
    blocks.append(("近三年成果", [
        ("获得专利（项）", v.count(values.patents, "项")), ("完成技术攻关（项）", v.count(values.tackled, "项")),
        ("合理化建议（条）", v.count(values.suggestions, "条")),
        ("经济效益（万元）", v.money(values.benefit, label_has_unit=True)),
        ("培训职工（人次）", v.count(values.trained, "人次")), ("师带徒（对）", v.count(values.apprentices, "对")),
    ]))
    blocks.append(("简介", [("工作室简介", values.intro)]))
    opinions = [("所在单位工会意见", values.org_opinion), ("推荐单位意见", values.unit_opinion)]
    if office.direct:
        opinions.append(("市总工会意见", values.city_opinion))
    blocks.append(("意见", opinions))
    for group, rows in blocks:
        first = grid.next_row
        label = "\n".join(group) if office.vertical_groups else group
        grid.put(first, 0, label, rows=len(rows), center=True, bold=True)
        for offset, (name, value) in enumerate(rows):
            grid.put(first + offset, 1, name, center=True)
            grid.put(first + offset, 2, value)
    grid.render(doc)


# --- centred ----------------------------------------------------------------------------------------


def centred_form(doc: DocxDocument, values: StudioValues, office: Office, rng: random.Random) -> None:
    v = office.voice
    add_paragraph(doc, form_title(values, office, "创新工作室推荐表"), size=16, bold=True, center=True)
    add_paragraph(doc, f"推荐单位（盖章）：{office.self_name}", size=11)
    grid = Grid(6, widths_cm=[2.6] * 6, center_all=True)
    grid.line("名称", values.name)
    if office.category_style == "column":
        grid.line("申报类别（在所选类别后一栏内打√）")
        row = grid.next_row
        for index, (key, label) in enumerate(CATEGORY_NAMES.items()):
            grid.put(row, index * 2, label)
            grid.put(row, index * 2 + 1, "√" if key == values.s.category else "")
    grid.line("单位", (values.org, 3), "性质", values.nature)
    grid.line("信用代码", (values.credit, 3), "企业类别", values.tech)
    grid.line("领衔人", values.leader, "性别", values.gender, "出生年月", values.birth)
    grid.line("民族", values.ethnicity, "政治面貌", values.politics, "学历", values.education)
    grid.line("职务职称", values.title, "技能等级", values.skill, "手机", values.phone)
    grid.line("荣誉", values.honors)
    grid.line("成员", v.count(values.team, "人", force_unit=True), "成立", values.established,
              "场所面积", v.area(values.area, force_unit=True))
    grid.line("年度经费", v.money(values.funding, label_has_unit=False),
              "经济效益", v.money(values.benefit, label_has_unit=False),
              "专利", v.count(values.patents, "项", force_unit=True))
    grid.line("技术攻关", v.count(values.tackled, "项", force_unit=True),
              "合理化建议", v.count(values.suggestions, "条", force_unit=True),
              "培训职工", v.count(values.trained, "人次", force_unit=True))
    grid.line("师带徒", (v.count(values.apprentices, "对", force_unit=True), 1), "设备设施", values.equipment)
    grid.line("简介", values.intro)
    grid.line("单位工会意见", values.org_opinion, center=False)
    grid.line("推荐单位意见", values.unit_opinion, center=False)
    if office.direct:
        grid.line("市总工会意见", values.city_opinion, center=False)
    grid.render(doc, size=10)


# --- booklet -------------------------------------------------------------------------------------


def booklet_form(doc: DocxDocument, values: StudioValues, office: Office, rng: random.Random) -> None:
    v = office.voice
    kind = "劳模创新工作室" if values.s.category == "labor_model_studio" else "职工创新工作室"
    for _ in range(3):
        add_paragraph(doc, "")
    add_paragraph(doc, f"辽宁省{kind}", size=26, bold=True, center=True, font="黑体")
    add_paragraph(doc, "申  报  书", size=26, bold=True, center=True, font="黑体")
    for _ in range(4):
        add_paragraph(doc, "")
    for label, value in (("工作室名称", values.name), ("所在单位", values.org), ("推荐单位", office.self_name),
                         ("申报日期", f"{year(2021)}年7月")):
        add_paragraph(doc, f"        {label}：{value}", size=15)
    add_paragraph(doc, "")
    add_paragraph(doc, "辽宁省总工会制", size=14, center=True)
    add_page_break(doc)
    add_paragraph(doc, "目    录", size=18, bold=True, center=True)
    for line in ("一、填表说明………………………………………………2", "二、工作室基本情况…………………………………3",
                 "三、领衔人基本情况…………………………………3", "四、主要创新成果……………………………………4",
                 "五、推荐意见…………………………………………4"):
        add_paragraph(doc, line, size=14)
    add_paragraph(doc, "")
    add_paragraph(doc, "填 表 说 明", size=18, bold=True, center=True)
    for line in (
        "1.本申报书由工作室所在单位如实填写，经推荐单位审核盖章后报送辽宁省总工会。",
        "2.“申报类别”“企业类型”请在相应□内打√；科技型企业类别填写高新技术企业、科技型中小企业等。",
        "3.创建年月填写到月；工作室成员数为在册成员人数，不含外聘专家。",
        "4.主要创新成果填写近三年数据，经济效益以万元为单位。",
        "5.各市总工会、沈抚示范区工会、各省产业工会和省直推荐单位请于7月23日前报送；省直推荐单位推荐的工作室须经所在地市总工会签署意见。",
    ):
        add_paragraph(doc, line, size=13)
    add_page_break(doc)
    grid = Grid(6, widths_cm=[2.7, 2.5, 2.7, 2.5, 2.6, 2.6])
    grid.line("一、工作室基本情况", bold=True)
    grid.line("工作室名称", values.name)
    if office.category_style == "tworow":
        labor = values.s.category == "labor_model_studio"
        grid.line("申报类别", v.options(["劳模创新工作室", "职工创新工作室"],
                                     {"劳模创新工作室" if labor else "职工创新工作室"}))
        chosen = set() if labor else {"科技型企业" if values.s.category == "worker_studio_tech" else "其他类型企业"}
        grid.line("企业类型（职工创新工作室填写）", v.options(["科技型企业", "其他类型企业"], chosen))
    else:
        grid.line("申报类别（在所选类别下方打√）", center=True)
        row = grid.next_row
        for index, (key, label) in enumerate(CATEGORY_NAMES.items()):
            grid.put(row, index * 2, label, cols=2, center=True)
            grid.put(row + 1, index * 2, "√" if key == values.s.category else "", cols=2, center=True)
    grid.line("所在单位", (values.org, 3), "单位性质", values.nature)
    grid.line("统一社会信用代码", (values.credit, 3), "科技型企业类别", values.tech)
    grid.line("创建年月", values.established, "工作室成员数", v.count(values.team, "人"),
              "设备设施", values.equipment)
    grid.line("活动场所面积（平方米）", v.area(values.area), "年度经费（万元）",
              v.money(values.funding, label_has_unit=True))
    grid.line("二、领衔人基本情况", bold=True)
    grid.line("姓名", values.leader, "性别", values.gender, "出生年月", values.birth)
    grid.line("民族", values.ethnicity, "政治面貌", values.politics, "文化程度", values.education)
    grid.line("职务/职称", values.title, "技能等级", values.skill, "联系电话", values.phone)
    grid.line("所获主要荣誉", values.honors)
    grid.line("三、主要创新成果（近三年）", bold=True)
    labels = ["获得专利（项）", "技术攻关（项）", "合理化建议（条）", "经济效益（万元）", "培训职工（人次）", "师带徒（对）"]
    numbers = [str(values.patents), str(values.tackled), str(values.suggestions),
               v.money(values.benefit, label_has_unit=True), str(values.trained), str(values.apprentices)]
    grid.line(*labels, center=True)
    grid.line(*numbers, center=True)
    grid.line("四、工作室简介", bold=True)
    grid.line(values.intro)
    grid.line("五、推荐意见", bold=True)
    if office.direct:
        grid.line(("所在单位工会意见", 2), ("推荐单位意见", 2), "市总工会意见", center=True)
        grid.line((values.org_opinion, 2), (values.unit_opinion, 2), values.city_opinion)
    else:
        grid.line(("所在单位工会意见", 3), "推荐单位意见", center=True)
        grid.line((values.org_opinion, 3), values.unit_opinion)
    grid.render(doc, size=10)


# --- split ---------------------------------------------------------------------------------------


def split_form(doc: DocxDocument, values: StudioValues, office: Office, rng: random.Random) -> None:
    v = office.voice
    add_paragraph(doc, "附件6", size=12, font="黑体")
    add_paragraph(doc, form_title(values, office, "辽宁省创新工作室基本情况表"), size=18, bold=True, center=True)
    add_paragraph(doc, f"推荐单位（盖章）：{office.self_name}", size=12)
    first = Grid(4, widths_cm=[3.6, 4.4, 3.6, 4.4])
    first.line("工作室名称", values.name)
    if office.category_style == "inline":
        first.line("工作室类别", category_inline(values, office))
    first.line("所在单位", values.org)
    first.line("统一社会信用代码", values.credit, "单位性质", values.nature)
    first.line("科技型企业类别", values.tech)
    first.line("工作室领衔人", values.leader, f"性别：{values.gender}")
    first.line("出生日期", values.birth, "民族", values.ethnicity)
    first.line("政治面貌", values.politics, "文化程度", values.education)
    first.line("职务/职称", values.title, "技能等级", values.skill)
    first.line("联系方式", values.phone)
    first.line("所获荣誉", values.honors)
    first.render(doc)
    add_page_break(doc)
    add_paragraph(doc, "（续表）", size=12)
    second = Grid(4, widths_cm=[3.6, 4.4, 3.6, 4.4])
    second.line("团队成员人数", v.count(values.team, "人"), "成立日期", values.established)
    second.line("活动场所面积（㎡）", v.area(values.area), "年度经费投入（万元）",
                v.money(values.funding, label_has_unit=True))
    second.line("设备设施", values.equipment)
    second.line("近三年创造经济效益（万元）", v.money(values.benefit, label_has_unit=True),
                "获得专利数（项）", v.count(values.patents, "项"))
    second.line("完成技术攻关（项）", v.count(values.tackled, "项"), "合理化建议（条）",
                v.count(values.suggestions, "条"))
    second.line("培训职工人次", v.count(values.trained, "人次"), "师带徒（对）", v.count(values.apprentices, "对"))
    second.line("工作室简介", values.intro)
    second.line("所在单位工会意见", values.org_opinion)
    second.line("推荐单位意见", values.unit_opinion)
    second.line("市总工会意见（省直推荐单位填写）", values.city_opinion or values.blank_opinion)
    second.render(doc)


LAYOUTS = {"grouped": grouped_form, "centred": centred_form, "booklet": booklet_form, "split": split_form}


def studio_forms_doc(studios: list[Studio], office: Office, rng: random.Random) -> DocxDocument:
    """One document holding the forms of `studios` (one form each, separated by page breaks)."""
    doc = new_document(font=rng.choice(["宋体", "仿宋_GB2312"]), size=12)
    for index, studio in enumerate(studios):
        if index:
            add_page_break(doc)
        LAYOUTS[office.studio_style](doc, StudioValues(studio, office, rng), office, rng)
    return doc
