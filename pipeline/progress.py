"""Showing a run's progress: a rich progress bar on a terminal, plain periodic lines otherwise
(a log, a pipe, a scheduled task), nothing with `--quiet`.

Each shows files done of those found so far, how many came from the cache, the unit of the last
file, files per second and the time left, and says something the moment the run starts.
"""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

from pipeline.batch import Progress as BatchProgress

PLAIN_INTERVAL_SECONDS = 5.0


class RunProgress(BatchProgress):
    """Counts what the batch reports; subclasses show it."""

    def __init__(self) -> None:
        self.total = 0
        self.completed = 0
        self.cached = 0
        self.unit = ""
        self.started = time.monotonic()
        self.phase_text = ""

    def found(self, count: int = 1) -> None:
        self.total += count

    def done(self, path: str, unit: str, *, cached: bool) -> None:
        self.completed += 1
        self.cached += cached
        self.unit = unit or self.unit

    def phase(self, text: str) -> None:
        self.phase_text = text

    def start(self) -> None:
        """Called once before anything is read."""

    def stop(self) -> None:
        """Called once at the end, whatever happened."""

    def rate(self) -> float:
        """Files read per second (cache hits excluded: they take no time)."""
        elapsed = time.monotonic() - self.started
        read = self.completed - self.cached
        return read / elapsed if elapsed > 0 and read else 0.0

    def remaining(self) -> str:
        rate = self.rate()
        left = self.total - self.completed
        if not rate or left <= 0:
            return ""
        seconds = int(left / rate)
        return f"{seconds // 60} 分 {seconds % 60} 秒" if seconds >= 60 else f"{seconds} 秒"


class QuietProgress(RunProgress):
    pass


class PlainProgress(RunProgress):
    """A line at every phase and every few seconds while files are read (never more often)."""

    def __init__(self, console: Console, interval: float = PLAIN_INTERVAL_SECONDS) -> None:
        super().__init__()
        self.console, self.interval = console, interval
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._ticker = threading.Thread(target=self._tick, daemon=True)

    def start(self) -> None:
        self._ticker.start()

    def stop(self) -> None:
        self._stopped.set()

    def phase(self, text: str) -> None:
        super().phase(text)
        self._say(text)

    def line(self) -> str:
        parts = [f"已处理 {self.completed}/{self.total} 个文件"]
        if self.cached:
            parts[0] += f"（其中 {self.cached} 个沿用上次结果）"
        if self.unit:
            parts.append(f"当前：{self.unit}")
        if rate := self.rate():
            parts.append(f"{rate:.1f} 个/秒")
        if left := self.remaining():
            parts.append(f"预计还需 {left}")
        return "，".join(parts)

    def _tick(self) -> None:
        while not self._stopped.wait(self.interval):
            if self.total:
                self._say(self.line())

    def _say(self, text: str) -> None:
        with self._lock:
            self.console.print(text, markup=False, highlight=False)


class BarProgress(RunProgress):
    """A rich progress bar (terminal only)."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[details]}"), TimeRemainingColumn(), console=console,
                            transient=False, refresh_per_second=4)
        self.task = self.bar.add_task("准备中", total=None, details="")

    def start(self) -> None:
        self.bar.start()

    def stop(self) -> None:
        self.bar.stop()

    def phase(self, text: str) -> None:
        super().phase(text)
        self.bar.update(self.task, description=text)

    def found(self, count: int = 1) -> None:
        super().found(count)
        self.bar.update(self.task, total=self.total)

    def done(self, path: str, unit: str, *, cached: bool) -> None:
        super().done(path, unit, cached=cached)
        details = f"缓存 {self.cached}" + (f" · {self.rate():.1f} 个/秒" if self.rate() else "")
        details += f" · {self.unit}" if self.unit else ""
        self.bar.update(self.task, completed=self.completed, details=details)


def make_progress(console: Console, *, quiet: bool) -> RunProgress:
    if quiet:
        return QuietProgress()
    return BarProgress(console) if console.is_terminal else PlainProgress(console)
