"""Cells that hold several fields, and achievements written as sentences: table-driven."""

from __future__ import annotations

import pytest

from extractors.combined import refine
from extractors.layout import Found
from extractors.prose.narrative import narrative_facts
from extractors.records import RawRecord


def refined(kind: str = "form", **raw: str) -> RawRecord:
    record = RawRecord(kind=kind, category="", file="f.docx",
                       values={name: Found(text, "table 1, row 1, col 2") for name, text in raw.items()})
    refine(record)
    return record


def values(record: RawRecord, *names: str) -> tuple[str, ...]:
    return tuple(record.text(name) for name in names)


@pytest.mark.parametrize(("text", "full", "part"), [
    ("专职6人，兼职17人", "6", "17"),
    ("专职教师6人、兼职教师17人", "6", "17"),
    ("专职：12名；兼职：30名", "12", "30"),
    ("兼职17人，专职6人", "6", "17"),
])
def test_teachers_in_one_cell(text, full, part):
    assert values(refined(teachers_combined=text), "full_time_teachers", "part_time_teachers") == (full, part)


@pytest.mark.parametrize(("text", "number", "date"), [
    ("GR201921000837（2019年11月28日）", "GR201921000837", "2019年11月28日"),
    ("GR201821000123，2018年10月", "GR201821000123", "2018年10月"),
    ("证书编号：GR202021001234  认定时间：2020.12", "GR202021001234", "2020.12"),
    ("2019210100A0001234（2019年6月）", "2019210100A0001234", "2019年6月"),
])
def test_certificate_number_and_date_in_one_cell(text, number, date):
    assert values(refined(cert_combined=text), "cert_no", "cert_date") == (number, date)


def test_certificate_date_in_brackets_after_the_number_under_its_own_label():
    assert values(refined(cert_no="GR201921000837（2019年11月28日）"), "cert_no", "cert_date") == (
        "GR201921000837", "2019年11月28日")


@pytest.mark.parametrize(("text", "name", "phone"), [
    ("张三 13912345678", "张三", "13912345678"),
    ("王丽丽，024-31165858", "王丽丽", "024-31165858"),
    ("赵强/0411-82345678", "赵强", "0411-82345678"),
    ("刘洋：139 1234 5678", "刘洋", "139 1234 5678"),
])
def test_contact_person_and_phone_in_one_cell(text, name, phone):
    assert values(refined(contact_combined=text), "contact_name", "contact_phone") == (name, phone)


@pytest.mark.parametrize("text", [
    "2018年1870人次、2019年2140人次、2020年2300人次",
    "2018年：1870人次；2019年：2140人次；2020年：2300人次",
    "2018年度培训1870人次，2019年度培训2140人次，2020年度培训2300人次",
])
def test_trainees_per_year_in_one_line(text):
    assert values(refined(trainees_header=text), "trainees_2018", "trainees_2019", "trainees_2020") == (
        "1870", "2140", "2300")


@pytest.mark.parametrize(("raw", "organisation", "nature"), [
    ("某某有限公司（国有企业）", "某某有限公司", "国有企业"),
    ("辽宁某某集团(民营企业)", "辽宁某某集团", "民营企业"),
    ("沈阳飞机工业（集团）有限公司", "沈阳飞机工业（集团）有限公司", ""),
])
def test_organisation_with_its_nature_in_brackets(raw, organisation, nature):
    assert values(refined(organization=raw), "organization", "org_nature") == (organisation, nature)


@pytest.mark.parametrize(("raw", "stated", "name", "organisation"), [
    ("焊接职工创新工作室（鞍钢股份有限公司）", "", "焊接职工创新工作室", "鞍钢股份有限公司"),
    ("郭春海技能大师工作室（辽宁省实验中学）", "", "郭春海技能大师工作室", "辽宁省实验中学"),
    ("焊接职工创新工作室（鞍钢股份有限公司）", "鞍钢股份有限公司", "焊接职工创新工作室", "鞍钢股份有限公司"),
    ("焊接职工创新工作室（科技型企业）", "", "焊接职工创新工作室（科技型企业）", ""),
    ("焊接职工创新工作室（鞍钢股份有限公司）", "本钢集团", "焊接职工创新工作室（鞍钢股份有限公司）", "本钢集团"),
])
def test_studio_name_with_its_organisation_in_brackets(raw, stated, name, organisation):
    raw_values = {"studio_name": raw, **({"organization": stated} if stated else {})}
    assert values(refined("summary_row", **raw_values), "studio_name", "organization") == (name, organisation)


@pytest.mark.parametrize(("raw", "field", "expected"), [
    ("☑高新技术企业 □科技型中小企业 ☑雏鹰企业", "tech_category", "高新技术企业、雏鹰企业"),
    ("□高新技术企业 □科技型中小企业", "tech_category", "无"),
    ("高新技术企业、科技型中小企业", "tech_category", "高新技术企业、科技型中小企业"),
    ("□国有企业 ☑民营企业", "org_nature", "民营企业"),
])
def test_tick_lists_keep_the_ticked_entries(raw, field, expected):
    assert refined(**{field: raw}).text(field) == expected


def test_enterprise_type_routed_by_what_it_lists():
    assert refined(enterprise_type="☑高新技术企业 □雏鹰企业").text("tech_category") == "高新技术企业"
    assert refined(enterprise_type="☑国有企业 □民营企业").text("org_nature") == "国有企业"
    kind = refined(enterprise_type="☑科技型企业 □其他类型企业")
    assert kind.notes["enterprise_kind"] and "tech_category" not in kind.values


def test_a_value_stated_under_its_own_label_is_never_replaced():
    record = refined(full_time_teachers="8", teachers_combined="专职6人，兼职17人")
    assert values(record, "full_time_teachers", "part_time_teachers") == ("8", "17")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("完成技术攻关17项，获得授权专利9项，提出合理化建议214条，创造经济效益约8600万元，培训职工2300人次，师带徒26对。",
     {"tackled_projects": 17, "patents": 9, "suggestions": 214, "economic_benefit_wan": 8600.0,
      "trained_workers": 2300, "apprentices": 26}),
    ("工作室坚持传帮带，开展培训45期，培训职工达3200人次，带徒12名。", {"trained_workers": 3200, "apprentices": 12}),
    ("团队现有骨干15人，累计创造经济效益2600余万元。", {"team_size": 15, "economic_benefit_wan": 2600.0}),
    ("2018年至2020年分别创效200万元、300万元、400万元，累计900万元。", {"economic_benefit_wan": 900.0}),
    ("2018年至2020年分别创效200万元、300万元、400万元。", {"economic_benefit_wan": 900.0}),
    ("2018年至2020年分别培训职工800人次、900人次和1000人次。", {"trained_workers": 2700}),
    ("征集合理化建议120条，其中采纳80条。", {"suggestions": 120}),
])
def test_facts_in_the_phrasing_units_use(sentence, expected):
    assert {fact.field: fact.value for fact in narrative_facts(sentence)} == expected


def test_achievements_sentence_fills_only_missing_fields_and_marks_them_inferred():
    record = refined(patents="5", achievements="完成技术攻关17项，获得授权专利9项，培训职工2300人次。")
    assert values(record, "patents", "tackled_projects", "trained_workers") == ("5", "17", "2300")
    assert set(record.notes["inferred"]) == {"tackled_projects", "trained_workers"}


def test_teachers_written_in_the_summarys_single_column():
    record = refined("summary_row", teachers_total="专职20人，兼职48人")
    assert values(record, "full_time_teachers", "part_time_teachers") == ("20", "48")
    assert "teachers_total" not in record.values


def test_phone_with_a_long_dash_after_the_area_code():
    assert refined(contact_combined="郑丽丽，0413—8512553").text("contact_phone") == "0413—8512553"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("2018年，针对关键部件依赖进口的问题，工作室成立专项攻关小组，经过反复试验，优化了工艺方案。", {}),
    ("2015年3月，经公司批准，工作室正式成立。", {"established": "2015-03"}),
])
def test_a_studio_setting_something_up_is_not_its_own_founding(sentence, expected):
    assert {f.field: f.value for f in narrative_facts(sentence) if f.field == "established"} == expected


def test_certificate_date_in_chinese_numerals():
    assert values(refined(cert_combined="GR202021006404（二〇二〇年十月）"), "cert_no", "cert_date") == (
        "GR202021006404", "二〇二〇年十月")


def test_the_companys_founding_is_not_the_studios():
    text = "北方重工集团有限公司何鹏国劳模创新工作室事迹材料\n北方重工集团有限公司始建于1959年，是区域内重要的骨干企业。"
    assert [f for f in narrative_facts(text) if f.field == "established"] == []
