"""Filled documents: summaries (xlsx), forms, narrative material and letters (docx)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from schemas.columns import CATEGORY_LABELS

from . import data
from .drift import NOTE_LINES, Drift
from .records import Studio, TrainingBase, format_number
from .season import shift_years, year
from .templates import (
    BASE_FORM_LAYOUT,
    BASE_FORM_TITLE,
    BASE_FORM_WIDTH,
    BLANK_OPINION,
    CATEGORY_OPTIONS,
    STUDIO_FORM_LAYOUT,
    STUDIO_FORM_TITLE,
    STUDIO_FORM_WIDTH,
    SUMMARY_ANNEX,
    SUMMARY_HEADER,
    SUMMARY_TITLE,
    TRAINING_SYSTEM_OPTIONS,
    Layout,
    SheetSpec,
    add_form,
    add_material,
    add_page_break,
    add_paragraph,
    new_document,
    season_layout,
    write_sheet,
)

# --- unit lines ------------------------------------------------------------------------------


def unit_text(drift: Drift, unit: str) -> str:
    """How a unit writes its own name: official, short form, with （盖章）, or with a typo."""
    if not drift.enabled:
        return unit
    roll = drift.rng.random()
    if roll < 0.5:
        return unit
    if roll < 0.7:
        return data.unit_short_name(unit)
    if roll < 0.85:
        return f"{unit}（盖章）"
    if "工会" in unit:
        return unit.replace("工会", "公会", 1)
    return data.unit_short_name(unit)


def form_unit_line(drift: Drift, unit: str) -> str:
    label = drift.pick(["推荐单位（盖章）：", "推荐单位：", "推荐单位（盖章）："], "推荐单位（盖章）：")
    return label + unit_text(drift, unit)


def fill_date_text(drift: Drift, day: int, month: int = 7) -> str:
    y = year(2021)
    return drift.pick([f"{y}年{month}月{day}日", f"{y}.{month}.{day}", f"{y}-{month:02d}-{day:02d}"],
                      f"{y}年{month}月{day}日")


def summary_unit_line(drift: Drift, unit: str, contact: str, contact_phone: str, fill_date: str) -> str:
    gap = drift.pick(["    ", "  ", "\u3000\u3000", "        "], "    ")
    parts = [form_unit_line(drift, unit), f"填报人：{contact}", f"联系电话：{drift.phone(contact_phone)}",
             f"填报日期：{fill_date}"]
    return gap.join(parts)


def opinion(text: str, signer: str, day: int) -> str:
    return f"{text}\n\n{signer}（盖章）\n{year(2021)}年7月{day}日"


# --- summaries --------------------------------------------------------------------------------

SUMMARY_KEYS = {
    "labor_model_studio": ["seq", "studio_name", "organization", "leader_name", "leader_gender", "leader_birth",
                           "leader_honors", "leader_title", "team_size", "established", "leader_phone", "remark"],
    "worker_studio_tech": ["seq", "studio_name", "organization", "credit_code", "tech_category", "leader_name",
                           "leader_gender", "leader_birth", "leader_skill_level", "leader_honors", "team_size",
                           "established", "leader_phone", "remark"],
    "worker_studio_other": ["seq", "studio_name", "organization", "org_nature", "leader_name", "leader_gender",
                            "leader_birth", "leader_skill_level", "leader_honors", "team_size", "established",
                            "leader_phone", "remark"],
    "training_base": ["seq", "enterprise_name", "credit_code", "tech_category", "employees", "training_area_m2",
                      "teachers", "trainees_2020", "training_programs", "contact_name", "contact_phone", "remark"],
}
EXTRA_COLUMNS = {"extra_region": "所在地区", "extra_email": "电子邮箱"}
SUMMED_KEYS = ("team_size", "employees", "trainees_2020")
HEADER_GROUPS = {("leader_name", "leader_gender", "leader_birth"): ("领衔人", ["姓名", "性别", "出生年月"]),
                 ("contact_name", "contact_phone"): ("联系人", ["姓名", "联系电话"])}


@dataclass
class SummarySection:
    """One summary table of a unit (one category)."""

    category: str
    unit: str
    nominees: Sequence[Studio | TrainingBase]
    fill_date: str
    contact: str
    contact_phone: str
    total_row: str = "none"  # none / correct / wrong
    extra_keys: list[str] = field(default_factory=list)


def summary_cell(drift: Drift, nominee: Studio | TrainingBase, key: str, seq: int) -> object:
    if key == "seq":
        return seq
    if key == "remark":
        return ""
    if key in EXTRA_COLUMNS:
        return f"{nominee.city}市" if key == "extra_region" else ""
    if key == "teachers":
        assert isinstance(nominee, TrainingBase)
        return nominee.full_time_teachers + nominee.part_time_teachers
    value = summary_number(nominee, key)
    return render_summary_value(drift, key, value)


def render_summary_value(drift: Drift, key: str, value: object) -> object:
    if key in ("leader_birth", "established"):
        return drift.month(value, excel=True)  # type: ignore[arg-type]
    if key in ("team_size", "employees", "trainees_2020"):
        return drift.count(value, "人" if key != "trainees_2020" else "人次", excel=True)  # type: ignore[arg-type]
    if key == "training_area_m2":
        return value if not drift.chance(0.3) else drift.area(value)  # type: ignore[arg-type]
    if key.endswith("phone"):
        return drift.phone(str(value))
    if key == "tech_category":
        return drift.tech_categories(value)  # type: ignore[arg-type]
    return value if value is not None else ""


def section_keys(drift: Drift, section: SummarySection) -> list[str]:
    keys = list(SUMMARY_KEYS[section.category])
    if drift.chance(0.15):
        phone_index = keys.index("leader_phone" if "leader_phone" in keys else "contact_phone")
        keys.insert(keys.index("seq") + 2, keys.pop(phone_index))
    if drift.chance(0.15):
        first = keys.index("organization" if "organization" in keys else "credit_code")
        keys[first], keys[first + 1] = keys[first + 1], keys[first]
    for extra in section.extra_keys:
        keys.insert(len(keys) - 1, extra)
    return keys


def header_label(drift: Drift, category: str, key: str) -> str:
    if key in EXTRA_COLUMNS:
        return EXTRA_COLUMNS[key]
    official = SUMMARY_HEADER[category][SUMMARY_KEYS[category].index(key)]
    return drift.label(official, reword=0.25, spaced=0.1)


def header_groups(drift: Drift, keys: list[str], header: list[str]) -> list[tuple[str, int, int]]:
    if not drift.chance(0.25):
        return []
    groups = []
    for members, (label, leaves) in HEADER_GROUPS.items():
        if members[0] in keys:
            first = keys.index(members[0])
            if tuple(keys[first:first + len(members)]) == members:
                header[first:first + len(members)] = leaves
                groups.append((label, first, first + len(members) - 1))
    return groups


def summary_sheet(drift: Drift, section: SummarySection, name: str) -> SheetSpec:
    keys = section_keys(drift, section)
    header = [header_label(drift, section.category, key) for key in keys]
    groups = header_groups(drift, keys, header)
    rows: list[list[object]] = []
    for seq, nominee in enumerate(section.nominees, start=1):
        rows.append([summary_cell(drift, nominee, key, seq) for key in keys])
        if drift.chance(0.08):
            rows.append([None] * len(keys))
    if section.total_row != "none":
        rows.append(total_row(keys, section, wrong=section.total_row == "wrong"))
    head = [SUMMARY_ANNEX[section.category], SUMMARY_TITLE[section.category],
            summary_unit_line(drift, section.unit, section.contact, section.contact_phone, section.fill_date)]
    if drift.chance(0.15):
        head.insert(1, f"{year(2021)}年度")
    if drift.chance(0.1):
        head.insert(0, "")
    foot = [drift.rng.choice(NOTE_LINES)] if drift.chance(0.3) else []
    date_format = drift.pick(['yyyy"年"m"月"', "yyyy-mm", "yyyy.mm", "yyyy-mm-dd"], "yyyy-mm-dd")
    return SheetSpec(head_lines=head, header=header, rows=rows, header_groups=groups, foot_lines=foot,
                     name=name, date_format=date_format)


def total_row(keys: list[str], section: SummarySection, *, wrong: bool) -> list[object]:
    row: list[object] = [None] * len(keys)
    row[0] = "合计"
    if len(keys) > 1 and keys[1] in ("studio_name", "enterprise_name"):
        row[1] = f"共{len(section.nominees)}个"
    for key in SUMMED_KEYS:
        if key in keys:
            total = sum(int(summary_number(n, key) or 0) for n in section.nominees)
            row[keys.index(key)] = total + (7 if wrong else 0)
    return row


def summary_number(nominee: Studio | TrainingBase, key: str) -> object:
    return nominee.summary_value(key) if isinstance(nominee, Studio) else getattr(nominee, key)


SHEET_NAMES = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工创新工作室（科技型）",
               "worker_studio_other": "职工创新工作室（其他）", "training_base": "培训基地"}
INSTRUCTIONS = ["填报说明", "1. 请按附件格式填写，不得改变表格结构。", "2. 成立时间须在2020年7月以前。",
                "3. 数据见“汇总表”工作表。"]


def summary_workbook(drift: Drift, sections: Sequence[SummarySection]) -> Workbook:
    """A workbook of one or more summaries, sometimes behind an instruction sheet or with blank sheets."""
    workbook = Workbook()
    hidden_data = len(sections) == 1 and drift.chance(0.05)
    first = workbook.active
    if hidden_data:
        first.title = "说明"
        for line in INSTRUCTIONS:
            first.append([shift_years(line)])
    for index, section in enumerate(sections):
        name = "汇总表" if hidden_data else (SHEET_NAMES[section.category] if len(sections) > 1 else "Sheet1")
        ws = first if index == 0 and not hidden_data else workbook.create_sheet()
        spec = summary_sheet(drift, section, name)
        spec.hidden = hidden_data
        write_sheet(ws, spec)
    if not hidden_data and drift.chance(0.2):
        workbook.create_sheet("Sheet2")
        if drift.chance(0.5):
            workbook.create_sheet("Sheet3")
    return workbook


# --- studio forms ------------------------------------------------------------------------------


def studio_form_values(drift: Drift, studio: Studio) -> dict[str, str]:
    day = drift.rng.randint(8, 20)
    values = {
        "studio_name": studio.studio_name,
        "category": drift.ticks(CATEGORY_OPTIONS, {studio.form_category}),
        "organization": studio.organization,
        "credit_code": studio.credit_code,
        "org_nature": studio.org_nature,
        "tech_category": drift.tech_categories(studio.tech_category),
        "leader_name": studio.leader_name,
        "leader_gender": studio.leader_gender,
        "leader_birth": str(drift.month(studio.leader_birth)),
        "ethnicity": studio.ethnicity,
        "politics": studio.politics,
        "education": studio.education,
        "leader_title": studio.leader_title,
        "leader_skill_level": studio.leader_skill_level,
        "leader_phone": drift.phone(studio.leader_phone),
        "leader_honors": studio.leader_honors,
        "team_size": str(drift.count(studio.team_size, "人")),
        "established": str(drift.month(studio.established)),
        "venue_area_m2": drift.area(studio.venue_area_m2),
        "equipment": studio.equipment,
        "annual_funding_wan": drift.money(studio.annual_funding_wan),
        "economic_benefit_wan": drift.money(studio.economic_benefit_wan),
        "patents": str(drift.count(studio.patents, "项")),
        "tackled_projects": str(drift.count(studio.tackled_projects, "项")),
        "suggestions": str(drift.count(studio.suggestions, "条")),
        "trained_workers": str(drift.count(studio.trained_workers, "人次")),
        "apprentices": str(drift.count(studio.apprentices, "对")),
        "introduction": studio.introduction,
        "org_union_opinion": opinion("同意推荐。", f"{studio.organization}工会", day),
        "unit_opinion": opinion("经审核，同意推荐。", studio.recommending_unit, day + 2),
        "city_union_opinion": opinion("同意联合推荐。", f"{studio.city}市总工会", day + 1)
        if studio.city_union_opinion else BLANK_OPINION,
        "extra_email": f"ln{drift.rng.randint(1000, 9999)}@163.com",
        "extra_region": f"{studio.city}市",
        "extra_postcode": f"11{drift.rng.randint(0, 9999):04d}",
    }
    return values


def studio_layout(drift: Drift, studio: Studio, direct_unit: bool) -> Layout:
    layout = drift.form_layout(STUDIO_FORM_LAYOUT)
    if not direct_unit and drift.chance(0.4):
        layout = [row for row in layout if not any(f.key == "city_union_opinion" for f in row)]
    return layout


def studio_forms_doc(drift: Drift, studios: Sequence[Studio], *, direct_unit: bool) -> DocxDocument:
    """One .docx holding one or several 附件6 forms (page breaks between them)."""
    doc = new_document()
    as_paragraphs = drift.chance(0.06)
    for index, studio in enumerate(studios):
        if index:
            add_page_break(doc)
        title = STUDIO_FORM_TITLE if not drift.chance(0.15) else f"{year(2021)}年度" + STUDIO_FORM_TITLE
        add_form(doc, title=title, unit_line=form_unit_line(drift, studio.recommending_unit),
                 layout=studio_layout(drift, studio, direct_unit), values=studio_form_values(drift, studio),
                 width=STUDIO_FORM_WIDTH, annex="附件6" if drift.pick(["y", "n"], "y") == "y" else None,
                 as_paragraphs=as_paragraphs)
    return doc


# --- training-base forms -----------------------------------------------------------------------


def base_form_values(drift: Drift, base: TrainingBase) -> dict[str, str]:
    day = drift.rng.randint(8, 20)
    chosen = {key for key in TRAINING_SYSTEM_OPTIONS if getattr(base, key)}
    return {
        "enterprise_name": base.enterprise_name,
        "credit_code": base.credit_code,
        "tech_category": drift.tech_categories(base.tech_category),
        "cert_no": base.cert_no,
        "cert_date": str(drift.month(base.cert_date)),
        "address": base.address,
        "legal_rep": base.legal_rep,
        "employees": str(drift.count(base.employees, "人")),
        "contact_name": base.contact_name,
        "contact_phone": drift.phone(base.contact_phone),
        "training_area_m2": drift.area(base.training_area_m2),
        "equipment_sets": str(drift.count(base.equipment_sets, "台套")),
        "full_time_teachers": str(drift.count(base.full_time_teachers, "人")),
        "part_time_teachers": str(drift.count(base.part_time_teachers, "人")),
        "training_programs": base.training_programs,
        "trainees_2018": str(drift.count(base.trainees_2018, "人次")),
        "trainees_2019": str(drift.count(base.trainees_2019, "人次")),
        "trainees_2020": str(drift.count(base.trainees_2020, "人次")),
        "satisfaction_rate": drift.rate(base.satisfaction_rate),
        "training_system": drift.ticks(TRAINING_SYSTEM_OPTIONS, chosen),
        "introduction": base.introduction,
        "enterprise_union_opinion": opinion("同意申报。", f"{base.enterprise_name}工会", day),
        "unit_opinion": opinion("经审核，同意推荐。", base.recommending_unit, day + 2),
        "extra_email": f"px{drift.rng.randint(1000, 9999)}@126.com",
        "extra_region": f"{base.city}市",
        "extra_postcode": f"11{drift.rng.randint(0, 9999):04d}",
    }


def base_forms_doc(drift: Drift, bases: Sequence[TrainingBase]) -> DocxDocument:
    doc = new_document()
    for index, base in enumerate(bases):
        if index:
            add_page_break(doc)
        add_form(doc, title=BASE_FORM_TITLE, unit_line=form_unit_line(drift, base.recommending_unit),
                 layout=drift.form_layout(season_layout(BASE_FORM_LAYOUT), protected_rows=1),
                 values=base_form_values(drift, base), width=BASE_FORM_WIDTH,
                 annex="附件8" if drift.pick(["y", "n"], "y") == "y" else None)
    return doc


# --- narrative material -------------------------------------------------------------------------


def narrative_money(drift: Drift, wan: float) -> str:
    if wan >= 10000 and drift.pick(["yi", "wan"], "yi") == "yi":
        return f"{format_number(wan / 10000)}亿元"
    return f"{format_number(wan)}万元"


def narrative_date(drift: Drift, day: tuple[int, int, int]) -> str:
    year, month, date = day
    return drift.pick([f"{year}年{month}月", f"{year}年{month}月{date}日"], f"{year}年{month}月")


def material_sections(drift: Drift, studio: Studio) -> list[list[str]]:
    facts = {**{k: getattr(studio, k) for k in ("team_size", "patents", "economic_benefit_wan",
                                                 "trained_workers", "established")},
             **studio.narrative_overrides}
    team = facts["team_size"]
    seniors = max(1, (team or 6) // 5)
    age = drift.rng.randint(32, 45)
    team_sentence = (f"工作室现有成员{team}人，其中高级技师{seniors}人、技师{seniors + 1}人，平均年龄{age}岁。"
                     if team else "工作室成员由生产一线的技术骨干组成。")
    patents = facts["patents"]
    patent_sentence = (f"获得国家专利{patents}项，其中发明专利{max(0, patents // 4)}项。" if patents
                       else "目前正在积极申报国家专利。")
    return [
        [f"{studio.studio_name}成立于{narrative_date(drift, facts['established'])}，依托{studio.organization}，"
         f"由{studio.leader_name}同志领衔。{team_sentence}"
         f"工作室活动场所面积{format_number(studio.venue_area_m2)}平方米，配备{studio.equipment}。"],
        ["工作室坚持问题导向，围绕安全生产、提质增效、节能降耗等重点难点问题开展技术攻关和技术革新，"
         f"完成技术攻关{studio.tackled_projects}项，提出合理化建议{studio.suggestions}条。",
         "工作室建立了例会、项目管理、成果评审等制度，做到有计划、有场所、有经费、有成果。"],
        [f"近年来，工作室{patent_sentence}"
         f"近三年累计创造经济效益{narrative_money(drift, facts['economic_benefit_wan'])}。"],
        [f"工作室充分发挥示范引领作用，累计培训职工{facts['trained_workers']}人次，"
         f"签订师带徒协议{studio.apprentices}对，培养了一批高技能人才。"],
        ["下一步，工作室将继续围绕企业中心工作，深化技术创新，加强人才培养，推动创新成果转化应用，"
         "努力打造全省一流的创新工作室。"],
    ]


def material_doc(drift: Drift, studio: Studio) -> DocxDocument:
    doc = new_document()
    title = drift.pick([f"{studio.studio_name}申报材料", f"{studio.studio_name}申报材料",
                        f"{studio.studio_name}事迹材料"], f"{studio.studio_name}申报材料")
    add_material(doc, title, material_sections(drift, studio))
    return doc


def cover_letter_doc(unit: str, counts: dict[str, int]) -> DocxDocument:
    doc = new_document()
    add_paragraph(doc, f"关于推荐{year(2021)}年度辽宁省劳模创新工作室等的函", size=18, bold=True, center=True)
    add_paragraph(doc, "辽宁省总工会：")
    listing = "，".join(f"{CATEGORY_LABELS[c]}{n}个" for c, n in counts.items() if n)
    add_paragraph(doc, f"    根据《关于开展{year(2021)}年度辽宁省劳模创新工作室等推荐工作的通知》要求，经认真组织评审，"
                       f"现推荐{listing}，请予审定。")
    add_paragraph(doc, "    特此函告。")
    add_paragraph(doc, unit)
    add_paragraph(doc, f"{year(2021)}年7月20日")
    return doc

