"""Reading the whole inbox: hash every file, take unchanged extractions from the cache, send the
rest to worker processes with a time limit each, and place every result at its path."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from pipeline.inbox import MAX_FILE_BYTES, InboxFile, read_bytes
from pipeline.issues import make_issue
from pipeline.process import FileResult, extract_file, place
from schemas.units import UnitMatcher

CODE_PACKAGES = ("extractors", "schemas", "pipeline")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the code that turns bytes into records: any change to it invalidates the cache."""
    digest = hashlib.sha256()
    for package in CODE_PACKAGES:
        root = resources.files(package)
        for path in sorted(Path(str(root)).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class Cache:
    """Where extractions are kept between runs; `get`/`put` take the content hash."""

    get: Callable[[str], bytes | None] = lambda sha: None
    put: Callable[[str, bytes], None] = lambda sha, payload: None


@dataclass(slots=True)
class BatchStats:
    files: int = 0
    read: int = 0
    cached: int = 0
    hashes: dict[str, str] = field(default_factory=dict)   # path → sha256


def hash_file(item: InboxFile, known: dict[str, tuple[int, float, str]], max_bytes: int) -> str:
    """The content hash, reusing the last run's when path, size and time are unchanged."""
    previous = known.get(item.path)
    if previous and previous[0] == item.size and previous[1] == item.modified:
        return previous[2]
    try:
        return hashlib.sha256(read_bytes(item, max_bytes)).hexdigest()
    except OSError:
        return ""


def process_items(items: list[InboxFile], unit_names: list[str], *, cache: Cache | None = None,
                  known: dict[str, tuple[int, float, str]] | None = None, workers: int | None = None,
                  timeout: float = 120.0, max_bytes: int = MAX_FILE_BYTES) -> tuple[list[FileResult], BatchStats]:
    cache = cache or Cache()
    stats = BatchStats(files=len(items))
    units = UnitMatcher(unit_names)
    results: list[FileResult | None] = [None] * len(items)
    pending: list[int] = []
    for index, item in enumerate(items):
        sha = hash_file(item, known or {}, max_bytes)
        stats.hashes[item.path] = sha
        payload = cache.get(sha) if sha else None
        if payload is not None:
            results[index] = _placed(pickle.loads(payload), item, units)
            stats.cached += 1
        else:
            pending.append(index)
    for index, result in zip(pending, _extract_all([items[i] for i in pending], workers, timeout, max_bytes),
                             strict=True):
        if result.sha256:  # a time-out or a crashed worker has no hash and is tried again next run
            cache.put(result.sha256, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        results[index] = _placed(result, items[index], units)
        stats.read += 1
    return [r for r in results if r is not None], stats


def _placed(result: FileResult, item: InboxFile, units: UnitMatcher) -> FileResult:
    result.modified = item.modified
    return place(result, item.path, units)


def _extract_all(items: list[InboxFile], workers: int | None, timeout: float, max_bytes: int) -> list[FileResult]:
    if not items:
        return []
    workers = max(1, min(workers or os.cpu_count() or 1, len(items)))
    with ProcessPool(max_workers=workers) as pool:
        futures = [pool.schedule(extract_item, args=(item, max_bytes), timeout=timeout) for item in items]
        return [_outcome(item, future, timeout) for item, future in zip(items, futures, strict=True)]


def extract_item(item: InboxFile, max_bytes: int = MAX_FILE_BYTES) -> FileResult:
    """Runs in a worker: read the file and extract what it holds; never raises."""
    try:
        data = read_bytes(item, max_bytes)
    except OSError as error:
        return _failed(item, str(error))
    try:
        return extract_file(data, item.path)
    except Exception as error:
        result = _failed(item, f"处理出错：{type(error).__name__}: {error}")
        result.sha256 = hashlib.sha256(data).hexdigest()
        return result


def _outcome(item: InboxFile, future, timeout: float) -> FileResult:
    try:
        return future.result()
    except FutureTimeout:
        return _failed(item, f"处理超时（超过 {timeout:g} 秒），已停止")
    except ProcessExpired as error:
        return _failed(item, f"处理进程异常退出（{error.exitcode}）")
    except Exception as error:
        return _failed(item, f"处理出错：{type(error).__name__}")


def _failed(item: InboxFile, reason: str) -> FileResult:
    result = FileResult(file=item.path, sha256="", format="unknown", status="failed", message=reason)
    result.issues.append(make_issue("UNREADABLE_FILE", file=item.path, value=reason))
    return result
