"""The one entry point of the output writers, and publishing a run's outputs as one set.

`write_outputs` writes every SPEC §6 file of a run into a folder: each output has its own module
in `pipeline.writers`; this module sorts the issues once (unit order, severity, nominee) and
hands the same result to every writer.

`publish` makes those files the contents of OUT in one step. They are written to a staging
folder inside OUT first; only when all are written does a journal (`.publish-journal.json`,
written atomically) commit the publication, after which the files are moved into place by
renames and the run is recorded as finished. Until the journal exists, a kill, a full disk or an
error leaves the previous set untouched; once it exists, `recover` (run at the start of the next
run) completes the moves, so a reader never finds a mix of two runs after either has ended.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import shutil
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.results import RunResult
from pipeline.writers import data_csv, discrepancies, feedback, master_list, report
from pipeline.writers.files import MANIFEST_NAME, PUBLISHED_NAME, atomic_write, fsync_folder
from pipeline.writers.values import csv_text, format_number, neutralise, sort_issues, typed_value

__all__ = ["WRITERS", "PublishError", "csv_text", "format_number", "neutralise", "publish", "recover",
           "sort_issues", "typed_value", "write_outputs"]

Writer = Callable[[RunResult, Path], None]
WRITERS: list[Writer] = [data_csv.write, master_list.write, discrepancies.write, report.write, feedback.write]
STAGING_PREFIX = ".staging-"
JOURNAL_NAME = ".publish-journal.json"


class PublishError(Exception):
    """The outputs could not be written; the previous set is intact. The message is Chinese."""


@dataclass(frozen=True, slots=True)
class Pending:
    """A publication that was committed but not completed (the run was killed while moving)."""

    run_id: int
    snapshot: str


def write_outputs(result: RunResult, out_dir: Path) -> None:
    """Write every output of one run into out_dir, each file atomically."""
    out_dir = Path(out_dir)
    ordered = dataclasses.replace(result, issues=sort_issues(result.issues, result.unit_order))
    for writer in WRITERS:
        writer(ordered, out_dir)


def publish(result: RunResult, out: Path, *, run_id: int = 0, snapshot: str = "",
            then: Callable[[], None] = lambda: None) -> None:
    """Write the outputs to a staging folder, then swap them into OUT as one set and call `then`
    (the state records the run as finished there). Raises PublishError, OUT unchanged, when the
    outputs cannot be written."""
    out = Path(out)
    staging = out / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        write_outputs(result, staging)
        files = _tree(staging)
        atomic_write(staging / PUBLISHED_NAME, json.dumps(files, ensure_ascii=False).encode("utf-8"))
        journal = {"staging": staging.name, "files": [*files, PUBLISHED_NAME],
                   "remove": sorted(_published(out) - set(files)), "run_id": run_id, "snapshot": snapshot}
        with _signals_deferred():
            atomic_write(out / JOURNAL_NAME, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
            _apply(out, journal)
            then()
            (out / JOURNAL_NAME).unlink()
    except OSError as error:
        if not (out / JOURNAL_NAME).exists():
            shutil.rmtree(staging, ignore_errors=True)
        raise PublishError(describe_write_error(error, out)) from error
    except BaseException:
        if not (out / JOURNAL_NAME).exists():
            shutil.rmtree(staging, ignore_errors=True)
        raise


def recover(out: Path) -> Pending | None:
    """Complete a publication a killed run had committed, and remove abandoned staging folders.
    Returns the committed run (to be recorded as finished) or None. Call with OUT locked."""
    out = Path(out)
    journal_path = out / JOURNAL_NAME
    pending = None
    if journal_path.is_file():
        try:
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
            _apply(out, journal)
            pending = Pending(int(journal.get("run_id") or 0), str(journal.get("snapshot") or ""))
        except (ValueError, TypeError, AttributeError):
            pending = None   # unreadable journal: nothing was moved by it that can be completed
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)
    return pending


def finish_recovery(out: Path) -> None:
    """The recovered run is recorded: forget its journal."""
    with contextlib.suppress(FileNotFoundError):
        (Path(out) / JOURNAL_NAME).unlink()


def describe_write_error(error: OSError, out: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"输出文件夹 {out} 所在磁盘空间已满，本次输出未能写完；上一次的输出保持原样，没有被替换。"
                "请清理磁盘空间后重新运行（已读取的文件保存在缓存中，不会重新读取）。")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"输出文件夹 {out} 不可写（{error.strerror}）；上一次的输出保持原样。"
    return f"写入输出时出错（{error.strerror or error}）；上一次的输出保持原样。"


# --- the swap -----------------------------------------------------------------------------------------


def _apply(out: Path, journal: dict) -> None:
    """Move the staged files into OUT and remove the previous set's files that are not in the new
    one. Idempotent: a file already moved is skipped, so a killed move can be run again."""
    staging = out / _safe(str(journal["staging"]))
    touched = {out}
    for relative in journal["files"]:
        source, target = staging / _safe(relative), out / _safe(relative)
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            touched.add(target.parent)
    for relative in journal.get("remove", []):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, ValueError):
            (out / _safe(relative)).unlink()
    for folder in touched:
        fsync_folder(folder)
    shutil.rmtree(staging, ignore_errors=True)


def _safe(relative: str) -> str:
    """A relative path that stays inside OUT (a damaged journal must not reach elsewhere)."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"unsafe path in journal: {relative!r}")
    return str(path)


def _tree(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def _published(out: Path) -> set[str]:
    """The files of the set now in OUT (older OUTs: the feedback letters of their manifest)."""
    try:
        return {str(name) for name in json.loads((out / PUBLISHED_NAME).read_text(encoding="utf-8"))}
    except (OSError, ValueError, TypeError):
        pass
    try:
        names = json.loads((out / feedback.FOLDER / MANIFEST_NAME).read_text(encoding="utf-8")).get("files", [])
        return {f"{feedback.FOLDER}/{name}" for name in names if isinstance(name, str) and "/" not in name}
    except (OSError, ValueError, AttributeError):
        return set()


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM while the set is swapped waits until the swap is done (it takes
    milliseconds): the run has then completed and is reported as such."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {number: signal.signal(number, lambda n, _frame: received.append(n))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
