"""Tests of the sample generator: determinism, exact truth, planted problems, readable files."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from stdnum.cn import uscc

from samples.generate import SAMPLE_SETTINGS, SAMPLES_DIR, generate_inbox
from samples.templates import write_blank_templates
from schemas.columns import DOC_TYPES, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS

EXPECTED_CODES = {
    "MISSING_FORM", "NOT_IN_SUMMARY", "OPERATION_UNDER_1_YEAR", "INVALID_CREDIT_CODE", "CATEGORY_MISMATCH",
    "SUMMARY_FORM_MISMATCH", "LEADER_NOT_QUALIFIED", "LEADER_SKILL_MISSING", "ESTABLISHED_UNIT_NOT_ELIGIBLE",
    "ALREADY_NAMED", "UPGRADE_FROM_WORKER_STUDIO", "NOT_TECH_ENTERPRISE", "TRAINING_SYSTEM_INCOMPLETE",
    "QUOTA_EXCEEDED", "JOINT_RECOMMENDATION_MISSING", "LATE_SUBMISSION", "MISSING_FIELD", "INVALID_PHONE",
    "NARRATIVE_MISMATCH", "MISSING_MATERIAL", "DUPLICATE_RECOMMENDATION", "DUPLICATE_LEADER", "TOTAL_MISMATCH",
    "DUPLICATE_FILE", "UNKNOWN_DOCUMENT", "UNREADABLE_FILE",
}
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def inbox_files(root: Path) -> set[str]:
    inbox = root / "inbox"
    return {p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()}


def digest_tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("full")
    generate_inbox(root, seed=1)
    return root


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clean")
    generate_inbox(root, seed=3, units=6, drift=False, problems=False)
    return root


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate_inbox(tmp_path / "a", seed=7, units=4)
    generate_inbox(tmp_path / "b", seed=7, units=4)
    generate_inbox(tmp_path / "c", seed=8, units=4)
    first, second = digest_tree(tmp_path / "a"), digest_tree(tmp_path / "b")
    assert first == second  # truth and every inbox byte
    assert digest_tree(tmp_path / "c")["truth/studios.csv"] != first["truth/studios.csv"]


def test_units_selection_includes_industry_and_direct(tmp_path: Path) -> None:
    generate_inbox(tmp_path, seed=2, units=3, problems=False)
    units = {row["recommending_unit"] for row in read_csv(tmp_path / "truth" / "files.csv")}
    assert len(units) == 3
    assert any(u.startswith("省") and u.endswith("工会") for u in units)
    assert units & {"省退役军人事务厅", "省国资委", "省卫生健康委员会"}


def test_every_planted_code_is_recorded(full: Path) -> None:
    codes = {row["code"] for row in read_csv(full / "truth" / "planted.csv")}
    assert codes >= EXPECTED_CODES


def test_truth_columns_follow_the_contract(full: Path) -> None:
    studios = read_csv(full / "truth" / "studios.csv")
    bases = read_csv(full / "truth" / "training_bases.csv")
    assert list(studios[0]) == [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")]
    assert list(bases[0]) == [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "source_files")]
    for row in studios + bases:
        assert all(value not in ("nan", "None") for value in row.values())


def test_credit_codes_valid_unless_planted(full: Path) -> None:
    planted = {row["entity"] for row in read_csv(full / "truth" / "planted.csv")
               if row["code"] == "INVALID_CREDIT_CODE"}
    rows = read_csv(full / "truth" / "studios.csv") + read_csv(full / "truth" / "training_bases.csv")
    assert planted
    for row in rows:
        entity = row.get("studio_name") or row["enterprise_name"]
        if not row["credit_code"]:
            continue
        assert uscc.is_valid(row["credit_code"]) == (entity not in planted), entity


def test_clean_values_stay_clean(full: Path) -> None:
    planted = read_csv(full / "truth" / "planted.csv")
    recent = {row["entity"] for row in planted if row["code"] == "OPERATION_UNDER_1_YEAR"}
    bad_phone = {row["entity"] for row in planted if row["code"] == "INVALID_PHONE"}
    for row in read_csv(full / "truth" / "studios.csv"):
        assert (row["established"] > "2020-07") == (row["studio_name"] in recent)
        if row["leader_phone"]:
            assert bool(PHONE.match(row["leader_phone"])) != (row["studio_name"] in bad_phone)
    for row in read_csv(full / "truth" / "training_bases.csv"):
        assert PHONE.match(row["contact_phone"])
        assert 0 < float(row["satisfaction_rate"]) <= 1


def test_files_truth_lists_exactly_the_written_files(full: Path, clean: Path) -> None:
    for root in (full, clean):
        rows = read_csv(root / "truth" / "files.csv")
        listed = [row["file"] for row in rows]
        assert len(listed) == len(set(listed))
        assert set(listed) == inbox_files(root)
        assert {row["doc_type"] for row in rows} <= set(DOC_TYPES)
        assert all(row["recommending_unit"] for row in rows)


def test_documents_open(full: Path) -> None:
    unreadable = []
    for row in read_csv(full / "truth" / "files.csv"):
        path = full / "inbox" / row["file"]
        try:
            if path.suffix == ".docx":
                Document(str(path))
            else:
                openpyxl.load_workbook(path)
        except Exception:
            unreadable.append(row)
    assert len(unreadable) == 1
    assert unreadable[0]["doc_type"] == "unknown"
    assert (full / "quotas.xlsx").exists()
    assert openpyxl.load_workbook(full / "registry.xlsx").active.max_row > 1


def test_duplicate_file_is_byte_identical(full: Path) -> None:
    digests: dict[str, list[str]] = {}
    for name in inbox_files(full):
        digest = hashlib.sha256((full / "inbox" / name).read_bytes()).hexdigest()
        digests.setdefault(digest, []).append(name)
    assert [names for names in digests.values() if len(names) > 1].__len__() == 1


def test_clean_generation_has_no_planted_problems(clean: Path) -> None:
    codes = {row["code"] for row in read_csv(clean / "truth" / "planted.csv")}
    assert codes <= {"TECH_SHARE_BELOW_QUOTA"}
    for row in read_csv(clean / "truth" / "studios.csv"):
        assert uscc.is_valid(row["credit_code"])
        assert row["team_size"] and row["established"] <= "2020-07"
        assert PHONE.match(row["leader_phone"])


def test_blank_templates(tmp_path: Path) -> None:
    written = write_blank_templates(tmp_path)
    assert len(written) == 9
    form = Document(str(tmp_path / "附件6-辽宁省劳模创新工作室和职工创新工作室基本情况表.docx"))
    labels = {cell.text for row in form.tables[0].rows for cell in row.cells}
    assert {"工作室名称", "领衔人姓名", "市总工会意见"} <= labels
    quota = openpyxl.load_workbook(tmp_path / "附件1-名额分配表.xlsx").active
    assert quota.cell(row=quota.max_row, column=1).value == "合计"


def test_committed_sample_matches_the_generator(tmp_path: Path) -> None:
    if not (SAMPLES_DIR / "truth" / "files.csv").exists():
        pytest.skip("no committed sample")
    listed = {row["file"] for row in read_csv(SAMPLES_DIR / "truth" / "files.csv")}
    assert listed == inbox_files(SAMPLES_DIR)
    generate_inbox(tmp_path, **SAMPLE_SETTINGS)  # type: ignore[arg-type]
    committed = {name: digest for name, digest in digest_tree(SAMPLES_DIR).items()
                 if name.startswith(("inbox/", "truth/")) or name in ("quotas.xlsx", "registry.xlsx")}
    assert committed == digest_tree(tmp_path)
