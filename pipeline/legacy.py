"""The run's one LibreOffice: legacy files (.doc, .wps, .rtf — archive members included) are
converted to .docx in batches by a thread of the run, beside the worker pool.

Work items are queued as the inbox is planned; the thread converts whatever is queued in one
LibreOffice process (`extractors.backends.lo_batch`), a batch at a time, and hands each file back
(`outcomes`) the moment it is converted, so its fields are read by the pool while LibreOffice goes
on with the next. A file LibreOffice could not load, or that was in flight when a batch stalled
or crashed, comes back without a .docx and is read on its own by a worker (its own LibreOffice,
its own time limit and the retry); the files not reached go into the next batch.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from extractors.backends.libreoffice_backend import lo_version
from extractors.backends.lo_batch import Legacy, convert_batch, suffix_for
from extractors.backends.timing import stage

LEGACY_FORMATS = ("doc", "wps", "rtf")
MAX_BATCH = 80          # files per LibreOffice process (it is restarted between batches)


@dataclass(slots=True)
class Converted:
    """One legacy file back from the thread: its .docx (None: to be read alone) and why not."""

    item: object            # the caller's work item
    docx: bytes | None
    version: str = ""
    suspect: bool = False   # in flight when a batch stalled or crashed: its first try is used up


class LegacyConverter:
    def __init__(self, per_file_timeout: float, read: Callable[[object], bytes], key: Callable[[object], str]) -> None:
        self.per_file_timeout, self.read, self.key = per_file_timeout, read, key
        self.outcomes: queue.Queue[Converted] = queue.Queue()
        self.waiting: list[object] = []
        self.outstanding = 0                 # queued or in a batch, not yet in `outcomes`
        self.batches = 0                     # LibreOffice processes started
        self.planned = False
        self.stop = threading.Event()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, item: object) -> None:
        with self._ready:
            self.waiting.append(item)
            self.outstanding += 1
            self._ready.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="libreoffice", daemon=True)
            self._thread.start()

    def all_planned(self) -> None:
        """No more files will come: convert what waits without waiting for a fuller batch."""
        with self._ready:
            self.planned = True
            self._ready.notify()

    def take(self, timeout: float = 0.0) -> list[Converted]:
        """The files converted (or given up) since the last call."""
        found = []
        with contextlib.suppress(queue.Empty):
            found.append(self.outcomes.get(timeout=timeout) if timeout else self.outcomes.get_nowait())
            while True:
                found.append(self.outcomes.get_nowait())
        with self._ready:
            self.outstanding -= len(found)
        return found

    def close(self) -> None:
        """Stop at once: LibreOffice is killed, nothing more comes back."""
        self.stop.set()
        with self._ready:
            self._ready.notify()
        if self._thread is not None:
            self._thread.join(timeout=10)

    # -- the thread ---------------------------------------------------------------------------------

    def _next_batch(self) -> list[object]:
        with self._ready:
            while not self.stop.is_set() and not (self.waiting and (self.planned or len(self.waiting) >= MAX_BATCH)):
                self._ready.wait(timeout=0.5)
            batch, self.waiting = self.waiting[:MAX_BATCH], self.waiting[MAX_BATCH:]
            return [] if self.stop.is_set() else batch

    def _loop(self) -> None:
        while not self.stop.is_set():
            batch = self._next_batch()
            if not batch:
                continue
            self._convert(batch)

    def _convert(self, batch: list[object]) -> None:
        by_key = {self.key(item): item for item in batch}
        files = []
        for key, item in by_key.items():
            try:
                data = self.read(item)
            except OSError:
                self.outcomes.put(Converted(item, None))   # the worker reports why it cannot be read
                continue
            files.append(Legacy(key, data, suffix_for(data)))
        if not files:
            return
        version = lo_version()

        emitted: set[str] = set()

        def converted(key: str, docx: bytes) -> None:
            emitted.add(key)
            self.outcomes.put(Converted(by_key[key], docx, version))

        self.batches += 1
        try:
            with stage("libreoffice (batched)"):
                outcome = convert_batch(files, per_file_timeout=self.per_file_timeout, on_converted=converted,
                                        stop=self.stop)
        except Exception:   # no LibreOffice, a full disk, anything: never leave the run waiting, read them alone
            for item in files:
                if item.key not in emitted:
                    self.outcomes.put(Converted(by_key[item.key], None))
            return
        for key in outcome.unconverted:
            self.outcomes.put(Converted(by_key[key], None))
        for key in outcome.suspects:
            self.outcomes.put(Converted(by_key[key], None, suspect=True))
        with self._ready:
            self.waiting[:0] = [by_key[key] for key in outcome.rest]
