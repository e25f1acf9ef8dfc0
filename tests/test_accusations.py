"""Accusations are certain: an error only on positive evidence, the office's warning (NOT_RECOGNISED)
when the pipeline may have failed to read or link something; materials linked by what they say.

Nominees go through the real stages (raw record → load_record → link → checks), as in test_checks."""

from __future__ import annotations

import pytest
from test_checks import STUDIO, TICKS, check, codes, record, studio

from extractors.forms import STUDIO as STUDIO_FORM
from extractors.forms import form_category
from extractors.records import RawRecord
from pipeline.process import FileResult
from schemas.issues import ISSUE_TYPES


def material(unit: str, file: str, *, title: str = "", names: tuple[str, ...] = (), head: str = "",
             leader: str = "") -> RawRecord:
    raw = record("material", "", unit, title, file, {"leader_name": leader} if leader else {})
    if not title:
        del raw.values["studio_name"]
    raw.notes.update(names=list(names), head=head)
    return raw


def without(values: dict[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in values.items() if k not in names}


def form_only_values(category: str, values: dict[str, str]) -> RawRecord:
    raw = record("form", category, "大连市总工会", "张三劳模创新工作室", "f.docx", values)
    raw.category = form_category(raw, STUDIO_FORM)
    return raw


def unreadable(file: str, unit: str = "大连市总工会") -> FileResult:
    return FileResult(file=file, sha256="x", format="docx", status="failed", recommending_unit=unit)


# --- required fields ------------------------------------------------------------------------------


def test_required_cell_present_and_empty_is_an_error():
    issues = check(*studio(team_size=""))
    assert "MISSING_FIELD" in codes(issues)


def test_required_label_nowhere_is_the_offices_warning_not_an_error():
    summary = record("summary_row", "labor_model_studio", "大连市总工会", "张三劳模创新工作室", "s.xlsx",
                     without(STUDIO, "team_size"))
    form = form_only_values("labor_model_studio", {"category": TICKS["labor_model_studio"],
                                                   **without(STUDIO, "team_size")})
    issues = check(summary, form, material("大连市总工会", "m.docx", title="张三劳模创新工作室"))
    assert "MISSING_FIELD" not in codes(issues)
    flagged = [i for i in issues if i.code == "NOT_RECOGNISED"]
    assert [i.field for i in flagged] == ["team_size"] and flagged[0].severity == "warning"


@pytest.mark.parametrize(("tech", "code"), [(None, "NOT_RECOGNISED"), ("无", "NOT_TECH_ENTERPRISE"),
                                            ("", "NOT_TECH_ENTERPRISE")])
def test_tech_category_absent_versus_stated_as_none(tech, code):
    values = without(STUDIO, "tech_category") if tech is None else {**STUDIO, "tech_category": tech}
    rows = [record("summary_row", "worker_studio_tech", "大连市总工会", "焊接职工创新工作室", "s.xlsx", values),
            form_only_values("worker_studio_tech", {"category": TICKS["worker_studio_tech"], **values})]
    rows[1].values["studio_name"].text = "焊接职工创新工作室"
    issues = check(*rows, material("大连市总工会", "m.docx", title="焊接职工创新工作室"))
    assert code in codes(issues)
    assert {"NOT_RECOGNISED", "NOT_TECH_ENTERPRISE"} - {code} & codes(issues) == set()


# --- categories -------------------------------------------------------------------------------------


def form_with_category(text: str | None, summary_category: str) -> set[str]:
    rows = studio(category=summary_category, form=False, name="甲创新工作室")
    values = {**STUDIO, **({"category": text} if text is not None else {})}
    form = record("form", "", "大连市总工会", "甲创新工作室", "f.docx", values)
    form.category = form_category(form, STUDIO_FORM)
    return codes(check(*rows, form))


@pytest.mark.parametrize(("text", "summary_category", "fires"), [
    (None, "labor_model_studio", False),                                  # no category row at all
    ("□劳模创新工作室 □职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）", "labor_model_studio", True),
    ("□劳模创新工作室 ☑职工创新工作室", "labor_model_studio", True),         # 职工 ticked, listed as 劳模
    ("□劳模创新工作室 ☑职工创新工作室", "worker_studio_tech", False),         # which kind: the summary says
    ("☑劳模创新工作室 □职工创新工作室", "labor_model_studio", False),
])
def test_category_mismatch_only_on_what_the_form_shows(text, summary_category, fires):
    assert ("CATEGORY_MISMATCH" in form_with_category(text, summary_category)) is fires


def test_form_without_category_row_is_not_accused():
    assert not form_with_category(None, "labor_model_studio") & {"CATEGORY_MISMATCH", "MISSING_FIELD",
                                                                  "NOT_RECOGNISED"}


def test_unreadable_category_row_is_the_offices_warning():
    found = form_with_category("申报：创新工作室", "labor_model_studio")
    assert "NOT_RECOGNISED" in found and "CATEGORY_MISMATCH" not in found


# --- missing documents ------------------------------------------------------------------------------


def test_missing_form_is_an_error_only_when_no_file_of_the_unit_may_hold_it():
    rows = studio(form=False)
    assert "MISSING_FORM" in codes(check(*rows))
    issues = check(*rows, files=[unreadable("大连/附件6（最终版）.docx")])
    assert "MISSING_FORM" not in codes(issues)
    assert any(i.code == "NOT_RECOGNISED" and "附件6（最终版）.docx" in i.message for i in issues)


def test_unrecognised_document_naming_the_studio_may_hold_it():
    rows = studio(form=False)
    other = FileResult(file="大连/扫描件.docx", sha256="y", format="docx", doc_type="unknown",
                       recommending_unit="大连市总工会")
    assert "MISSING_FORM" in codes(check(*rows, files=[other]))  # says nothing about the studio
    from extractors.records import Extraction
    other.extractions = [Extraction(doc_type="unknown", head="张三劳模创新工作室基本情况（扫描）")]
    assert "MISSING_FORM" not in codes(check(*rows, files=[other]))


def test_a_summary_printed_without_its_list_may_hold_the_row_a_form_is_missing_from():
    rows = studio(summary=False)
    printed = FileResult(file="大连/其他类型企业职工创新工作室汇总表.pdf", sha256="z", format="pdf",
                         doc_type="unknown", recommending_unit="大连市总工会")
    from extractors.records import Extraction
    printed.extractions = [Extraction(doc_type="unknown", head="填报说明\n3. 数据见“汇总表”工作表。")]
    issues = check(*rows, files=[printed])
    assert "NOT_IN_SUMMARY" not in codes(issues)
    assert any(i.code == "NOT_RECOGNISED" and "汇总表.pdf" in i.message for i in issues)
    assert "MISSING_FORM" not in codes(issues)


def test_missing_material_only_when_no_material_of_the_unit_can_be_the_studios():
    rows = studio(material=False)
    assert "MISSING_MATERIAL" in codes(check(*rows))
    stray = material("大连市总工会", "大连/附件5.docx", head="本材料介绍我单位的创新工作情况。")
    issues = check(*rows, stray)
    assert "MISSING_MATERIAL" not in codes(issues)
    info = [i for i in issues if i.code == "UNLINKED_MATERIAL"]
    assert len(info) == 1 and info[0].severity == "info" and "张三劳模创新工作室" in info[0].message
    assert info[0].file == "大连/附件5.docx"


def test_material_of_another_unit_does_not_excuse_a_missing_one():
    rows = studio(material=False)
    assert "MISSING_MATERIAL" in codes(check(*rows, material("鞍山市总工会", "鞍山/附件5.docx", head="无关")))


# --- linking materials by content -------------------------------------------------------------------


@pytest.mark.parametrize("clue", [
    {"names": ("张三劳模创新工作室",)},                                    # subtitle or cover page
    {"names": ("大连重工集团张三劳模创新工作室",)},                           # organisation + name in a subtitle
    {"head": "关于申报辽宁省劳模创新工作室的材料\n大连重工集团张三劳模创新工作室成立于2018年3月。"},
    {"head": "工作室依托大连重工集团，由张三同志领衔。", "leader": "张三"},     # leader and organisation
    {"file": "大连/张三劳模创新工作室/申报材料.docx"},                          # a folder per studio
    {"file": "大连/张三劳模创新工作室申报材料.docx"},
])
def test_material_with_a_generic_title_links_by_what_it_says(clue):
    file = clue.pop("file", "大连/附件5.docx")
    issues = check(*studio(material=False), material("大连市总工会", file, **clue))
    assert not codes(issues) & {"MISSING_MATERIAL", "UNLINKED_MATERIAL"}


def test_two_materials_with_swapped_file_names_go_to_the_studios_they_describe():
    rows = [*studio(material=False), *studio(name="李四劳模创新工作室", leader_name="李四", material=False)]
    first = material("大连市总工会", "大连/李四劳模创新工作室.docx", names=("张三劳模创新工作室",))
    second = material("大连市总工会", "大连/张三劳模创新工作室.docx", names=("李四劳模创新工作室",))
    issues = check(*rows, first, second)
    assert not codes(issues) & {"MISSING_MATERIAL", "UNLINKED_MATERIAL", "DUPLICATE_LEADER"}


# --- values and links ---------------------------------------------------------------------------------


def test_a_label_read_where_a_value_should_be_is_not_the_units_error():
    issues = check(*studio(form={"patents": "合理化建议（条）"}))
    assert "INVALID_NUMBER" not in codes(issues)
    assert any(i.code == "NOT_RECOGNISED" and i.field == "patents" for i in issues)


def test_values_read_out_of_a_sentence_are_not_compared_with_the_summary():
    rows = studio(summary={"team_size": "12"}, form={"team_size": "15"})
    rows[1].notes["inferred"] = ["team_size"]
    assert "SUMMARY_FORM_MISMATCH" not in codes(check(*rows))


def test_form_and_summary_naming_the_studio_differently_link_by_leader():
    rows = studio(form={"studio_name": "张三劳动模范创新工作室创新室"})
    issues = check(*rows)
    assert not codes(issues) & {"MISSING_FORM", "NOT_IN_SUMMARY"}
    assert any(i.code == "SUMMARY_FORM_MISMATCH" and i.field == "studio_name" for i in issues)


def test_form_without_a_unit_takes_the_unit_of_its_summary_row():
    rows = studio()
    rows[1].notes["unit"] = ""
    assert "UNKNOWN_UNIT" not in codes(check(*rows))
    lone = form_only_values("labor_model_studio", {"category": TICKS["labor_model_studio"], **STUDIO})
    lone.notes["unit"] = ""
    assert "UNKNOWN_UNIT" in codes(check(lone))


def test_the_offices_own_problems_never_go_into_a_letter():
    assert not ISSUE_TYPES["NOT_RECOGNISED"].in_letter and not ISSUE_TYPES["UNLINKED_MATERIAL"].in_letter
    assert ISSUE_TYPES["NOT_RECOGNISED"].severity == "warning"


def test_leader_rules_judge_only_what_some_document_states():
    values = without(STUDIO, "leader_skill_level", "leader_title", "leader_honors")
    summary = record("summary_row", "worker_studio_other", "大连市总工会", "焊接职工创新工作室", "s.xlsx", values)
    assert "LEADER_SKILL_MISSING" not in codes(check(summary, material("大连市总工会", "m.docx", title="焊接职工创新工作室")))
    stated = record("summary_row", "worker_studio_other", "大连市总工会", "焊接职工创新工作室", "s.xlsx",
                    {**values, "leader_skill_level": "高级工"})
    assert "LEADER_SKILL_MISSING" in codes(check(stated, material("大连市总工会", "m.docx", title="焊接职工创新工作室")))


def test_a_summary_whose_rows_were_not_read_excuses_only_a_missing_summary_row():
    unread_list = FileResult(file="大连/推荐汇总表.pdf", sha256="z", format="pdf", doc_type="summary_labor_model",
                             recommending_unit="大连市总工会")
    form_only = studio(summary=False, material=False)
    found = codes(check(*form_only, files=[unread_list]))
    assert "NOT_IN_SUMMARY" not in found and "NOT_RECOGNISED" in found
    assert "MISSING_MATERIAL" in found  # a list cannot hold the narrative material


def test_a_cover_letter_naming_the_studio_does_not_excuse_a_missing_material():
    from extractors.records import Extraction

    letter = FileResult(file="大连/关于推荐工作室的函.docx", sha256="l", format="docx", doc_type="unknown",
                        recommending_unit="大连市总工会")
    letter.extractions = [Extraction(doc_type="unknown", head="关于推荐2021年度辽宁省劳模创新工作室的函\n辽宁省总工会：\n"
                                                             "现推荐张三劳模创新工作室。")]
    assert "MISSING_MATERIAL" in codes(check(*studio(material=False), files=[letter]))
