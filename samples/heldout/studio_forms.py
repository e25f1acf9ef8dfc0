"""Studio forms laid out the way other provinces' and other campaigns' forms are.

Three layouts; each knows which output fields it carries (`FIELDS`), so that the truth holds ""
for a field a layout does not ask for (unless the unit's summary carries it).
"""

from __future__ import annotations

from dataclasses import dataclass

import cn2an
from docx.document import Document as DocxDocument

from samples.season import tech_categories
from schemas.columns import STUDIO_COLUMNS

from .. import data
from ..records import Studio, format_number
from .docx_kit import UP, C, document, grid, page_break, para
from .values import Writer, spaced, vertical

ALL_FIELDS = frozenset(c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files", "category",
                                                               "recommending_unit"))
FIELDS = {
    "sectioned": ALL_FIELDS,
    "pairs": ALL_FIELDS - {"annual_funding_wan"},
    "blocks": ALL_FIELDS,
}
LAYOUTS = list(FIELDS)
MEMBER_DUTIES = ["技术员", "班组长", "操作工", "工艺员", "质检员", "设备员", "工程师", "副班长"]
MEMBER_GRADES = ["高级工", "技师", "高级技师", "工程师", "助理工程师", "中级工", "高级工程师"]
MEMBER_FIELDS = ["数控编程", "设备诊断", "工艺优化", "电气控制", "质量分析", "焊接", "液压维修", "软件开发"]


@dataclass
class FormContext:
    unit_text: str  # how the unit writes its own name on the form
    fill_day: int  # 填报日期 in July 2021; opinions are dated on or before it
    direct_unit: bool


def unit_text(w: Writer, unit: str) -> str:
    return w.choice([unit, unit, data.unit_short_name(unit), f"{unit}（盖章）"])


def opinion(w: Writer, text: str, signer: str | None, day: int | None) -> str:
    """An opinion cell: the text, the seal line and the date (or a blank 年 月 日)."""
    seal = f"{signer}（盖章）" if signer else "（盖章）"
    date = f"2021年7月{day}日" if day else "年    月    日"
    gap = w.choice(["\n\n", "\n\n\n", "\n"])
    return f"{text}{gap}{seal}\n{date}"


def opinions(w: Writer, studio: Studio, ctx: FormContext) -> dict[str, str]:
    org_day = w.rng.randint(6, ctx.fill_day)
    unit_day = w.rng.randint(org_day, ctx.fill_day)
    values = {
        "org": opinion(w, w.choice(["同意推荐。", "情况属实，同意推荐。", "同意申报。"]),
                       w.choice([f"{studio.organization}工会", ""]) or None, org_day)
        if not w.chance(0.2) else opinion(w, "", None, None),
        "unit": opinion(w, w.choice(["经审核，同意推荐。", "同意推荐。", "经研究，同意推荐该工作室。"]),
                        w.choice([studio.recommending_unit, ""]) or None, unit_day),
    }
    if ctx.direct_unit:
        values["city"] = opinion(w, w.choice(["同意联合推荐。", "经研究，同意推荐。"]), f"{studio.city}市总工会",
                                 w.rng.randint(org_day, ctx.fill_day))
    return values


def members(w: Writer, studio: Studio) -> list[list[str]]:
    count = min((studio.team_size or 6) - 1, w.rng.randint(3, 5))
    rows = []
    for index in range(1, count + 1):
        gender = "男" if w.rng.random() < 0.7 else "女"
        rows.append([str(index), data.person_name(w.rng, gender), gender, str(w.rng.randint(24, 56)),
                     w.rng.choice(MEMBER_DUTIES), w.rng.choice(MEMBER_GRADES), w.rng.choice(MEMBER_FIELDS)])
    return rows


def wan_cell(w: Writer, wan: float) -> str:
    """Money under a label that already says （万元）: never in 元."""
    number = format_number(wan)
    if wan >= 10000 and w.chance(0.2):
        return f"{format_number(wan / 10000)}亿元"
    if float(wan).is_integer() and 10 <= wan < 10000 and w.chance(0.08):
        return f"{cn2an.an2cn(int(wan), 'up')}万元"
    return w.choice([number, f"{number}万元", number])


def count_cell(w: Writer, value: int, unit: str) -> str:
    return w.count(value, unit)


def category_ticks(w: Writer, studio: Studio, style: str) -> tuple[str, str]:
    """申报类别 and 企业类型 as two tick rows (企业类型 only for worker studios)."""
    labor = studio.category == "labor_model_studio"
    kind = w.tick_list(["劳模创新工作室", "职工创新工作室"], {"劳模创新工作室" if labor else "职工创新工作室"}, style)
    chosen = set() if labor else {"科技型企业" if studio.category == "worker_studio_tech" else "其他类型企业"}
    enterprise = w.tick_list(["科技型企业", "其他类型企业"], chosen, style)
    return kind, enterprise


def achievement_sentence(w: Writer, s: Studio) -> str:
    parts = [
        f"完成技术攻关{s.tackled_projects}项",
        f"获得授权专利{s.patents}项",
        f"提出合理化建议{s.suggestions}条",
        f"创造经济效益{w.narrative_money(s.economic_benefit_wan)}",
        f"培训职工{s.trained_workers}人次",
        f"师带徒{s.apprentices}对",
    ]
    opening = w.choice(["近三年来，工作室", "近三年，工作室累计", "近三年"])
    return opening + "，".join(parts) + "。"


# --- layout 1: cover page, 填表说明, section rows, member table ---------------------------------------

INSTRUCTIONS_1 = [
    "1．申报类别请在相应“□”内打“√”，申报职工创新工作室的，须同时勾选企业类型。",
    "2．创建年月、出生年月均填写到月，如“2016年5月”。",
    "3．成员人数指工作室在册成员总数；主要成员栏限填5人，不含带头人。",
    "4．所获主要荣誉只填写市级以上荣誉，并注明授予年份。",
    "5．主要创新成果填写近三年数据，经济效益以万元为单位。",
    "6．省直单位推荐的工作室，须经工作室所在地市总工会签署意见。",
    "7．此表一式三份，用A4纸双面打印，不得改变表格格式。",
]


def sectioned(w: Writer, s: Studio, ctx: FormContext) -> DocxDocument:
    doc = document()
    for _ in range(3):
        para(doc, "")
    para(doc, "辽宁省劳模创新工作室", size=26, bold=True, align="center", font="方正小标宋简体")
    para(doc, "职工创新工作室", size=26, bold=True, align="center", font="方正小标宋简体")
    para(doc, spaced("申报表", "  "), size=26, bold=True, align="center", font="方正小标宋简体")
    for _ in range(4):
        para(doc, "")
    para(doc, f"工作室名称：{s.studio_name}", size=16, font="仿宋_GB2312")
    para(doc, f"申报单位（盖章）：{s.organization}", size=16, font="仿宋_GB2312")
    para(doc, f"推荐单位（盖章）：{ctx.unit_text}", size=16, font="仿宋_GB2312")
    para(doc, f"填报时间：2021年7月{ctx.fill_day}日", size=16, font="仿宋_GB2312")
    page_break(doc)
    para(doc, spaced("填表说明", "  "), size=18, bold=True, align="center", font="黑体")
    for line in INSTRUCTIONS_1:
        para(doc, line, size=14, font="仿宋_GB2312")
    page_break(doc)

    style = w.choice(["box", "filled", "box"])
    kind, enterprise = category_ticks(w, s, style)
    tech = w.tick_list(tech_categories(), set(s.tech_category), style)
    op = opinions(w, s, ctx)
    rows: list[list[C]] = [
        [C("一、工作室基本情况", 8, bold=True)],
        [C(spaced("工作室名称"), 2), C(s.studio_name, 6)],
        [C("申报类别", 2), C(kind, 6)],
        [C("企业类型\n（申报职工创新工作室的填写）", 2), C(enterprise, 6)],
        [C("依托单位", 2), C(s.organization, 3), C("单位性质"), C(s.org_nature, 2)],
        [C("统一社会信用代码", 2), C(s.credit_code, 6)],
        [C("科技型企业类别", 2), C(tech, 6)],
        [C("创建年月", 2), C(w.month(s.established)), C("成员人数"), C(w.count(s.team_size or 0, "人")),
         C("活动场所面积\n（平方米）"), C(w.area(s.venue_area_m2), 2)],
        [C("年度经费（万元）", 2), C(wan_cell(w, s.annual_funding_wan), 2), C("设备设施"), C(s.equipment, 3)],
        [C("二、工作室带头人基本情况", 8, bold=True)],
        [C(spaced("姓名", "\u3000")), C(s.leader_name), C(spaced("性别", "\u3000")), C(s.leader_gender),
         C("出生年月"), C(w.month(s.leader_birth)), C("照\n\n片", 2, align="center")],
        [C(spaced("民族", "\u3000")), C(s.ethnicity), C("政治面貌"), C(s.politics), C("文化程度"), C(s.education),
         C(UP, 2)],
        [C("职务/职称"), C(s.leader_title), C("技能等级"), C(s.leader_skill_level), C(spaced("手机", "\u3000")),
         C(w.phone(s.leader_phone)), C(UP, 2)],
        [C("所获主要荣誉", 2), C(s.leader_honors, 6)],
        [C("三、工作室主要成员（不含带头人，限填5人）", 8, bold=True)],
        [C("序号"), C("姓名"), C("性别"), C("年龄"), C("职务"), C("职称/技能等级"), C("专业特长", 2)],
    ]
    for member in members(w, s):
        rows.append([C(v) for v in member[:6]] + [C(member[6], 2)])
    rows += [
        [C("四、主要创新成果（近三年）", 8, bold=True)],
        [C("获得专利\n（项）"), C("技术攻关\n（项）"), C("合理化建议\n（条）"), C("经济效益\n（万元）"),
         C("培训职工\n（人次）"), C("师带徒\n（对）"), C("备注", 2)],
        [C(count_cell(w, s.patents, "项")), C(count_cell(w, s.tackled_projects, "项")),
         C(count_cell(w, s.suggestions, "条")), C(wan_cell(w, s.economic_benefit_wan)),
         C(count_cell(w, s.trained_workers, "人次")), C(count_cell(w, s.apprentices, "对")), C("", 2)],
        [C("工作室简介\n（300字以内）", 2), C(s.introduction, 6)],
        [C(vertical("所在单位工会意见")), C(op["org"], 3), C(vertical("推荐单位意见")), C(op["unit"], 3)],
    ]
    if ctx.direct_unit:
        rows.append([C(vertical("市总工会意见")), C(op["city"], 7)])
    grid(doc, rows, 8)
    return doc


# --- layout 2: title carries the category, several `标签：值` pairs per cell --------------------------

def pairs_title(w: Writer, s: Studio) -> str:
    if s.category == "labor_model_studio":
        return w.choice(["辽宁省劳模创新工作室推荐表", "劳模创新工作室推荐表"])
    if s.category == "worker_studio_tech":
        return w.choice(["辽宁省职工创新工作室推荐表（科技型企业）", "辽宁省职工创新工作室推荐表"])
    return w.choice(["辽宁省职工创新工作室推荐表（其他类型企业）", "辽宁省职工创新工作室推荐表"])


def pairs(w: Writer, s: Studio, ctx: FormContext) -> DocxDocument:
    doc = document()
    para(doc, pairs_title(w, s), size=20, bold=True, align="center", font="方正小标宋简体")
    gap = w.choice(["          ", "\u3000\u3000\u3000\u3000", "        "])
    para(doc, f"推荐单位（盖章）：{ctx.unit_text}{gap}填表日期：2021年7月{ctx.fill_day}日", size=12)
    sep = w.choice(["    ", "\u3000\u3000", "   "])
    colon = w.choice(["：", ":"])
    op = opinions(w, s, ctx)
    skill = s.leader_skill_level
    rows: list[list[C]] = [
        [C(spaced("工作室名称")), C(s.studio_name, 3)],
        [C(spaced("所在单位")), C(f"{s.organization}（{s.org_nature}）", 3)],
        [C("统一社会信用代码"), C(s.credit_code, 3)],
        [C("科技型企业类别"), C(w.tech_text(s.tech_category), 3)],
        [C(vertical("领衔人情况")),
         C(sep.join([f"姓名{colon}{s.leader_name}", f"性别{colon}{s.leader_gender}",
                     f"出生年月{colon}{w.month(s.leader_birth)}"]), 3)],
        [C(UP), C(sep.join([f"职务/职称{colon}{s.leader_title}", f"技能等级{colon}{skill}"]), 3)],
        [C(UP), C(f"联系电话{colon}{w.phone(s.leader_phone)}", 3)],
        [C(UP), C(f"所获荣誉{colon}{s.leader_honors}", 3)],
        [C(spaced("工作室情况")),
         C("；".join([f"成立时间{colon}{w.month(s.established)}",
                     f"团队人数{colon}{w.count(s.team_size or 0, '人')}",
                     f"活动场所面积{colon}{format_number(s.venue_area_m2)}{w.choice(['平方米', '㎡'])}"]) + "。",
           3)],
        [C("设备设施"), C(s.equipment, 3)],
        [C("主要创新成果"), C(achievement_sentence(w, s), 3)],
        [C("工作室简介"), C(s.introduction, 3)],
        [C(vertical("所在单位意见")), C(op["org"], 3)],
        [C(vertical("推荐单位意见")), C(op["unit"], 3)],
    ]
    if ctx.direct_unit:
        rows.append([C(vertical("市总工会意见")), C(op["city"], 3)])
    grid(doc, rows, 4)
    return doc


# --- layout 3: label rows over value rows, ticks after the option, split over two tables ----------

def blocks(w: Writer, s: Studio, ctx: FormContext) -> DocxDocument:
    doc = document()
    if w.chance(0.5):
        para(doc, "附件", size=14, font="黑体")
    para(doc, w.choice(["辽宁省劳模（职工）创新工作室基本情况表", "2021年度创新工作室基本情况登记表"]),
         size=20, bold=True, align="center", font="方正小标宋简体")
    para(doc, f"推荐单位：{ctx.unit_text}", size=12)
    style = w.choice(["after", "bracket", "paren"])
    kind, enterprise = category_ticks(w, s, style)
    first: list[list[C]] = [
        [C("工作室名称"), C(s.studio_name, 5)],
        [C("申报类别"), C(kind, 5)],
        [C("企业类型"), C(enterprise, 5)],
        [C("所在单位"), C(s.organization, 3), C("单位性质"), C(s.org_nature)],
        [C("统一社会信用代码"), C(s.credit_code, 2), C("科技型企业类别"), C(w.tech_text(s.tech_category), 2)],
        [C("工作室领衔人基本情况", 6, bold=True, align="center")],
        [C("姓名"), C("性别"), C("出生年月"), C("民族"), C("政治面貌"), C("文化程度")],
        [C(s.leader_name), C(s.leader_gender), C(w.month(s.leader_birth)), C(s.ethnicity), C(s.politics),
         C(s.education)],
        [C("职务/职称", 2), C("技能等级", 2), C("联系电话", 2)],
        [C(s.leader_title, 2), C(s.leader_skill_level, 2), C(w.phone(s.leader_phone), 2)],
        [C("荣誉称号"), C(s.leader_honors, 5)],
    ]
    grid(doc, first, 6)
    page_break(doc)
    op = opinions(w, s, ctx)
    second: list[list[C]] = [
        [C("工作室基本情况", 6, bold=True, align="center")],
        [C("组建时间"), C("团队人数（人）"), C("活动场所面积（平方米）"), C("年度经费（万元）"), C("设备设施", 2)],
        [C(w.month(s.established)), C(w.count(s.team_size or 0, "人")), C(w.area(s.venue_area_m2)),
         C(wan_cell(w, s.annual_funding_wan)), C(s.equipment, 2)],
        [C("近三年创新成果", 6, bold=True, align="center")],
        [C("获得专利（项）"), C("完成技术攻关（项）"), C("合理化建议（条）"), C("近三年创效（万元）"),
         C("培训职工（人次）"), C("师带徒（对）")],
        [C(count_cell(w, s.patents, "项")), C(count_cell(w, s.tackled_projects, "项")),
         C(count_cell(w, s.suggestions, "条")), C(wan_cell(w, s.economic_benefit_wan)),
         C(count_cell(w, s.trained_workers, "人次")), C(count_cell(w, s.apprentices, "对"))],
        [C("工作室简介"), C(s.introduction, 5)],
        [C("所在单位\n工会意见"), C(op["org"], 2), C("推荐单位\n意见"), C(op["unit"], 2)],
    ]
    if ctx.direct_unit:
        second.append([C("市总工会意见"), C(op["city"], 5)])
    grid(doc, second, 6)
    return doc


BUILDERS = {"sectioned": sectioned, "pairs": pairs, "blocks": blocks}


def studio_form(w: Writer, layout: str, studio: Studio, ctx: FormContext) -> DocxDocument:
    return BUILDERS[layout](w, studio, ctx)
