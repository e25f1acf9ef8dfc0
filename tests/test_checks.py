"""Every check: a case that must raise its code and a near miss that must not.

Nominees are built through the real stages (raw record → `load_record` → `link`), and the
file-level checks read real .xlsx bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import openpyxl
import pytest

from extractors.forms import STUDIO as STUDIO_FORM
from extractors.forms import form_category
from extractors.layout import Found
from extractors.records import RawRecord
from pipeline.checks import Context, run_checks
from pipeline.link import link
from pipeline.loader import load_record
from pipeline.process import process_file
from schemas.campaign import load_campaign
from schemas.issues import ISSUE_TYPES, make_issue
from schemas.units import Quota, UnitMatcher, default_quotas

TODAY = dt.date(2021, 8, 1)
VALID_CODE = "91210700639245041T"
CAMPAIGN = dataclasses.replace(load_campaign(), reference_date=TODAY)


def record(kind: str, category: str, unit: str, name: str, file: str, values: dict[str, str]) -> RawRecord:
    key = "enterprise_name" if category == "training_base" else "studio_name"
    fields = {key: name, **values}
    raw = RawRecord(kind=kind, category=category, file=file, anchor="A1",
                    values={k: Found(v, f"{file}:{k}") for k, v in fields.items()})
    raw.notes["unit"] = unit
    return raw


STUDIO = {"organization": "大连重工集团", "leader_name": "张三", "team_size": "12", "established": "2018年3月",
          "leader_birth": "1975.3", "leader_skill_level": "高级技师", "leader_phone": "13812345678",
          "leader_honors": "辽宁省劳动模范", "tech_category": "高新技术企业", "credit_code": VALID_CODE}
BASE = {"credit_code": VALID_CODE, "tech_category": "高新技术企业", "trainees_2020": "800",
        "contact_phone": "024-22581160", "training_system": "☑培训记录台账 ☑培训后跟踪服务 ☑培训激励办法"}
TICKS = {"labor_model_studio": "☑劳模创新工作室 □职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）",
         "worker_studio_tech": "□劳模创新工作室 ☑职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）"}


def studio(unit="大连市总工会", name="张三劳模创新工作室", category="labor_model_studio", *, form=None,
           summary=None, material=True, **changes):
    """A complete studio: summary row, form and material, with `changes` applied to both."""
    values = {**STUDIO, **changes}
    rows = []
    if summary is not False:
        rows.append(record("summary_row", category, unit, name, "s.xlsx", {**values, **(summary or {})}))
    if form is not False:
        form_values = {"category": TICKS.get(category, TICKS["labor_model_studio"]), **values, **(form or {})}
        form_record = record("form", category, unit, name, "f.docx", form_values)
        form_record.category = form_category(form_record, STUDIO_FORM)
        rows.append(form_record)
    if material:
        rows.append(record("material", "", unit, name, "m.docx", {}))
    return rows


def base(unit="大连市总工会", name="大连某科技有限公司", **changes):
    values = {**BASE, **changes}
    return [record("summary_row", "training_base", unit, name, "b.xlsx", values),
            record("form", "training_base", unit, name, "b.docx", values)]


def check(*records: RawRecord, registry=(), quotas=None, files=()) -> list:
    entries, issues = {"summary_row": [], "form": [], "material": []}, []
    for raw in records:
        entry, found = load_record(raw, TODAY)
        entries[raw.kind].append(entry)
        issues += found
    linking = link(entries["summary_row"], entries["form"], entries["material"])
    context = Context(campaign=CAMPAIGN, quotas=quotas or default_quotas(), registry=list(registry), files=list(files),
                      unlinked_materials=linking.unlinked_materials)
    return issues + run_checks(linking.nominees, context)


def codes(issues) -> set[str]:
    return {issue.code for issue in issues}


def test_clean_studio_and_base_raise_nothing_but_tech_share():
    issues = check(*studio(), *base())
    assert codes(issues) == {"TECH_SHARE_BELOW_QUOTA"}


@pytest.mark.parametrize(("established", "fires"), [("2020年8月", True), ("2020年7月", False), ("2021.1", True)])
def test_operation_under_one_year(established, fires):
    assert ("OPERATION_UNDER_1_YEAR" in codes(check(*studio(established=established)))) is fires


@pytest.mark.parametrize(("name", "fires"), [("信息通信技术中心", True), ("焊接班组", True),
                                             ("机加车间创新工作室", False), ("张三劳模创新工作室", False)])
def test_established_unit_not_eligible(name, fires):
    assert ("ESTABLISHED_UNIT_NOT_ELIGIBLE" in codes(check(*studio(name=name)))) is fires


def test_already_named_and_allowed_upgrade():
    named = [{"year": "2019", "kind": "劳模创新工作室", "studio_name": "张三劳模创新工作室", "organization": "大连重工集团"}]
    assert "ALREADY_NAMED" in codes(check(*studio(), registry=named))
    worker = [{"year": "2018", "kind": "职工创新工作室", "studio_name": "张三职工创新工作室",
               "organization": "大连重工集团", "leader_name": "张三"}]
    found = codes(check(*studio(), registry=worker))
    assert "UPGRADE_FROM_WORKER_STUDIO" in found and "ALREADY_NAMED" not in found
    other_org = [{**named[0], "organization": "鞍钢股份"}]
    assert not codes(check(*studio(), registry=other_org)) & {"ALREADY_NAMED", "UPGRADE_FROM_WORKER_STUDIO"}


@pytest.mark.parametrize(("tech", "fires"), [("无", True), ("", True), ("国家高新技术企业", False)])
def test_not_tech_enterprise(tech, fires):
    found = codes(check(*studio(name="数控职工创新工作室", category="worker_studio_tech", tech_category=tech)))
    assert ("NOT_TECH_ENTERPRISE" in found) is fires
    assert ("NOT_TECH_ENTERPRISE" in codes(check(*base(tech_category=tech)))) is fires


def test_not_tech_enterprise_not_for_other_categories():
    assert "NOT_TECH_ENTERPRISE" not in codes(check(*studio(tech_category="")))


@pytest.mark.parametrize(("ticks", "fires"), [("☑培训记录台账 ☑培训后跟踪服务 □培训激励办法", True),
                                              ("培训记录台账、培训后跟踪服务、培训激励办法", False)])
def test_training_system(ticks, fires):
    assert ("TRAINING_SYSTEM_INCOMPLETE" in codes(check(*base(training_system=ticks)))) is fires


def test_any_accusation_resting_on_a_scan_goes_to_the_office_first():
    records = base(training_system="☑培训记录台账 ☑培训后跟踪服务 □培训激励办法")
    next(r for r in records if r.kind == "form").notes["source_kind"] = "ocr"
    issues = check(*records)
    assert "TRAINING_SYSTEM_INCOMPLETE" not in codes(issues)
    [doubt] = [i for i in issues if i.code == "LOW_CONFIDENCE_OCR"]
    assert doubt.file == "b.docx" and "培训激励办法" in doubt.expected and doubt.expected.startswith("若识别无误")


def test_a_comparison_with_a_scanned_form_is_doubted_wherever_the_issue_sits():
    from pipeline.checks.base import _doubted_if_scanned

    issue = make_issue("NARRATIVE_MISMATCH", recommending_unit="大连市总工会", entity="张三劳模创新工作室",
                       field="team_size", field_label="团队人数", file="m.docx", value="29", expected="24")
    assert _doubted_if_scanned(issue, set(), {("大连市总工会", "张三劳模创新工作室")}).code == "LOW_CONFIDENCE_OCR"
    assert _doubted_if_scanned(issue, set(), {("大连市总工会", "李四劳模创新工作室")}) is issue
    assert _doubted_if_scanned(issue, {"m.docx"}, set()).code == "LOW_CONFIDENCE_OCR"   # the material itself scanned


def test_a_summary_row_whose_form_may_be_a_scan_with_its_name_misread_is_not_missing_its_form():
    listed = [r for r in studio(name="张三劳模创新工作室", form=False, material=False)]
    misread = {"leader_name": "弓长三", "organization": "大连重エ集团"}   # name, leader, organisation all misread
    scanned = [r for r in studio(name="弓长三劳模仓刂新工作室", summary=False, **misread) if r.kind == "form"]
    scanned[0].notes["source_kind"] = "ocr"
    issues = check(*listed, *scanned)
    assert "MISSING_FORM" not in codes(issues) and "NOT_IN_SUMMARY" not in codes(issues)
    assert any(i.code == "NOT_RECOGNISED" and "f.docx" in i.expected for i in issues)
    assert "MISSING_FORM" in codes(check(*listed))   # with no scan about, the form is missing


def test_quota_exceeded_and_near_miss():
    one = studio(unit="鞍山市总工会", name="甲劳模创新工作室")
    two = studio(unit="鞍山市总工会", name="乙劳模创新工作室", leader_name="李四")
    assert "QUOTA_EXCEEDED" not in codes(check(*one))
    exceeded = [i for i in check(*one, *two) if i.code == "QUOTA_EXCEEDED"]
    assert len(exceeded) == 1 and exceeded[0].recommending_unit == "鞍山市总工会"


def test_tech_share_below_quota():
    quotas = [Quota("大连市总工会", "city", 3, 5, 1, 2)]
    tech = studio(name="数控职工创新工作室", category="worker_studio_tech")
    assert "TECH_SHARE_BELOW_QUOTA" not in codes(check(*tech, quotas=quotas))
    assert "TECH_SHARE_BELOW_QUOTA" in codes(check(*studio(), quotas=quotas))


@pytest.mark.parametrize(("unit", "opinion", "fires"), [
    ("省退役军人事务厅", "（盖章）\n年  月  日", True),
    ("省退役军人事务厅", "同意推荐。\n沈阳市总工会（盖章）\n2021年7月1日", False),
    ("大连市总工会", "", False),
])
def test_joint_recommendation(unit, opinion, fires):
    found = codes(check(*studio(unit=unit, form={"opinion_city_union": opinion})))
    assert ("JOINT_RECOMMENDATION_MISSING" in found) is fires


@pytest.mark.parametrize(("opinion", "fires"), [("同意。\n（盖章）\n2021年7月24日", True),
                                                ("同意。\n（盖章）\n2021年7月23日", False)])
def test_late_opinion(opinion, fires):
    assert ("LATE_SUBMISSION" in codes(check(*studio(form={"opinion_recommender": opinion})))) is fires


def test_missing_field_and_unreadable_values():
    assert "MISSING_FIELD" in codes(check(*studio(team_size="")))
    found = check(*studio(team_size="-5", established="2018年13月"))
    assert {"INVALID_NUMBER", "INVALID_DATE"} <= codes(found)
    assert "MISSING_FIELD" not in codes(found)  # present but unreadable is not missing


@pytest.mark.parametrize(("code", "phone", "fires"), [
    ("912101009327158749", "13812345678", {"INVALID_CREDIT_CODE"}),
    (VALID_CODE, "1354130289", {"INVALID_PHONE"}),
    (VALID_CODE, "024-22581160", set()),
])
def test_credit_code_and_phone(code, phone, fires):
    found = codes(check(*studio(credit_code=code, leader_phone=phone))) & {"INVALID_CREDIT_CODE", "INVALID_PHONE"}
    assert found == fires


def test_values_of_a_scan_that_fail_their_rules_go_to_the_office_not_the_unit():
    records = studio(form={"credit_code": "912101009327158749", "leader_phone": "1354130289",
                           "established": "2018年13月", "team_size": "-5"})
    form = next(r for r in records if r.kind == "form")
    form.notes["source_kind"] = "ocr"
    form.values["team_size"] = dataclasses.replace(form.values["team_size"], confidence=40.0)
    issues = check(*records)
    letter_codes = {"INVALID_CREDIT_CODE", "INVALID_PHONE", "INVALID_DATE", "INVALID_NUMBER"}
    assert not {i.code for i in issues if i.file == "f.docx"} & letter_codes
    office = sorted(i.field for i in issues if i.code == "LOW_CONFIDENCE_OCR")
    assert office == ["credit_code", "established", "leader_phone", "team_size"]   # once each
    assert any(i.code == "INVALID_CREDIT_CODE" for i in check(*studio(credit_code="912101009327158749")))


def test_category_mismatch():
    other = "□劳模创新工作室 □职工创新工作室（科技型企业） ☑职工创新工作室（其他类型企业）"
    tech = dict(name="数控职工创新工作室", category="worker_studio_tech")
    assert "CATEGORY_MISMATCH" in codes(check(*studio(**tech, form={"category": other})))
    assert "CATEGORY_MISMATCH" not in codes(check(*studio(**tech)))
    both = "☑劳模创新工作室 ☑职工创新工作室（科技型企业）"
    assert "CATEGORY_MISMATCH" in codes(check(*studio(form={"category": both})))


def test_summary_form_mismatch_after_normalisation():
    found = [i for i in check(*studio(form={"team_size": "18"}, summary={"team_size": "24"}))
             if i.code == "SUMMARY_FORM_MISMATCH"]
    assert [(i.field, i.value, i.expected) for i in found] == [("team_size", "18", "24")]
    assert "SUMMARY_FORM_MISMATCH" not in codes(check(*studio(form={"team_size": "十二人"})))


def test_a_scanned_form_disagreeing_with_its_summary_goes_to_the_office_not_the_unit():
    records = studio(form={"tech_category": "科技型中小企业"}, summary={"tech_category": "高新技术企业"})
    form = next(r for r in records if r.kind == "form")
    form.notes["source_kind"] = "ocr"
    issues = check(*records)
    assert "SUMMARY_FORM_MISMATCH" not in codes(issues)
    [found] = [i for i in issues if i.code == "LOW_CONFIDENCE_OCR"]
    assert (found.field, found.file) == ("tech_category", "f.docx") and "高新技术企业" in found.expected
    assert not ISSUE_TYPES["LOW_CONFIDENCE_OCR"].in_letter
    ticked = TICKS["worker_studio_tech"]   # the scan's ticks say another category than the summary
    records = studio(form={"category": ticked})
    next(r for r in records if r.kind == "form").notes["source_kind"] = "ocr"
    issues = check(*records)
    assert "CATEGORY_MISMATCH" not in codes(issues)
    assert [i.field for i in issues if i.code == "LOW_CONFIDENCE_OCR"] == ["category"]


def test_missing_form_not_in_summary_missing_material():
    assert "MISSING_FORM" in codes(check(*studio(form=False)))
    assert "NOT_IN_SUMMARY" in codes(check(*studio(summary=False)))
    assert "MISSING_MATERIAL" in codes(check(*studio(material=False)))
    assert not codes(check(*studio())) & {"MISSING_FORM", "NOT_IN_SUMMARY", "MISSING_MATERIAL"}


def test_duplicate_recommendation_and_leader():
    dalian = studio(name="数控职工创新工作室", category="worker_studio_tech")
    anshan = studio(unit="鞍山市总工会", name="数控职工创新工作室", category="worker_studio_tech")
    found = [i for i in check(*dalian, *anshan) if i.code.startswith("DUPLICATE")]
    assert {(i.code, i.recommending_unit) for i in found} == {
        ("DUPLICATE_RECOMMENDATION", "大连市总工会"), ("DUPLICATE_RECOMMENDATION", "鞍山市总工会")}
    second = studio(name="张三技能大师工作室", category="worker_studio_tech")
    assert "DUPLICATE_LEADER" in codes(check(*dalian, *second))
    namesake = studio(name="张三技能大师工作室", category="worker_studio_tech", leader_birth="1988.1",
                      organization="鞍钢股份")
    assert "DUPLICATE_LEADER" not in codes(check(*dalian, *namesake))


def summary_file(total: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["辽宁省劳模创新工作室推荐汇总表"])
    sheet.append(["推荐单位（盖章）：大连市总工会    填报日期：2021年7月28日"])
    sheet.append(["序号", "工作室名称", "所在单位", "领衔人", "团队人数", "成立时间"])
    sheet.append([1, "甲劳模创新工作室", "大连重工", "张三", 12, "2018.3"])
    sheet.append([2, "乙劳模创新工作室", "大连重工", "李四", 8, "2017.5"])
    sheet.append(["合计", "", "", "", total, ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("total", "fires"), [(27, True), (20, False)])
def test_total_row_and_late_summary_from_a_real_workbook(total, fires):
    result = process_file(summary_file(total), "大连/汇总.xlsx", UnitMatcher([q.unit for q in default_quotas()]))
    found = check(files=[result])
    totals = [i for i in found if i.code == "TOTAL_MISMATCH"]
    assert bool(totals) is fires
    if fires:
        assert (totals[0].value, totals[0].expected, totals[0].location) == ("27", "20", "Sheet!E6")
    late = [i for i in found if i.code == "LATE_SUBMISSION"]
    assert late and late[0].value == "2021-07-28"


def test_campaign_overrides_severity(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("severities: {LEADER_SKILL_MISSING: error, MISSING_MATERIAL: info}\n", encoding="utf-8")
    campaign = load_campaign(path)
    assert campaign.severities["MISSING_MATERIAL"] == "info"
    assert campaign.deadline == dt.date(2021, 7, 23)


@pytest.mark.parametrize(("text", "key"), [
    ("deadline: soon\n", "deadline"),
    ("min_operation_months: -1\n", "min_operation_months"),
    ("qualifying_honours: [{kind: 劳动模范, min_level: 乡级}]\n", "qualifying_honours[0].min_level"),
    ("severities: {NOPE: error}\n", "severities.NOPE"),
    ("colour: red\n", "colour"),
])
def test_invalid_campaign_names_the_key(tmp_path, text, key):
    from schemas.campaign import CampaignError

    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CampaignError, match=key.replace("[", r"\[").replace("]", r"\]")):
        load_campaign(path)
