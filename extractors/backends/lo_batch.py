"""Many legacy documents converted to .docx by one LibreOffice process.

`convert_batch` starts one `soffice --convert-to` for a whole batch (private offline profile,
network namespace where allowed, process group killed by a guardian if the run dies) and follows
its output: LibreOffice prints `convert <input> -> …` when it has loaded an input and starts
storing it, or `Error: …` when an input could not be loaded, one input after the other. So each
file keeps its own time limit, counted from the moment the file before it was done; each
converted file is handed on (`on_converted`) as soon as the next one starts.

When the batch stalls past a file's limit, or LibreOffice crashes, the process is killed and the
file(s) in flight are named `suspects`: the caller reads them one at a time (the single-file
path of `libreoffice_backend`, with its own limit and retry), so the file that broke the batch is
isolated; files not reached yet come back as `rest` for the next batch. Files LibreOffice could
not load are `unconverted` (read alone, they fail with the reason in the report).
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractors.backends.bounded import FORK_LOCK, guarded, kill_group
from extractors.backends.libreoffice_backend import (
    ConversionError,
    lo_command,
    offline_environment,
    soffice_binary,
    write_offline_profile,
)

DOCX_FILTER = "docx:MS Word 2007 XML"
_CONVERT_LINE = re.compile(r"^convert .*?[/\\](\d{5})\.[A-Za-z]+ ")
POLL_SECONDS = 0.1
STARTUP_SECONDS = 20.0   # LibreOffice's own start, added to the first file's limit (a busy machine is slow)


@dataclass(frozen=True, slots=True)
class Legacy:
    key: str          # the caller's name for the file
    data: bytes
    suffix: str       # ".doc", ".rtf" …: what LibreOffice should take it for


@dataclass(slots=True)
class BatchOutcome:
    converted: list[str] = field(default_factory=list)
    unconverted: list[str] = field(default_factory=list)   # LibreOffice could not load them
    suspects: list[str] = field(default_factory=list)      # in flight when the batch stalled or crashed
    rest: list[str] = field(default_factory=list)          # not reached: convert in another batch
    reason: str = ""                                       # why the batch stopped early, if it did


class _Follower:
    """Reads LibreOffice's progress lines and knows which input is where."""

    def __init__(self, files: Sequence[Legacy], outdir: Path, on_converted: Callable[[str, bytes], None]) -> None:
        self.files, self.outdir, self.on_converted = files, outdir, on_converted
        self.next = 0                   # the first input no line has spoken of
        self.storing: int | None = None
        self.outcome = BatchOutcome()

    def line(self, text: str) -> None:
        found = _CONVERT_LINE.match(text)
        if found and int(found.group(1)) < len(self.files):
            index = int(found.group(1))
            self._stored()
            for skipped in range(self.next, index):
                self.outcome.unconverted.append(self.files[skipped].key)
            self.storing, self.next = index, max(self.next, index + 1)
        elif text.startswith("Error:") and self.next < len(self.files):
            self._stored()
            self.outcome.unconverted.append(self.files[self.next].key)
            self.next += 1

    def _stored(self) -> None:
        if self.storing is None:
            return
        index, self.storing = self.storing, None
        path = self.outdir / f"{index:05d}.docx"
        if path.is_file() and path.stat().st_size > 0:
            self.outcome.converted.append(self.files[index].key)
            self.on_converted(self.files[index].key, path.read_bytes())
        else:
            self.outcome.unconverted.append(self.files[index].key)

    def finished(self) -> None:
        """LibreOffice exited normally: the last file is stored, inputs never named were not loaded."""
        self._stored()
        self.outcome.unconverted += [f.key for f in self.files[self.next:]]

    def broken(self, reason: str) -> None:
        """The batch stopped early: the file being stored and the one being loaded are suspects."""
        if self.storing is not None:
            self.outcome.suspects.append(self.files[self.storing].key)
        if self.next < len(self.files):
            self.outcome.suspects.append(self.files[self.next].key)
        self.outcome.rest += [f.key for f in self.files[self.next + 1:]]
        self.outcome.reason = reason


def convert_batch(files: Sequence[Legacy], *, per_file_timeout: float, on_converted: Callable[[str, bytes], None],
                  stop: threading.Event | None = None, startup_seconds: float = STARTUP_SECONDS) -> BatchOutcome:
    """Convert `files` to .docx with one LibreOffice process (see the module's docstring)."""
    binary = soffice_binary()
    if binary is None:
        raise ConversionError("未安装 LibreOffice（soffice），无法转换旧版文档")
    stop = stop or threading.Event()
    with tempfile.TemporaryDirectory(prefix="lo-batch-") as folder:
        work = Path(folder)
        inputs = []
        for index, item in enumerate(files):
            path = work / "in" / f"{index:05d}{item.suffix}"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(item.data)
            inputs.append(path)
        write_offline_profile(work / "profile")
        follower = _Follower(files, work / "out", on_converted)
        with FORK_LOCK:   # (it may start `unshare` once, to see whether it works here)
            command = lo_command(binary, work / "profile", DOCX_FILTER, work / "out", inputs)
        _follow(command, follower, per_file_timeout, stop, startup_seconds)
    return follower.outcome


def _follow(command: list[str], follower: _Follower, per_file_timeout: float, stop: threading.Event,
            startup_seconds: float) -> None:
    """Run LibreOffice with its output going to a file (not a pipe: a worker process forked
    meanwhile would hold a pipe open and hide its end) and follow that file."""
    log = follower.outdir.parent / "soffice.log"
    with FORK_LOCK, log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=offline_environment(), start_new_session=True)
    with guarded(process.pid):
        try:
            _watch(process, _Lines(log), follower, per_file_timeout, stop, startup_seconds)
        finally:
            kill_group(process.pid)
            process.wait()


class _Lines:
    """The complete lines a growing file has gained since the last call."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.partial = path, 0, b""

    def new(self) -> list[str]:
        with contextlib.suppress(OSError), self.path.open("rb") as handle:
            handle.seek(self.offset)
            chunk = handle.read()
            self.offset += len(chunk)
            *lines, self.partial = (self.partial + chunk).split(b"\n")
            return [line.decode("utf-8", "replace").rstrip("\r") for line in lines]
        return []

    def rest(self) -> list[str]:
        lines, self.partial = [*self.new(), self.partial.decode("utf-8", "replace")], b""
        return [line for line in lines if line]


def _watch(process: subprocess.Popen, lines: _Lines, follower: _Follower, per_file_timeout: float,
           stop: threading.Event, startup_seconds: float) -> None:
    last_event = time.monotonic() + startup_seconds
    while True:
        exited = process.poll() is not None
        found = lines.rest() if exited else lines.new()
        for text in found:
            follower.line(text)
        if found:
            last_event = time.monotonic()
        if exited:
            if process.returncode == 0:
                follower.finished()
            else:
                follower.broken(f"LibreOffice 异常退出（退出码 {process.returncode}）")
            return
        if stop.is_set():
            follower.broken("stopped")
            return
        if time.monotonic() - last_event > per_file_timeout:
            follower.broken(f"LibreOffice 转换超时（一个文件超过 {per_file_timeout:.0f} 秒）")
            return
        stop.wait(POLL_SECONDS)


def suffix_for(data: bytes) -> str:
    """What LibreOffice should take a legacy file for (a .wps is Word 97 inside)."""
    return ".rtf" if data.startswith(b"{\\rtf") else ".doc"
