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

from extractors.sniff import sniff_format
from pipeline.archives import ArchiveResult, expand_archive, is_archive
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
    results: list[list[FileResult]] = [[] for _ in items]
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
    for index, found in zip(pending, _extract_all([items[i] for i in pending], workers, timeout, max_bytes),
                            strict=True):
        if found[0].sha256:  # a time-out or a crashed worker has no hash and is tried again next run
            cache.put(found[0].sha256, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
        results[index] = _placed(found, items[index], units)
        stats.read += 1
    return [result for found in results for result in found], stats


def _placed(found: list[FileResult], item: InboxFile, units: UnitMatcher) -> list[FileResult]:
    """Place a file's results at its path; archive members keep their `!inner/path` below it."""
    origin = found[0].file  # the path the bytes were read under (a cache hit may come from another path)
    for result in found:
        if result.file == origin:
            result.modified = item.modified
        place(result, item.path + result.file[len(origin):], units)
    return found


def _extract_all(items: list[InboxFile], workers: int | None, timeout: float,
                 max_bytes: int) -> list[list[FileResult]]:
    if not items:
        return []
    workers = max(1, min(workers or os.cpu_count() or 1, len(items)))
    with ProcessPool(max_workers=workers) as pool:
        futures = [pool.schedule(extract_item, args=(item, max_bytes), timeout=timeout) for item in items]
        return [_outcome(item, future, timeout) for item, future in zip(items, futures, strict=True)]


def extract_item(item: InboxFile, max_bytes: int = MAX_FILE_BYTES) -> list[FileResult]:
    """Runs in a worker: read the file and extract what it holds (an archive: its own row, then
    its members' rows); never raises."""
    try:
        data = read_bytes(item, max_bytes)
    except OSError as error:
        return [_failed(item.path, str(error))]
    return extract_bytes(data, item.path)


def extract_bytes(data: bytes, path: str) -> list[FileResult]:
    fmt = sniff_format(data, path)
    if is_archive(fmt):
        return archive_results(data, path, fmt, expand_archive(data, path, fmt))
    return [_extract_guarded(data, path)]


def _extract_guarded(data: bytes, path: str) -> FileResult:
    try:
        return extract_file(data, path)
    except Exception as error:
        result = _failed(path, f"处理出错：{type(error).__name__}: {error}")
        result.sha256 = hashlib.sha256(data).hexdigest()
        return result


def archive_results(data: bytes, path: str, fmt: str, archive: ArchiveResult) -> list[FileResult]:
    """The archive's row (doc_type `archive`), then one row per member, nested archives in place."""
    results = [FileResult(file=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt, doc_type="archive",
                          status=archive.status, message=archive.message, issues=list(archive.issues))]
    for member in archive.members:
        if member.nested is not None:
            found = archive_results(member.data, member.path, sniff_format(member.data, member.path), member.nested)
        elif member.status:
            sha = hashlib.sha256(member.data).hexdigest() if member.data else ""
            found = [FileResult(file=member.path, sha256=sha, format="unknown", status=member.status,
                                message=member.message, issues=list(member.issues))]
        else:
            found = [_extract_guarded(member.data, member.path)]
            found[0].message = "；".join(filter(None, [found[0].message, member.message]))
        found[0].modified = member.modified
        results += found
    return results


def _outcome(item: InboxFile, future, timeout: float) -> list[FileResult]:
    try:
        return future.result()
    except FutureTimeout:
        return [_failed(item.path, f"处理超时（超过 {timeout:g} 秒），已停止")]
    except ProcessExpired as error:
        return [_failed(item.path, f"处理进程异常退出（{error.exitcode}）")]
    except Exception as error:
        return [_failed(item.path, f"处理出错：{type(error).__name__}")]


def _failed(path: str, reason: str) -> FileResult:
    result = FileResult(file=path, sha256="", format="unknown", status="failed", message=reason)
    result.issues.append(make_issue("UNREADABLE_FILE", file=path, value=reason))
    return result
