"""Table-driven tests of what clerks read instead of identifiers (locations, titles, field labels,
links) and of the one quota computation (pipeline.quota_figures)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.quota_figures import Allowance, compute, from_usage, province, usage_rows
from pipeline.results import QUOTA_USAGE_COLUMNS, ProvinceTargets
from pipeline.writers.labels import chinese_location, field_label, file_label, in_letter, issue_title
from pipeline.writers.links import file_link
from schemas.units import Quota


@pytest.mark.parametrize(("location", "shown"), [
    ("Sheet1!C7", "工作表“Sheet1”第7行 C列"),
    ("汇总!E7", "工作表“汇总”第7行 E列"),
    ("'附件2 汇总表'!$B$12", "工作表“附件2 汇总表”第12行 B列"),
    ("Sheet1!A1:C3", "工作表“Sheet1”第1行 A列至第3行 C列"),
    ("a!b!AA10", "工作表“a!b”第10行 AA列"),
    ("table 1, row 5, col 2", "表1 第5行第2列"),
    ("table 2, row 1, col 1", "表2 第1行第1列"),
    (", row 3, col 4", "第3行第4列"),
    ("paragraph 3", "第3段"),
    ("page 2", "第2页"),
    ("page 2, table 1, row 3, col 4", "第2页 表1 第3行第4列"),
    ("page 1, paragraph 12", "第1页 第12段"),
    ("原文：工作室现有成员31人", "原文：工作室现有成员31人"),   # already Chinese: as is
    ("", ""),
    ("Sheet1!ZZZZ9", "Sheet1!ZZZZ9"),                          # not a cell: as is
    ("row five", "row five"),
])
def test_chinese_location(location: str, shown: str) -> None:
    assert chinese_location(location) == shown


@pytest.mark.parametrize(("code", "title", "letter"), [
    ("OPERATION_UNDER_1_YEAR", "成立不满一年", True),
    ("UNREADABLE_FILE", "文件无法读取", True),
    ("UNKNOWN_DOCUMENT", "非申报附件", False),
    ("LOW_CONFIDENCE_OCR", "扫描识别存疑", False),
    ("SOMETHING_NEW", "SOMETHING_NEW", True),   # unknown code: shown as is, goes into letters
])
def test_issue_title_and_letter_flag(code: str, title: str, letter: bool) -> None:
    assert issue_title(code) == title
    assert in_letter(code) is letter


@pytest.mark.parametrize(("field", "label"), [
    ("established", "成立时间"), ("tech_category", "科技型企业类别"), ("category", "工作室类别"),
    ("填报日期", "填报日期"), ("", ""),
])
def test_field_label(field: str, label: str) -> None:
    assert field_label(field) == label


@pytest.mark.parametrize(("file", "inbox", "out", "href"), [
    ("沈阳/附件6 表.docx", "/data/inbox", "/data/out",
     "../inbox/%E6%B2%88%E9%98%B3/%E9%99%84%E4%BB%B66%20%E8%A1%A8.docx"),
    ("a.zip!inner/x.docx", "/data/inbox", "/data/out", "../inbox/a.zip"),
    ("a#b.docx", "/data/in", "/data/out/run", "../../in/a%23b.docx"),
    ("x.docx", "", "/data/out", ""),
])
def test_file_link(file: str, inbox: str, out: str, href: str) -> None:
    assert file_link(file, inbox, Path(out)) == href


@pytest.mark.parametrize(("file", "shown"), [
    ("沈阳/a.docx", "沈阳/a.docx"),
    ("沈阳.zip!材料/坏文件.docx", "沈阳.zip 中的 材料/坏文件.docx"),
    ("a.zip!b.zip!c.xlsx", "a.zip 中的 b.zip 中的 c.xlsx"),
    ("", ""),
])
def test_file_label(file: str, shown: str) -> None:
    assert file_label(file) == shown


# --- quota figures ------------------------------------------------------------------------------

@pytest.mark.parametrize(("allowance", "over", "short", "status"), [
    (Allowance(3, 4), 1, 0, "超出1个"),
    (Allowance(3, 3), 0, 0, ""),
    (Allowance(3, 1), 0, 0, ""),
    (Allowance(25, 24, minimum=True), 0, 1, "差1个"),
    (Allowance(25, 30, minimum=True), 0, 0, ""),
    (Allowance(0, 2), 2, 0, "超出2个"),
])
def test_allowance(allowance: Allowance, over: int, short: int, status: str) -> None:
    assert (allowance.over, allowance.short, allowance.status()) == (over, short, status)


QUOTAS = [Quota("甲市总工会", "city", 3, 36, 25, 10), Quota("乙市总工会", "city", 2, 20, 10, 6)]
COUNTS = {("甲市总工会", "labor_model_studio"): 4, ("甲市总工会", "worker_studio_tech"): 20,
          ("甲市总工会", "worker_studio_other"): 17, ("乙市总工会", "labor_model_studio"): 1,
          ("省某厅", "training_base"): 2, ("", "labor_model_studio"): 1}


def test_units_over_and_under() -> None:
    units = {u.unit: u for u in compute(COUNTS, QUOTAS)}
    assert list(units) == ["甲市总工会", "乙市总工会", "省某厅", ""]
    jia = units["甲市总工会"]
    assert jia.allowances["labor_model"].over == 1
    assert jia.allowances["worker_studio"].nominated == 37 and jia.allowances["worker_studio"].over == 1
    assert jia.allowances["worker_studio_tech"].short == 5
    assert jia.problems() == ["劳模创新工作室超出1个", "职工创新工作室超出1个", "其中：科技型企业差5个"]
    assert not units["省某厅"].listed and units["省某厅"].allowances["training_base"].over == 2


def test_province_adds_up_units_and_keeps_targets_apart() -> None:
    totals = province(compute(COUNTS, QUOTAS), ProvinceTargets(30, 335, 200, 100))
    labor = totals.groups["labor_model"]
    assert (labor.allotted, labor.nominated, labor.over, labor.units_over) == (5, 6, 2, 2)  # 甲 +1, unknown unit +1
    workers = totals.groups["worker_studio"]
    assert (workers.allotted, workers.nominated, workers.over, workers.units_over) == (56, 37, 1, 1)  # not netted
    tech = totals.groups["worker_studio_tech"]
    assert (tech.allotted, tech.short, tech.units_short) == (35, 15, 2)
    assert totals.target_text("worker_studio_tech") == "多于200个" and totals.target("labor_model") == 30


def test_usage_frame_round_trip() -> None:
    units = compute(COUNTS, QUOTAS)
    frame = pd.DataFrame(usage_rows(units), columns=QUOTA_USAGE_COLUMNS)
    assert list(usage_rows(units)[0]) == QUOTA_USAGE_COLUMNS
    assert from_usage(frame) == units
