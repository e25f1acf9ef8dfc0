"""State kept between runs in one SQLite file (default ``OUT/.state/state.sqlite3``).

What is kept:

* an extraction cache keyed by (sha256 of the file bytes, extractor version);
* what expensive backends derived from a file (a legacy document converted to .docx, the text
  OCR read from a page), keyed by (sha256, name) and tagged with the converter's or OCR engine's
  version, apart from the extraction cache: it survives a change to the code that extracts;
* the files each run saw (path, hash, size, mtime, the run that first saw that content);
* the runs themselves, each finished run with a :class:`RunSnapshot` of its files, nominees and
  issues, so the next run can list what changed (:func:`diff_snapshots`).

The state is a convenience, never a reason for a run to fail: a corrupt or foreign file, or one
of a schema too old to migrate, is renamed aside (``state.sqlite3.corrupt-<timestamp>``) and a
fresh one started; a file of the previous schema is migrated in place; an existing file found
empty is rebuilt; when even that is impossible the store falls back to an in-memory database.
Every such reset is said, in Chinese, in ``warnings`` (the report shows them). A run is recorded
as finished only once its outputs are published, so "the last run" is always the last published
one. Every write is one transaction. The store is used from the main process only (connections
are not shared with worker processes).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from pipeline.snapshots import (
    CHANGE_KINDS,
    FileSeen,
    IssueKey,
    NomineeKey,
    RunInfo,
    RunSnapshot,
    diff_snapshots,
    issue_key,
    issue_keys,
    newest,
    snapshot_from_frames,
    snapshot_from_result,
)

__all__ = ["CHANGE_KINDS", "FileSeen", "IssueKey", "NomineeKey", "RunInfo", "RunSnapshot", "StateError",
           "StateStore", "diff_snapshots", "issue_key", "issue_keys", "newest", "snapshot_from_frames",
           "snapshot_from_result"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2       # 2: runs.status (running, published, interrupted)
APP_ID = "nomination-pipeline-state"
DEFAULT_RELATIVE_PATH = Path(".state") / "state.sqlite3"
KEEP_RUNS = 100          # file lists and snapshots of older runs are dropped
_CHUNK = 500             # host parameters per IN (...) query

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extraction (
    sha256 TEXT NOT NULL, version TEXT NOT NULL, payload BLOB NOT NULL, stored_at TEXT NOT NULL,
    PRIMARY KEY (sha256, version));
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
    inbox TEXT NOT NULL, options TEXT NOT NULL, snapshot TEXT,
    n_files INTEGER, n_nominees INTEGER, n_issues INTEGER, status TEXT NOT NULL DEFAULT 'running');
CREATE TABLE IF NOT EXISTS files (
    run_id INTEGER NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    mtime REAL NOT NULL, first_seen_run INTEGER NOT NULL, PRIMARY KEY (run_id, path));
CREATE TABLE IF NOT EXISTS content (sha256 TEXT PRIMARY KEY, first_seen_run INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS derived (
    sha256 TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, payload BLOB NOT NULL,
    stored_at TEXT NOT NULL, PRIMARY KEY (sha256, name));
"""

T = TypeVar("T")
RESET_CONSEQUENCE = "缓存已清空，本次所有文件重新读取；“与上次相比的变化”从本次运行开始计算"


class StateError(Exception):
    """The state file cannot be used as it is (corrupt, foreign, too old or from a newer version);
    the message says why, in Chinese."""


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------


def _now_tag() -> str:
    return datetime.now().strftime("%Y%m%dT%H%M%S")


def _set_aside(path: Path, reason: str) -> Path:
    """Rename a state file (and its -wal/-shm companions) to ``<name>.corrupt-<timestamp>``."""
    target = path.with_name(f"{path.name}.corrupt-{_now_tag()}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{_now_tag()}-{counter}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    log.warning("state file %s set aside as %s: %s", path, target.name, reason)
    return target


_CORRUPTION_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPTION_CODES
    return type(error) is sqlite3.DatabaseError


def _check(conn: sqlite3.Connection) -> None:
    """Raise StateError unless the database is healthy and ours (an empty database is ours)."""
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        if not _is_corruption(error):
            raise  # locked, I/O error…: not a reason to set the file aside
        raise StateError(f"不是可用的 SQLite 数据库（{error}）") from error
    if not result or result[0] != "ok":
        raise StateError(f"完整性检查未通过（{result[0] if result else '?'}）")
    if not tables:
        return
    if "meta" not in tables:
        raise StateError("不是本程序的状态文件（缺少 meta 表）")
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("app") != APP_ID:
        raise StateError(f"不是本程序的状态文件（app={meta.get('app')!r}）")
    version = _version(meta)
    if version > SCHEMA_VERSION:
        raise StateError(f"状态文件版本（第{version}版）比本程序（第{SCHEMA_VERSION}版）新")
    if version < MIGRATABLE_FROM:
        raise StateError(f"状态文件版本过旧（第{version}版），无法升级")


MIGRATABLE_FROM = 1


def _version(meta: dict[str, str]) -> int:
    try:
        return int(meta.get("schema_version", "0"))
    except ValueError:
        return 0


def _migrate(conn: sqlite3.Connection) -> int | None:
    """Bring a database of an older, migratable schema to SCHEMA_VERSION; the version it had."""
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    version = int(row[0]) if row and str(row[0]).isdigit() else SCHEMA_VERSION
    if version >= SCHEMA_VERSION:
        return None
    with _transaction(conn):
        if version == 1:
            conn.execute("ALTER TABLE runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running'")
            conn.execute("UPDATE runs SET status='published' WHERE finished_at IS NOT NULL")
        conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))
    return version


class StateStore:
    """The state file. Open with ``StateStore(path)``; ``readonly=True`` never writes or renames.

    Methods never raise ``sqlite3`` errors: a failing read returns the empty answer, a failing
    write is skipped, and the reason is appended to ``warnings``.
    """

    def __init__(self, path: Path | str, *, readonly: bool = False, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.timeout = timeout
        self.warnings: list[str] = []
        self.set_aside: Path | None = None     # where a corrupt file went, if one was renamed
        self.in_memory = False                 # True when the file could not be used at all
        self._purged_for: set[str] = set()
        self._conn = self._open()

    # -- opening ------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.readonly:
            return self._open_readonly()
        existed_empty = self.path.is_file() and self.path.stat().st_size == 0
        try:
            conn = self._open_file()
        except StateError as error:
            try:
                self.set_aside = _set_aside(self.path, str(error))
                self.warnings.append(f"状态文件{error}，已改名为 {self.set_aside.name} 并重新建立：{RESET_CONSEQUENCE}")
                return self._open_file()
            except (OSError, sqlite3.Error, StateError) as again:
                return self._memory(f"状态文件无法使用（{again}），本次运行不保存状态")
        except (OSError, sqlite3.Error) as error:
            return self._memory(f"状态文件无法打开（{error}），本次运行不保存状态")
        if existed_empty:
            self.warnings.append(f"状态文件为空（0 字节），已重新建立：{RESET_CONSEQUENCE}")
        return conn

    def _open_file(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
            _check(conn)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._initialise(conn)
            migrated = _migrate(conn)
            if migrated is not None:
                self.warnings.append(f"状态文件为旧版本（第{migrated}版），已升级到第{SCHEMA_VERSION}版，缓存和历史记录均保留")
        except sqlite3.DatabaseError as error:
            conn.close()
            if _is_corruption(error):
                raise StateError(str(error)) from error
            raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_readonly(self) -> sqlite3.Connection:
        if not self.path.exists():
            return self._memory("状态文件不存在（只读打开）")
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=self.timeout, isolation_level=None)
            _check(conn)
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='runs'").fetchone():
                conn.close()
                return self._memory("状态文件为空（只读打开）")
            return conn
        except (sqlite3.Error, StateError) as error:
            return self._memory(f"状态文件无法读取（{error}）")

    def _memory(self, reason: str) -> sqlite3.Connection:
        log.warning("state: %s", reason)
        self.warnings.append(reason)
        self.in_memory = True
        conn = sqlite3.connect(":memory:", isolation_level=None)
        self._initialise(conn)
        return conn

    @staticmethod
    def _initialise(conn: sqlite3.Connection) -> None:
        conn.executescript(_SCHEMA)
        with _transaction(conn):
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('app', ?)", (APP_ID,))
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('created_at', ?)", (datetime.now().isoformat(),))

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def set_meta(self, key: str, value: str) -> None:
        self._write(lambda c: c.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value)), None)

    def get_meta(self, key: str) -> str | None:
        row = self._read(lambda c: c.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone(), None)
        return str(row[0]) if row else None

    def digest(self) -> str:
        """The shape of the state and its caches (`pipeline.unchanged.state_digest`); "" if unreadable."""
        from pipeline.unchanged import state_digest

        return self._read(state_digest, "")

    def schema_version(self) -> int:
        row = self._read(lambda c: c.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone(), None)
        return int(row[0]) if row else 0

    # -- guarded access -----------------------------------------------------------------------

    def _read(self, action: Callable[[sqlite3.Connection], T], default: T) -> T:
        try:
            return action(self._conn)
        except sqlite3.Error as error:
            self._failed("读取", error)
            return default

    def _write(self, action: Callable[[sqlite3.Connection], T], default: T) -> T:
        if self.readonly:
            return default
        try:
            with _transaction(self._conn):
                return action(self._conn)
        except sqlite3.Error as error:
            self._failed("写入", error)
            return default

    def _failed(self, what: str, error: sqlite3.Error) -> None:
        log.warning("state %s failed: %s", what, error)
        self.warnings.append(f"状态文件{what}失败：{error}")

    # -- extraction cache ---------------------------------------------------------------------

    def get_extraction(self, sha256: str, version: str) -> bytes | None:
        row = self._read(lambda c: c.execute("SELECT payload FROM extraction WHERE sha256=? AND version=?",
                                             (sha256, version)).fetchone(), None)
        return bytes(row[0]) if row else None

    def drop_extraction(self, sha256: str, version: str) -> None:
        """Forget one cache entry (a damaged one: its file is read again)."""
        self._write(lambda c: c.execute("DELETE FROM extraction WHERE sha256=? AND version=?", (sha256, version)),
                    None)

    def put_extraction(self, sha256: str, version: str, payload: bytes) -> None:
        """Store one payload; the first put of a version drops entries of every other version."""
        def action(conn: sqlite3.Connection) -> None:
            if version not in self._purged_for:
                conn.execute("DELETE FROM extraction WHERE version != ?", (version,))
            conn.execute("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?, ?)",
                         (sha256, version, sqlite3.Binary(payload), datetime.now().isoformat()))
        self._write(action, None)
        if not self.readonly:
            self._purged_for.add(version)

    def prune(self, version: str, keep_sha256: Iterable[str] | None = None) -> int:
        """Drop cache entries of other versions and, if given, of contents not in ``keep_sha256``."""
        keep = None if keep_sha256 is None else set(keep_sha256)

        def action(conn: sqlite3.Connection) -> int:
            removed = conn.execute("DELETE FROM extraction WHERE version != ?", (version,)).rowcount
            if keep is not None:
                stored = [row[0] for row in conn.execute("SELECT sha256 FROM extraction")]
                for chunk in _chunks([sha for sha in stored if sha not in keep]):
                    marks = ",".join("?" * len(chunk))
                    removed += conn.execute(f"DELETE FROM extraction WHERE sha256 IN ({marks})", chunk).rowcount
            return removed
        return self._write(action, 0)

    def get_derived(self, sha256: str) -> dict[str, tuple[str, bytes]]:
        """Everything derived from one content: name → (version, payload)."""
        rows = self._read(lambda c: c.execute("SELECT name, version, payload FROM derived WHERE sha256=?",
                                              (sha256,)).fetchall(), [])
        return {name: (version, bytes(payload)) for name, version, payload in rows}

    def put_derived(self, sha256: str, entries: dict[str, tuple[str, bytes]]) -> None:
        if not entries:
            return
        stamp = datetime.now().isoformat()
        self._write(lambda c: c.executemany(
            "INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?, ?)",
            [(sha256, name, version, sqlite3.Binary(payload), stamp) for name, (version, payload) in entries.items()]),
            None)

    def prune_derived(self, keep_sha256: Iterable[str]) -> int:
        """Drop what was derived from contents no longer in the inbox."""
        keep = set(keep_sha256)

        def action(conn: sqlite3.Connection) -> int:
            stored = [row[0] for row in conn.execute("SELECT DISTINCT sha256 FROM derived")]
            removed = 0
            for chunk in _chunks([sha for sha in stored if sha not in keep]):
                marks = ",".join("?" * len(chunk))
                removed += conn.execute(f"DELETE FROM derived WHERE sha256 IN ({marks})", chunk).rowcount
            return removed
        return self._write(action, 0)

    def derived_count(self) -> int:
        row = self._read(lambda c: c.execute("SELECT COUNT(*) FROM derived").fetchone(), None)
        return int(row[0]) if row else 0

    def cached_count(self) -> int:
        row = self._read(lambda c: c.execute("SELECT COUNT(*) FROM extraction").fetchone(), None)
        return int(row[0]) if row else 0

    # -- runs ---------------------------------------------------------------------------------

    def start_run(self, started_at: datetime, inbox: str, options: dict[str, Any]) -> int:
        """A new run's id (0 when the store is read-only or writing failed)."""
        text = json.dumps(options, ensure_ascii=False, default=str, sort_keys=True)
        return self._write(lambda c: int(c.execute(
            "INSERT INTO runs (started_at, inbox, options) VALUES (?, ?, ?)",
            (started_at.isoformat(), str(inbox), text)).lastrowid or 0), 0)

    def finish_run(self, run_id: int, snapshot: RunSnapshot, finished_at: datetime | None = None) -> None:
        finished = (finished_at or datetime.now()).isoformat()

        def action(conn: sqlite3.Connection) -> None:
            conn.execute("UPDATE runs SET finished_at=?, snapshot=?, n_files=?, n_nominees=?, n_issues=?, "
                         "status='published' WHERE run_id=?", (finished, snapshot.to_json(), len(snapshot.files),
                                            len(snapshot.nominees), len(snapshot.issues), run_id))
            _forget_old_runs(conn)
        self._write(action, None)

    def mark_stopped(self, run_id: int, status: str = "interrupted") -> None:
        """A run that ended without publishing (`interrupted`: Ctrl-C, SIGTERM; `failed`: its outputs
        could not be written); its extractions stay in the cache."""
        self._write(lambda c: c.execute("UPDATE runs SET status=? WHERE run_id=? AND finished_at IS NULL",
                                        (status, run_id)), None)

    def last_snapshot(self) -> RunSnapshot | None:
        row = self._read(lambda c: c.execute(
            "SELECT snapshot FROM runs WHERE finished_at IS NOT NULL AND snapshot IS NOT NULL "
            "ORDER BY run_id DESC LIMIT 1").fetchone(), None)
        if not row:
            return None
        try:
            return RunSnapshot.from_json(row[0])
        except (ValueError, TypeError) as error:
            self.warnings.append(f"上次运行的记录无法读取：{error}")
            return None

    def last_finished_run(self) -> int | None:
        row = self._read(lambda c: c.execute(
            "SELECT MAX(run_id) FROM runs WHERE finished_at IS NOT NULL").fetchone(), None)
        return int(row[0]) if row and row[0] is not None else None

    def runs(self) -> list[RunInfo]:
        rows = self._read(lambda c: c.execute(
            "SELECT run_id, started_at, finished_at, inbox, options, n_files, n_nominees, n_issues "
            "FROM runs ORDER BY run_id").fetchall(), [])
        return [_run_info(row) for row in rows]

    # -- files --------------------------------------------------------------------------------

    def record_files(self, run_id: int, files: Iterable[FileSeen]) -> list[FileSeen]:
        """Store the files of a run; returns them with ``first_seen_run`` filled where it was 0.

        ``first_seen_run`` is the earliest run that saw the same content (by sha256), whatever
        its path was then; new content gets ``run_id``.
        """
        files = list(files)

        def action(conn: sqlite3.Connection) -> list[FileSeen]:
            first = _first_seen(conn, [f.sha256 for f in files if f.sha256])
            stored = [f if f.first_seen_run > 0 else _with_first(f, first.get(f.sha256, run_id)) for f in files]
            conn.executemany("INSERT OR IGNORE INTO content VALUES (?, ?)",
                             [(f.sha256, f.first_seen_run) for f in stored if f.sha256])
            conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                             [(run_id, f.path, f.sha256, f.size, f.mtime, f.first_seen_run) for f in stored])
            return stored
        fallback = [f if f.first_seen_run > 0 else _with_first(f, run_id) for f in files]
        return self._write(action, fallback)

    def previous_files(self) -> dict[str, FileSeen]:
        """Files of the last finished run, by path (empty before the first finished run)."""
        run_id = self.last_finished_run()
        if run_id is None:
            return {}
        rows = self._read(lambda c: c.execute(
            "SELECT path, sha256, size, mtime, first_seen_run FROM files WHERE run_id=?", (run_id,)).fetchall(), [])
        return {row[0]: FileSeen(*row) for row in rows}

    def first_seen_runs(self, sha256s: Iterable[str]) -> dict[str, int]:
        """The earliest run that saw each content (only contents seen before)."""
        wanted = list(sha256s)
        return self._read(lambda c: _first_seen(c, wanted), {})


# --------------------------------------------------------------------------------------------
# Helpers of the store
# --------------------------------------------------------------------------------------------


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _first_seen(conn: sqlite3.Connection, sha256s: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(sha256s))):
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(f"SELECT sha256, first_seen_run FROM content WHERE sha256 IN ({marks})", chunk))
    return found


def _with_first(seen: FileSeen, run_id: int) -> FileSeen:
    return FileSeen(seen.path, seen.sha256, seen.size, seen.mtime, run_id)


def _forget_old_runs(conn: sqlite3.Connection) -> None:
    """Keep file lists and snapshots of the last KEEP_RUNS finished runs only."""
    row = conn.execute("SELECT run_id FROM runs WHERE finished_at IS NOT NULL ORDER BY run_id DESC "
                       "LIMIT 1 OFFSET ?", (KEEP_RUNS - 1,)).fetchone()
    if row:
        conn.execute("DELETE FROM files WHERE run_id < ?", (row[0],))
        conn.execute("UPDATE runs SET snapshot=NULL WHERE run_id < ?", (row[0],))


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _run_info(row: tuple[Any, ...]) -> RunInfo:
    run_id, started, finished, inbox, options, n_files, n_nominees, n_issues = row
    try:
        parsed = json.loads(options) if options else {}
    except ValueError:
        parsed = {}
    return RunInfo(run_id=int(run_id), started_at=_parse_time(started) or datetime.min,
                   finished_at=_parse_time(finished), inbox=inbox or "", options=parsed,
                   files=n_files, nominees=n_nominees, issues=n_issues)
