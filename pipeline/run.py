"""Orchestration: inbox → file results → normalised entries → linked nominees → checks → outputs."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pebble import ProcessExpired, ProcessPool

from pipeline.checks import Context, run_checks
from pipeline.inbox import MAX_FILE_BYTES, InboxFile, read_bytes, scan_inbox
from pipeline.issues import ISSUE_COLUMNS, Issue, make_issue
from pipeline.link import Nominee, link
from pipeline.loader import Entry, load_record
from pipeline.process import FileResult, process_file
from pipeline.results import CHANGE_COLUMNS, QUOTA_USAGE_COLUMNS, RunResult
from pipeline.versions import Superseded, drop_superseded
from schemas.campaign import load_campaign
from schemas.columns import FILE_COLUMNS, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS
from schemas.normalize import to_int
from schemas.units import Quota, UnitMatcher, default_quotas, unit_kind


class ReferenceInputError(ValueError):
    """A reference input (--quotas, --registry) cannot be used; the run cannot start."""


@dataclass(slots=True)
class Options:
    inbox: Path
    out: Path
    quotas: Path | None = None
    registry: Path | None = None
    campaign: Path | None = None
    workers: int | None = None


def run(options: Options) -> RunResult:
    campaign = load_campaign(options.campaign)
    quotas = read_quotas(options.quotas) if options.quotas else default_quotas()
    registry = read_registry(options.registry, quotas) if options.registry else []
    unit_names = [q.unit for q in quotas]
    results = process_inbox(options.inbox, unit_names, options.workers, campaign.file_timeout_seconds,
                            campaign.max_file_mb * 1024 * 1024)
    context = Context(campaign=campaign, quotas=quotas, registry=registry, files=results)
    return consolidate(results, context)


def process_inbox(inbox: Path, unit_names: list[str], workers: int | None = None,
                  timeout: float = 120.0, max_bytes: int = MAX_FILE_BYTES) -> list[FileResult]:
    """Every file through `process_file` in worker processes; a file that takes longer than
    `timeout` seconds, or kills its worker, becomes a failed row instead of stopping the batch."""
    items = list(scan_inbox(inbox))
    if not items:
        return []
    workers = max(1, min(workers or os.cpu_count() or 1, len(items)))
    with ProcessPool(max_workers=workers) as pool:
        futures = [pool.schedule(_process_item, args=(item, unit_names, max_bytes), timeout=timeout) for item in items]
        return [_outcome(item, future, timeout) for item, future in zip(items, futures, strict=True)]


def _outcome(item: InboxFile, future, timeout: float) -> FileResult:
    try:
        return future.result()
    except FutureTimeout:
        reason = f"处理超时（超过 {timeout:g} 秒），已停止"
    except ProcessExpired as error:
        reason = f"处理进程异常退出（{error.exitcode}）"
    except Exception as error:
        reason = f"处理出错：{type(error).__name__}"
    result = FileResult(file=item.path, sha256="", format="unknown", status="failed", message=reason)
    result.issues.append(make_issue("UNREADABLE_FILE", file=item.path, value=reason))
    return result


_MATCHERS: dict[tuple[str, ...], UnitMatcher] = {}


def _matcher(unit_names: list[str]) -> UnitMatcher:
    key = tuple(unit_names)
    if key not in _MATCHERS:
        _MATCHERS[key] = UnitMatcher(unit_names)
    return _MATCHERS[key]


def _process_item(item: InboxFile, unit_names: list[str], max_bytes: int = MAX_FILE_BYTES) -> FileResult:
    try:
        data = read_bytes(item, max_bytes)
    except OSError as error:
        result = FileResult(file=item.path, sha256="", format="unknown", status="failed", message=str(error))
        result.issues.append(make_issue("UNREADABLE_FILE", file=item.path, value=str(error)))
        return result
    try:
        result = process_file(data, item.path, _matcher(unit_names))
        result.modified = item.modified
        return result
    except Exception as error:
        result = FileResult(file=item.path, sha256=hashlib.sha256(data).hexdigest(), format="unknown",
                            status="failed", message=f"处理出错：{type(error).__name__}")
        result.issues.append(make_issue("UNREADABLE_FILE", file=item.path, value=f"{type(error).__name__}: {error}"))
        return result


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


def consolidate(results: list[FileResult], context: Context) -> RunResult:
    issues = mark_duplicates(results)
    issues += [issue for result in results for issue in result.issues]
    entries: dict[str, list[Entry]] = {"summary_row": [], "form": [], "material": []}
    for result in results:
        for record in result.records:
            if record.kind not in entries:
                continue
            entry, found = load_record(record, context.campaign.today)
            entries[record.kind].append(entry)
            issues += found
    modified = {result.file: result.modified for result in results}
    superseded: list[Superseded] = []
    for kind in entries:
        entries[kind], dropped = drop_superseded(entries[kind], modified)
        superseded += dropped
    _mark_superseded(results, superseded)
    nominees = link(entries["summary_row"], entries["form"], entries["material"])
    issues += run_checks(nominees, context)
    unit_order = [q.unit for q in context.quotas]
    return RunResult(
        studios=_frame([_studio_row(n) for n in nominees if not n.is_base], STUDIO_COLUMNS),
        training_bases=_frame([_base_row(n) for n in nominees if n.is_base], TRAINING_BASE_COLUMNS),
        issues=_frame([issue.as_row() for issue in issues], ISSUE_COLUMNS),
        files=_frame([result.row() for result in results], FILE_COLUMNS),
        quota_usage=_frame(quota_usage(nominees, context.quotas), QUOTA_USAGE_COLUMNS),
        unit_order=unit_order,
        campaign_name=context.campaign.name,
        targets=context.campaign.targets,
        changes=_frame([_change_row(s) for s in superseded], CHANGE_COLUMNS),
    )


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
        result.message = f"{'已' if whole else '部分记录已'}被较新版本取代：{newer}（{notes[0].reason}）"


def _change_row(note: Superseded) -> dict[str, str]:
    return {"kind": "superseded_file", "recommending_unit": note.unit, "subject": note.old_file,
            "detail": f"“{note.subject}”以 {note.new_file} 为准，{note.reason}"}


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype(object)


def _studio_row(nominee: Nominee) -> dict:
    row = {column: nominee.value(column) for column in STUDIO_COLUMNS}
    row.update(record_id=nominee.record_id, category=nominee.category, recommending_unit=nominee.unit,
               studio_name=nominee.name, source_files=";".join(nominee.source_files))
    return row


def _base_row(nominee: Nominee) -> dict:
    row = {column: nominee.value(column) for column in TRAINING_BASE_COLUMNS}
    row.update(record_id=nominee.record_id, recommending_unit=nominee.unit, enterprise_name=nominee.name,
               source_files=";".join(nominee.source_files))
    return row


def quota_usage(nominees: list[Nominee], quotas: list[Quota]) -> list[dict]:
    counts = Counter((n.unit, n.category) for n in nominees)
    known = {q.unit for q in quotas}
    extra = sorted({n.unit for n in nominees if n.unit and n.unit not in known})
    rows = []
    for quota in [*quotas, *(Quota(u, unit_kind(u), 0, 0, 0, 0) for u in extra)]:
        tech, other = counts[(quota.unit, "worker_studio_tech")], counts[(quota.unit, "worker_studio_other")]
        rows.append({
            "unit": quota.unit, "kind": quota.kind,
            "labor_model_quota": quota.labor_model_studio,
            "labor_model_nominated": counts[(quota.unit, "labor_model_studio")],
            "worker_studio_quota": quota.worker_studio, "worker_studio_nominated": tech + other,
            "worker_studio_tech_min": quota.worker_studio_tech_min, "worker_studio_tech_nominated": tech,
            "training_base_quota": quota.training_base,
            "training_base_nominated": counts[(quota.unit, "training_base")],
        })
    return rows


def _reference_records(path: Path, kind: str) -> list:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReferenceInputError(f"{path}: {error}") from error
    result = process_file(data, path.name, UnitMatcher([]))
    records = [r for r in result.records if r.kind == kind]
    if not records:
        what = kind.removesuffix("_row")
        raise ReferenceInputError(f"{path}: no {what} table found ({result.message or result.doc_type})")
    return records


def read_quotas(path: Path) -> list[Quota]:
    quotas = []
    for record in _reference_records(path, "quota_row"):
        unit = record.text("unit").strip()
        if not unit:
            continue
        numbers = {}
        for name in ("labor_model_studio", "worker_studio", "worker_studio_tech_min", "training_base"):
            try:
                numbers[name] = to_int(record.text(name)) if record.text(name).strip() else 0
            except ValueError as error:
                raise ReferenceInputError(f"{path}: {unit} {name}: {error}") from error
        quotas.append(Quota(unit, unit_kind(unit), **numbers))
    return quotas


def read_registry(path: Path, quotas: list[Quota]) -> list[dict[str, str]]:
    return [{name: found.text.strip() for name, found in record.values.items()}
            for record in _reference_records(path, "registry_row")]
