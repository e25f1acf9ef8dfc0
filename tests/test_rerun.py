"""Daily re-runs: the cache, what changed since the last run, reviewer corrections and waivers."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from pipeline.run import Options, run
from samples.generate import generate_inbox


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("rerun")
    generate_inbox(root, seed=21, units=3)
    return root


@pytest.fixture
def inbox(generated, tmp_path) -> Path:
    target = tmp_path / "inbox"
    shutil.copytree(generated / "inbox", target)
    return target


def run_into(inbox: Path, out: Path, **extra):
    return run(Options(inbox=inbox, out=out, workers=2, **extra))   # publishes the outputs to OUT


def first_form(inbox: Path) -> Path:
    for path in sorted(inbox.rglob("*.docx")):
        document = docx.Document(path)
        if document.tables and "基本情况表" in "".join(p.text for p in document.paragraphs[:4]):
            return path
    raise AssertionError("no studio form in the generated inbox")


def test_unchanged_inbox_reads_no_file_again(inbox, tmp_path):
    out = tmp_path / "out"
    first = run_into(inbox, out)
    assert first.run_info["重新读取的文件数"] == first.run_info["文件数"]
    second = run_into(inbox, out)
    assert second.run_info["重新读取的文件数"] == "0"
    assert second.run_info["沿用上次结果的文件数"] == second.run_info["文件数"]
    assert second.changes.empty
    pd_equal = first.studios.fillna("").astype(str).equals(second.studios.fillna("").astype(str))
    assert pd_equal, "a cached re-run must give the same master list"


def test_replacing_one_form_rereads_only_it_and_reports_the_change(inbox, tmp_path):
    out = tmp_path / "out"
    run_into(inbox, out)
    path = first_form(inbox)
    document = docx.Document(path)
    for row in document.tables[0].rows:
        if "团队" in row.cells[0].text:
            row.cells[1].text = "99"
            break
    document.save(path)
    result = run_into(inbox, out)
    assert result.run_info["重新读取的文件数"] == "1"
    changed = result.changes[result.changes["kind"] == "changed_file"]
    assert list(changed["subject"]) == [path.relative_to(inbox).as_posix()]
    assert 99 in set(result.studios["team_size"])


def write_corrections(path: Path, rows: list[list[str]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["记录编号", "字段", "更正值", "操作", "理由", "审核人"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_corrections_and_waivers_are_applied_and_audited(inbox, tmp_path):
    out = tmp_path / "out"
    first = run_into(inbox, out)
    studio = first.studios.iloc[0]
    record_id = studio["record_id"]
    warning = first.issues[first.issues["code"] == "TECH_SHARE_BELOW_QUOTA"].iloc[0]
    corrections = tmp_path / "corrections.xlsx"
    write_corrections(corrections, [
        [record_id, "团队人数", "十五人", "更正", "电话核实", "王审核"],
        [warning["recommending_unit"], "TECH_SHARE_BELOW_QUOTA", "", "豁免", "省总同意", "王审核"],
        ["S-nope", "团队人数", "3", "更正", "试试", "王审核"],
    ])
    result = run_into(inbox, out, corrections=corrections)
    corrected = result.studios.set_index("record_id").loc[record_id]
    assert corrected["team_size"] == 15
    audit = result.audit.set_index("record_id")
    assert audit.loc[record_id, "status"] == "applied"
    assert audit.loc["S-nope", "status"] == "unknown_record"
    open_codes = result.issues[result.issues["recommending_unit"] == warning["recommending_unit"]]["code"]
    assert "TECH_SHARE_BELOW_QUOTA" not in set(open_codes)
    assert "CORRECTION_INVALID" in set(result.issues["code"])
    marks = result.cell_marks[(result.cell_marks["record_id"] == record_id) & (result.cell_marks["kind"] == "corrected")]
    assert list(marks["field"]) == ["team_size"]
    sheet = openpyxl.load_workbook(out / "master_list.xlsx")["审核修改记录"]
    assert any(record_id in [str(c) for c in row] for row in sheet.iter_rows(values_only=True))
