"""Orchestration: worker processes, per-file time limits, size limits."""

from __future__ import annotations

import time

import pipeline.batch
from pipeline.batch import process_items
from pipeline.inbox import scan_inbox
from schemas.units import default_quotas

UNITS = [q.unit for q in default_quotas()]


def test_a_file_that_hangs_is_stopped_and_reported(tmp_path, monkeypatch):
    real = pipeline.batch.extract_file

    def slow_on_one(data, path):
        if path == "slow.docx":
            time.sleep(30)
        return real(data, path)

    monkeypatch.setattr(pipeline.batch, "extract_file", slow_on_one)
    (tmp_path / "slow.docx").write_bytes(b"x")
    (tmp_path / "fine.txt").write_text("你好", encoding="utf-8")
    started = time.perf_counter()
    found, _ = process_items(list(scan_inbox(tmp_path)), UNITS, workers=2, timeout=2)
    results = {r.file: r for r in found}
    assert time.perf_counter() - started < 20
    assert results["slow.docx"].status == "failed"
    assert "超时" in results["slow.docx"].message
    assert [i.code for i in results["slow.docx"].issues] == ["PROCESSING_FAILED"]   # ours, not the unit's
    assert results["fine.txt"].status != "failed" or results["fine.txt"].issues


def test_files_over_the_size_limit_are_not_read(tmp_path):
    (tmp_path / "big.docx").write_bytes(b"0" * 4096)
    (result,), _ = process_items(list(scan_inbox(tmp_path)), UNITS, workers=1, max_bytes=1024)
    assert result.status == "failed" and "过大" in result.message
