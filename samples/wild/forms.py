"""Studio and training-base forms laid out the way other provinces and campaigns lay them out.

Each family adds one filled form to a Word document and returns the fields the form carries, so
that the truth holds exactly what a clerk could copy from it. Families (FORMS_IN_THE_WILD.md):

- `sections`: section rows (`一、工作室基本情况`, `二、领衔人基本情况` …) with bare labels under them,
  a member table, achievements as a label row over a value row, opinions side by side;
- `vertical`: group labels written one character per line in tall merged cells on the left,
  letter-spaced labels, a `推荐意见及盖章` row;
- `paragraphs`: the whole form typed as `标签：值` lines, several pairs per line, achievements
  in one sentence;
- `cover`: a cover page, `填表说明` with numbered notes, then the form over two tables.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from docx.document import Document as DocxDocument

import samples.wild.values as v
from samples.drift import Drift
from samples.records import Studio, TrainingBase
from samples.templates import add_page_break, add_paragraph
from samples.wild.grid import Cell, add_grid, spaced, vertical

StudioFamily = Callable[[DocxDocument, Studio, random.Random, Drift, str], set[str]]
BaseFamily = Callable[[DocxDocument, TrainingBase, random.Random, Drift, str], set[str]]

ACHIEVEMENT_FIELDS = {"patents", "tackled_projects", "suggestions", "economic_benefit_wan", "trained_workers",
                      "apprentices"}
SIGNED = "（盖章）\n{date}"


def opinion(rng: random.Random, text: str, day: int) -> str:
    date = rng.choice([f"2021年7月{day}日", f"二〇二一年七月{day}日" if day < 10 else f"2021年7月{day}日"])
    return f"{text}\n\n" + SIGNED.format(date=date)


def _city_opinion(studio: Studio, rng: random.Random, width: int) -> list[list[Cell]]:
    """Studios of provincial direct units carry the city union's joint recommendation."""
    if not studio.city_union_opinion:
        return []
    label = rng.choice([vertical("市总工会意见"), "所在市总工会意见", "市总工会意见"])
    return [[Cell(label), Cell(opinion(rng, "同意联合推荐。", 13), width - 1)]]


def _title_for(category: str, rng: random.Random, *, say_category: bool) -> str:
    if not say_category:
        return rng.choice(["创新工作室推荐表", "辽宁省创新工作室申报表", "2021年度创新工作室推荐表"])
    return {"labor_model_studio": rng.choice(["辽宁省劳模创新工作室推荐表", "劳模创新工作室申报表"]),
            "worker_studio_tech": "辽宁省职工创新工作室（科技型企业）推荐表",
            "worker_studio_other": "辽宁省职工创新工作室（其他类型企业）推荐表"}[category]


def _heading(doc: DocxDocument, title: str, unit_line: str) -> None:
    add_paragraph(doc, title, size=18, bold=True, center=True)
    if unit_line:
        add_paragraph(doc, unit_line)


def _category_rows(studio: Studio, rng: random.Random, width: int, label_cols: int = 1) -> tuple[list[list[Cell]], bool]:
    """Category as one tick row, as two rows (申报类别 + 企业类型), or absent."""
    style = v.TickStyle(rng)
    roll = rng.random()
    span = width - label_cols
    if roll < 0.4:
        return [[Cell(rng.choice(["工作室类别", "申报类别", "类    别"]), label_cols),
                 Cell(v.category_row_text(style, studio.category), span)]], True
    if roll < 0.75:
        rows = [[Cell("申报类别", label_cols), Cell(v.studio_kind_text(style, studio.category), span)]]
        if studio.category != "labor_model_studio" or rng.random() < 0.5:
            rows.append([Cell("企业类型", label_cols), Cell(v.enterprise_kind_text(style, studio.category), span)])
        return rows, True
    return [], False


def _tech_row(studio: Studio, rng: random.Random, width: int, label_cols: int = 1) -> tuple[list[list[Cell]], set[str]]:
    if studio.category != "worker_studio_tech" and not studio.tech_category:
        return [], set()
    text = (v.tech_tick_list(v.TickStyle(rng), studio.tech_category) if rng.random() < 0.6
            else "、".join(studio.tech_category))
    return [[Cell(rng.choice(["科技型企业类别", "科技型企业类型"]), label_cols), Cell(text, width - label_cols)]], {
        "tech_category"}


def _members(rng: random.Random, studio: Studio) -> list[list[Cell]]:
    from samples import data

    header = [Cell("姓名"), Cell("性别"), Cell("出生年月"), Cell("职务"), Cell("职称/技能等级"), Cell("承担工作")]
    rows = [header]
    for _ in range(rng.randint(3, 6)):
        gender = "男" if rng.random() < 0.7 else "女"
        rows.append([Cell(data.person_name(rng, gender)), Cell(gender),
                     Cell(f"{rng.randint(1970, 1998)}.{rng.randint(1, 12):02d}"),
                     Cell(rng.choice(["技术员", "班组长", "工程师", "操作工"])),
                     Cell(rng.choice(["技师", "高级工", "工程师", "高级技师"])),
                     Cell(rng.choice(["技术攻关", "工艺改进", "培训", "资料整理"]))])
    return rows


def _leader_block(studio: Studio, rng: random.Random, drift: Drift) -> list[list[Cell]]:
    """The leader as label/value pairs in two rows, or as one row of labels over one of values."""
    labels = ["姓名", "性别", "出生年月", "职务/职称", "技能等级", "联系电话"]
    values = [studio.leader_name, studio.leader_gender, str(drift.month(studio.leader_birth)), studio.leader_title,
              studio.leader_skill_level, drift.phone(studio.leader_phone)]
    if rng.random() < 0.5:
        return [[Cell(label) for label in labels], [Cell(value) for value in values]]
    colon = "：" if rng.random() < 0.3 else ""
    if rng.random() < 0.4:  # a photo box down the right-hand side, as personal forms have
        first = [Cell(labels[0] + colon), Cell(values[0]), Cell(labels[1] + colon), Cell(values[1]),
                 Cell(rng.choice(["照片", "（照片）", "近期免冠照片"]), rows=3)]
        return [first,
                [Cell(labels[2] + colon), Cell(values[2]), Cell(labels[3] + colon), Cell(values[3])],
                [Cell(labels[4] + colon), Cell(values[4]), Cell(labels[5] + colon), Cell(values[5])]]
    return [[Cell(labels[i] + colon) if j == 0 else Cell(values[i]) for i in range(k, k + 3) for j in (0, 1)]
            for k in (0, 3)]


def _achievements_block(studio: Studio, rng: random.Random, drift: Drift, width: int) -> list[list[Cell]]:
    """Achievements as a label row over a value row, or as one sentence under its label."""
    section = [Cell(rng.choice(["四、主要创新成果", "主要创新成果", "四、创新成果"]), width)]
    if rng.random() < 0.3:
        return [[Cell(rng.choice(["主要创新成果", "近三年主要成果", "主要业绩"])),
                 Cell(v.achievements_sentence(rng, studio, drift), width - 1)]]
    return [
        section,
        [Cell("获得专利（项）"), Cell("技术攻关（项）"), Cell("合理化建议（条）"), Cell("经济效益（万元）"),
         Cell("培训职工（人次）"), Cell("师带徒（对）")],
        [Cell(str(studio.patents)), Cell(str(studio.tackled_projects)), Cell(str(studio.suggestions)),
         Cell(drift.money(studio.economic_benefit_wan).replace("万元", "")), Cell(str(studio.trained_workers)),
         Cell(str(studio.apprentices))],
    ]


# --- studio families ------------------------------------------------------------------------------


def studio_sections(doc: DocxDocument, studio: Studio, rng: random.Random, drift: Drift, unit_line: str) -> set[str]:
    width = 6
    category_rows, has_category = _category_rows(studio, rng, width)
    title_says = not has_category or rng.random() < 0.3
    _heading(doc, _title_for(studio.category, rng, say_category=title_says), unit_line)
    carried = {"studio_name", "organization", "established", "team_size", "leader_name", "leader_gender",
               "leader_birth", "leader_title", "leader_skill_level", "leader_phone", "leader_honors",
               "venue_area_m2", "annual_funding_wan", "credit_code", "org_nature"} | ACHIEVEMENT_FIELDS
    nature_in_name = rng.random() < 0.5
    organisation = v.organisation_with_nature(studio) if nature_in_name else studio.organization
    rows: list[list[Cell]] = [
        [Cell(rng.choice(["一、工作室基本情况", "工作室基本情况", "工作室情况"]), width)],
        [Cell("工作室名称"), Cell(studio.studio_name, 5)],
        [Cell(rng.choice(["依托单位", "所在单位"])), Cell(organisation, 3), Cell(rng.choice(["组建时间", "创建年月"])),
         Cell(str(drift.month(studio.established)))],
        *category_rows,
        [Cell("统一社会信用代码"), Cell(studio.credit_code, 2)]
        + ([Cell("单位性质"), Cell(studio.org_nature, 2)] if not nature_in_name else [Cell("", 3)]),
    ]
    tech_rows, tech = _tech_row(studio, rng, width)
    rows += tech_rows
    rows += [
        [Cell(rng.choice(["成员人数", "工作室成员数", "团队人数"])), Cell(str(drift.count(studio.team_size, "人"))),
         Cell("活动场所面积"), Cell(drift.area(studio.venue_area_m2)), Cell("年度经费"),
         Cell(drift.money(studio.annual_funding_wan))],
        [Cell(rng.choice(["二、领衔人基本情况", "领衔人基本情况", "领衔人情况"]), width)],
        *_leader_block(studio, rng, drift),
        [Cell(rng.choice(["所获主要荣誉", "荣誉称号"])), Cell(studio.leader_honors, 5)],
    ]
    if rng.random() < 0.7:
        rows += [[Cell(rng.choice(["三、工作室成员情况", "主要成员"]), width)], *_members(rng, studio)]
    rows += [
        *_achievements_block(studio, rng, drift, width),
        [Cell("工作室简介"), Cell(studio.introduction, 5)],
        [Cell(vertical("所在单位意见")), Cell(opinion(rng, "同意推荐。", 12), 2), Cell(vertical("推荐单位意见")),
         Cell(opinion(rng, "同意推荐。", 15), 2)],
        *_city_opinion(studio, rng, width),
    ]
    add_grid(doc, rows, width)
    return carried | tech | ({"category"} if has_category or title_says else set())


def studio_vertical(doc: DocxDocument, studio: Studio, rng: random.Random, drift: Drift, unit_line: str) -> set[str]:
    width = 7
    category_rows, has_category = _category_rows(studio, rng, width)
    _heading(doc, _title_for(studio.category, rng, say_category=not has_category), unit_line)
    tech_rows, tech = _tech_row(studio, rng, width - 1)
    leader = [
        [Cell(vertical("领衔人"), rows=4), Cell(spaced("姓名")), Cell(studio.leader_name), Cell(spaced("性别")),
         Cell(studio.leader_gender), Cell("出生年月"), Cell(str(drift.month(studio.leader_birth)))],
        [Cell(spaced("民族")), Cell(studio.ethnicity), Cell("政治面貌"), Cell(studio.politics), Cell("文化程度"),
         Cell(studio.education)],
        [Cell("职务/职称"), Cell(studio.leader_title), Cell("技能等级"), Cell(studio.leader_skill_level), Cell("手机"),
         Cell(drift.phone(studio.leader_phone))],
        [Cell("荣誉称号"), Cell(studio.leader_honors, 5)],
    ]
    studio_rows = [
        [Cell(vertical("工作室"), rows=3 + len(tech_rows)), Cell("所在单位"), Cell(studio.organization, 3),
         Cell("单位性质"), Cell(studio.org_nature)],
        [Cell("统一社会信用代码"), Cell(studio.credit_code, 3), Cell("成立时间"), Cell(str(drift.month(studio.established)))],
        [Cell("团队人数"), Cell(str(drift.count(studio.team_size, "人"))), Cell("场所面积"),
         Cell(drift.area(studio.venue_area_m2)), Cell("年度经费"), Cell(drift.money(studio.annual_funding_wan))],
        *tech_rows,
    ]
    results = [
        [Cell(vertical("创新成果"), rows=2), Cell("专利（项）"), Cell("攻关（项）"), Cell("建议（条）"),
         Cell("效益（万元）"), Cell("培训（人次）"), Cell("带徒（对）")],
        [Cell(str(studio.patents)), Cell(str(studio.tackled_projects)), Cell(str(studio.suggestions)),
         Cell(drift.money(studio.economic_benefit_wan).replace("万元", "")), Cell(str(studio.trained_workers)),
         Cell(str(studio.apprentices))],
    ]
    rows = [
        [Cell(spaced("工作室名称")), Cell(studio.studio_name, 6)],
        *[[Cell(row[0].text), Cell(row[1].text, 6)] for row in category_rows],
        *leader, *studio_rows, *results,
        [Cell(vertical("所在单位意见")), Cell(opinion(rng, "同意推荐。", 10), 6)],
        [Cell(vertical("推荐意见及盖章")), Cell(opinion(rng, "经研究，同意推荐。", 16), 6)],
        *_city_opinion(studio, rng, width),
    ]
    add_grid(doc, rows, width)
    return ({"studio_name", "organization", "org_nature", "credit_code", "established", "team_size",
             "venue_area_m2", "annual_funding_wan", "leader_name", "leader_gender", "leader_birth", "leader_title",
             "leader_skill_level", "leader_phone", "leader_honors", "category"} | ACHIEVEMENT_FIELDS | tech)


def studio_paragraphs(doc: DocxDocument, studio: Studio, rng: random.Random, drift: Drift,
                      unit_line: str) -> set[str]:
    style = v.TickStyle(rng)
    style.one_per_line = False
    has_category = rng.random() < 0.6
    _heading(doc, _title_for(studio.category, rng, say_category=not has_category), unit_line)
    gap = rng.choice(["    ", "  ", "\u3000\u3000"])
    lines = [f"工作室名称：{studio.studio_name}"]
    if has_category:
        lines[0] += gap + f"申报类别：{v.category_row_text(style, studio.category)}"
    lines += [
        gap.join([f"依托单位：{v.organisation_with_nature(studio)}", f"统一社会信用代码：{studio.credit_code}"]),
        gap.join([f"工作室带头人：{studio.leader_name}", f"性别：{studio.leader_gender}",
                  f"出生年月：{drift.month(studio.leader_birth)}"]),
        gap.join([f"职务/职称：{studio.leader_title}", f"技能等级：{studio.leader_skill_level}",
                  f"联系电话：{drift.phone(studio.leader_phone)}"]),
        f"所获荣誉：{studio.leader_honors}",
        gap.join([f"组建时间：{drift.month(studio.established)}", f"成员人数：{studio.team_size}人",
                  f"活动场所面积：{drift.area(studio.venue_area_m2)}"]),
        f"年度经费：{drift.money(studio.annual_funding_wan)}",
    ]
    tech: set[str] = set()
    if studio.tech_category:
        lines.append(f"科技型企业类别：{'、'.join(studio.tech_category)}")
        tech = {"tech_category"}
    lines += [
        f"主要创新成果：{v.achievements_sentence(rng, studio, drift)}",
        f"工作室简介：{studio.introduction}",
        "推荐单位意见：同意推荐。（盖章）  2021年7月16日",
    ]
    if studio.city_union_opinion:
        lines.append("市总工会意见：同意联合推荐。（盖章）  2021年7月17日")
    for line in lines:
        add_paragraph(doc, line)
    return ({"studio_name", "organization", "org_nature", "credit_code", "leader_name", "leader_gender",
             "leader_birth", "leader_title", "leader_skill_level", "leader_phone", "leader_honors", "established",
             "team_size", "venue_area_m2", "annual_funding_wan"} | ACHIEVEMENT_FIELDS | tech
            | {"category"})  # without a category row the title names it


INSTRUCTIONS = [
    "1. 工作室名称：应填写全称，与申报材料一致。",
    "2. 推荐单位：各市总工会、沈抚示范区工会、省（产业）工会、省直有关单位填写本单位全称，如“大连市总工会”。",
    "3. 团队人数：指工作室在册成员人数，不含外聘专家。",
    "4. 成立时间：填写到月，如“2019年3月”。",
    "5. 本表一式三份，A4纸双面打印，加盖公章后报送。",
]


def studio_cover(doc: DocxDocument, studio: Studio, rng: random.Random, drift: Drift, unit_line: str) -> set[str]:
    kind = "劳模创新工作室" if studio.category == "labor_model_studio" else "职工创新工作室"
    add_paragraph(doc, f"辽宁省{kind}", size=22, bold=True, center=True)
    add_paragraph(doc, spaced("推荐表", "  "), size=22, bold=True, center=True)
    for _ in range(3):
        add_paragraph(doc, "")
    add_paragraph(doc, f"工作室名称：{studio.studio_name}")
    add_paragraph(doc, f"申报单位（盖章）：{studio.organization}")
    add_paragraph(doc, unit_line or "推荐单位（盖章）：")
    add_paragraph(doc, "填报时间：2021年7月")
    add_page_break(doc)
    add_paragraph(doc, spaced("填表说明", " "), size=16, bold=True, center=True)
    for line in INSTRUCTIONS:
        add_paragraph(doc, line)
    add_page_break(doc)
    width = 6
    category_rows, has_category = _category_rows(studio, rng, width)
    tech_rows, tech = _tech_row(studio, rng, width)
    first = [
        [Cell("工作室名称"), Cell(studio.studio_name, 5)],
        *category_rows,
        [Cell("所在单位"), Cell(studio.organization, 2), Cell("统一社会信用代码"), Cell(studio.credit_code, 2)],
        [Cell("单位性质"), Cell(studio.org_nature, 2), Cell("成立日期"), Cell(str(drift.month(studio.established)), 2)],
        *tech_rows,
        [Cell("领衔人"), Cell(studio.leader_name), Cell("性别"), Cell(studio.leader_gender), Cell("出生年月"),
         Cell(str(drift.month(studio.leader_birth)))],
        [Cell("职务/职称"), Cell(studio.leader_title), Cell("技能等级"), Cell(studio.leader_skill_level), Cell("联系电话"),
         Cell(drift.phone(studio.leader_phone))],
        [Cell("荣誉称号"), Cell(studio.leader_honors, 5)],
    ]
    second = [
        [Cell("团队人数"), Cell(str(drift.count(studio.team_size, "人"))), Cell("活动场所面积（平方米）"),
         Cell(drift.area(studio.venue_area_m2)), Cell("年度经费（万元）"), Cell(drift.money(studio.annual_funding_wan))],
        [Cell("近三年创效（万元）"), Cell(drift.money(studio.economic_benefit_wan), 2), Cell("获得专利（项）"),
         Cell(str(studio.patents), 2)],
        [Cell("完成技术攻关（项）"), Cell(str(studio.tackled_projects), 2), Cell("合理化建议（条）"),
         Cell(str(studio.suggestions), 2)],
        [Cell("培训职工（人次）"), Cell(str(studio.trained_workers), 2), Cell("师带徒（对）"), Cell(str(studio.apprentices), 2)],
        [Cell("工作室简介"), Cell(studio.introduction, 5)],
        [Cell("所在单位工会意见"), Cell(opinion(rng, "同意。", 9), 2), Cell("推荐单位意见"), Cell(opinion(rng, "同意推荐。", 14), 2)],
        *_city_opinion(studio, rng, width),
    ]
    add_grid(doc, first, width)
    add_page_break(doc)
    add_grid(doc, second, width)
    return ({"studio_name", "organization", "credit_code", "org_nature", "established", "leader_name",
             "leader_gender", "leader_birth", "leader_title", "leader_skill_level", "leader_phone", "leader_honors",
             "team_size", "venue_area_m2", "annual_funding_wan"} | ACHIEVEMENT_FIELDS | tech
            | ({"category"} if has_category else set()))


STUDIO_FAMILIES: dict[str, StudioFamily] = {
    "sections": studio_sections, "vertical": studio_vertical, "paragraphs": studio_paragraphs, "cover": studio_cover,
}

# --- training-base families --------------------------------------------------------------------------

TRAINING_SYSTEM = {"has_training_records": "培训记录台账", "has_followup_service": "培训后跟踪服务",
                   "has_incentives": "培训激励办法"}
BASE_CORE = {"enterprise_name", "credit_code", "tech_category", "cert_no", "cert_date", "address", "legal_rep",
             "employees", "contact_name", "contact_phone", "training_area_m2", "equipment_sets", "full_time_teachers",
             "part_time_teachers", "training_programs", "trainees_2018", "trainees_2019", "trainees_2020",
             "satisfaction_rate", "has_training_records", "has_followup_service", "has_incentives"}


def _system_text(rng: random.Random, base: TrainingBase) -> str:
    chosen = {key for key in TRAINING_SYSTEM if getattr(base, key)}
    return v.TickStyle(rng).render(TRAINING_SYSTEM, chosen)


def _contact_cells(base: TrainingBase, rng: random.Random, drift: Drift) -> list[Cell]:
    """`联系人及电话 | 张三 139…`, or `联系人：张三  电话：…` as two pairs in one cell."""
    if rng.random() < 0.5:
        return [Cell("联系人及电话"), Cell(v.person_with_phone(rng, base.contact_name, base.contact_phone, drift), 3)]
    gap = rng.choice(["  ", "    ", "\u3000"])
    return [Cell(f"联系人：{base.contact_name}{gap}{rng.choice(['电话', '联系电话', '手机'])}："
                 f"{drift.phone(base.contact_phone)}", 4)]


def base_combined(doc: DocxDocument, base: TrainingBase, rng: random.Random, drift: Drift, unit_line: str) -> set[str]:
    _heading(doc, rng.choice(["辽宁省职工职业技能培训基地推荐表", "职工培训基地申报表（科技型企业）"]), unit_line)
    width = 6
    year_rows = [
        [Cell(rng.choice(["近三年实名制培训人次", "近三年培训人次"]), rows=2), Cell("2018年"), Cell("2019年"),
         Cell("2020年", 3)],
        [Cell(str(drift.count(base.trainees_2018, "人次"))), Cell(str(drift.count(base.trainees_2019, "人次"))),
         Cell(str(drift.count(base.trainees_2020, "人次")), 3)],
    ]
    rows = [
        [Cell("企业名称"), Cell(base.enterprise_name, 5)],
        [Cell("统一社会信用代码"), Cell(base.credit_code, 2), Cell(rng.choice(["法人代表", "法定代表人"])),
         Cell(base.legal_rep, 2)],
        [Cell(rng.choice(["企业类型", "科技型企业类别"])), Cell(v.tech_tick_list(v.TickStyle(rng), base.tech_category), 5)],
        [Cell("高新技术企业证书编号及认定时间" if base.cert_no.startswith("GR") else "证书编号及认定时间"),
         Cell(v.certificate_text(rng, base), 5)],
        [Cell("企业地址"), Cell(base.address, 5)],
        [Cell("职工总数"), Cell(str(drift.count(base.employees, "人"))), *_contact_cells(base, rng, drift)],
        [Cell("培训场地面积"), Cell(drift.area(base.training_area_m2)), Cell("教学设备（台套）"),
         Cell(str(drift.count(base.equipment_sets, "台套")), 3)],
        [Cell("师资情况"), Cell(v.teachers_text(rng, base), 5)],
        [Cell(rng.choice(["主要培训专业（工种）", "职业（工种）"])), Cell(base.training_programs, 5)],
        *year_rows,
        [Cell("学员满意率"), Cell(drift.rate(base.satisfaction_rate), 5)],
        [Cell("培训制度建设"), Cell(_system_text(rng, base), 5)],
        [Cell("基地简介"), Cell(base.introduction, 5)],
        [Cell(vertical("企业工会意见")), Cell(opinion(rng, "同意申报。", 11), 2), Cell(vertical("推荐单位意见")),
         Cell(opinion(rng, "同意推荐。", 15), 2)],
    ]
    add_grid(doc, rows, width)
    return set(BASE_CORE)


def base_paragraphs(doc: DocxDocument, base: TrainingBase, rng: random.Random, drift: Drift, unit_line: str) -> set[str]:
    _heading(doc, "辽宁省工会职工职业技能培训基地申报表", unit_line)
    gap = rng.choice(["    ", "  ", "\u3000\u3000"])
    lines = [
        f"企业名称：{base.enterprise_name}",
        gap.join([f"统一社会信用代码：{base.credit_code}", f"法定代表人：{base.legal_rep}"]),
        f"科技型企业类别：{'、'.join(base.tech_category)}",
        gap.join([f"认定证书编号：{base.cert_no}", f"认定时间：{drift.month(base.cert_date)}"]),
        f"企业地址：{base.address}",
        gap.join([f"职工人数：{drift.count(base.employees, '人')}",
                  f"联系人：{base.contact_name}", f"联系电话：{drift.phone(base.contact_phone)}"]),
        gap.join([f"培训场所面积：{drift.area(base.training_area_m2)}",
                  f"教学设备：{drift.count(base.equipment_sets, '台套')}"]),
        gap.join([f"专职教师：{base.full_time_teachers}人", f"兼职教师：{base.part_time_teachers}人"]),
        f"主要培训专业（工种）：{base.training_programs}",
        f"近三年实名制培训人次：{v.trainees_line(rng, base)}",
        f"学员满意率：{drift.rate(base.satisfaction_rate)}",
        f"培训制度建设：{_system_text(rng, base).replace(chr(10), ' ')}",
        f"基地简介：{base.introduction}",
        "推荐单位意见：同意推荐。（盖章）2021年7月15日",
    ]
    for line in lines:
        add_paragraph(doc, line)
    return set(BASE_CORE)


BASE_FAMILIES: dict[str, BaseFamily] = {"combined": base_combined, "paragraphs": base_paragraphs}
