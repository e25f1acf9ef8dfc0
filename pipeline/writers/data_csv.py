"""The data CSVs of SPEC §6: `data/studios.csv`, `training_bases.csv`, `issues.csv`, `files.csv`.

UTF-8 without BOM, a header row of the contract's columns followed by any extra columns of the
frame; cells formatted by `values.csv_text`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pipeline.results import RunResult
from pipeline.writers.files import atomic_write
from pipeline.writers.values import csv_text
from schemas.columns import FILE_COLUMNS, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS
from schemas.issues import ISSUE_COLUMNS


def ordered_columns(frame: pd.DataFrame, contract: Sequence[str]) -> list[str]:
    """The contract's columns, then the frame's other columns in their order."""
    return [*contract, *(str(c) for c in frame.columns if c not in contract)]


def frame_csv(frame: pd.DataFrame, contract: Sequence[str]) -> bytes:
    columns = ordered_columns(frame, contract)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in frame.to_dict("records"):
        writer.writerow([csv_text(column, record.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8")


def write(result: RunResult, out_dir: Path) -> None:
    tables = [("studios.csv", result.studios, STUDIO_COLUMNS),
              ("training_bases.csv", result.training_bases, TRAINING_BASE_COLUMNS),
              ("issues.csv", result.issues, ISSUE_COLUMNS),
              ("files.csv", result.files, FILE_COLUMNS)]
    for name, frame, contract in tables:
        atomic_write(out_dir / "data" / name, frame_csv(frame, contract))
