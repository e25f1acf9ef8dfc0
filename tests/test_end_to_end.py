"""End to end: a generated inbox with drift through the command, compared with its truth."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samples.evaluate import evaluate
from samples.generate import generate_inbox

ROOT = Path(__file__).resolve().parents[1]
CHECK_CONTRACT = ROOT.parent / "shared" / "tools" / "check_contract.py"


def run_pipeline(inbox: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "run", str(inbox), "--out", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    generate_inbox(root, seed=7, units=14)
    return root


@pytest.fixture(scope="module")
def output(generated: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    completed = run_pipeline(generated / "inbox", out, "--quotas", str(generated / "quotas.xlsx"),
                             "--registry", str(generated / "registry.xlsx"))
    assert completed.returncode == 0, completed.stderr
    return out


def inbox_files(inbox: Path) -> list[str]:
    return sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file())


def test_generated_inbox_is_large_enough(generated: Path):
    assert len(inbox_files(generated / "inbox")) >= 100


def test_every_nominee_found_and_fields_match_truth(generated: Path, output: Path):
    result = evaluate(generated / "truth", output)
    print(result.summary())
    assert result.missing == []
    assert result.nominees_extra == 0
    assert result.field_accuracy >= 0.99, result.summary()


def test_every_file_listed_and_classified(generated: Path, output: Path):
    result = evaluate(generated / "truth", output)
    assert result.files_listed == result.files_expected == len(inbox_files(generated / "inbox"))
    assert result.doc_types_equal >= 0.99 * result.files_expected, result.summary()
    assert result.units_equal >= 0.99 * result.files_expected, result.summary()


def test_every_planted_problem_found_and_clean_nominees_quiet(generated: Path, output: Path):
    result = evaluate(generated / "truth", output)
    with (generated / "truth" / "planted.csv").open(encoding="utf-8") as handle:
        planted_codes = {row["code"] for row in csv.DictReader(handle)}
    assert len(planted_codes) >= 25
    assert result.planted_missed == [], result.summary()
    assert result.unexpected_issues == [], result.summary()


def test_report_and_letters_read_back(generated: Path, output: Path):
    import docx
    import openpyxl

    html = (output / "discrepancy_report.html").read_text(encoding="utf-8")
    with (output / "data" / "issues.csv").open(encoding="utf-8") as handle:
        issues = list(csv.DictReader(handle))
    for issue in issues:
        assert issue["code"] in html
    letters = {p.stem: p for p in (output / "feedback").glob("*.docx")}
    units_with_errors = {i["recommending_unit"] for i in issues if i["severity"] == "error" and i["recommending_unit"]}
    assert units_with_errors <= set(letters)
    for unit in units_with_errors:
        text = "\n".join(p.text for p in docx.Document(letters[unit]).paragraphs)
        messages = [i["message"] for i in issues if i["recommending_unit"] == unit and i["severity"] == "error"]
        assert all(message.rstrip("。") in text for message in messages)
    sheet = openpyxl.load_workbook(output / "discrepancies.xlsx").active
    assert sheet.max_row - 1 == len(issues)


def test_inbox_untouched_and_contract_kept(generated: Path, output: Path, tmp_path: Path):
    inbox = tmp_path / "inbox"
    shutil.copytree(generated / "inbox", inbox)
    before = {p: p.read_bytes() for p in inbox.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    assert run_pipeline(inbox, out).returncode == 0
    assert {p: p.read_bytes() for p in inbox.rglob("*") if p.is_file()} == before
    if not CHECK_CONTRACT.exists():
        pytest.skip("shared/tools/check_contract.py is not beside the project")
    check = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(out), "--inbox", str(inbox)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout


def test_bad_arguments_exit_non_zero(tmp_path: Path):
    assert run_pipeline(tmp_path / "missing", tmp_path / "out").returncode == 2
    bad_campaign = tmp_path / "c.yaml"
    bad_campaign.write_text("deadline: someday\n", encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    completed = run_pipeline(tmp_path / "inbox", tmp_path / "out", "--campaign", str(bad_campaign))
    assert completed.returncode == 2
    assert "deadline" in completed.stderr


def test_unit_folders_sent_as_zips_lose_nothing(tmp_path: Path):
    from samples.archives import pack_folders

    generate_inbox(tmp_path, seed=13, units=4)
    packed = pack_folders(tmp_path, count=2)
    assert packed and all((tmp_path / "inbox" / f"{folder}.zip").exists() for folder in packed)
    out = tmp_path / "out"
    assert run_pipeline(tmp_path / "inbox", out, "--quotas", str(tmp_path / "quotas.xlsx")).returncode == 0
    result = evaluate(tmp_path / "truth", out)
    assert result.files_listed == result.files_expected, result.summary()
    assert result.doc_types_equal == result.files_expected, result.summary()
    assert result.missing == [] and result.field_accuracy >= 0.99, result.summary()
