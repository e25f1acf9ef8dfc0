"""Held-out family C: the generator is deterministic, every file it writes opens, and its truth is
complete and consistent with the documents. The pipeline is not run here."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from samples.heldout_c.__main__ import main
from schemas.columns import DOC_TYPES, STUDIO_CATEGORIES, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS

UNITS = 5


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]

    def tables(items):  # type: ignore[no-untyped-def]
        for table in items:
            for row in table.rows:
                for cell in row.cells:
                    parts.append(cell.text)
                    tables(cell.tables)

    tables(document.tables)
    return "\n".join(parts)


def xlsx_text(path: Path) -> str:
    workbook = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row
                     if c.value is not None)


def file_text(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else xlsx_text(path)


@pytest.fixture(scope="module")
def roots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        root = tmp_path_factory.mktemp(f"heldout_c_{name}")
        assert main([str(root), "--seed", str(seed), "--units", str(UNITS)]) == 0
        out[name] = root
    return out


def all_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(roots: dict[str, Path]) -> None:
    first, second = all_files(roots["a"]), all_files(roots["b"])
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert all_files(roots["c"]) != first


@pytest.mark.parametrize("name", ["a", "c"])
def test_every_file_opens_and_is_listed(roots: dict[str, Path], name: str) -> None:
    root = roots[name]
    inbox = root / "inbox"
    listed = read_csv(root / "truth" / "files.csv")
    on_disk = sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file())
    assert sorted(row["file"] for row in listed) == on_disk
    for row in listed:
        assert row["doc_type"] in DOC_TYPES
        assert row["recommending_unit"]
        assert file_text(inbox / row["file"]).strip()
    for extra in ("quotas.xlsx", "registry.xlsx"):
        openpyxl.load_workbook(root / extra)


@pytest.mark.parametrize("name", ["a", "c"])
def test_truth_is_complete(roots: dict[str, Path], name: str) -> None:
    truth = roots[name] / "truth"
    studios = read_csv(truth / "studios.csv")
    bases = read_csv(truth / "training_bases.csv")
    planted = read_csv(truth / "planted.csv")
    assert list(studios[0]) == [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")]
    assert list(bases[0]) == [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "source_files")]
    keys = [(r["recommending_unit"], r["studio_name"]) for r in studios]
    assert len(keys) == len(set(keys))
    without_form = {r["entity"] for r in planted if r["code"] == "MISSING_FORM"}
    for row in studios:
        assert row["category"] in STUDIO_CATEGORIES
        required = ["studio_name", "organization", "leader_name", "team_size", "established"]
        assert all(row[f] for f in required), row
        assert re.fullmatch(r"20(0\d|1\d|20)-\d\d", row["established"]) and row["established"] <= "2020-07"
        if row["studio_name"] not in without_form:
            for column in ("credit_code", "org_nature", "leader_gender", "leader_birth", "leader_phone",
                           "venue_area_m2", "annual_funding_wan", "economic_benefit_wan", "patents",
                           "tackled_projects", "suggestions", "trained_workers", "apprentices"):
                assert row[column] != "", (row["studio_name"], column)
    for row in bases:
        assert all(row[c] for c in row), row
    codes = {r["code"] for r in planted}
    assert {"MISSING_FORM", "MISSING_MATERIAL", "NARRATIVE_MISMATCH", "UNKNOWN_DOCUMENT"} <= codes
    unknown_files = [r for r in read_csv(truth / "files.csv") if r["doc_type"] == "unknown"]
    assert len(unknown_files) == sum(1 for r in planted if r["code"] == "UNKNOWN_DOCUMENT")


@pytest.mark.parametrize("name", ["a", "c"])
def test_truth_matches_documents(roots: dict[str, Path], name: str) -> None:
    """Every studio with a form is named on exactly one form; materials exist exactly where planted."""
    root = roots[name]
    files = read_csv(root / "truth" / "files.csv")
    texts = {r["file"]: (r["doc_type"], file_text(root / "inbox" / r["file"])) for r in files}
    planted = read_csv(root / "truth" / "planted.csv")
    no_form = {r["entity"] for r in planted if r["code"] == "MISSING_FORM"}
    no_material = {r["entity"] for r in planted if r["code"] == "MISSING_MATERIAL"}
    for row in read_csv(root / "truth" / "studios.csv"):
        studio = row["studio_name"]
        forms = [t for kind, t in texts.values() if kind == "studio_form" and studio in t]
        books = [t for kind, t in texts.values() if kind.startswith("summary_") and studio in t]
        materials = [t for kind, t in texts.values() if kind == "material" and studio in t]
        assert books, studio
        assert len(materials) == (0 if studio in no_material else 1), studio
        if studio in no_form:
            assert not forms and all(t.count(studio) == 1 for t in books)
            continue
        on_form = forms or [t for t in books if t.count(studio) > 1]
        assert len(on_form) == 1, studio
        assert row["leader_name"] in on_form[0] and row["organization"] in on_form[0]
        if row["credit_code"]:
            assert row["credit_code"] in on_form[0]
    for row in read_csv(root / "truth" / "training_bases.csv"):
        forms = [t for kind, t in texts.values() if kind == "training_base_form" and row["enterprise_name"] in t]
        assert len(forms) == 1 and row["credit_code"] in forms[0] and row["cert_no"] in forms[0]
