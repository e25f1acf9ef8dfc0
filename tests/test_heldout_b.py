"""The family-B held-out generator: deterministic, every file opens, the truth is complete.

These tests never run the pipeline: the generator must stay independent of it.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from stdnum.cn import uscc

from samples.data import load_units
from samples.heldout_b.world import generate
from schemas.columns import DOC_TYPES, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS

ALLOWED_CODES = {"MISSING_FORM", "MISSING_MATERIAL", "NARRATIVE_MISMATCH", "UNKNOWN_DOCUMENT",
                 "TECH_SHARE_BELOW_QUOTA", "QUOTA_EXCEEDED"}
STUDIO_REQUIRED = ["category", "recommending_unit", "studio_name", "organization", "leader_name", "team_size",
                   "established"]
BASE_REQUIRED = ["recommending_unit", "enterprise_name", "credit_code", "tech_category", "trainees_2018",
                 "trainees_2019", "trainees_2020"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        return "\n".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row
                         if c.value is not None)
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]

    def walk(tables: list) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.append(cell.text)
                    walk(cell.tables)

    walk(document.tables)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("heldout_b")
    generate(path, seed=5, units=6)
    return path


def test_deterministic(root: Path, tmp_path: Path) -> None:
    generate(tmp_path, seed=5, units=6)
    assert digests(tmp_path) == digests(root)


def test_every_file_opens_and_is_listed(root: Path) -> None:
    inbox = root / "inbox"
    on_disk = {p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()}
    files = read_csv(root / "truth" / "files.csv")
    assert {f["file"] for f in files} == on_disk
    units = {u.name for u in load_units()}
    for row in files:
        assert row["doc_type"] in DOC_TYPES
        assert row["recommending_unit"] in units
        assert text_of(inbox / row["file"]).strip()
    openpyxl.load_workbook(root / "quotas.xlsx")
    openpyxl.load_workbook(root / "registry.xlsx")


def test_truth_is_complete(root: Path) -> None:
    truth = root / "truth"
    studios = read_csv(truth / "studios.csv")
    bases = read_csv(truth / "training_bases.csv")
    assert list(studios[0]) == [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")]
    if bases:
        assert list(bases[0]) == [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "source_files")]
    for row in studios:
        assert all(row[c] for c in STUDIO_REQUIRED), row
        assert row["established"] <= "2020-07"
        assert not row["credit_code"] or uscc.is_valid(row["credit_code"])
    for row in bases:
        assert all(row[c] for c in BASE_REQUIRED), row
        assert uscc.is_valid(row["credit_code"])
        assert row["has_training_records"] == row["has_followup_service"] == row["has_incentives"] == "true"
    keys = [(r["recommending_unit"], r["studio_name"]) for r in studios]
    assert len(keys) == len(set(keys))


def test_planted_rows_are_certain_and_match_the_documents(root: Path) -> None:
    truth = root / "truth"
    planted = read_csv(truth / "planted.csv")
    codes = Counter(p["code"] for p in planted)
    assert set(codes) <= ALLOWED_CODES
    assert codes["MISSING_FORM"] == 1 and codes["NARRATIVE_MISMATCH"] == 1
    assert 1 <= codes["MISSING_MATERIAL"] <= 2 and codes["UNKNOWN_DOCUMENT"] >= 1
    studios = read_csv(truth / "studios.csv")
    names = {(s["recommending_unit"], s["studio_name"]) for s in studios}
    for row in planted:
        if row["entity"]:
            assert (row["recommending_unit"], row["entity"]) in names
    files = read_csv(truth / "files.csv")
    texts = {f["file"]: (f["doc_type"], text_of(root / "inbox" / f["file"])) for f in files}
    no_form = {p["entity"] for p in planted if p["code"] == "MISSING_FORM"}
    no_material = {p["entity"] for p in planted if p["code"] == "MISSING_MATERIAL"}
    for studio in studios:
        name = studio["studio_name"]
        kinds = {kind for kind, text in texts.values() if name in text}
        assert any(k.startswith("summary_") for k in kinds), name
        assert ("studio_form" in kinds) == (name not in no_form), name
        assert ("material" in kinds) == (name not in no_material), name
    unknown = sum(1 for kind, _ in texts.values() if kind == "unknown")
    assert unknown == codes["UNKNOWN_DOCUMENT"]
