"""The held-out generator: deterministic, every file readable, truth complete and valid (no pipeline run)."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from stdnum.cn import uscc

from samples.heldout.build import generate_heldout
from schemas.columns import DOC_TYPES

REQUIRED = ["category", "recommending_unit", "studio_name", "organization", "leader_name", "team_size", "established"]
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("heldout")
    generate_heldout(path, seed=5, units=5)
    return path


def test_same_seed_same_bytes(root: Path, tmp_path: Path) -> None:
    generate_heldout(tmp_path, seed=5, units=5)
    assert digest(tmp_path) == digest(root)


def test_every_file_listed_and_readable(root: Path) -> None:
    inbox = root / "inbox"
    rows = read_csv(root / "truth" / "files.csv")
    assert {r["file"] for r in rows} == {p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()}
    for row in rows:
        assert row["doc_type"] in DOC_TYPES and row["recommending_unit"]
        path = inbox / row["file"]
        if path.suffix == ".docx":
            assert Document(str(path)).paragraphs
        else:
            assert openpyxl.load_workbook(path).worksheets
    assert (root / "quotas.xlsx").exists() and (root / "registry.xlsx").exists()


def test_truth_is_complete_and_valid(root: Path) -> None:
    studios = read_csv(root / "truth" / "studios.csv")
    assert studios
    for row in studios:
        assert all(row[k] for k in REQUIRED), row
        assert row["established"] <= "2020-07"
        assert not row["credit_code"] or uscc.is_valid(row["credit_code"])
        assert not row["leader_phone"] or PHONE.match(row["leader_phone"])
    for row in read_csv(root / "truth" / "training_bases.csv"):
        assert all(row.values()), row
        assert uscc.is_valid(row["credit_code"])


def test_only_certain_absences_are_planted(root: Path) -> None:
    codes = [r["code"] for r in read_csv(root / "truth" / "planted.csv")]
    assert codes.count("MISSING_FORM") == 1
    assert 1 <= codes.count("MISSING_MATERIAL") <= 2
    assert set(codes) <= {"MISSING_FORM", "MISSING_MATERIAL", "UNKNOWN_DOCUMENT", "TECH_SHARE_BELOW_QUOTA"}
