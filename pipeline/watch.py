"""`watch INBOX --out OUT`: run once, then again whenever files arrive, change or go.

Changes are noticed by watchfiles and debounced (a unit's zip being copied in is one change,
not fifty); the inbox is then read again through the cache, so only new or changed files are
read. What changed on disk is taken from a listing of the inbox (path, size, time) compared with
the one the last run saw, so a file that arrived while a run was going on is not missed: the
run is repeated, and the listing is also compared whenever the watcher has been quiet for a few
seconds. OUT stays locked for the whole session.
"""

from __future__ import annotations

import threading
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from watchfiles import watch

from pipeline.closing import EXIT_OK, print_season_warning, print_summary, print_unread_notice
from pipeline.inbox import scan_inbox
from pipeline.outputs import PublishError
from pipeline.progress import make_progress
from pipeline.run import Options, Prepared, RunInterrupted, execute

Listing = dict[str, tuple[int, float]]
QUIET_CHECK_MS = 5000


def watch_inbox(options: Options, prepared: Prepared, console: Console, *, debounce: float = 2.0,
                quiet: bool = False, stop: threading.Event | None = None) -> int:
    """Watch until Ctrl-C: exit 0 when stopped while idle (an interrupted run raises RunInterrupted)."""
    seen = _run_until_settled(options, prepared, console, quiet, None)
    console.print(f"正在监视收件箱 {options.inbox}（按 Ctrl-C 停止）……", markup=False)
    try:
        for _changes in watch(options.inbox, debounce=int(debounce * 1000), stop_event=stop, raise_interrupt=True,
                              ignore_permission_denied=True, yield_on_timeout=True, rust_timeout=QUIET_CHECK_MS):
            if listing(options.inbox) == seen:
                continue
            seen = _run_until_settled(options, prepared, console, quiet, seen)
            console.print("继续监视收件箱……", markup=False)
    except RunInterrupted:
        raise
    except KeyboardInterrupt:
        console.print("\n已停止监视。", markup=False)
    return EXIT_OK


def _run_until_settled(options: Options, prepared: Prepared, console: Console, quiet: bool,
                       seen: Listing | None) -> Listing:
    """Run, and run again while the inbox changed during the run; the listing the last run read
    (`seen` None: the first run, nothing to compare with)."""
    while True:
        before = listing(options.inbox)
        if seen is not None and (change := describe_changes(seen, before)):
            console.print(f"检测到变化：{change}", markup=False)
        _run(options, prepared, console, quiet, empty=not before)
        seen = before
        if listing(options.inbox) == before:
            return before
        console.print("处理期间收件箱又有变化，重新处理……", markup=False)


def _run(options: Options, prepared: Prepared, console: Console, quiet: bool, *, empty: bool) -> None:
    if empty:
        console.print(f"收件箱 {options.inbox} 中还没有文件，等待文件到达……", markup=False)
        return
    progress = make_progress(console, quiet=quiet)
    progress.start()
    try:
        outcome = execute(options, prepared, progress)
    except PublishError as error:
        console.print(f"[red]输出未能写出：{escape(str(error))}[/red]")
        return
    finally:
        progress.stop()
    print_season_warning(console, outcome.result)
    if not quiet:
        print_summary(console, outcome, options.out)
    print_unread_notice(console, outcome)


def listing(inbox: Path) -> Listing:
    try:
        return {entry.path: (entry.size, entry.modified) for entry in scan_inbox(inbox)}
    except OSError:
        return {}


def describe_changes(before: Listing, after: Listing) -> str:
    """`新增 a.docx；修改 b.xlsx；删除 c.pdf` (at most ten names of each kind)."""
    kinds = {"新增": sorted(set(after) - set(before)),
             "修改": sorted(p for p in set(after) & set(before) if after[p] != before[p]),
             "删除": sorted(set(before) - set(after))}
    parts = []
    for word, paths in kinds.items():
        if paths:
            more = f" 等 {len(paths)} 个" if len(paths) > 10 else ""
            parts.append(f"{word} {'、'.join(paths[:10])}{more}")
    return "；".join(parts)
