"""Tests of pipeline.outputs: every SPEC §6 file written from a small hand-built RunResult."""

from __future__ import annotations

import csv
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from pipeline.outputs import WRITERS, csv_text, neutralise, write_outputs
from pipeline.quota_figures import compute, usage_rows
from pipeline.results import (
    AUDIT_COLUMNS,
    CELL_MARK_COLUMNS,
    CHANGE_COLUMNS,
    QUOTA_USAGE_COLUMNS,
    ProvinceTargets,
    RunResult,
)
from schemas.columns import FILE_COLUMNS, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS
from schemas.issues import ISSUE_COLUMNS
from schemas.units import Quota

CHECK_CONTRACT = Path(__file__).resolve().parents[2] / "shared/tools/check_contract.py"
SHENYANG, DALIAN, GUOZI = "沈阳市总工会", "大连市总工会", "省国资委"
UNIT_ORDER = [SHENYANG, DALIAN, "鞍山市总工会", GUOZI]
NAN = math.nan


def _studios() -> pd.DataFrame:
    rows = [
        {"record_id": "S2", "category": "worker_studio_tech", "recommending_unit": DALIAN,
         "studio_name": "李四职工创新工作室", "organization": "大连某科技有限公司",
         "credit_code": "91210200MA0QCXXX1X", "tech_category": "高新技术企业", "leader_name": "李四",
         "leader_gender": None, "leader_birth": "1980-05", "leader_skill_level": "高级技师",
         "leader_phone": "13800000000", "team_size": NAN, "established": "2018-03", "patents": 3.0,
         "venue_area_m2": NAN, "economic_benefit_wan": 1200.5},
        {"record_id": "S1", "category": "labor_model_studio", "recommending_unit": SHENYANG,
         "studio_name": "张三劳模创新工作室", "organization": "@SUM(A1)", "leader_name": "张三",
         "leader_gender": "男", "leader_birth": "1975-01", "leader_title": "车间主任/高级工程师",
         "leader_honors": "全国劳动模范", "leader_phone": "02422581160", "team_size": 15.0,
         "established": "2019-06", "venue_area_m2": 120.0, "economic_benefit_wan": 0.96,
         "patents": NAN, "remarks": "-2"},
        {"record_id": "S3", "category": "worker_studio_other", "recommending_unit": SHENYANG,
         "studio_name": "王五职工创新工作室", "organization": "沈阳某集团", "org_nature": "国有企业",
         "leader_name": "王五", "leader_gender": "女", "leader_title": "高级工程师",
         "leader_skill_level": None, "team_size": 8.0, "established": "2017-12", "patents": 0.0},
    ]
    frame = pd.DataFrame(rows)
    return frame[[*(c for c in STUDIO_COLUMNS if c in frame.columns), "remarks"]]


def _training_bases() -> pd.DataFrame:
    return pd.DataFrame([
        {"record_id": "B1", "recommending_unit": DALIAN, "enterprise_name": "大连某培训基地有限公司",
         "credit_code": "91210200MA0QCXXX2Y", "tech_category": "科技型中小企业", "employees": 300.0,
         "contact_name": "赵六", "contact_phone": "041188888888", "training_area_m2": 1200.5,
         "full_time_teachers": 5.0, "part_time_teachers": 3.0, "training_programs": "焊工；电工",
         "trainees_2020": 1500.0, "trainees_2019": NAN, "satisfaction_rate": 0.96,
         "has_training_records": True, "has_followup_service": False, "has_incentives": None},
    ])


def _issue(code: str, severity: str, unit: str, category: str, entity: str, message: str,
           value: str = "", file: str = "") -> dict[str, str]:
    return {"code": code, "severity": severity, "recommending_unit": unit, "category": category,
            "entity": entity, "field": "", "message": message, "file": file, "location": "Sheet1!C7",
            "value": value, "expected": ""}


def _issues() -> pd.DataFrame:
    rows = [
        _issue("DUPLICATE_FILE", "info", DALIAN, "", "", "与“a.xlsx”内容完全相同", file="dl/b.xlsx"),
        _issue("INVALID_PHONE", "warning", DALIAN, "worker_studio_tech", "李四职工创新工作室",
               "联系电话“+1”不是有效的手机号或带区号的固定电话", value="+1", file="dl/form.docx"),
        _issue("UNREADABLE_FILE", "error", DALIAN, "", "", "文件无法读取：<script>",
               value="<script>alert(1)</script>", file="dl/bad.docx"),
        _issue("OPERATION_UNDER_1_YEAR", "error", SHENYANG, "labor_model_studio", "张三劳模创新工作室",
               "成立时间为2021-01，不满一年（应不晚于2020-07）", value='=HYPERLINK("http://x")',
               file="sy/汇总表.xlsx"),
        _issue("INVALID_NUMBER", "error", SHENYANG, "worker_studio_other", "王五职工创新工作室",
               "“团队人数”的值“-2”无法识别为数字或为负数", value="-2", file="sy/form.docx"),
        _issue("UNKNOWN_DOCUMENT", "warning", "", "", "", "文件可以读取，但不是本次申报的任何附件",
               value="@SUM(A1)", file="misc/photo.jpg"),
        _issue("TRAINING_SYSTEM_INCOMPLETE", "warning", DALIAN, "training_base", "大连某培训基地有限公司",
               "培训制度建设缺少：培训激励办法", file="dl/base.docx"),
    ]
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS)


def _files() -> pd.DataFrame:
    return pd.DataFrame([
        {"file": "sy/汇总表.xlsx", "sha256": "a" * 64, "format": "xlsx", "doc_type": "summary_labor_model",
         "recommending_unit": SHENYANG, "status": "ok", "records": 1.0, "message": None},
        {"file": "dl/bad.docx", "sha256": "b" * 64, "format": "docx", "doc_type": "unknown",
         "recommending_unit": DALIAN, "status": "failed", "records": NAN, "message": "=cmd|' /C calc'!A0"},
    ], columns=FILE_COLUMNS)


QUOTAS = [Quota(DALIAN, "city", 3, 36, 25, 10), Quota(SHENYANG, "city", 3, 36, 25, 10),
          Quota(GUOZI, "direct", 1, 8, 5, 2)]
COUNTS = {(DALIAN, "worker_studio_tech"): 1, (DALIAN, "training_base"): 1, (SHENYANG, "labor_model_studio"): 1,
          (SHENYANG, "worker_studio_other"): 1, (GUOZI, "labor_model_studio"): 2}


def _quota_usage() -> pd.DataFrame:
    """Built by the one quota computation, deliberately not in unit order (the writers sort)."""
    return pd.DataFrame(usage_rows(compute(COUNTS, QUOTAS)), columns=QUOTA_USAGE_COLUMNS)


def _result(**fields: object) -> RunResult:
    base = {"studios": _studios(), "training_bases": _training_bases(), "issues": _issues(), "files": _files(),
            "quota_usage": _quota_usage(), "unit_order": UNIT_ORDER}
    return RunResult(**{**base, **fields})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = _result()
    out = tmp_path_factory.mktemp("out")
    write_outputs(result, out)
    return out


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "CSV must be UTF-8 without BOM"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _rows_by(rows: list[list[str]], key: str) -> dict[str, dict[str, str]]:
    header = rows[0]
    return {row[header.index(key)]: dict(zip(header, row, strict=True)) for row in rows[1:]}


# --- cell formatting ------------------------------------------------------------------------

@pytest.mark.parametrize(("column", "value", "expected"), [
    ("team_size", 15.0, "15"),
    ("team_size", "15", "15"),
    ("team_size", -2, "-2"),
    ("team_size", NAN, ""),
    ("venue_area_m2", 120.0, "120"),
    ("venue_area_m2", 1200.5, "1200.5"),
    ("satisfaction_rate", 0.96, "0.96"),
    ("satisfaction_rate", np.float32(0.96), "0.96"),
    ("team_size", pd.NA, ""),
    ("team_size", np.int64(3), "3"),
    ("economic_benefit_wan", 1e20, "100000000000000000000"),
    ("has_incentives", True, "true"),
    ("has_incentives", False, "false"),
    ("has_incentives", None, ""),
    ("established", pd.NaT, ""),
    ("established", pd.Timestamp("2018-03-15"), "2018-03"),
    ("studio_name", None, ""),
    ("message", "=1+1", "'=1+1"),
    ("message", "  =1", "'  =1"),
    ("message", "\t1", "'\t1"),
    ("message", "\r1", "'\r1"),
    ("message", "-2", "'-2"),
    ("message", "a=b", "a=b"),
    ("source_files", ["a.docx", "b.xlsx"], "a.docx; b.xlsx"),
])
def test_csv_text(column: str, value: object, expected: str) -> None:
    assert csv_text(column, value) == expected


def test_neutralise_is_idempotent() -> None:
    assert neutralise(neutralise("@SUM(A1)")) == "'@SUM(A1)"


# --- CSV files ------------------------------------------------------------------------------

def test_csv_headers(out_dir: Path) -> None:
    assert _read_csv(out_dir / "data/studios.csv")[0] == [*STUDIO_COLUMNS, "remarks"]
    assert _read_csv(out_dir / "data/training_bases.csv")[0] == TRAINING_BASE_COLUMNS
    assert _read_csv(out_dir / "data/issues.csv")[0] == ISSUE_COLUMNS
    assert _read_csv(out_dir / "data/files.csv")[0] == FILE_COLUMNS


def test_no_nan_or_none_text(out_dir: Path) -> None:
    for path in (out_dir / "data").glob("*.csv"):
        for row in _read_csv(path)[1:]:
            assert not {"nan", "None", "NaN", "NaT", "<NA>"} & set(row), (path.name, row)


def test_studio_cells(out_dir: Path) -> None:
    studios = _rows_by(_read_csv(out_dir / "data/studios.csv"), "record_id")
    assert studios["S1"]["team_size"] == "15"
    assert studios["S1"]["venue_area_m2"] == "120"
    assert studios["S1"]["economic_benefit_wan"] == "0.96"
    assert studios["S1"]["patents"] == ""
    assert studios["S1"]["organization"] == "'@SUM(A1)"
    assert studios["S1"]["remarks"] == "'-2"
    assert studios["S2"]["team_size"] == ""
    assert studios["S2"]["patents"] == "3"
    assert studios["S2"]["leader_gender"] == ""
    assert studios["S2"]["economic_benefit_wan"] == "1200.5"
    assert studios["S3"]["patents"] == "0"


def test_training_base_cells(out_dir: Path) -> None:
    base = _rows_by(_read_csv(out_dir / "data/training_bases.csv"), "record_id")["B1"]
    assert (base["employees"], base["trainees_2020"], base["trainees_2019"]) == ("300", "1500", "")
    assert (base["training_area_m2"], base["satisfaction_rate"]) == ("1200.5", "0.96")
    assert (base["has_training_records"], base["has_followup_service"], base["has_incentives"]) == (
        "true", "false", "")


def test_issue_cells_neutralised_and_ordered(out_dir: Path) -> None:
    rows = _read_csv(out_dir / "data/issues.csv")
    values = [row[ISSUE_COLUMNS.index("value")] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in values
    assert {"'+1", "'-2", "'@SUM(A1)"} <= set(values)
    order = [(row[2], row[1]) for row in rows[1:]]
    assert order == [(SHENYANG, "error"), (SHENYANG, "error"), (DALIAN, "error"), (DALIAN, "warning"),
                     (DALIAN, "warning"), (DALIAN, "info"), ("", "warning")]


def test_file_cells(out_dir: Path) -> None:
    files = _rows_by(_read_csv(out_dir / "data/files.csv"), "file")
    assert files["sy/汇总表.xlsx"]["records"] == "1"
    assert files["sy/汇总表.xlsx"]["message"] == ""
    assert files["dl/bad.docx"]["records"] == ""
    assert files["dl/bad.docx"]["message"] == "'=cmd|' /C calc'!A0"


def test_no_temporary_files_left(out_dir: Path) -> None:
    assert not [p for p in out_dir.rglob("*") if p.name.endswith(".tmp")]


def test_rewrite_replaces_outputs(tmp_path: Path) -> None:
    empty = RunResult(studios=pd.DataFrame(), training_bases=pd.DataFrame(), issues=pd.DataFrame(),
                      files=pd.DataFrame(), quota_usage=pd.DataFrame(columns=QUOTA_USAGE_COLUMNS))
    (tmp_path / "data").mkdir()
    (tmp_path / "data/issues.csv").write_text("old", encoding="utf-8")
    write_outputs(empty, tmp_path)
    assert _read_csv(tmp_path / "data/issues.csv") == [ISSUE_COLUMNS]
    assert "未发现问题" in (tmp_path / "discrepancy_report.html").read_text(encoding="utf-8")


# --- master_list.xlsx -----------------------------------------------------------------------

SHEETS = ["劳模创新工作室", "职工创新工作室（科技型企业）", "职工创新工作室（其他类型企业）",
          "职工职业技能培训基地", "名额使用"]


def _sheet_rows(path: Path, name: str) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return list(book[name].iter_rows(values_only=True))


def test_master_list_sheets_and_headers(out_dir: Path) -> None:
    book = openpyxl.load_workbook(out_dir / "master_list.xlsx")
    assert book.sheetnames == SHEETS
    labor = list(book["劳模创新工作室"].iter_rows(values_only=True))
    assert labor[0][0] == "2021年度辽宁省劳模创新工作室推荐汇总表（全省）"
    assert list(labor[1]) == ["序号", "推荐单位", "工作室名称", "所在单位", "领衔人", "性别", "出生年月", "荣誉称号",
                              "职务/职称", "团队人数", "成立时间", "联系电话", "备注", "审核提示", "记录编号", "来源文件"]
    tech_header = next(book["职工创新工作室（科技型企业）"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert tech_header[2:6] == ("工作室名称", "所在单位", "统一社会信用代码", "科技型企业类别")
    base_header = next(book["职工职业技能培训基地"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert base_header[:3] == ("序号", "推荐单位", "企业名称")
    assert "专兼职教师人数" in base_header and base_header[-3:] == ("审核提示", "记录编号", "来源文件")
    sheet = book["劳模创新工作室"]
    assert sheet.freeze_panes == "C3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.auto_filter.ref == "A2:P3"  # header and the one nominee; 合计 and 小计 rows stay outside
    assert [sheet.column_dimensions[c].hidden for c in "NOP"] == [False, True, True]
    assert sheet.print_area == "'劳模创新工作室'!$A$1:$N$7"
    assert "第 &P 页，共 &N 页" in sheet.oddFooter.center.text


def test_master_list_print_fits_at_nine_points(out_dir: Path) -> None:
    """Fit to one page wide only when the visible columns fit at >= 9 pt; body text is 10 pt."""
    book = openpyxl.load_workbook(out_dir / "master_list.xlsx")
    for sheet in book.worksheets:
        visible = [d.width for d in sheet.column_dimensions.values() if not d.hidden]
        pixels = sum(7 * w + 5 for w in visible)
        fits = sheet.sheet_properties.pageSetUpPr.fitToPage
        assert fits == (pixels <= (842 - 43.2) / 0.75 * 10 / 9), sheet.title
        assert sheet.cell(row=4, column=2).font.sz == 10


def test_master_list_totals(out_dir: Path) -> None:
    rows = _sheet_rows(out_dir / "master_list.xlsx", "劳模创新工作室")
    header = rows[1]
    total = dict(zip(header, rows[3], strict=True))
    assert (total["序号"], total["推荐单位"], total["工作室名称"], total["团队人数"]) == ("合计", "1个单位", "1个", 15)
    assert rows[5][1] == "各推荐单位小计"
    subtotal = dict(zip(header, rows[6], strict=True))
    assert (subtotal["序号"], subtotal["推荐单位"], subtotal["工作室名称"]) == ("小计", SHENYANG, "1个")
    assert subtotal["审核提示"] == "名额3个，推荐1个"  # from the quota computation
    tech = _sheet_rows(out_dir / "master_list.xlsx", "职工创新工作室（科技型企业）")
    assert tech[-1][-3] == "职工创新工作室名额36个，两类共推荐1个；其中科技型至少25个，推荐1个，差24个"


def test_master_list_row_heights_fit_wrapped_text(out_dir: Path) -> None:
    sheet = openpyxl.load_workbook(out_dir / "master_list.xlsx")["职工创新工作室（其他类型企业）"]
    note = sheet.cell(row=3, column=sheet.max_column - 2)
    assert "无法识别为数字" in note.value
    width = sheet.column_dimensions[note.column_letter].width
    per_line = (7 * width + 5 - 6) / 6.67   # display units (a CJK character is 2) per line at 10 pt
    lines = -(-sum(2 if ord(ch) > 0x2e80 else 1 for ch in note.value) // per_line)
    assert sheet.row_dimensions[3].height >= lines * 13


def test_master_list_source_comment(out_dir: Path) -> None:
    sheet = openpyxl.load_workbook(out_dir / "master_list.xlsx")["劳模创新工作室"]
    assert sheet["C3"].value == "张三劳模创新工作室"
    assert sheet["C3"].comment is not None and "记录编号：S1" in sheet["C3"].comment.text


def test_master_list_rows(out_dir: Path) -> None:
    labor = _sheet_rows(out_dir / "master_list.xlsx", "劳模创新工作室")
    header, row = labor[1], dict(zip(labor[1], labor[2], strict=True))
    assert len(labor) == 7 and header[0] == "序号"  # title, header, one nominee, 合计, blank, 小计 heading and row
    assert row["序号"] == 1 and row["推荐单位"] == SHENYANG
    assert row["团队人数"] == 15 and isinstance(row["团队人数"], int)
    assert row["所在单位"] == "'@SUM(A1)" and row["备注"] == "'-2"
    assert "成立时间为2021-01，不满一年" in row["审核提示"] and row["审核提示"].startswith("错误：")
    assert row["记录编号"] == "S1"
    other = _sheet_rows(out_dir / "master_list.xlsx", "职工创新工作室（其他类型企业）")
    other_row = dict(zip(other[1], other[2], strict=True))
    assert other_row["技能等级或职称"] == "高级工程师"
    assert "无法识别为数字" in other_row["审核提示"]


def test_training_base_sheet(out_dir: Path) -> None:
    rows = _sheet_rows(out_dir / "master_list.xlsx", "职工职业技能培训基地")
    row = dict(zip(rows[1], rows[2], strict=True))
    assert row["专兼职教师人数"] == 8 and row["职工人数"] == 300 and row["上年度实名制培训人次"] == 1500
    assert row["培训场所面积（平方米）"] == 1200.5
    assert row["审核提示"] == "警告：培训制度建设缺少：培训激励办法"


def test_quota_sheet(out_dir: Path) -> None:
    rows = _sheet_rows(out_dir / "master_list.xlsx", "名额使用")
    assert rows[1][:4] == ("推荐单位", "类型", "状态", "劳模创新工作室")
    assert rows[2][3:15] == ("名额", "推荐", "超出", "名额", "推荐", "超出", "至少", "推荐", "差", "名额", "推荐", "超出")
    units = [row[0] for row in rows[3:]]
    assert units == [SHENYANG, DALIAN, GUOZI, "合计（名额表）", "通知确定的全省数"]
    guozi, total, targets = rows[5], rows[6], rows[7]
    assert guozi[3:6] == (1, 2, 1) and guozi[9:12] == (5, 0, 5)
    assert guozi[-1] == "劳模创新工作室超出1个；其中：科技型企业差5个"
    # the 合计 row adds up the quota table and the units, never the notice's numbers
    assert total[3:15] == (7, 3, 1, 80, 2, None, 55, 1, 54, 22, 1, None)
    assert targets[3:15] == (30, None, None, 335, None, None, "多于200", None, None, 100, None, None)
    assert "仅供对照" in targets[-1]


# --- discrepancies.xlsx ---------------------------------------------------------------------

def test_discrepancies_xlsx(out_dir: Path) -> None:
    book = openpyxl.load_workbook(out_dir / "discrepancies.xlsx")
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ["严重程度", "问题类型", "代码", "推荐单位", "类别", "推荐对象", "字段", "说明", "文件",
                             "位置", "发现值", "应为"]
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:L{len(rows)}"
    assert [row[0] for row in rows[1:]] == ["错误", "错误", "错误", "警告", "警告", "提示", "警告"]
    values = {row[10] for row in rows[1:]}
    assert {"'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)"} <= values
    assert sheet["A2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert rows[1][1:5] == ("成立不满一年", "OPERATION_UNDER_1_YEAR", SHENYANG, "劳模创新工作室")
    assert rows[1][9] == "工作表“Sheet1”第7行 C列"
    assert sheet.print_title_rows == "$1:$1"


def test_no_formulas_in_workbooks(out_dir: Path) -> None:
    for name in ("master_list.xlsx", "discrepancies.xlsx"):
        book = openpyxl.load_workbook(out_dir / name)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, sheet.title, cell.coordinate)


# --- discrepancy_report.html ----------------------------------------------------------------

def test_html_report(out_dir: Path) -> None:
    html = (out_dir / "discrepancy_report.html").read_text(encoding="utf-8")
    external = re.findall(r"""<(?:script|link|img)[^>]+(?:src|href)\s*=\s*["']?https?:""", html, re.I)
    assert not external
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    for unit in (SHENYANG, DALIAN, GUOZI, "（未确定推荐单位）"):
        assert unit in html
    assert html.count("<script>") == 1 and "<noscript>" in html
    assert "文件问题" in html and "张三劳模创新工作室" in html
    for key in ("severity", "code", "unit", "category"):
        assert f'data-key="{key}"' in html
    assert html.index(f'<summary>{SHENYANG}') < html.index(f'<summary>{DALIAN}')
    assert "工作表“Sheet1”第7行 C列" in html and "Sheet1!C7" not in html
    assert "成立不满一年<span class=\"code\">OPERATION_UNDER_1_YEAR</span>" in html
    assert "<a href=" not in html.split('id="issues"')[1]  # no inbox_dir: file names without links


# --- contract -------------------------------------------------------------------------------

def test_check_contract(out_dir: Path) -> None:
    if not CHECK_CONTRACT.is_file():
        pytest.skip("shared/tools/check_contract.py is absent")
    done = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(out_dir)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# --- new RunResult fields: targets, cell marks, audit, changes, run info, extra columns ------

MARKS = [
    ("S1", "team_size", "mismatch", "汇总表为：12"),
    ("S2", "leader_name", "ocr", ""),
    ("S3", "leader_title", "low_confidence", "识别为“高级工程帅”"),
    ("B1", "full_time_teachers", "corrected", "原值：4；原因：核对原件；修改人：李审核"),
    ("S1", "credit_code", "mismatch", "劳模表没有这一列"),   # no column on this sheet: ignored
    ("S9", "team_size", "mismatch", "没有这条记录"),         # unknown record: ignored
]
AUDIT = [{"record_id": "B1", "field": "full_time_teachers", "action": "correct", "old_value": "4",
          "new_value": "5", "reason": "核对原件", "who": "李审核", "status": "applied"}]
CHANGES = [
    {"kind": "new_issue", "recommending_unit": DALIAN, "subject": "李四职工创新工作室", "detail": "INVALID_PHONE"},
    {"kind": "new_file", "recommending_unit": SHENYANG, "subject": "sy/新表<v2>.xlsx", "detail": ""},
    {"kind": "resolved_issue", "recommending_unit": SHENYANG, "subject": "王五职工创新工作室",
     "detail": "MISSING_MATERIAL"},
    {"kind": "superseded_file", "recommending_unit": SHENYANG, "subject": "sy/旧表.xlsx", "detail": "被 sy/新表<v2>.xlsx 替换"},
    {"kind": "new_nominee", "recommending_unit": DALIAN, "subject": "大连某培训基地有限公司", "detail": ""},
]
TARGETS = ProvinceTargets(labor_model_studio=2, worker_studio=300, worker_studio_tech_more_than=0, training_base=90)


def _extended_studios() -> pd.DataFrame:
    studios = _studios()
    studios["leader_top_honour"] = studios["record_id"].map({"S1": "全国劳动模范"})
    studios["source_kind"] = studios["record_id"].map({"S1": "ocr", "S2": "digital", "S3": "digital"})
    return studios


@pytest.fixture(scope="module")
def full_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = _result(studios=_extended_studios(), targets=TARGETS,
                     cell_marks=pd.DataFrame(MARKS, columns=CELL_MARK_COLUMNS),
                     audit=pd.DataFrame(AUDIT, columns=AUDIT_COLUMNS),
                     changes=pd.DataFrame(CHANGES, columns=CHANGE_COLUMNS),
                     run_info={"运行时间": "2021-08-01 10:00", "重新读取的文件数": "3",
                               "previous_run": "2021-07-30 09:00"})
    out = tmp_path_factory.mktemp("full")
    write_outputs(result, out)
    return out


def _cell(sheet: openpyxl.worksheet.worksheet.Worksheet, record_id: str, header: str) -> openpyxl.cell.Cell:
    """The cell of a record's column, found through the header row and the record_id column."""
    header_row = next(r for r in range(1, 5) if sheet.cell(row=r, column=1).value == "序号")
    headers = [c.value for c in sheet[header_row]]
    for row in sheet.iter_rows(min_row=header_row + 1):
        if row[headers.index("记录编号")].value == record_id:
            return row[headers.index(header)]
    raise AssertionError(f"{record_id} not in {sheet.title}")


@pytest.mark.parametrize(("sheet_name", "record_id", "header", "colour", "comment"), [
    ("劳模创新工作室", "S1", "团队人数", "F8CBAD", "汇总表为：12"),
    ("职工创新工作室（科技型企业）", "S2", "领衔人", "DDEBF7", "扫描件识别，请核对"),
    ("职工创新工作室（其他类型企业）", "S3", "技能等级或职称", "9BC2E6", "识别为“高级工程帅”"),
    ("职工职业技能培训基地", "B1", "专兼职教师人数", "C6EFCE", "原值：4；原因：核对原件；修改人：李审核"),
])
def test_cell_marks(full_dir: Path, sheet_name: str, record_id: str, header: str, colour: str,
                    comment: str) -> None:
    sheet = openpyxl.load_workbook(full_dir / "master_list.xlsx")[sheet_name]
    cell = _cell(sheet, record_id, header)
    assert cell.fill.fgColor.rgb.endswith(colour)
    assert cell.comment is not None and comment in cell.comment.text


def test_cell_marks_only_on_their_cells(full_dir: Path) -> None:
    book = openpyxl.load_workbook(full_dir / "master_list.xlsx")
    commented = {(s.title, c.coordinate) for s in book.worksheets for row in s.iter_rows() for c in row
                 if c.comment and not c.comment.text.startswith("记录编号")}
    assert len(commented) == 4
    assert _cell(book["劳模创新工作室"], "S1", "领衔人").comment is None


def test_legend_under_title(full_dir: Path, out_dir: Path) -> None:
    sheet = openpyxl.load_workbook(full_dir / "master_list.xlsx")["劳模创新工作室"]
    assert sheet["A1"].value == "2021年度辽宁省劳模创新工作室推荐汇总表（全省）"
    assert sheet["A2"].value.startswith("颜色说明")
    for colour in ("浅橙色", "浅蓝色", "蓝色", "浅绿色"):
        assert colour in sheet["A2"].value
    assert sheet["A3"].value == "序号" and sheet.freeze_panes == "C4" and sheet.print_title_rows == "$3:$3"
    plain = openpyxl.load_workbook(out_dir / "master_list.xlsx")["劳模创新工作室"]
    assert plain["A2"].value == "序号"  # no marks, no legend row


def test_extra_columns(full_dir: Path) -> None:
    book = openpyxl.load_workbook(full_dir / "master_list.xlsx")
    labor = list(book["劳模创新工作室"].iter_rows(min_row=3, values_only=True))
    header, row = labor[0], dict(zip(labor[0], labor[1], strict=True))
    assert header[header.index("荣誉称号") + 1] == "最高荣誉"
    assert row["记录编号"] == "S1" and row["最高荣誉"] == "全国劳动模范"
    assert header[header.index("备注") + 1] == "来源" and row["来源"] == "扫描件"
    tech = next(book["职工创新工作室（科技型企业）"].iter_rows(min_row=3, max_row=3, values_only=True))
    assert "来源" not in tech and "最高荣誉" not in tech  # no ocr rows there; top honour is labor-model only


def test_audit_sheet(full_dir: Path) -> None:
    book = openpyxl.load_workbook(full_dir / "master_list.xlsx")
    assert book.sheetnames == [*SHEETS, "审核修改记录"]
    rows = list(book["审核修改记录"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("记录编号", "推荐单位", "推荐对象", "字段", "操作", "原值", "新值", "原因", "审核人", "状态")
    assert rows[1] == ("B1", DALIAN, "大连某培训基地有限公司", "专职教师（人）", "修改", 4, 5, "核对原件", "李审核", "已生效")


def test_targets_in_quota_sheet(full_dir: Path) -> None:
    rows = _sheet_rows(full_dir / "master_list.xlsx", "名额使用")
    total, targets = rows[-2], rows[-1]
    assert total[0] == "合计（名额表）" and total[3:6] == (7, 3, 1)  # the quota table, not the notice
    assert targets[0] == "通知确定的全省数"
    assert targets[3:15:3] == (2, 300, "多于0", 90)


def test_report_header_and_changes(full_dir: Path) -> None:
    html = (full_dir / "discrepancy_report.html").read_text(encoding="utf-8")
    assert "<dt>运行时间</dt><dd>2021-08-01 10:00</dd>" in html
    assert "<dt>重新读取的文件数</dt><dd>3</dd>" in html and "<dt>上次运行</dt>" in html
    changes = html[html.index("<h2>与上次运行相比</h2>"):html.index('<h2 id="issues">')]
    for label in ("新增文件", "被新版本替换的文件", "新增推荐对象", "新发现的问题", "已解决的问题"):
        assert f'<td data-label="变化">{label}</td><td data-label="数量" class="num">1</td>' in changes
    assert changes.index("新增文件") < changes.index("新发现的问题")
    assert "sy/新表&lt;v2&gt;.xlsx" in changes and "缺少申报材料" in changes and "MISSING_MATERIAL" not in changes
    province = html[html.index('<table class="province'):]
    assert '<td data-label="类别">劳模创新工作室</td>\n<td data-label="名额表合计" class="num">7</td>' in province
    assert '<td data-label="通知全省数" class="num">2个</td>' in province
    assert html.count("<script>") == 1


@pytest.mark.parametrize(("run_info", "sentence"), [
    ({}, "首次运行"),
    ({"previous_run": "2021-07-30 09:00"}, "与上次运行（2021-07-30 09:00）相比无变化"),
])
def test_report_without_changes(tmp_path: Path, run_info: dict[str, str], sentence: str) -> None:
    write_outputs(_result(run_info=run_info), tmp_path)
    html = (tmp_path / "discrepancy_report.html").read_text(encoding="utf-8")
    assert sentence in html[html.index("<h2>与上次运行相比</h2>"):html.index('<h2 id="issues">')]


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__module__.rsplit(".", 1)[-1])
def test_every_writer_handles_an_empty_run(tmp_path: Path, writer: object) -> None:
    empty = RunResult(studios=pd.DataFrame(), training_bases=pd.DataFrame(), issues=pd.DataFrame(),
                      files=pd.DataFrame(), quota_usage=pd.DataFrame(columns=QUOTA_USAGE_COLUMNS))
    writer(empty, tmp_path)  # type: ignore[operator]
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
