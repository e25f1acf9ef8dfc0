"""Orchestration of one run: reference inputs, the state of earlier runs, the inbox read through
the cache, consolidation with reviewer corrections, what changed since the last published run,
and the outputs published as one set.

`prepare` reads and checks every reference input (nothing of the inbox is read); `execute` does
the run with OUT locked; `run` does both, for callers that need no progress or lock waiting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors.backends import timing
from extractors.backends.timing import stage
from pipeline.batch import Batch, BatchStats, Cache, extractor_version
from pipeline.checks import Context
from pipeline.consolidate import consolidate
from pipeline.corrections import Correction, CorrectionsFileError, read_corrections, write_template
from pipeline.inbox import scan_inbox
from pipeline.lock import OutputLock
from pipeline.outputs import finish_recovery, publish, recover
from pipeline.preflight import StartError, check_reference_file, check_run_paths, check_workers
from pipeline.progress import RunProgress
from pipeline.reference import ReferenceInputError, read_quotas, read_registry
from pipeline.results import SEASON_GUARD_KEY, RunResult
from pipeline.season_guard import check_season, season_warning
from pipeline.state import FileSeen, RunSnapshot, StateStore, diff_snapshots, snapshot_from_result
from pipeline.unchanged import META_KEY, SEVERITY_LABELS, Inputs, UnreadFile, inbox_listing, record
from pipeline.writers.unit_status import unread_files
from schemas.campaign import Campaign, CampaignError, load_campaign
from schemas.units import Quota, UnitMatcher, default_quotas

__all__ = ["Options", "ReferenceInputError", "RunInterrupted", "StartError", "execute", "prepare", "run"]
CORRECTIONS_TEMPLATE = "审核更正表（模板）.xlsx"
TIMINGS_VARIABLE = "PIPELINE_TIMINGS"



@dataclass(frozen=True, slots=True)
class Options(Inputs):
    """What the outputs depend on, and how many processes read the files."""

    workers: int | None = None


@dataclass(slots=True)
class Prepared:
    """The reference inputs, read and checked before the inbox is touched."""

    campaign: Campaign
    quotas: list[Quota]
    registry: list[dict[str, str]]
    corrections: list[Correction]
    problems: list[dict]


@dataclass(slots=True)
class RunOutcome:
    result: RunResult
    stats: BatchStats
    unread: list[UnreadFile] = field(default_factory=list)   # every file not (fully) read, with its unit
    seconds: float = 0.0
    startup: tuple[float, float] = (0.0, 0.0)   # wall, CPU seconds before the run began (imports)

    def counts(self) -> dict[str, int]:
        """The numbers of the closing table (a re-run with nothing changed shows them again)."""
        result = self.result
        counts = {"文件": len(result.files), "其中沿用上次结果": self.stats.cached, "工作室": len(result.studios),
                  "培训基地": len(result.training_bases)}
        severities = result.issues["severity"].value_counts() if len(result.issues) else {}
        for severity, label in SEVERITY_LABELS.items():
            counts[f"问题：{label}"] = int(severities.get(severity, 0))
        counts["未能完整读取的文件"] = len(self.unread)
        return counts

    @property
    def exit_code(self) -> int:
        """0: every file processed (what the units sent wrong is in the report); 1: completed, but
        this run could not process some files (time-out, crash, no access)."""
        return 1 if self.stats.unread else 0


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: the run stopped; what was read is in the cache."""

    def __init__(self, kept: int, total: int) -> None:
        super().__init__()
        self.kept, self.total = kept, total


def prepare(options: Options) -> Prepared:
    """Check the arguments and read every reference input; raises StartError (Chinese)."""
    check_workers(options.workers)
    check_run_paths(options.inbox, options.out, options.state_path)
    for path, option in ((options.quotas, "--quotas"), (options.registry, "--registry"),
                         (options.campaign, "--campaign"), (options.corrections, "--corrections")):
        check_reference_file(path, option)
    try:
        campaign = load_campaign(options.campaign)
        quotas = read_quotas(options.quotas) if options.quotas else default_quotas()
        registry = read_registry(options.registry) if options.registry else []
        corrections, problems = read_corrections(options.corrections) if options.corrections else ([], [])
    except (CampaignError, ReferenceInputError) as error:
        raise StartError(str(error)) from error
    except CorrectionsFileError as error:
        raise StartError(f"--corrections 更正表 {options.corrections}：{error}") from error
    return Prepared(campaign, quotas, registry, corrections, problems)


def run(options: Options) -> RunResult:
    """Prepare, lock OUT (raises LockHeld when another run has it), execute; the run's result."""
    prepared = prepare(options)
    with OutputLock(options.out) as lock:
        lock.acquire()
        return execute(options, prepared).result


def execute(options: Options, prepared: Prepared, progress: RunProgress | None = None) -> RunOutcome:
    """The run itself, with OUT locked by the caller. Ctrl-C/SIGTERM raise RunInterrupted: what
    was read stays in the cache and OUT keeps the previous set."""
    startup = _startup_seconds()
    progress = progress or RunProgress()
    clock = time.perf_counter()
    with StateStore(options.state_path) as state:
        notices = _recover(options.out, state)
        job = _Job(options, prepared, state, progress, notices)
        try:
            result, stats = job.run()
        except KeyboardInterrupt as interrupt:
            state.mark_stopped(job.run_id)
            raise RunInterrupted(job.batch.stats.read + job.batch.stats.cached, job.batch.stats.items) from interrupt
        except BaseException:
            state.mark_stopped(job.run_id, "failed")
            raise
        state.prune(job.version, keep_sha256=stats.contents)
        state.prune_derived(stats.contents)
        _write_template(options.out / CORRECTIONS_TEMPLATE)
        outcome = RunOutcome(result, stats, unread_files(result), time.perf_counter() - clock, startup)
        _remember(state, options, job.listing, outcome)
    _report_timings(outcome, prepared)
    return outcome


class _Job:
    """One run between opening the state and publishing the outputs."""

    def __init__(self, options: Options, prepared: Prepared, state: StateStore, progress: RunProgress,
                 notices: list[str]) -> None:
        self.options, self.prepared, self.state = options, prepared, state
        self.progress, self.notices = progress, notices
        self.started, self.clock = dt.datetime.now(), time.perf_counter()
        self.run_id = state.start_run(self.started, str(options.inbox), _described(options))
        self.listing: list[tuple] = []
        self.version = extractor_version()
        cache = Cache(get=lambda sha: state.get_extraction(sha, self.version),
                      put=lambda sha, payload: state.put_extraction(sha, self.version, payload),
                      drop=lambda sha: state.drop_extraction(sha, self.version),
                      get_derived=state.get_derived, put_derived=state.put_derived)
        known = {f.path: (f.size, f.mtime, f.sha256) for f in state.previous_files().values()}
        self.batch = Batch(UnitMatcher([q.unit for q in prepared.quotas]), cache, known, options.workers,
                           prepared.campaign.file_timeout_seconds, prepared.campaign.max_file_mb * 1024 * 1024,
                           progress)

    def run(self) -> tuple[RunResult, BatchStats]:
        previous = self.state.last_snapshot()
        self.progress.phase("正在清点收件箱")
        with stage("listing the inbox"):
            entries = list(scan_inbox(self.options.inbox))
        self.listing = inbox_listing(entries)
        self.progress.phase("正在读取文件")
        results, stats = self.batch.run(entries)
        with stage("state (files of the run)"):
            self.state.record_files(self.run_id, [FileSeen(e.path, stats.hashes.get(e.path, ""), e.size,
                                                           e.modified) for e in entries])
        self.progress.phase("正在汇总核对")
        with stage("normalising, linking, checks"):
            context = Context(campaign=self.prepared.campaign, quotas=self.prepared.quotas,
                              registry=self.prepared.registry, files=results)
            consolidation = consolidate(results, context, self.prepared.corrections, self.prepared.problems)
        result = consolidation.result
        snapshot = snapshot_from_result(result)
        superseded = [(s.old_file, s.new_file) for s in consolidation.superseded]
        result.changes = diff_snapshots(previous, snapshot, superseded)
        if stats.damaged_cache:
            self.notices.append(f"缓存中有 {stats.damaged_cache} 条记录已损坏，已删除并重新读取对应文件")
        result.run_info = _run_info(self.started, self.clock, stats, self.state, self.notices)
        _guard_season(result, results, self.prepared.campaign, self.options.campaign)
        result.inbox_dir = str(self.options.inbox)
        self.progress.phase("正在写出结果")
        with stage("writing outputs"):
            publish(result, self.options.out, run_id=self.run_id, snapshot=snapshot.to_json(),
                    then=lambda: self.state.finish_run(self.run_id, snapshot))
        return result, stats


def _guard_season(result: RunResult, results: list, campaign: Campaign, campaign_file: Path | None) -> None:
    """Most submission dates outside the campaign's season: the warning leads the outputs."""
    check = check_season(results, campaign)
    if check.fires:
        late = int((result.issues["code"] == "LATE_SUBMISSION").sum()) if len(result.issues) else 0
        result.run_info[SEASON_GUARD_KEY] = season_warning(check, campaign, campaign_file, late)


def _remember(state: StateStore, options: Options, listing: list[tuple], outcome: RunOutcome) -> None:
    """What a later run needs to see that nothing has changed since this one (`pipeline.unchanged`)."""
    unread = [[f.path, f.unit, f.status, f.reason] for f in outcome.unread]
    if state.in_memory or state.readonly:
        return
    state.set_meta(META_KEY, record(options, listing, state.digest(), outcome.exit_code, unread,
                                    outcome.counts(), dt.datetime.now().isoformat(timespec="seconds")))


def _report_timings(outcome: RunOutcome, prepared: Prepared) -> None:
    """For the benchmark: where the run's time went, by stage and process, as JSON in the file
    named by PIPELINE_TIMINGS (nothing is written without it)."""
    target = os.environ.get(TIMINGS_VARIABLE)
    if not target:
        return
    stats = outcome.stats
    timing.merge(stats.timings, timing.take())
    startup = outcome.startup
    stats.timings["imports and start-up (main)"] = [startup[0], startup[1], 1]
    report = {"stages": stats.timings, "items": stats.items, "read": stats.read, "cached": stats.cached,
              "duplicates": stats.duplicates, "lo_batches": stats.lo_batches, "lo_alone": stats.lo_alone,
              "derived_reused": stats.derived_reused, "unread": len(stats.unread), "seconds": outcome.seconds}
    with contextlib.suppress(OSError):
        Path(target).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def _startup_seconds() -> tuple[float, float]:
    """(wall, CPU) seconds of this process before the run began: interpreter, imports, arguments."""
    cpu = time.process_time()
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        started = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
        return max(0.0, float(Path("/proc/uptime").read_text().split()[0]) - started), cpu
    except (OSError, ValueError, IndexError):
        return 0.0, cpu


def _recover(out: Path, state: StateStore) -> list[str]:
    """Complete a publication that a killed run had committed; the notices to show."""
    pending = recover(out)
    if pending is None:
        return []
    with contextlib.suppress(ValueError, TypeError):   # a damaged snapshot: the run stays unfinished
        state.finish_run(pending.run_id, RunSnapshot.from_json(pending.snapshot))
    finish_recovery(out)
    return ["上次运行在替换输出文件时被中断，本次开始前已完成替换（输出文件是那次运行的完整结果）"]


def _write_template(path: Path) -> None:
    if path.exists():
        return
    with contextlib.suppress(OSError):   # a convenience: the outputs are published already
        write_template(path)


def _described(options: Options) -> dict[str, str]:
    return {name: str(value) for name, value in (
        ("quotas", options.quotas), ("registry", options.registry), ("campaign", options.campaign),
        ("corrections", options.corrections)) if value is not None}


def _run_info(started: dt.datetime, clock: float, stats: BatchStats, state: StateStore,
              notices: list[str]) -> dict[str, str]:
    info = {
        "运行时间": started.strftime("%Y-%m-%d %H:%M"),
        "文件数": str(stats.items),
        "重新读取的文件数": str(stats.items - stats.cached),
        "沿用上次结果的文件数": str(stats.cached),
        "用时（秒）": f"{time.perf_counter() - clock:.1f}",
    }
    if stats.unread:
        info["未能处理的文件数"] = str(len(stats.unread))
    previous_run = state.last_finished_run()
    if previous_run is not None:
        info["previous_run"] = str(previous_run)
    for index, warning in enumerate(dict.fromkeys([*state.warnings, *notices]), start=1):
        info[f"提示{index}"] = warning
    return info
