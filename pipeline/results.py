"""What one run produces, before it is written: the frames behind every SPEC §6 output."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

QUOTA_USAGE_COLUMNS = [
    "unit", "kind",
    "labor_model_quota", "labor_model_nominated",
    "worker_studio_quota", "worker_studio_nominated",
    "worker_studio_tech_min", "worker_studio_tech_nominated",
    "training_base_quota", "training_base_nominated",
]


@dataclass(slots=True)
class RunResult:
    studios: pd.DataFrame          # schemas.columns.STUDIO_COLUMNS (+ extra columns after them)
    training_bases: pd.DataFrame   # schemas.columns.TRAINING_BASE_COLUMNS (+ extra)
    issues: pd.DataFrame           # pipeline.issues.ISSUE_COLUMNS
    files: pd.DataFrame            # schemas.columns.FILE_COLUMNS
    quota_usage: pd.DataFrame      # one row per unit: QUOTA_USAGE_COLUMNS
    unit_order: list[str] = field(default_factory=list)  # units in quota-table order
    campaign_name: str = "2021"
