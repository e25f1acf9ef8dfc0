"""The consolidator: file results → normalised entries → one record per nominee → checks →
reviewer corrections and waivers → the frames of every output."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from extractors.prose.honours import highest_honour, parse_honours
from pipeline.checks import Context, run_checks
from pipeline.corrections import (
    Correction,
    CorrectionOutcome,
    apply_corrections,
    issue_fields,
    mark_unused,
    split_waived,
)
from pipeline.link import Nominee, link, name_key
from pipeline.loader import Entry, load_record
from pipeline.process import FileResult
from pipeline.quota_figures import compute, usage_rows
from pipeline.results import (
    CELL_MARK_COLUMNS,
    CHANGE_COLUMNS,
    QUOTA_USAGE_COLUMNS,
    RunResult,
)
from pipeline.versions import Superseded, drop_superseded
from schemas.columns import FILE_COLUMNS, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS
from schemas.issues import ISSUE_COLUMNS, Issue, make_issue
from schemas.units import Quota

RECORD_KINDS = ("summary_row", "form", "material")
STUDIO_OUTPUT = [*STUDIO_COLUMNS, "source_kind", "leader_top_honour"]
BASE_OUTPUT = [*TRAINING_BASE_COLUMNS, "source_kind"]


@dataclass(slots=True)
class Consolidation:
    result: RunResult
    nominees: list[Nominee]
    superseded: list[Superseded]


def consolidate(results: list[FileResult], context: Context,
                corrections: list[Correction] | None = None,
                correction_problems: list[dict] | None = None) -> Consolidation:
    issues = mark_duplicates(results)
    issues += [issue for result in results for issue in result.all_issues]
    entries, found = load_entries(results, context)
    issues += found
    modified = {result.file: result.modified for result in results}
    superseded: list[Superseded] = []
    for kind in RECORD_KINDS:
        entries[kind], dropped = drop_superseded(entries[kind], modified)
        superseded += dropped
    _mark_superseded(results, superseded)
    linking = link(entries["summary_row"], entries["form"], entries["material"])
    nominees = linking.nominees
    context.unlinked_materials = linking.unlinked_materials
    outcome = _apply_corrections(nominees, corrections or [], context)
    issues += run_checks(nominees, context)
    issues += [make_issue(p["code"], **issue_fields(p)) for p in [*(correction_problems or []), *outcome.problems]]
    issue_frame, audit = _open_issues(issues, nominees, outcome)
    result = RunResult(
        studios=frame([studio_row(n, context.campaign.honour_rules()) for n in nominees if not n.is_base],
                      STUDIO_OUTPUT),
        training_bases=frame([base_row(n) for n in nominees if n.is_base], BASE_OUTPUT),
        issues=issue_frame,
        files=frame([r.row() for r in results], FILE_COLUMNS),
        quota_usage=frame(quota_usage(nominees, context.quotas), QUOTA_USAGE_COLUMNS),
        unit_order=[q.unit for q in context.quotas],
        campaign_name=context.campaign.name,
        campaign_notice=context.campaign.notice,
        targets=context.campaign.targets,
        cell_marks=frame(cell_marks(nominees, issue_frame) + outcome.cell_marks.to_dict("records"),
                         CELL_MARK_COLUMNS),
        audit=audit,
        changes=frame([], CHANGE_COLUMNS),
    )
    return Consolidation(result, nominees, superseded)


def load_entries(results: list[FileResult], context: Context) -> tuple[dict[str, list[Entry]], list[Issue]]:
    entries: dict[str, list[Entry]] = {kind: [] for kind in RECORD_KINDS}
    issues: list[Issue] = []
    for result in results:
        for record in result.records:
            if record.kind in entries:
                entry, found = load_record(record, context.campaign.latest_date, context.campaign)
                entries[record.kind].append(entry)
                issues += found
    return entries, issues


def mark_duplicates(results: list[FileResult]) -> list[Issue]:
    first_by_hash: dict[str, str] = {}
    issues = []
    for result in results:
        if not result.sha256:
            continue
        original = first_by_hash.setdefault(result.sha256, result.file)
        if original != result.file:
            issues.append(make_issue("DUPLICATE_FILE", file=result.file, expected=original,
                                     recommending_unit=result.recommending_unit))
            result.records = []
            result.message = f"与 {original} 内容相同，未重复计入"
    return issues


SUPERSEDED_NOTE = "已被较新版本取代"   # a file's message when a re-sent version replaces it


def _mark_superseded(results: list[FileResult], superseded: list[Superseded]) -> None:
    by_file: dict[str, list[Superseded]] = {}
    for note in superseded:
        by_file.setdefault(note.old_file, []).append(note)
    for result in results:
        notes = by_file.get(result.file)
        if not notes:
            continue
        newer = "、".join(sorted({n.new_file for n in notes}))
        whole = len({n.subject for n in notes}) >= len(result.records)
        result.status = "skipped" if whole else result.status
        result.message = f"{'' if whole else '部分记录'}{SUPERSEDED_NOTE}：{newer}（{notes[0].reason}）"


def _apply_corrections(nominees: list[Nominee], corrections: list[Correction], context: Context) -> CorrectionOutcome:
    rules = context.campaign.honour_rules()
    records = {n.record_id: studio_row(n, rules) if not n.is_base else base_row(n) for n in nominees}
    bases = {n.record_id for n in nominees if n.is_base}
    outcome = apply_corrections(records, corrections, is_base=lambda rid: rid in bases,
                                today=context.campaign.latest_date, campaign=context.campaign)
    for nominee in nominees:
        nominee.overrides = dict(outcome.changed.get(nominee.record_id, {}))
        nominee.category = nominee.overrides.get("category", nominee.category)
    return outcome


def _open_issues(issues: list[Issue], nominees: list[Nominee],
                 outcome: CorrectionOutcome) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Issues on corrected cells are closed; waived issues leave the open list for the audit."""
    ids = {(n.unit, name_key(n.name)): n.record_id for n in nominees}

    def record_id_of(row: dict) -> str:
        return ids.get((row["recommending_unit"], name_key(row["entity"])), row["recommending_unit"])

    rows = [issue.as_row() for issue in issues]
    rows = [row for row in rows if not _corrected(row, record_id_of(row), outcome)]
    kept, _waived, used = split_waived(frame(rows, ISSUE_COLUMNS), record_id_of, outcome.waivers)
    audit = mark_unused(outcome.audit, used)
    return kept.reset_index(drop=True), audit


VALUE_CODES = {"INVALID_DATE", "INVALID_NUMBER", "INVALID_PHONE", "INVALID_CREDIT_CODE", "INVALID_VALUE",
               "MISSING_FIELD", "SUMMARY_FORM_MISMATCH"}


def _corrected(row: dict, record_id: str, outcome: CorrectionOutcome) -> bool:
    return row["code"] in VALUE_CODES and row["field"] in outcome.changed.get(record_id, {})


def cell_marks(nominees: list[Nominee], issues: pd.DataFrame) -> list[dict[str, str]]:
    """Cells the reviewer should look at: the form and summary disagree, or a scan was read."""
    by_key = {(n.unit, name_key(n.name)): n for n in nominees}
    marks = []
    for row in issues[issues["code"] == "SUMMARY_FORM_MISMATCH"].to_dict("records"):
        nominee = by_key.get((row["recommending_unit"], name_key(row["entity"])))
        if nominee is not None:
            marks.append({"record_id": nominee.record_id, "field": row["field"], "kind": "mismatch",
                          "note": f"汇总表为：{row['expected']}（已采用申报表的值）"})
    for nominee in nominees:
        columns = TRAINING_BASE_COLUMNS if nominee.is_base else STUDIO_COLUMNS
        unsure = {name for entry in nominee.entries for name in entry.raw.notes.get("low_confidence", [])}
        for name in columns:
            if name in nominee.overrides or nominee.source_kind(name) != "ocr":
                continue
            kind, note = ("low_confidence", "扫描件识别把握不大，请核对原件") if name in unsure else (
                "ocr", "扫描件识别，请核对")
            marks.append({"record_id": nominee.record_id, "field": name, "kind": kind, "note": note})
    return marks


def source_kind(nominee: Nominee) -> str:
    """`ocr` when any value shown for the nominee was read from a scan, else `digital`."""
    kinds = {entry.raw.notes.get("source_kind", "digital") for entry in nominee.entries}
    return "ocr" if "ocr" in kinds else "digital"


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype(object)


def studio_row(nominee: Nominee, rules: dict | None = None) -> dict:
    row = {column: nominee.value(column) for column in STUDIO_COLUMNS}
    row.update(record_id=nominee.record_id, category=nominee.category, recommending_unit=nominee.unit,
               studio_name=nominee.name, source_files=";".join(nominee.source_files), source_kind=source_kind(nominee),
               leader_top_honour=top_honour(nominee, rules))
    return row


def top_honour(nominee: Nominee, rules: dict | None = None) -> str:
    """The leader's highest honour, normalised (`全国劳动模范（2020年）`), for the master list;
    `rules` are the campaign's honour rules (what qualifies ranks first)."""
    honours = parse_honours(str(nominee.value("leader_honors") or ""))
    return highest_honour(honours, rules) if honours else ""


def base_row(nominee: Nominee) -> dict:
    row = {column: nominee.value(column) for column in TRAINING_BASE_COLUMNS}
    row.update(record_id=nominee.record_id, recommending_unit=nominee.unit, enterprise_name=nominee.name,
               source_files=";".join(nominee.source_files), source_kind=source_kind(nominee))
    return row


def quota_usage(nominees: list[Nominee], quotas: list[Quota]) -> list[dict]:
    """Rows of `RunResult.quota_usage`, from the one quota computation (`pipeline.quota_figures`)."""
    counts = Counter((n.unit, n.category) for n in nominees)
    return usage_rows(compute(counts, quotas))
