"""Consolidation across files: stable record ids, re-sent files superseding older versions."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import docx
import pytest

from pipeline.run import Options, execute, prepare, run
from pipeline.writers.unit_status import unit_statuses
from samples.generate import generate_inbox


def form_bytes(path: Path, *, team_size: str, opinion_date: str) -> None:
    document = docx.Document()
    document.add_paragraph("辽宁省劳模创新工作室和职工创新工作室基本情况表")
    document.add_paragraph("推荐单位（盖章）：大连市总工会")
    rows = [("工作室名称", "张建国劳模创新工作室"), ("工作室类别", "☑劳模创新工作室 □职工创新工作室（科技型企业）"),
            ("所在单位", "大连重工集团"), ("领衔人姓名", "张建国"), ("团队人数", team_size),
            ("成立时间", "2015年3月"), ("推荐单位意见", f"同意推荐。\n大连市总工会（盖章）\n{opinion_date}")]
    table = document.add_table(rows=len(rows), cols=2)
    for index, (label, value) in enumerate(rows):
        table.cell(index, 0).text, table.cell(index, 1).text = label, value
    document.save(path)


def run_on(inbox: Path):
    return run(Options(inbox=inbox, out=inbox.parent / "out", workers=2))


def test_a_resent_form_replaces_the_older_one(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    form_bytes(inbox / "张建国工作室.docx", team_size="12", opinion_date="2021年7月10日")
    form_bytes(inbox / "张建国工作室（修改版）.docx", team_size="15", opinion_date="2021年7月20日")
    options = Options(inbox=inbox, out=tmp_path / "out", workers=2)
    outcome = execute(options, prepare(options))
    result = outcome.result
    assert len(result.studios) == 1
    assert result.studios.iloc[0]["team_size"] == 15
    assert result.studios.iloc[0]["source_files"] == "张建国工作室（修改版）.docx"
    files = result.files.set_index("file")
    assert files.loc["张建国工作室.docx", "status"] == "skipped"
    assert "张建国工作室（修改版）.docx" in files.loc["张建国工作室.docx", "message"]
    assert "DUPLICATE_RECOMMENDATION" not in set(result.issues["code"])
    assert list(result.changes["kind"]) == ["superseded_file"]
    # the replaced file was read: the closing notice, the report and the unit's status say nothing is unread
    assert outcome.unread == [] and outcome.counts()["未能完整读取的文件"] == 0
    assert "不完整" not in [s.status for s in unit_statuses(result) if s.files]


def test_file_time_decides_when_content_dates_are_equal(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    form_bytes(inbox / "b.docx", team_size="12", opinion_date="2021年7月10日")
    form_bytes(inbox / "a.docx", team_size="15", opinion_date="2021年7月10日")
    os.utime(inbox / "b.docx", (1_600_000_000, 1_600_000_000))
    os.utime(inbox / "a.docx", (1_700_000_000, 1_700_000_000))
    result = run_on(inbox)
    assert result.studios.iloc[0]["team_size"] == 15
    assert "文件时间较新" in result.files.set_index("file").loc["b.docx", "message"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ids")
    generate_inbox(root, seed=11, units=4)
    return root


def ids_by_name(result) -> dict[tuple[str, str], str]:
    rows = result.studios.to_dict("records") + result.training_bases.to_dict("records")
    return {(r["recommending_unit"], r.get("studio_name") or r.get("enterprise_name")): r["record_id"] for r in rows}


def test_record_ids_stable_across_file_order_and_names(generated, tmp_path):
    first = ids_by_name(run_on(generated / "inbox"))
    shuffled = tmp_path / "inbox"
    shuffled.mkdir()
    files = sorted(p for p in (generated / "inbox").rglob("*") if p.is_file())
    random.Random(5).shuffle(files)
    for index, path in enumerate(files):  # flat, renamed, in another order
        relative = path.relative_to(generated / "inbox")
        folder = shuffled / relative.parts[0] if len(relative.parts) > 1 else shuffled
        folder.mkdir(exist_ok=True)
        shutil.copy(path, folder / f"{index:03d}_{path.name}")
    second = ids_by_name(run_on(shuffled))
    assert first == second
    assert len(set(first.values())) == len(first)
