"""Orchestration of one run: reference inputs, the state of earlier runs, the inbox read through
the cache, consolidation with reviewer corrections, and what changed since the last run."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch import Cache, extractor_version, process_items
from pipeline.checks import Context
from pipeline.consolidate import consolidate
from pipeline.corrections import CorrectionsFileError, read_corrections
from pipeline.inbox import scan_inbox
from pipeline.reference import ReferenceInputError, read_quotas, read_registry
from pipeline.results import RunResult
from pipeline.state import FileSeen, StateStore, diff_snapshots, snapshot_from_result
from schemas.campaign import load_campaign
from schemas.units import default_quotas

__all__ = ["Options", "ReferenceInputError", "run"]
STATE_FILE = Path(".state") / "state.sqlite3"


@dataclass(slots=True)
class Options:
    inbox: Path
    out: Path
    quotas: Path | None = None
    registry: Path | None = None
    campaign: Path | None = None
    corrections: Path | None = None
    state: Path | None = None
    workers: int | None = None


def run(options: Options) -> RunResult:
    started, clock = dt.datetime.now(), time.perf_counter()
    campaign = load_campaign(options.campaign)
    quotas = read_quotas(options.quotas) if options.quotas else default_quotas()
    registry = read_registry(options.registry) if options.registry else []
    corrections, problems = _corrections(options.corrections)
    with StateStore(options.state or options.out / STATE_FILE) as state:
        run_id = state.start_run(started, str(options.inbox), _described(options))
        previous, previous_run = state.last_snapshot(), state.last_finished_run()
        known = {f.path: (f.size, f.mtime, f.sha256) for f in state.previous_files().values()}
        version = extractor_version()
        cache = Cache(get=lambda sha: state.get_extraction(sha, version),
                      put=lambda sha, payload: state.put_extraction(sha, version, payload))
        items = list(scan_inbox(options.inbox))
        results, stats = process_items(items, [q.unit for q in quotas], cache=cache, known=known,
                                       workers=options.workers, timeout=campaign.file_timeout_seconds,
                                       max_bytes=campaign.max_file_mb * 1024 * 1024)
        state.record_files(run_id, [FileSeen(i.path, stats.hashes.get(i.path, ""), i.size, i.modified)
                                    for i in items])
        context = Context(campaign=campaign, quotas=quotas, registry=registry, files=results)
        consolidation = consolidate(results, context, corrections, problems)
        result = consolidation.result
        snapshot = snapshot_from_result(result)
        superseded = [(s.old_file, s.new_file) for s in consolidation.superseded]
        result.changes = diff_snapshots(previous, snapshot, superseded)
        state.finish_run(run_id, snapshot)
        state.prune(version, keep_sha256={sha for sha in stats.hashes.values() if sha})
        result.run_info = _run_info(started, clock, stats, previous_run, state.warnings)
        result.inbox_dir = str(options.inbox)
    return result


def _corrections(path: Path | None) -> tuple[list, list]:
    if path is None:
        return [], []
    try:
        return read_corrections(path)
    except CorrectionsFileError as error:
        raise ReferenceInputError(f"{path}: {error}") from error


def _described(options: Options) -> dict[str, str]:
    return {name: str(value) for name, value in (
        ("quotas", options.quotas), ("registry", options.registry), ("campaign", options.campaign),
        ("corrections", options.corrections)) if value is not None}


def _run_info(started: dt.datetime, clock: float, stats, previous_run: int | None,
              warnings: list[str]) -> dict[str, str]:
    info = {
        "运行时间": started.strftime("%Y-%m-%d %H:%M"),
        "文件数": str(stats.files),
        "重新读取的文件数": str(stats.read),
        "沿用上次结果的文件数": str(stats.cached),
        "用时（秒）": f"{time.perf_counter() - clock:.1f}",
    }
    if previous_run is not None:
        info["previous_run"] = str(previous_run)
    for index, warning in enumerate(warnings, start=1):
        info[f"提示{index}"] = warning
    return info
