"""Faults injected into a real CLI process (not production code): `run_cli(..., faults={...})` in
cli_support starts `python -c` that calls `install()` and then the real `pipeline.cli.main`.
The patches are made before the worker pool forks, so workers inherit them.

Faults (JSON in PIPELINE_TEST_FAULTS):
- "slow": {glob: seconds}    extraction of a matching file sleeps first
- "hang": [glob, ...]       extraction of a matching file starts a helper (`sleep 313`) through
                            `run_bounded`, as a hung LibreOffice would, and waits for it
- "crash": [glob, ...]      extraction of a matching file kills its worker process (exit 9)
- "marker": path            each extraction that a fault touches appends its path to this file
- "max_rows": n             a spreadsheet sheet holds at most n rows (the bound is 50,000)
- "slow_write": seconds     writing the report (into the staging folder) writes "writing" to
                            the marker file, then sleeps
"""

from __future__ import annotations

import fnmatch
import json
import os
import time

HELPER_SECONDS = "313"   # a distinctive `sleep` argument, so a test can look for the helper


def install() -> None:
    faults = json.loads(os.environ.get("PIPELINE_TEST_FAULTS", "{}"))
    if faults.get("slow") or faults.get("hang") or faults.get("crash"):
        _patch_extraction(faults.get("slow", {}), faults.get("hang", []), faults.get("crash", []), faults.get("marker"))
    if faults.get("max_rows"):
        from extractors.backends import xlsx_backend

        xlsx_backend.MAX_ROWS = int(faults["max_rows"])
    if faults.get("slow_write"):
        _patch_writing(float(faults["slow_write"]), faults.get("marker"))


def _mark(marker: str | None, text: str) -> None:
    if marker:
        with open(marker, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")


def _patch_extraction(slow: dict[str, float], hang: list[str], crash: list[str], marker: str | None) -> None:
    import pipeline.batch
    from extractors.backends.bounded import run_bounded

    real = pipeline.batch.extract_file

    def faulty(data: bytes, path: str):
        if any(fnmatch.fnmatch(path, pattern) for pattern in crash):
            os._exit(9)
        for pattern in hang:
            if fnmatch.fnmatch(path, pattern):
                _mark(marker, f"hang {path}")
                run_bounded(["sleep", HELPER_SECONDS], timeout=600)
        for pattern, seconds in slow.items():
            if fnmatch.fnmatch(path, pattern):
                _mark(marker, f"slow {path}")
                time.sleep(seconds)
        return real(data, path)

    pipeline.batch.extract_file = faulty


def _patch_writing(seconds: float, marker: str | None) -> None:
    import pipeline.outputs
    from pipeline.writers import report

    def slow_report(result, out_dir):
        report.write(result, out_dir)
        _mark(marker, "writing")
        time.sleep(seconds)

    pipeline.outputs.WRITERS[pipeline.outputs.WRITERS.index(report.write)] = slow_report
