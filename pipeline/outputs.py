"""The one entry point of the output writers: `write_outputs` writes every SPEC §6 file of a run.

Each output has its own module in `pipeline.writers`; this module sorts the issues once (unit
order, severity, nominee) and hands the same result to every writer. Each file is built in
memory and moved into place atomically.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from pipeline.results import RunResult
from pipeline.writers import data_csv, discrepancies, feedback, master_list, report
from pipeline.writers.values import csv_text, format_number, neutralise, sort_issues, typed_value

__all__ = ["WRITERS", "csv_text", "format_number", "neutralise", "sort_issues", "typed_value", "write_outputs"]

Writer = Callable[[RunResult, Path], None]
WRITERS: list[Writer] = [data_csv.write, master_list.write, discrepancies.write, report.write, feedback.write]


def write_outputs(result: RunResult, out_dir: Path) -> None:
    """Write every output of one run into out_dir, each file atomically."""
    out_dir = Path(out_dir)
    ordered = dataclasses.replace(result, issues=sort_issues(result.issues, result.unit_order))
    for writer in WRITERS:
        writer(ordered, out_dir)
