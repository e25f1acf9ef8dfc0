"""Tests of the per-unit feedback letters (pipeline.writers.feedback), read back with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pandas as pd
import pytest

from pipeline.outputs import write_outputs
from pipeline.quota_figures import compute, usage_rows
from pipeline.results import QUOTA_USAGE_COLUMNS, RunResult
from pipeline.writers.files import MANIFEST_NAME
from schemas.issues import ISSUE_COLUMNS
from schemas.units import Quota

SHENYANG, DALIAN, ANSHAN = "沈阳市总工会", "大连市总工会", "鞍山市总工会"
ZHANG, WANG, LI = "张三劳模创新工作室", "王五职工创新工作室", "李四职工创新工作室"
TITLE = "关于2021年度创新工作室和培训基地推荐材料的反馈意见"
ERRORS, WARNINGS, QUOTA = "一、需要修改的问题（错误）", "二、需要核实的问题（警告）", "三、名额使用情况"


def _issue(code: str, severity: str, unit: str, entity: str, message: str, *, category: str = "",
           file: str = "", location: str = "", value: str = "", expected: str = "") -> dict[str, str]:
    return {"code": code, "severity": severity, "recommending_unit": unit, "category": category,
            "entity": entity, "field": "", "message": message, "file": file, "location": location,
            "value": value, "expected": expected}


ISSUES = [
    _issue("OPERATION_UNDER_1_YEAR", "error", SHENYANG, ZHANG, "成立时间为2021-01，不满一年（应不晚于2020-07）",
           category="labor_model_studio", file="沈阳/附件6-张三.docx", location="table 1, row 5, col 2",
           value="2021-01", expected="2020-07"),
    _issue("INVALID_PHONE", "warning", SHENYANG, ZHANG, "联系电话“=1+2<3>”不是有效的手机号或带区号的固定电话",
           category="labor_model_studio", file="沈阳/附件6-张三.docx", location="table 1, row 9, col 4",
           value="=1+2<3>"),
    _issue("INVALID_NUMBER", "error", SHENYANG, WANG, "“团队人数”的值“-2”无法识别为数字或为负数",
           category="worker_studio_other", file="沈阳/汇总表.xlsx", location="Sheet1!F7", value="-2"),
    _issue("UNREADABLE_FILE", "error", SHENYANG, "", "文件无法读取：<压缩包不完整>",
           file="沈阳.zip!材料/坏文件.docx", value="<压缩包不完整>"),
    _issue("DUPLICATE_FILE", "info", SHENYANG, "", "与“a.xlsx”内容完全相同", file="沈阳/b.xlsx"),
    _issue("MISSING_MATERIAL", "warning", DALIAN, LI, "“李四职工创新工作室”没有申报材料",
           category="worker_studio_tech"),
    _issue("DUPLICATE_FILE", "info", ANSHAN, "", "与“c.docx”内容完全相同", file="鞍山/d.docx"),
    _issue("UNKNOWN_UNIT", "error", "", "", "无法确定推荐单位", file="杂项/无名.xlsx", location="Sheet1!A1"),
    # the office's own reading problems never go to a unit
    _issue("UNKNOWN_DOCUMENT", "warning", SHENYANG, "", "文件可以读取，但不是本次申报的任何附件", file="沈阳/函.docx"),
    _issue("LOW_CONFIDENCE_OCR", "warning", ANSHAN, ZHANG, "扫描件中“团队人数”识别为“1S”，把握不大", file="鞍山/扫描.png",
           location="page 1, table 1, row 3, col 2"),
    _issue("NOT_RECOGNISED", "warning", ANSHAN, "", "未能识别推荐单位，请人工核对原件", file="鞍山/x.pdf"),
]


QUOTAS = [Quota(SHENYANG, "city", 3, 36, 25, 10), Quota(DALIAN, "city", 3, 36, 25, 10)]
COUNTS = {(SHENYANG, "labor_model_studio"): 4, (SHENYANG, "worker_studio_other"): 1, (DALIAN, "worker_studio_tech"): 1}


def _result(issues: list[dict[str, str]]) -> RunResult:
    quota_usage = pd.DataFrame(usage_rows(compute(COUNTS, QUOTAS)), columns=QUOTA_USAGE_COLUMNS)
    return RunResult(studios=pd.DataFrame(), training_bases=pd.DataFrame(),
                     issues=pd.DataFrame(issues, columns=ISSUE_COLUMNS), files=pd.DataFrame(),
                     quota_usage=quota_usage, unit_order=[SHENYANG, DALIAN, ANSHAN])


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_outputs(_result(ISSUES), out)
    return out


def _lines(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _section(lines: list[str], heading: str) -> list[str]:
    start = lines.index(heading) + 1
    ends = [i for i, line in enumerate(lines)
            if i >= start and (line in (WARNINGS, QUOTA) or line.startswith("请"))]
    return lines[start:ends[0]]


def test_one_letter_per_unit_with_errors_or_warnings(out_dir: Path) -> None:
    names = sorted(p.name for p in (out_dir / "feedback").glob("*.docx"))
    assert names == sorted([f"{SHENYANG}.docx", f"{DALIAN}.docx", "未确定推荐单位.docx"])
    assert not (out_dir / "feedback" / f"{ANSHAN}.docx").exists()  # info only: no letter


def test_letter_frame(out_dir: Path) -> None:
    lines = _lines(out_dir / "feedback" / f"{SHENYANG}.docx")
    assert lines[0] == TITLE
    assert lines[1] == f"{SHENYANG}："
    assert "已收悉" in lines[2]
    assert lines.index(ERRORS) < lines.index(WARNINGS)
    assert any(line.startswith("请贵单位") and "更正后的材料" in line for line in lines)
    assert lines[-2:] == ["辽宁省总工会（办公室）", "年  月  日"]


def test_errors_grouped_per_nominee(out_dir: Path) -> None:
    errors = _section(_lines(out_dir / "feedback" / f"{SHENYANG}.docx"), ERRORS)
    assert errors == [
        f"（一）{ZHANG}（劳模创新工作室）",
        "1. 成立时间为2021-01，不满一年（应不晚于2020-07）。文件：沈阳/附件6-张三.docx；位置：表1 第5行第2列。"
        "应为：2020-07。",
        f"（二）{WANG}（职工创新工作室，其他类型企业）",
        "1. “团队人数”的值“-2”无法识别为数字或为负数。文件：沈阳/汇总表.xlsx；位置：工作表“Sheet1”第7行 F列。",
        "（三）文件问题",
        "1. 文件无法读取：<压缩包不完整>。文件：沈阳.zip 中的 材料/坏文件.docx。",
    ]


def test_warnings_section_and_plain_text(out_dir: Path) -> None:
    lines = _lines(out_dir / "feedback" / f"{SHENYANG}.docx")
    warnings = lines[lines.index(WARNINGS) + 1:lines.index(WARNINGS) + 3]
    assert warnings[0] == f"（一）{ZHANG}（劳模创新工作室）"
    assert warnings[1].startswith("1. 联系电话“=1+2<3>”不是有效的手机号")  # not quoted, not escaped
    assert "位置：表1 第9行第4列" in warnings[1]
    assert not any("内容完全相同" in line for line in lines)  # info issues are left out


def test_unit_with_warnings_only(out_dir: Path) -> None:
    lines = _lines(out_dir / "feedback" / f"{DALIAN}.docx")
    assert _section(lines, ERRORS) == ["无。"]
    assert f"（一）{LI}（职工创新工作室，科技型企业）" in lines
    assert "1. “李四职工创新工作室”没有申报材料。" in lines


def test_letter_without_unit(out_dir: Path) -> None:
    lines = _lines(out_dir / "feedback" / "未确定推荐单位.docx")
    assert lines[1] == "有关单位："
    assert "无法确定推荐单位" in lines[2]
    assert "1. 无法确定推荐单位。文件：杂项/无名.xlsx；位置：工作表“Sheet1”第1行 A列。" in lines


def test_campaign_year_in_title(tmp_path: Path) -> None:
    result = _result(ISSUES[:1])
    result.campaign_name = "2022"
    write_outputs(result, tmp_path)
    assert _lines(tmp_path / "feedback" / f"{SHENYANG}.docx")[0] == TITLE.replace("2021", "2022")


def test_stale_letters_removed_own_files_kept(tmp_path: Path) -> None:
    write_outputs(_result(ISSUES), tmp_path)
    folder = tmp_path / "feedback"
    (folder / "审核人员笔记.docx").write_bytes(b"not ours")
    write_outputs(_result([i for i in ISSUES if i["recommending_unit"] == DALIAN]), tmp_path)
    assert sorted(p.name for p in folder.glob("*.docx")) == sorted([f"{DALIAN}.docx", "审核人员笔记.docx"])
    write_outputs(_result([]), tmp_path)
    assert [p.name for p in folder.glob("*.docx")] == ["审核人员笔记.docx"]
    assert (folder / MANIFEST_NAME).is_file()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_no_folder_without_letters(tmp_path: Path) -> None:
    write_outputs(_result([i for i in ISSUES if i["severity"] == "info"]), tmp_path)
    assert not (tmp_path / "feedback").exists()


def test_office_reading_problems_stay_out_of_letters(out_dir: Path) -> None:
    text = "\n".join(_lines(out_dir / "feedback" / f"{SHENYANG}.docx"))
    assert "不是本次申报的任何附件" not in text  # UNKNOWN_DOCUMENT: in_letter False
    assert not (out_dir / "feedback" / f"{ANSHAN}.docx").exists()  # only info and office problems


def test_letters_hold_no_english(out_dir: Path) -> None:
    """Apart from the names the units gave their own files and sheets, nothing in Latin letters."""
    for path in (out_dir / "feedback").glob("*.docx"):
        text = "\n".join(_lines(path))
        text = re.sub(r"文件：[^；。]+", "", text)
        text = re.sub(r"工作表“[^”]*”", "", text)
        assert not re.findall(r"[A-Za-z]{2,}", text), (path.name, re.findall(r"[A-Za-z]{2,}", text))


def test_quota_section_from_the_quota_computation(out_dir: Path) -> None:
    lines = _lines(out_dir / "feedback" / f"{SHENYANG}.docx")
    quota = lines[lines.index(QUOTA) + 1]
    assert quota == ("贵单位劳模创新工作室名额3个，推荐4个，超出1个；职工创新工作室名额36个，推荐1个；"
                     "其中科技型企业职工创新工作室至少25个，推荐0个，差25个；职工职业技能培训基地名额10个，推荐0个。")
    assert QUOTA not in _lines(out_dir / "feedback" / "未确定推荐单位.docx")
