"""What one run produces, before it is written: the frames behind every SPEC §6 output."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from schemas.campaign import ProvinceTargets

# One row per unit (pipeline.quota_figures): quota and nominees per quota group, nominees beyond a
# maximum (`*_over`) or missing to a minimum (`*_short`); in_quota_table is false for a unit that
# nominated without being in the quota table (its quotas are 0).
QUOTA_USAGE_COLUMNS = [
    "unit", "kind", "in_quota_table",
    "labor_model_quota", "labor_model_nominated", "labor_model_over",
    "worker_studio_quota", "worker_studio_nominated", "worker_studio_over",
    "worker_studio_tech_min", "worker_studio_tech_nominated", "worker_studio_tech_short",
    "training_base_quota", "training_base_nominated", "training_base_over",
    "worker_studio_other_nominated",
]
# A mark on one cell of the master list: kind is `mismatch` (form and summary disagree; note says
# what the summary held), `ocr` (read from a scan), `low_confidence` (OCR unsure), `corrected`
# (a reviewer's correction; note says the old value and the reason).
CELL_MARK_COLUMNS = ["record_id", "field", "kind", "note"]
# Reviewer corrections and waivers as applied on this run (issue 4).
AUDIT_COLUMNS = ["record_id", "field", "action", "old_value", "new_value", "reason", "who", "status"]
# What changed since the previous run: kind is one of new_file, changed_file, removed_file,
# superseded_file, new_nominee, removed_nominee, new_issue, resolved_issue.
CHANGE_COLUMNS = ["kind", "recommending_unit", "subject", "detail"]
# `RunResult.run_info` key of the season guard's warning (pipeline.season_guard), shown above
# everything else in the report and the command's output.
SEASON_GUARD_KEY = "season_guard"


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=columns).astype(object)


@dataclass(slots=True)
class RunResult:
    studios: pd.DataFrame          # schemas.columns.STUDIO_COLUMNS (+ extra columns after them)
    training_bases: pd.DataFrame   # schemas.columns.TRAINING_BASE_COLUMNS (+ extra)
    issues: pd.DataFrame           # schemas.issues.ISSUE_COLUMNS
    files: pd.DataFrame            # schemas.columns.FILE_COLUMNS
    quota_usage: pd.DataFrame      # one row per unit: QUOTA_USAGE_COLUMNS
    unit_order: list[str] = field(default_factory=list)  # units in quota-table order
    campaign_name: str = "2021"
    campaign_notice: str = ""      # the notice number (文号), shown under the titles
    targets: ProvinceTargets = field(default_factory=ProvinceTargets)
    cell_marks: pd.DataFrame = field(default_factory=lambda: empty(CELL_MARK_COLUMNS))
    audit: pd.DataFrame = field(default_factory=lambda: empty(AUDIT_COLUMNS))
    changes: pd.DataFrame = field(default_factory=lambda: empty(CHANGE_COLUMNS))
    run_info: dict[str, str] = field(default_factory=dict)  # shown at the top of the report
    inbox_dir: str = ""  # the inbox read; when set, the report links file names to the files there
