"""Where reading a file spends its time, by stage (LibreOffice, OCR layout, OCR recognition,
PDF text, parsing, field extraction …): wall seconds and CPU seconds of this process and of the
helper programs it waited for. Each process adds up its own; a worker hands its totals back with
every result (`take`), and the run adds them up for the benchmark's per-stage table."""

from __future__ import annotations

import contextlib
import resource
import threading
import time
from collections.abc import Iterator

Totals = dict[str, list[float]]   # stage → [wall seconds, CPU seconds, calls]

_totals: Totals = {}
_lock = threading.Lock()
_local = threading.local()        # the stages open in this thread


def _cpu() -> float:
    own = time.thread_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time a stage; a stage inside another is taken out of the outer one's time."""
    wall, cpu = time.perf_counter(), _cpu()
    _open = _local.__dict__.setdefault("open", [])
    _open.append(name)
    try:
        yield
    finally:
        _open.pop()
        spent_wall, spent_cpu = time.perf_counter() - wall, _cpu() - cpu
        _add(name, spent_wall, spent_cpu, 1)
        if _open:
            _add(_open[-1], -spent_wall, -spent_cpu, 0)


def _add(name: str, wall: float, cpu: float, calls: int) -> None:
    with _lock:
        merge(_totals, {name: [wall, cpu, calls]})


def take() -> Totals:
    """This process's totals since the last call (and start afresh)."""
    global _totals
    with _lock:
        taken, _totals = _totals, {}
    return taken


def merge(into: Totals, more: Totals) -> None:
    for name, (wall, cpu, calls) in more.items():
        entry = into.setdefault(name, [0.0, 0.0, 0])
        entry[0] += wall
        entry[1] += cpu
        entry[2] += calls
