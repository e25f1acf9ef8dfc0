"""Reading the whole inbox as work items through one pool of worker processes.

A work item is one file to extract: a loose file of the inbox, or one member of an archive
(`archive.zip!inner/path.docx`). Archives are expanded here, in the main process and before their
members reach the pool, so every member has its own time and size limit. Items whose bytes were
extracted before come from the cache; the rest go to the pool, and each result is committed to
the cache the moment it arrives, so an interrupted run loses only the files in flight. A file
that runs past its time limit, or whose worker dies, is tried once more with twice the time
before it becomes PROCESSING_FAILED (our failure, not the unit's).

Scheduling: the whole inbox is planned first (hashed, looked up, archives expanded; a few
seconds at most), then the work goes out by expected cost — scans first, so their OCR overlaps
the many cheap files, then PDFs, then the rest. Legacy files (.doc/.wps/.rtf) go to the run's one
LibreOffice (`pipeline.legacy`), converted in batches beside the pool, and reach the pool as .docx.
Identical bytes under several names are read once. What expensive backends derived (converted
documents, OCR text) is kept by content hash and converter/engine version (`Cache.get_derived`),
so a change to the extractors converts and recognises nothing again.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import multiprocessing
import os
import pickle
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from extractors.backends import derived as derived_entries
from extractors.backends import timing
from extractors.backends.bounded import LOCKED_FORK
from extractors.backends.libreoffice_backend import soffice_binary
from extractors.sniff import sniff_format
from pipeline.archives import ArchiveResult, expand_archive, is_archive
from pipeline.inbox import FILE, MAX_FILE_BYTES, SPECIAL, SYMLINK, UNREADABLE_FOLDER, InboxFile, read_bytes
from pipeline.legacy import LEGACY_FORMATS, Converted, LegacyConverter
from pipeline.process import FileResult, extract_file, place, unit_from_path
from schemas.issues import make_issue
from schemas.units import UnitMatcher

# The code that turns bytes into records, and nothing else: the backends and field extractors,
# the vocabularies and normalisation tables of schemas/, and the few pipeline modules an
# extraction runs (file-level reading, archive limits, the issues it builds). Checks, linking,
# consolidation and the writers work on extractions and never invalidate them.
EXTRACTING_PACKAGES = ("extractors", "schemas")
EXTRACTING_MODULES = ("pipeline/process.py", "pipeline/archives.py")
EXTRACTING_SUFFIXES = (".py", ".yaml", ".yml", ".csv", ".json")
CACHE_LAYOUT = "1"          # bump when what is pickled into the cache (FileResult, ListingRow) changes shape
RETRY_FACTOR = 2            # a file that timed out is tried once more with this many times the limit
POLL_SECONDS = 0.2
PR_SET_PDEATHSIG = 1


def extracting_files() -> list[Path]:
    """The source and data files whose content decides what an extraction holds."""
    root = Path(str(resources.files("pipeline"))).parent
    found = [path for package in EXTRACTING_PACKAGES for path in Path(str(resources.files(package))).rglob("*")
             if path.suffix in EXTRACTING_SUFFIXES and "__pycache__" not in path.parts]
    return sorted([*found, *(root / module for module in EXTRACTING_MODULES)])


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the code that extracts (`extracting_files`): a change to it invalidates the
    extraction cache; a change to checks or writers does not."""
    digest = hashlib.sha256(CACHE_LAYOUT.encode())
    root = Path(str(resources.files("pipeline"))).parent
    for path in extracting_files():
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- what the batch is given and gives back ----------------------------------------------------------


@dataclass(slots=True)
class Cache:
    """Where extractions are kept between runs; `get`/`put`/`drop` take the content hash.
    `get_derived`/`put_derived`: what expensive backends derived from a content (name → (version,
    payload)), kept apart from the extractions."""

    get: Callable[[str], bytes | None] = lambda sha: None
    put: Callable[[str, bytes], None] = lambda sha, payload: None
    drop: Callable[[str], None] = lambda sha: None
    get_derived: Callable[[str], dict[str, tuple[str, bytes]]] = lambda sha: {}
    put_derived: Callable[[str, dict[str, tuple[str, bytes]]], None] = lambda sha, entries: None


DERIVING_FORMATS = (*LEGACY_FORMATS, "pdf", "png", "jpeg", "tiff", "bmp", "gif")   # LibreOffice or OCR
SCAN_FORMATS = ("png", "jpeg", "tiff", "bmp", "gif")


class Progress:
    """What the batch tells whoever shows progress; this base class shows nothing."""

    def found(self, count: int = 1) -> None:
        """`count` more work items are known."""

    def done(self, path: str, unit: str, *, cached: bool) -> None:
        """One work item is finished (read now, or taken from the cache)."""


@dataclass(slots=True)
class BatchStats:
    files: int = 0                  # inbox entries
    items: int = 0                  # work items (loose files and archive members)
    read: int = 0                   # items extracted in this run
    cached: int = 0                 # items taken from the cache
    hashes: dict[str, str] = field(default_factory=dict)   # inbox path → sha256
    unread: list[str] = field(default_factory=list)        # paths this run could not process at all
    contents: set[str] = field(default_factory=set)         # every content hash met (kept in the cache)
    damaged_cache: int = 0          # cache entries that could not be loaded (dropped, read again)
    duplicates: int = 0             # items whose bytes another item of this run was reading (read once)
    lo_batches: int = 0             # LibreOffice processes started for batches of legacy files
    lo_alone: int = 0               # legacy files converted on their own (not in a batch)
    derived_reused: int = 0         # items read from a converted document or OCR text kept earlier
    timings: timing.Totals = field(default_factory=dict)   # stage → [wall s, CPU s, calls], all processes


@dataclass(slots=True)
class WorkItem:
    """One file to extract: a loose inbox file (read from `source`) or an archive member (`data`)."""

    path: str                   # in the inbox; archive members `archive.zip!inner/path`
    size: int
    sha256: str
    format: str = "unknown"
    modified: float = 0.0
    unit_hint: str = ""         # the unit its folders or archive name point to
    source: Path | None = None
    data: bytes | None = None
    note: str = ""              # appended to the result's message (a renamed member, a decoded name)
    derived: dict[str, tuple[str, bytes]] = field(default_factory=dict)   # kept from earlier runs or a batch
    alone: bool = False         # a legacy file to convert on its own (it failed or broke a batch)
    likely_scan: bool = False   # a PDF without fonts: its pages go to OCR

    def read(self, max_bytes: int) -> bytes:
        if self.data is not None:
            return self.data
        return read_bytes(InboxFile(self.path, self.source or Path(), self.size, self.modified), max_bytes)


@dataclass(slots=True)
class ListingRow:
    """One row of an expanded archive, cached under the archive's hash: a finished row (the
    archive's own, a nested archive's, a member that could not be unpacked) or a member to extract."""

    suffix: str                      # path after the archive's own ("" for its row, "!inner/a.docx")
    result: FileResult | None = None
    sha256: str = ""
    size: int = 0
    modified: float = 0.0
    note: str = ""


# --- worker side --------------------------------------------------------------------------------------


@dataclass(slots=True)
class WorkOutcome:
    """What a worker sends back: the extraction (pickled once, here: the run keeps these very bytes
    in its cache and unpickles them once), what it derived on the way, where time went."""

    payload: bytes
    derived: dict[str, tuple[str, bytes]]
    timings: timing.Totals


def read_work_item(item: WorkItem, max_bytes: int = MAX_FILE_BYTES) -> WorkOutcome:
    """Runs in a worker: extract the item, reusing what was derived from its bytes before."""
    with derived_entries.scope(item.derived) as kept:
        result = extract_work_item(item, max_bytes)
    payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    del result
    _give_back_memory()
    return WorkOutcome(payload, kept, timing.take())


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def _give_back_memory() -> None:
    """Return the heap a file freed to the system (a scan's page images and arrays are ~150 MB),
    so a long-lived worker stays at the size of its models, not of its largest file."""
    libc = _libc()
    if libc is not None:
        with contextlib.suppress(AttributeError, OSError):
            libc.malloc_trim(0)


def extract_work_item(item: WorkItem, max_bytes: int = MAX_FILE_BYTES) -> FileResult:
    """Read the item's bytes and extract what they hold; never raises."""
    try:
        data = item.read(max_bytes)
    except OSError as error:
        return failed(item.path, str(error), item.format)
    result = extract_guarded(data, item.path)
    result.modified = item.modified
    return result


def extract_guarded(data: bytes, path: str) -> FileResult:
    try:
        return extract_file(data, path)
    except Exception as error:
        result = processing_failed(path, f"处理出错：{type(error).__name__}: {error}")
        result.sha256 = hashlib.sha256(data).hexdigest()
        return result


def _die_with_parent(parent: int) -> None:
    """Worker initializer: the kernel kills the worker when the run's process dies, even by
    `kill -9` (its LibreOffice/OCR helpers then die through their guardian)."""
    timing.take()   # (the run's own totals, inherited by the fork, are not the worker's)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def failed(path: str, reason: str, fmt: str = "unknown", code: str = "UNREADABLE_FILE") -> FileResult:
    result = FileResult(file=path, sha256="", format=fmt, status="failed", message=reason)
    result.issues.append(make_issue(code, file=path, value=reason))
    return result


def processing_failed(path: str, reason: str, fmt: str = "unknown") -> FileResult:
    """Our failure, not the unit's: the file ran past its time limit, crashed its worker or hit
    an error in the program (PROCESSING_FAILED, kept out of the letters)."""
    return failed(path, reason, fmt, code="PROCESSING_FAILED")


# --- main side ----------------------------------------------------------------------------------------


def process_items(items: Iterable[InboxFile], unit_names: list[str], *, cache: Cache | None = None,
                  known: dict[str, tuple[int, float, str]] | None = None, workers: int | None = None,
                  timeout: float = 120.0, max_bytes: int = MAX_FILE_BYTES,
                  progress: Progress | None = None) -> tuple[list[FileResult], BatchStats]:
    """Every inbox entry's results (archives: their row, then their members'), in inbox order."""
    batch = Batch(UnitMatcher(unit_names), cache or Cache(), known or {}, workers, timeout, max_bytes,
                  progress or Progress())
    return batch.run(items)


class Batch:
    def __init__(self, units: UnitMatcher, cache: Cache, known: dict[str, tuple[int, float, str]],
                 workers: int | None, timeout: float, max_bytes: int, progress: Progress) -> None:
        self.units, self.cache, self.known = units, cache, known
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.timeout, self.max_bytes, self.progress = timeout, max_bytes, progress
        self.stats = BatchStats()
        self.order: list[str] = []
        self.results: dict[str, FileResult] = {}
        self.pending: dict[Future, tuple[WorkItem, int]] = {}
        self._pool: _Pool | None = None                    # the workers
        self._scan_pool: _Pool | None = None               # the worker that reads the scans (if any)
        self.backlog: list[WorkItem] = []                  # to send when a worker has room
        self.planning = True
        self.queued: list[WorkItem] = []                    # planned, sent to the pool when planning ends
        self.reading: dict[str, list[WorkItem]] = {}       # content hash → later items of the same bytes
        self.converter: LegacyConverter | None = None
        self.scans: list[WorkItem] = []                    # scans waiting for the one before them

    def run(self, entries: Iterable[InboxFile]) -> tuple[list[FileResult], BatchStats]:
        try:
            with timing.stage("planning (hashing, cache, archives)"):
                for entry in entries:
                    self.stats.files += 1
                    self._plan(entry)
            self._release()
            while self.pending or self._converting() or self.scans or self.backlog:
                self._collect(block=True)
        except BaseException:
            self._abort()
            raise
        self._close()
        results = [self.results[path] for path in self.order]
        _fill_archive_units(results)
        timing.merge(self.stats.timings, timing.take())
        return results, self.stats

    # -- planning ----------------------------------------------------------------------------------

    def _plan(self, entry: InboxFile) -> None:
        if entry.kind != FILE:
            self._found(entry.path)
            self._finish(_not_read(entry), cached=False, ours=entry.kind in (UNREADABLE_FOLDER, SYMLINK))
            return
        sha = self._known_hash(entry)
        if sha and self._from_cache(entry, sha):
            return
        try:
            data = read_bytes(entry, self.max_bytes)
        except OSError as error:
            self._found(entry.path)
            too_large = entry.size > self.max_bytes
            self._finish(failed(entry.path, _joined(entry.note, str(error))), cached=False, ours=not too_large)
            return
        sha = hashlib.sha256(data).hexdigest()
        self.stats.hashes[entry.path] = sha
        if self._from_cache(entry, sha):
            return
        fmt = sniff_format(data, entry.path)
        if is_archive(fmt):
            self._expand(entry, data, sha, fmt)
        else:
            self._found(entry.path)
            item = WorkItem(entry.path, entry.size, sha, fmt, entry.modified, self._unit(entry.path),
                            source=entry.absolute, note=entry.note)
            item.likely_scan = fmt == "pdf" and b"/Font" not in data
            self._schedule(item)

    def _known_hash(self, entry: InboxFile) -> str:
        """The last run's hash when path, size and time are unchanged (the file is not read)."""
        previous = self.known.get(entry.path)
        if previous and previous[0] == entry.size and previous[1] == entry.modified and previous[2]:
            self.stats.hashes[entry.path] = previous[2]
            return previous[2]
        return ""

    def _from_cache(self, entry: InboxFile, sha: str) -> bool:
        """Finish an entry from the cache; an archive only when all its members are cached."""
        cached = self._load(sha)
        if cached is None:
            return False
        if isinstance(cached, FileResult):
            self._found(entry.path)
            cached.modified = entry.modified
            self._finish(_with_note(cached, entry.note), cached=True, path=entry.path)
            return True
        members = {row.sha256: self._load(row.sha256) for row in cached if row.result is None}
        if any(not isinstance(found, FileResult) for found in members.values()):
            return False
        for row in cached:
            self._found(entry.path + row.suffix)
            # the same bytes twice in one archive: the second row gets its own copy
            result = row.result if row.result is not None else _with_note(
                members.pop(row.sha256, None) or self._load(row.sha256), row.note)
            result.modified = row.modified if row.suffix else entry.modified
            self._finish(result, cached=True, path=entry.path + row.suffix)
        return True

    def _expand(self, entry: InboxFile, data: bytes, sha: str, fmt: str) -> None:
        rows, payloads = listing(entry.path, data, fmt, expand_archive(data, entry.path, fmt))
        rows[0].result.modified = entry.modified
        _with_note(rows[0].result, entry.note)
        self._store(sha, rows)
        for row in rows:
            path = entry.path + row.suffix
            self._found(path)
            if row.result is not None:
                self._finish(row.result, cached=False)
                continue
            cached = self._load(row.sha256)
            if isinstance(cached, FileResult):
                cached.modified = row.modified
                self._finish(_with_note(cached, row.note), cached=True, path=path)
            else:
                self._schedule(WorkItem(path, row.size, row.sha256, sniff_format(payloads[row.suffix], path),
                                        row.modified, self._unit(path), data=payloads[row.suffix], note=row.note))

    def _found(self, path: str) -> None:
        self.order.append(path)
        self.stats.items += 1
        self.progress.found()

    def _unit(self, path: str) -> str:
        return unit_from_path(path, self.units) or ""

    # -- scheduling --------------------------------------------------------------------------------

    def _schedule(self, item: WorkItem) -> None:
        """Plan one item: read once per content, through the run's LibreOffice when it is a legacy
        file, with what earlier runs derived from its bytes."""
        if item.size > self.max_bytes:
            reason = f"文件过大（{item.size // (1024 * 1024)} MB，上限 {self.max_bytes // (1024 * 1024)} MB）"
            self._finish(failed(item.path, reason, item.format), cached=False)
            return
        if item.sha256 in self.reading:
            self.reading[item.sha256].append(item)
            self.stats.duplicates += 1
            return
        self.reading[item.sha256] = []
        if item.format in DERIVING_FORMATS:
            item.derived = self.cache.get_derived(item.sha256)
            self.stats.derived_reused += bool(item.derived)
        if item.format in LEGACY_FORMATS and "docx" not in item.derived and self._lo_batches():
            self.converter.add(item)
            return
        self._submit(item)

    def _submit(self, item: WorkItem, attempt: int = 1) -> None:
        """Queue an item (a retry goes straight to a worker of its kind)."""
        if attempt == 1:
            (self.queued if self.planning else self.backlog).append(item)
            self._feed()
            return
        self._send(item, attempt, self._scan_pool if _cost(item) == 0 and self._scan_pool else self._pool)

    def _send(self, item: WorkItem, attempt: int, pool: _Pool) -> None:
        limit = self.timeout * (RETRY_FACTOR if attempt > 1 else 1)
        self.pending[pool.schedule(item, attempt, limit, self.max_bytes)] = (item, attempt)

    def _release(self) -> None:
        """Planning is over: the pools start. Scans go first and one at a time, to a worker of
        their own (the only one that loads the OCR model and holds a page's images), while the
        other workers read the rest, costliest first; once the scans are done, their worker reads
        the rest too. (With one worker, it reads the scans first, then the rest.)"""
        self.planning = False
        if self.converter is not None:
            self.converter.all_planned()
        ordered = sorted(self.queued, key=_cost)
        self.queued = []
        self.scans = [item for item in ordered if _cost(item) == 0]
        self.backlog = [item for item in ordered if _cost(item) != 0]
        _preload_prose(ordered, self.workers)
        gc.freeze()   # what the run loaded stays shared with the workers: the collector no longer writes to it
        scan_worker = bool(self.scans) and self.workers > 1
        self._pool = _Pool(self.workers - 1 if scan_worker else self.workers)
        self._scan_pool = _Pool(1) if scan_worker else None
        self._feed()

    def _feed(self) -> None:
        """Keep every worker busy with at most two items each in its queue: scans one at a time."""
        if self.planning:
            return
        scans_to = self._scan_pool or self._pool
        if self.scans and scans_to.free_slots(ahead=0):
            self._send(self.scans.pop(0), 1, scans_to)
        for pool in (self._pool, self._scan_pool):
            if pool is None or (pool is self._scan_pool and (self.scans or self._scanning())):
                continue
            while self.backlog and pool.free_slots(ahead=2):
                self._send(self.backlog.pop(0), 1, pool)

    def _scanning(self) -> bool:
        held = self._scan_pool.held if self._scan_pool is not None else set()
        return any(_cost(self.pending[future][0]) == 0 for future in held if future in self.pending)

    def _lo_batches(self) -> bool:
        """Whether legacy files go to the run's LibreOffice (it is installed)."""
        if self.converter is None and soffice_binary() is not None:
            self.converter = LegacyConverter(self.timeout, lambda item: item.read(self.max_bytes),
                                             lambda item: item.path)
        return self.converter is not None

    def _converting(self) -> bool:
        return self.converter is not None and self.converter.outstanding > 0

    # -- collecting --------------------------------------------------------------------------------

    def _collect(self, *, block: bool) -> None:
        self._feed()
        wait_for = POLL_SECONDS if block else 0
        if self.converter is not None:
            for converted in self.converter.take(timeout=0 if self.pending else wait_for):
                self._converted(converted)
        if not self.pending:
            return
        finished, _ = wait(list(self.pending), timeout=wait_for, return_when=FIRST_COMPLETED)
        for future in finished:
            item, attempt = self.pending.pop(future)
            for pool in (self._pool, self._scan_pool):
                if pool is not None:
                    pool.forget(future)
            self._outcome(item, attempt, future)
        self._feed()

    def _converted(self, converted: Converted) -> None:
        item = converted.item
        assert isinstance(item, WorkItem)
        if converted.docx is None:
            item.alone = True
            if converted.suspect:   # the batch's time limit was its first try: one more, with the longer limit
                self._submit(item, attempt=2)
                return
        else:
            entries = {"docx": (converted.version, converted.docx)}
            self.cache.put_derived(item.sha256, entries)
            item.derived = {**item.derived, **entries}
        self._submit(item)

    def _outcome(self, item: WorkItem, attempt: int, future: Future) -> None:
        try:
            outcome = future.result()
        except FutureTimeout:
            if attempt == 1:
                self._submit(item, attempt=2)
                return
            reason = (f"处理超时：{self.timeout:g} 秒内未完成，延长到 {self.timeout * RETRY_FACTOR:g} 秒重试后"
                      "仍未完成，已停止")
            self._done(item, processing_failed(item.path, reason, item.format), ours=True)
            return
        except ProcessExpired as error:
            if attempt == 1:
                self._submit(item, attempt=2)
                return
            reason = f"处理进程异常退出（退出码 {error.exitcode}），重试后仍然失败"
            self._done(item, processing_failed(item.path, reason, item.format), ours=True)
            return
        except Exception as error:
            self._done(item, processing_failed(item.path, f"处理出错：{type(error).__name__}", item.format), ours=True)
            return
        result = pickle.loads(outcome.payload)
        timing.merge(self.stats.timings, outcome.timings)
        if outcome.derived:
            self.cache.put_derived(item.sha256, outcome.derived)
            self.stats.lo_alone += "docx" in outcome.derived
        if result.sha256:   # a read error has no hash: it is tried again next run
            self.cache.put(result.sha256, outcome.payload)
        self.stats.read += 1
        self._done(item, result, ours=not result.sha256)

    def _done(self, item: WorkItem, result: FileResult, *, ours: bool) -> None:
        """Finish an item and every later item of the same bytes (each with its own copy)."""
        twins = self.reading.pop(item.sha256, [])
        copies = [pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) for _ in twins]
        self._finish(_with_note(result, item.note), cached=False, ours=ours, path=item.path)
        for twin, copy in zip(twins, copies, strict=True):
            copy.modified = twin.modified
            self._finish(_with_note(copy, twin.note), cached=False, ours=ours, path=twin.path)

    def _close(self) -> None:
        gc.unfreeze()   # (the workers are done: the run's objects may be collected again, e.g. under `watch`)
        if self.converter is not None:
            self.stats.lo_batches = self.converter.batches
            self.converter.close()
        for pool in (self._pool, self._scan_pool):
            if pool is not None:
                pool.close()

    def _abort(self) -> None:
        """Stop at once: kill the workers and LibreOffice (their helpers die with them), keep
        nothing in flight. A second Ctrl-C meanwhile is ignored, so the clean-up is not cut short."""
        with _interrupts_ignored():
            gc.unfreeze()
            if self.converter is not None:
                self.converter.close()
            if self._pool is None:
                return
            for child in multiprocessing.active_children():
                with contextlib.suppress(OSError):
                    os.kill(child.pid, signal.SIGKILL)
            for pool in (self._pool, self._scan_pool):
                if pool is not None:
                    pool.stop()

    # -- results and the cache ---------------------------------------------------------------------

    def _finish(self, result: FileResult, *, cached: bool, path: str | None = None, ours: bool = False) -> None:
        place(result, path or result.file, self.units)
        ours = ours or any(issue.code == "PROCESSING_FAILED" for issue in result.issues)
        self.results[result.file] = result
        if result.sha256:
            self.stats.contents.add(result.sha256)
        if cached:
            self.stats.cached += 1
        if ours:
            self.stats.unread.append(result.file)
        self.progress.done(result.file, result.recommending_unit or self._unit(result.file), cached=cached)

    def _load(self, sha: str) -> FileResult | list[ListingRow] | None:
        payload = self.cache.get(sha) if sha else None
        if payload is None:
            return None
        try:
            found = pickle.loads(payload)
        except Exception:   # a damaged row: forget it, the file is read again
            found = None
        if not isinstance(found, FileResult | list):
            self.cache.drop(sha)
            self.stats.damaged_cache += 1
            return None
        return found

    def _store(self, sha: str, value: FileResult | list[ListingRow]) -> None:
        self.cache.put(sha, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


PROSE_FORMATS = ("docx", "doc", "wps", "rtf", "pdf", *SCAN_FORMATS)   # may hold prose (materials)


def _preload_prose(items: list[WorkItem], workers: int) -> None:
    """Load the prose segmenter (spaCy with jieba's dictionary, ~115 MB, a second of CPU) here,
    before the workers are forked, when several of them will need it: they share one copy of its
    memory instead of each loading its own. For a file or two, the worker that needs it loads it."""
    if workers < 2 or sum(item.format in PROSE_FORMATS for item in items) < 4 * workers:
        return
    from extractors.prose.nlp import get_nlp

    with timing.stage("prose model, loaded before the workers start"):
        get_nlp()


class _Pool:
    """A pebble pool of worker processes started on its first item, and the items it holds."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.held: set[Future] = set()
        self._pool: ProcessPool | None = None

    def free_slots(self, *, ahead: int) -> bool:
        """Whether it can take one more item, keeping at most `ahead` waiting per worker."""
        return len(self.held) < self.size * (1 + ahead)

    def schedule(self, item: WorkItem, attempt: int, limit: float, max_bytes: int) -> Future:
        if self._pool is None:
            self._pool = ProcessPool(max_workers=self.size, initializer=_die_with_parent, initargs=(os.getpid(),),
                                     context=LOCKED_FORK)
        future = self._pool.schedule(read_work_item, args=(item, max_bytes), timeout=limit)
        self.held.add(future)
        return future

    def forget(self, future: Future) -> None:
        self.held.discard(future)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()

    def stop(self) -> None:
        if self._pool is not None:
            with contextlib.suppress(Exception):
                self._pool.stop()
                self._pool.join(timeout=2)


def _cost(item: WorkItem) -> int:
    """Which planned items go first: scans (long OCR, overlapped by the cheap files), then PDFs
    and legacy files read alone, then the rest (the sort keeps inbox order within each)."""
    if item.format in SCAN_FORMATS or item.likely_scan:
        return 0
    if item.format == "pdf" or item.alone:
        return 1
    return 2


# --- archives -----------------------------------------------------------------------------------------


def listing(path: str, data: bytes, fmt: str, archive: ArchiveResult) -> tuple[list[ListingRow], dict[str, bytes]]:
    """An expanded archive as rows (its own first, nested archives in place) and the bytes of the
    members to extract, by suffix."""
    own = FileResult(file=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt, doc_type="archive",
                     status=archive.status, message=archive.message, issues=list(archive.issues))
    rows, payloads = [ListingRow("", own)], {}
    for member in archive.members:
        suffix = member.path[len(path):]
        if member.nested is not None:
            nested_rows, nested_payloads = listing(member.path, member.data, sniff_format(member.data, member.path),
                                                   member.nested)
            nested_rows[0].modified = member.modified
            rows += [ListingRow(suffix + r.suffix, r.result, r.sha256, r.size, r.modified, r.note) for r in nested_rows]
            payloads.update({suffix + key: value for key, value in nested_payloads.items()})
        elif member.status:
            sha = hashlib.sha256(member.data).hexdigest() if member.data else ""
            result = FileResult(file=member.path, sha256=sha, format="unknown", status=member.status,
                                message=member.message, issues=list(member.issues))
            rows.append(ListingRow(suffix, result, modified=member.modified))
        else:
            rows.append(ListingRow(suffix, None, hashlib.sha256(member.data).hexdigest(), len(member.data),
                                   member.modified, member.message))
            payloads[suffix] = member.data
    for row in rows:
        if row.result is not None and row.suffix:
            row.result.modified = row.modified
    return rows, payloads


def _fill_archive_units(results: list[FileResult]) -> None:
    """Members whose path names no unit (a failed member has no content either) belong to the unit
    of their archive: its name's or folder's, else the one most of its members name."""
    for archive in (r for r in results if r.doc_type == "archive" and "!" not in r.file):
        members = [r for r in results if r.file.startswith(archive.file + "!")]
        units = Counter(r.recommending_unit for r in members if r.recommending_unit)
        unit = archive.recommending_unit or (units.most_common(1)[0][0] if units else "")
        for result in [archive, *members]:
            if not result.recommending_unit and unit:
                result.recommending_unit = unit
                for issue in result.issues:
                    issue.recommending_unit = unit


# --- entries that are never read ---------------------------------------------------------------------

SPECIAL_FORMATS = {"命名管道（FIFO）": "fifo", "套接字（socket）": "socket", "字符设备": "device", "块设备": "device"}


def _not_read(entry: InboxFile) -> FileResult:
    """The row of an entry that is never opened: a link, a FIFO/socket/device, an unlistable folder."""
    if entry.kind == SPECIAL:
        fmt = next((f for label, f in SPECIAL_FORMATS.items() if label in entry.note), "special")
        return FileResult(file=entry.path, sha256="", format=fmt, status="skipped", message=entry.note)
    fmt = "folder" if entry.kind == UNREADABLE_FOLDER else "symlink"
    return failed(entry.path, entry.note, fmt)


def _with_note(result: FileResult, note: str) -> FileResult:
    if note and note not in result.message:
        result.message = _joined(result.message, note)
    return result


def _joined(*parts: str) -> str:
    return "；".join(part for part in parts if part)
