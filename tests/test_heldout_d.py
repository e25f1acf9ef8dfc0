"""Held-out family D: the generator is deterministic, every file opens and is listed, and the truth is
complete and says what the documents say. The pipeline is not run here."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from samples.heldout_d.build import generate
from samples.records import format_number
from schemas.columns import DOC_TYPES, STUDIO_CATEGORIES, SUMMARY_DOC_TYPE

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_STUDIO = ["category", "recommending_unit", "studio_name", "organization", "leader_name", "team_size",
                   "established"]
REQUIRED_BASE = ["recommending_unit", "enterprise_name", "credit_code", "tech_category", "trainees_2018",
                 "trainees_2019", "trainees_2020"]
CN = "〇一二三四五六七八九"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for tr in table._tbl.tr_lst:
            for tc in tr.tc_lst:
                parts.append("\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))))
    return "\n".join(parts)


def xlsx_rows(path: Path) -> list[list[object]]:
    workbook = load_workbook(path)
    return [list(row) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)]


def number_in(text: str, value: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])", text) is not None


def chinese(n: int) -> str:
    import cn2an

    return cn2an.an2cn(n)


def chinese_in(text: str, value: int) -> bool:
    digits = "零〇一二三四五六七八九十百"
    return re.search(rf"(?<![{digits}]){chinese(value)}(?![{digits}])", text) is not None


def month_forms(value: str) -> set[str]:
    y, m = (int(x) for x in value.split("-"))
    cn_year = "".join(CN[int(d)] for d in str(y))
    return {f"{y}年{m}月", f"{y}.{m:02d}", f"{y}.{m}", f"{y}-{m:02d}", f"{y}/{m}", f"{y}{m:02d}",
            f"{cn_year}年{chinese(m)}月"}


def money_forms(value: str) -> set[str]:
    wan = float(value)
    forms = {format_number(wan), f"{format_number(wan / 10000)}亿元"}
    if (wan * 10000).is_integer():
        forms.add(f"{int(wan * 10000):,}元")
    return forms


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("heldout_d")
    generate(root, seed=3, units=12)
    return root


@pytest.fixture(scope="module")
def texts(inbox: Path) -> dict[str, str]:
    result = {}
    for row in read(inbox / "truth" / "files.csv"):
        path = inbox / "inbox" / row["file"]
        if path.suffix == ".docx":
            result[row["file"]] = docx_text(path)
        else:
            result[row["file"]] = "\n".join(" ".join("" if v is None else str(v) for v in r)
                                            for r in xlsx_rows(path))
    return result


def test_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate(first, seed=5, units=5)
    generate(second, seed=5, units=5)
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_every_file_listed_opens_and_is_distinct(inbox: Path, texts: dict[str, str]) -> None:
    files = read(inbox / "truth" / "files.csv")
    on_disk = {p.relative_to(inbox / "inbox").as_posix() for p in (inbox / "inbox").rglob("*") if p.is_file()}
    assert {f["file"] for f in files} == on_disk
    assert all(f["doc_type"] in DOC_TYPES for f in files)
    units = {line.split(",")[0] for line in (ROOT / "schemas" / "quotas_2021.csv").read_text("utf-8").split()[1:]}
    assert all(f["recommending_unit"] in units for f in files)
    digests = [hashlib.sha256((inbox / "inbox" / f["file"]).read_bytes()).hexdigest() for f in files]
    assert len(set(digests)) == len(digests)
    assert set(texts) == on_disk
    for name in ("quotas.xlsx", "registry.xlsx"):
        assert xlsx_rows(inbox / name)
    top = {p.name for p in (inbox / "inbox").iterdir()}
    assert any((inbox / "inbox" / t).is_dir() for t in top) and any((inbox / "inbox" / t).is_file() for t in top)


def test_truth_complete(inbox: Path) -> None:
    studios = read(inbox / "truth" / "studios.csv")
    bases = read(inbox / "truth" / "training_bases.csv")
    assert len({s["recommending_unit"] for s in studios}) == 12
    for unit in {s["recommending_unit"] for s in studios}:
        assert 2 <= sum(1 for s in studios if s["recommending_unit"] == unit) <= 5
        assert sum(1 for b in bases if b["recommending_unit"] == unit) <= 2
    for row in studios:
        assert row["category"] in STUDIO_CATEGORIES
        assert all(row[c] for c in REQUIRED_STUDIO), row
        assert re.fullmatch(r"\d{4}-\d{2}", row["established"]) and row["established"] <= "2020-07"
        assert row["team_size"].isdigit()
    for row in bases:
        assert all(row[c] for c in REQUIRED_BASE), row
        assert all(row[c] in ("true", "false") for c in ("has_training_records", "has_followup_service",
                                                         "has_incentives"))
    assert len({(s["recommending_unit"], s["studio_name"]) for s in studios}) == len(studios)


def test_planted_are_the_certain_ones(inbox: Path) -> None:
    planted = read(inbox / "truth" / "planted.csv")
    codes = [p["code"] for p in planted]
    assert set(codes) <= {"MISSING_FORM", "MISSING_MATERIAL", "NARRATIVE_MISMATCH", "UNKNOWN_DOCUMENT",
                          "QUOTA_EXCEEDED", "TECH_SHARE_BELOW_QUOTA"}
    assert codes.count("MISSING_FORM") == 1 and 1 <= codes.count("MISSING_MATERIAL") <= 2
    assert codes.count("NARRATIVE_MISMATCH") == 1
    assert next(p for p in planted if p["code"] == "NARRATIVE_MISMATCH")["field"] in ("team_size", "patents")
    unknown = [f for f in read(inbox / "truth" / "files.csv") if f["doc_type"] == "unknown"]
    assert sorted(f["recommending_unit"] for f in unknown) == sorted(
        p["recommending_unit"] for p in planted if p["code"] == "UNKNOWN_DOCUMENT")
    assert all(not p["entity"] for p in planted if p["code"] == "UNKNOWN_DOCUMENT")


def files_of(inbox: Path, texts: dict[str, str], unit: str, doc_type: str, needle: str) -> list[str]:
    return [f["file"] for f in read(inbox / "truth" / "files.csv")
            if f["recommending_unit"] == unit and f["doc_type"] == doc_type and needle in texts[f["file"]]]


def test_studio_truth_matches_documents(inbox: Path, texts: dict[str, str]) -> None:
    planted = read(inbox / "truth" / "planted.csv")
    no_form = {p["entity"] for p in planted if p["code"] == "MISSING_FORM"}
    no_material = {p["entity"] for p in planted if p["code"] == "MISSING_MATERIAL"}
    mismatch = {p["entity"]: p["field"] for p in planted if p["code"] == "NARRATIVE_MISMATCH"}
    for row in read(inbox / "truth" / "studios.csv"):
        unit, name = row["recommending_unit"], row["studio_name"]
        summaries = files_of(inbox, texts, unit, SUMMARY_DOC_TYPE[row["category"]], name)
        assert len(summaries) == 1, name
        forms = files_of(inbox, texts, unit, "studio_form", name)
        materials = files_of(inbox, texts, unit, "material", name)
        assert len(materials) == (0 if name in no_material else 1), name
        if name in no_form:
            assert not forms
            summary_row = next(r for r in xlsx_rows(inbox / "inbox" / summaries[0]) if name in r)
            assert int(row["team_size"]) in summary_row and row["leader_name"] in summary_row
            assert not row["patents"] and not row["venue_area_m2"]
            continue
        assert len(forms) == 1, name
        text = texts[forms[0]]
        digits = re.sub(r"\D", "", text)
        for column in ("organization", "credit_code", "leader_name", "leader_gender", "leader_honors"):
            assert row[column] in text, (name, column)
        assert row["leader_phone"] in digits
        assert any(form in text for form in month_forms(row["established"])), name
        assert any(form in text for form in month_forms(row["leader_birth"]))
        for column in ("team_size", "patents", "tackled_projects", "suggestions", "trained_workers", "apprentices"):
            assert number_in(text, row[column]), (name, column)
        assert any(form in text for form in money_forms(row["economic_benefit_wan"]))
        if materials:
            story = texts[materials[0]]
            for column in ("team_size", "patents"):
                value = int(row[column])
                stated = number_in(story, str(value)) or (0 < value < 100 and chinese_in(story, value))
                if mismatch.get(name) == column:
                    assert not stated, (name, column)
                elif column == "team_size" or value:
                    assert stated, (name, column)
            assert number_in(story, row["trained_workers"])
            assert any(form in story for form in month_forms(row["established"]))


def test_base_truth_matches_documents(inbox: Path, texts: dict[str, str]) -> None:
    for row in read(inbox / "truth" / "training_bases.csv"):
        unit, name = row["recommending_unit"], row["enterprise_name"]
        assert len(files_of(inbox, texts, unit, "summary_training_base", name)) == 1
        forms = files_of(inbox, texts, unit, "training_base_form", name)
        assert len(forms) == 1, name
        text = texts[forms[0]]
        assert row["contact_phone"] in re.sub(r"\D", "", text)
        for column in ("credit_code", "cert_no", "address", "legal_rep", "contact_name", "training_programs"):
            assert row[column] in text, (name, column)
        for column in ("employees", "equipment_sets", "full_time_teachers", "part_time_teachers", "trainees_2018",
                       "trainees_2019", "trainees_2020", "training_area_m2"):
            assert number_in(text, row[column]), (name, column)
        assert f"{format_number(float(row['satisfaction_rate']) * 100)}" in text
        for category in row["tech_category"].split("；"):
            assert category in text


def test_independent_of_the_parser_and_other_generators() -> None:
    forbidden = re.compile(r"extractors|pipeline|labels|normalize|wild|heldout")
    for path in (ROOT / "samples" / "heldout_d").glob("*.py"):
        for line in path.read_text("utf-8").splitlines():
            if line.lstrip().startswith(("import ", "from ")):
                assert not forbidden.search(line), (path.name, line)
