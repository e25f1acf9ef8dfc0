"""Caches that survive upgrades (issue 11): the extraction cache is keyed by the code that
extracts, not by checks or writers; a re-run with nothing changed does nothing; anything that
changed makes it run in full."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from cli_support import ROOT, UNIT, form_docx, run_cli, small_inbox

from pipeline.batch import EXTRACTING_MODULES, extracting_files, extractor_version
from pipeline.unchanged import PUBLISHED_NAME


def test_the_extraction_cache_is_keyed_by_the_code_that_extracts_only() -> None:
    files = {path.relative_to(ROOT).as_posix() for path in extracting_files()}
    assert "extractors/forms.py" in files and "schemas/normalize.py" in files
    assert "schemas/campaign_2021.yaml" in files     # the campaign vocabularies
    assert not any(name.startswith(("pipeline/checks/", "pipeline/writers/")) for name in files)
    assert "pipeline/consolidate.py" not in files and "pipeline/batch.py" not in files
    assert len(extractor_version()) == 16


def test_every_pipeline_module_an_extraction_runs_is_in_the_key() -> None:
    """Extract a real form in a fresh interpreter: each pipeline module it loads is hashed."""
    script = ("import sys\n"
              "from pipeline.process import extract_file\n"
              f"result = extract_file({form_docx(1)!r}, 'a.docx')\n"
              "assert result.records, result\n"
              "print(' '.join(sorted(m for m in sys.modules if m.startswith('pipeline.'))))\n")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                               timeout=120, check=True)
    loaded = {name.replace(".", "/") + ".py" for name in completed.stdout.split()}
    assert loaded <= set(EXTRACTING_MODULES), loaded - set(EXTRACTING_MODULES)


def _outputs(out: Path) -> dict[str, int]:
    """The published outputs (not the lock or the state) and their modification times."""
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*")
            if p.is_file() and not p.name.startswith(".") and ".state" not in p.parts}


def _run(inbox: Path, out: Path) -> subprocess.CompletedProcess:
    return run_cli("run", inbox, "--out", out, timeout=300)


def test_a_rerun_with_nothing_changed_does_nothing_and_any_change_runs_in_full(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    small_inbox(inbox, 2)
    first = _run(inbox, out)
    assert first.returncode == 0, first.stderr
    published = _outputs(out)

    again = _run(inbox, out)
    assert again.returncode == 0 and "完全相同，输出保持不变" in again.stderr
    assert _outputs(out) == published   # nothing rewritten

    form = inbox / UNIT / "附件6-新到的表.docx"
    form.write_bytes(form_docx(7))
    added = _run(inbox, out)
    assert added.returncode == 0 and "完全相同" not in added.stderr
    assert "附件6-新到的表.docx" in (out / "data" / "files.csv").read_text(encoding="utf-8")

    os.utime(form, (time.time() + 5, time.time() + 5))   # touched: read the listing again, in full
    assert "完全相同" not in _run(inbox, out).stderr
    assert "完全相同" in _run(inbox, out).stderr

    (out / "master_list.xlsx").unlink()   # an output gone: rebuilt
    rebuilt = _run(inbox, out)
    assert "完全相同" not in rebuilt.stderr and (out / "master_list.xlsx").is_file()
    assert (out / PUBLISHED_NAME).is_file()


def test_a_rerun_with_other_reference_files_runs_in_full(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    small_inbox(inbox, 1)
    assert _run(inbox, out).returncode == 0
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text("limits: {file_timeout_seconds: 60}\n", encoding="utf-8")
    other = run_cli("run", inbox, "--out", out, "--campaign", campaign, timeout=300)
    assert other.returncode == 0 and "完全相同" not in other.stderr
    campaign.write_text("limits: {file_timeout_seconds: 90}\n", encoding="utf-8")
    edited = run_cli("run", inbox, "--out", out, "--campaign", campaign, timeout=300)
    assert edited.returncode == 0 and "完全相同" not in edited.stderr
