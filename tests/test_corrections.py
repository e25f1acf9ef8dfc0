"""Tests of pipeline.corrections: the template, filled in like a reviewer would, read and applied."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.corrections import (
    HEADERS,
    PROBLEM_CODE,
    SHEET,
    Correction,
    CorrectionsFileError,
    apply_corrections,
    is_corrected,
    is_waived,
    issue_fields,
    mark_unused,
    patch_frame,
    read_corrections,
    resolve_field,
    split_waived,
    write_template,
)
from pipeline.results import AUDIT_COLUMNS, CELL_MARK_COLUMNS
from schemas.columns import STUDIO_COLUMNS
from schemas.issues import ISSUE_COLUMNS, make_issue

TODAY = date(2021, 5, 1)
S1, S2, T1 = "S-1a2b3c4d5e", "S-99aa88bb77", "T-0f0e0d0c0b"


def _records() -> dict[str, dict[str, object]]:
    return {
        S1: {"record_id": S1, "category": "labor_model_studio", "recommending_unit": "沈阳市总工会",
             "studio_name": "张三劳模创新工作室", "team_size": None, "leader_phone": "024-1",
             "established": "2019-06", "leader_honors": "市级先进工作者"},
        S2: {"record_id": S2, "category": "worker_studio_tech", "recommending_unit": "大连市总工会",
             "studio_name": "李四职工创新工作室", "team_size": 8, "established": None},
        T1: {"record_id": T1, "recommending_unit": "大连市总工会", "enterprise_name": "大连某培训中心",
             "contact_phone": None, "has_incentives": False},
    }


REVIEWER_ROWS = [
    # 记录编号, 字段, 更正值, 操作, 理由, 审核人
    (S1, "团队人数", "十五人", "更正", "申报表漏填，电话核实", "王审核"),          # row 2: applied → 15
    (S1, "成立时间", "2019年13月", "更正", "按证书", "王审核"),                   # row 3: bad value
    ("S-doesnotexist", "团队人数", 12, "更正", "", "王审核"),                     # row 4: unknown record
    (S2, "注册资本", "500万", "更正", "", "王审核"),                             # row 5: unknown field
    (S1, "LEADER_NOT_QUALIFIED", None, "豁免", "省级劳模，证书已核", "李处长"),     # row 6: waiver
    (S2, "MISSING_MATERIAL", None, "豁免", None, "李处长"),                      # row 7: waiver without reason
    (None, None, None, None, None, None),                                        # row 8: blank, skipped
    (T1, "联系电话", "0411-88886666", "correct", "补充", "赵"),                    # row 9: 联系电话 of a base
    (T1, "has_incentives", "有", None, "见附件制度", "赵"),                         # row 10: English name, no action
    (S2, "established", datetime(2017, 3, 15), "更正", "", "赵"),                  # row 11: a real date cell
    (S2, "INVALID_PHONE:联系电话", "", "waive", "外地号码", "赵"),                  # row 12: waiver of one field
    (S1, "团队人数", "16", "更正", "再次核实为16人", "王审核"),                     # row 13: overrides row 2
    (S2, "NO_SUCH_CODE", None, "豁免", "理由", "赵"),                              # row 14: unknown code
    (S1, "leader_name", "王五", "删除", "", "赵"),                                 # row 15: unknown action
]


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "corrections.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SHEET]
    assert [c.value for c in sheet[1]] == list(HEADERS.values())
    for offset, values in enumerate(REVIEWER_ROWS, start=2):
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=offset, column=column, value=value)
    workbook.save(path)
    return path


def test_template_is_written_atomically_with_both_sheets(tmp_path: Path) -> None:
    path = tmp_path / "out" / "更正模板.xlsx"
    write_template(path)
    write_template(path)   # overwriting is fine
    assert [p.name for p in path.parent.iterdir()] == [path.name]   # no temp file left behind
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["更正", "说明"]
    help_text = [cell for row in workbook["说明"].iter_rows(values_only=True) for cell in row if cell]
    for expected in ("团队人数", "team_size", "联系电话", "contact_phone", "更正", "豁免",
                     "LEADER_NOT_QUALIFIED", "培训激励办法"):
        assert expected in help_text
    assert read_corrections(path) == ([], [])


def test_read_filled_template(filled: Path) -> None:
    corrections, problems = read_corrections(filled)
    assert [c.row for c in corrections] == [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14]
    assert corrections[0] == Correction(2, S1, "团队人数", "十五人", "correct", "申报表漏填，电话核实", "王审核")
    assert corrections[4].action == "waive" and corrections[4].field == "LEADER_NOT_QUALIFIED"
    assert corrections[5].action == "correct" and corrections[6].action == "correct"   # "correct", and inferred
    assert corrections[2].value == 12
    assert [(p["row"], p["expected"]) for p in problems] == [
        (7, "豁免未填写理由"), (15, "操作“删除”无法识别（应为“更正”或“豁免”）")]
    assert all(p["code"] == PROBLEM_CODE and p["message"].startswith(f"更正表第{p['row']}行") for p in problems)


def test_apply_corrections(filled: Path) -> None:
    corrections, _ = read_corrections(filled)
    records = _records()
    outcome = apply_corrections(records, corrections, today=TODAY)
    assert records == _records()                       # the input is not modified
    assert list(outcome.audit.columns) == AUDIT_COLUMNS
    assert list(outcome.cell_marks.columns) == CELL_MARK_COLUMNS
    audit = {row: rec for row, rec in zip([c.row for c in corrections], outcome.audit.to_dict("records"), strict=True)}

    assert audit[2] == {"record_id": S1, "field": "team_size", "action": "correct", "old_value": "",
                             "new_value": "15", "reason": "申报表漏填，电话核实", "who": "王审核",
                             "status": "superseded"}
    assert audit[13]["status"] == "applied" and audit[13]["new_value"] == "16"
    assert outcome.records[S1]["team_size"] == 16 and outcome.changed[S1]["team_size"] == 16
    assert audit[3]["status"] == "rejected" and audit[3]["old_value"] == "2019-06"
    assert outcome.records[S1]["established"] == "2019-06"
    assert audit[4]["status"] == "unknown_record"
    assert audit[5]["status"] == "unknown_field" and audit[5]["field"] == "注册资本"
    assert (audit[9]["field"], audit[9]["new_value"]) == ("contact_phone", "041188886666")
    assert outcome.records[T1]["has_incentives"] is True and audit[10]["old_value"] == "false"
    assert outcome.records[S2]["established"] == "2017-03"
    assert audit[6] == {"record_id": S1, "field": "LEADER_NOT_QUALIFIED", "action": "waive", "old_value": "",
                             "new_value": "", "reason": "省级劳模，证书已核", "who": "李处长", "status": "applied"}
    assert audit[12]["field"] == "INVALID_PHONE:leader_phone" and audit[14]["status"] == "rejected"

    marks = outcome.cell_marks.set_index(["record_id", "field"])["note"].to_dict()
    assert set(marks) == {(S1, "team_size"), (T1, "contact_phone"), (T1, "has_incentives"), (S2, "established")}
    assert marks[(S1, "team_size")] == "原值：（空）；理由：再次核实为16人；审核人：王审核"
    assert set(outcome.cell_marks["kind"]) == {"corrected"}

    problems = {p["row"]: p for p in outcome.problems}
    assert set(problems) == {3, 4, 5, 14}
    assert "成立时间" in problems[3]["message"] and "月份无效" in problems[3]["message"]
    assert problems[4]["expected"] == "记录编号“S-doesnotexist”不存在"
    assert problems[5]["entity"] == "李四职工创新工作室" and problems[5]["recommending_unit"] == "大连市总工会"
    assert problems[14]["expected"] == "未知的问题代码“NO_SUCH_CODE”"
    # the problem's fields are make_issue keyword arguments (the lead declares CORRECTION_INVALID)
    issue = make_issue("UNKNOWN_DOCUMENT", file="corrections.xlsx", **issue_fields(problems[4]))
    assert issue.location == "更正!A4"

    assert [(w.record_id, w.code, w.field) for w in outcome.waivers] == [
        (S1, "LEADER_NOT_QUALIFIED", ""), (S2, "INVALID_PHONE", "leader_phone")]


def test_apply_is_idempotent(filled: Path) -> None:
    corrections, _ = read_corrections(filled)
    once = apply_corrections(_records(), corrections, today=TODAY)
    again = apply_corrections(_records(), corrections, today=TODAY)
    pd.testing.assert_frame_equal(once.audit, again.audit)
    pd.testing.assert_frame_equal(once.cell_marks, again.cell_marks)
    assert once.records == again.records and once.problems == again.problems and once.waivers == again.waivers
    twice = apply_corrections(once.records, corrections, today=TODAY)
    assert twice.records == once.records and twice.waivers == once.waivers
    assert twice.problems == once.problems


def test_waivers_match_issues_and_unused_ones_are_marked(filled: Path) -> None:
    corrections, _ = read_corrections(filled)
    outcome = apply_corrections(_records(), corrections, today=TODAY)
    leader = make_issue("LEADER_NOT_QUALIFIED", recommending_unit="沈阳市总工会", entity="张三劳模创新工作室",
                        field="leader_honors", value="市级先进工作者").as_row()
    phone_s2 = make_issue("INVALID_PHONE", entity="李四职工创新工作室", field="leader_phone").as_row()
    other_field = make_issue("INVALID_DATE", entity="李四职工创新工作室", field="established").as_row()
    assert is_waived(leader, S1, outcome.waivers)
    assert not is_waived(leader, S2, outcome.waivers)
    assert not is_waived(other_field, S2, outcome.waivers)
    issues = pd.DataFrame([leader, other_field], columns=ISSUE_COLUMNS)
    names = {"张三劳模创新工作室": S1, "李四职工创新工作室": S2}
    kept, waived, used = split_waived(issues, lambda row: names.get(row["entity"], ""), outcome.waivers)
    assert kept["code"].tolist() == ["INVALID_DATE"] and waived["code"].tolist() == ["LEADER_NOT_QUALIFIED"]
    audit = mark_unused(outcome.audit, used)
    statuses = audit[audit["action"] == "waive"].set_index("field")["status"].to_dict()
    assert statuses == {"LEADER_NOT_QUALIFIED": "applied", "INVALID_PHONE:leader_phone": "unused",
                        "NO_SUCH_CODE": "rejected"}
    assert is_waived(phone_s2, S2, outcome.waivers)
    assert is_corrected(other_field, S2, outcome) and not is_corrected(leader, S1, outcome)


def test_patch_frame_puts_corrected_values_in(filled: Path) -> None:
    corrections, _ = read_corrections(filled)
    outcome = apply_corrections(_records(), corrections, today=TODAY)
    studios = pd.DataFrame([_records()[S1], _records()[S2]], columns=STUDIO_COLUMNS).astype(object)
    patched = patch_frame(studios, outcome)
    assert patched.set_index("record_id").loc[S1, "team_size"] == 16
    assert patched.set_index("record_id").loc[S2, "established"] == "2017-03"
    assert pd.isna(studios.set_index("record_id").loc[S1, "team_size"])   # original frame untouched


def test_field_names_and_clearing() -> None:
    assert resolve_field("联系电话", is_base=False) == "leader_phone"
    assert resolve_field("联系电话：", is_base=True) == "contact_phone"
    assert resolve_field("活动场所面积(平方米)", is_base=False) == "venue_area_m2"
    assert resolve_field("活动场所面积", is_base=False) == "venue_area_m2"
    assert resolve_field("record_id", is_base=False) is None
    assert resolve_field("培训激励办法", is_base=False) is None
    outcome = apply_corrections(_records(), [
        Correction(2, S1, "荣誉称号", "（空）", "correct", "误填", "赵"),
        Correction(3, S1, "性别", "", "correct", "", "赵"),
        Correction(4, S2, "工作室类别", "职工创新工作室（其他类型企业）", "correct", "", "赵"),
    ])
    assert outcome.records[S1]["leader_honors"] is None
    assert outcome.records[S2]["category"] == "worker_studio_other"
    assert outcome.audit["status"].tolist() == ["applied", "rejected", "applied"]
    assert "未填写更正值" in outcome.problems[0]["expected"]


def test_english_headers_and_other_sheet_names(tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["说明：审核组填写"])
    sheet.append(["record_id", "field", "value", "action", "reason", "who"])
    sheet.append([S2, "team_size", "二十", "correct", "", "x"])
    workbook.save(path)
    corrections, problems = read_corrections(path)
    assert problems == [] and corrections == [Correction(3, S2, "team_size", "二十", "correct", "", "x")]
    assert apply_corrections(_records(), corrections).records[S2]["team_size"] == 20


def test_unreadable_corrections_file(tmp_path: Path) -> None:
    with pytest.raises(CorrectionsFileError):
        read_corrections(tmp_path / "missing.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CorrectionsFileError):
        read_corrections(broken)
    headless = tmp_path / "headless.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["a", "b"])
    workbook.save(headless)
    with pytest.raises(CorrectionsFileError):
        read_corrections(headless)


def _correction(row: int, record_id: str, field: str, value: object, action: str, reason: str = "核实") -> Correction:
    return Correction(row, record_id, field, value, action, reason, "王审核")


def test_a_waiver_for_a_record_that_does_not_exist_is_reported() -> None:
    outcome = apply_corrections(_records(), [
        _correction(2, "S-0000000000", "LEADER_NOT_QUALIFIED", None, "waive"),
        _correction(3, "大连市总工会", "TECH_SHARE_BELOW_QUOTA", None, "waive"),   # a unit: unit-level issue
    ], today=TODAY)
    assert [w.record_id for w in outcome.waivers] == ["大连市总工会"]
    assert list(outcome.audit["status"]) == ["unknown_record", "applied"]
    assert len(outcome.problems) == 1 and "S-0000000000" in outcome.problems[0]["message"]
    assert outcome.problems[0]["code"] == PROBLEM_CODE


@pytest.mark.parametrize(("value", "accepted"), [
    ("1980年2月30日", False), ("1981-02-29", False), ("1980.4.31", False),
    ("1980年2月29日", True), ("1980年2月", True), ("1980.2", True),
])
def test_impossible_days_are_refused_in_month_fields(value: str, accepted: bool) -> None:
    outcome = apply_corrections(_records(), [_correction(2, S1, "出生年月", value, "correct")], today=TODAY)
    assert (outcome.changed.get(S1, {}).get("leader_birth") is not None) == accepted
    if not accepted:
        assert "不是实际存在的日期" in outcome.problems[0]["message"]
