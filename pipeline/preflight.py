"""Everything a run needs, checked before any file of the inbox is read: the inbox itself, OUT
and the state location (probed for writing and for free space), and the workers count. Each
failure is one Chinese sentence naming the path (`StartError`); the command exits 2 with it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.inbox import scan_inbox
from pipeline.writers.files import PUBLISHED_NAME

MB = 1024 * 1024
MIN_FREE_OUT = 20 * MB          # besides twice the size of the output set now in OUT
MIN_FREE_STATE = 10 * MB        # besides the state file's own size (the cache grows)
PROBE_BYTES = 64 * 1024
MAX_WORKERS = 64


class StartError(Exception):
    """The run cannot start; the message is one Chinese sentence naming what and why."""


def check_run_paths(inbox: Path, out: Path, state: Path) -> None:
    check_inbox(inbox)
    check_out(inbox, out)
    check_state(inbox, state)


def check_inbox(inbox: Path) -> None:
    if not inbox.exists():
        raise StartError(f"收件箱文件夹不存在：{inbox}")
    if not inbox.is_dir():
        raise StartError(f"收件箱必须是文件夹，而 {inbox} 是一个文件")
    try:
        with os.scandir(inbox):
            pass
    except OSError as error:
        raise StartError(f"收件箱文件夹无法打开（{error.strerror}）：{inbox}") from error


def inbox_is_empty(inbox: Path) -> bool:
    """True when nothing but folders lies below the inbox (stops at the first entry found)."""
    return next(scan_inbox(inbox), None) is None


def check_out(inbox: Path, out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise StartError(f"输出位置 {out} 是一个文件，不是文件夹；请用 --out 指定一个文件夹")
    real_inbox, real_out = inbox.resolve(), out.resolve()
    if real_out == real_inbox or real_inbox in real_out.parents:
        raise StartError(f"输出文件夹 {out} 位于收件箱内；收件箱只读，请把输出放到收件箱之外")
    for owned in ("data", "feedback", ".state"):
        if real_inbox == real_out / owned or (real_out / owned) in real_inbox.parents:
            raise StartError(f"收件箱 {inbox} 位于输出文件夹的 {owned}/ 中，会被输出覆盖；请换一个输出文件夹")
    _probe(out, MIN_FREE_OUT + 2 * _published_size(out), "输出文件夹")


def check_state(inbox: Path, state: Path) -> None:
    real_inbox, real_state = inbox.resolve(), state.resolve()
    if real_inbox == real_state or real_inbox in real_state.parents:
        raise StartError(f"状态文件 {state} 位于收件箱内；收件箱只读，请用 --state 指定收件箱之外的位置")
    if state.is_dir():
        raise StartError(f"状态文件位置 {state} 是一个文件夹；--state 应指定一个文件（如 state.sqlite3）")
    size = state.stat().st_size if state.is_file() else 0
    _probe(state.parent, MIN_FREE_STATE + size, "状态文件所在文件夹")


def check_workers(workers: int | None) -> None:
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise StartError(f"--workers 应为 1 到 {MAX_WORKERS} 之间的整数，而不是 {workers}")


def check_reference_file(path: Path | None, option: str) -> None:
    if path is None:
        return
    if not path.exists():
        raise StartError(f"{option} 指定的文件不存在：{path}")
    if not path.is_file():
        raise StartError(f"{option} 应指定一个文件，而 {path} 是一个文件夹")
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise StartError(f"{option} 指定的文件无法打开（{error.strerror}）：{path}") from error


def _probe(folder: Path, need: int, what: str) -> None:
    """Create the folder, write and remove a small file in it, and check the free space."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StartError(f"{what} {folder} 无法创建（{error.strerror}）") from error
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".write-probe-")
        try:
            os.write(handle, b"\0" * PROBE_BYTES)
            os.fsync(handle)
        finally:
            os.close(handle)
            with contextlib.suppress(OSError):
                os.unlink(name)
    except OSError as error:
        raise StartError(f"{what} {folder} 不可写（{error.strerror}）；请检查权限或换一个位置") from error
    free = shutil.disk_usage(folder).free
    if free < need:
        raise StartError(f"{what} {folder} 所在磁盘空间不足：剩余 {_mb(free)}，至少需要 {_mb(need)}；请清理后再运行")


def _published_size(out: Path) -> int:
    try:
        names = json.loads((out / PUBLISHED_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    total = 0
    for name in names if isinstance(names, list) else []:
        with contextlib.suppress(OSError, TypeError):
            total += (out / str(name)).stat().st_size
    return total


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"
