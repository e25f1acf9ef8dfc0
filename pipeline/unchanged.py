"""A re-run with nothing changed does nothing: the outputs in OUT are already its outputs.

After a run publishes its outputs, it records a fingerprint of everything the outputs depend on —
the program (every source and data file of pipeline/, extractors/ and schemas/, and Python's
version), the reference files and corrections (by content), and the inbox as listed (every
entry's path, kind, size and modification time) — together with the size and time of every file
it published, its exit code and the files it could not read. A later run whose fingerprint is
the same, and whose OUT still holds exactly those files, has nothing to compute: it says so, names
the unread files again and ends with the same exit code, before the heavy modules are imported.
Anything else — a file added, touched or removed, another quota table, a new program version, an
output deleted or edited, an interrupted publication — runs in full.

This module is kept light (standard library only): it runs before pandas and the extractors are
imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pipeline.inbox import scan_inbox

STATE_FILE = Path(".state") / "state.sqlite3"
META_KEY = "published_fingerprint"
PROGRAM_PACKAGES = ("pipeline", "extractors", "schemas")
PROGRAM_SUFFIXES = (".py", ".yaml", ".yml", ".csv", ".json", ".j2", ".html", ".xlsx")
PUBLISHED_NAME = ".published.json"     # (pipeline.writers.files; repeated here to stay light)
JOURNAL_NAME = ".publish-journal.json"  # (pipeline.outputs)
STAGING_PREFIX = ".staging-"
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a run's outputs depend on, as given on the command line."""

    inbox: Path
    out: Path
    quotas: Path | None = None
    registry: Path | None = None
    campaign: Path | None = None
    corrections: Path | None = None
    state: Path | None = None

    @property
    def state_path(self) -> Path:
        return self.state or self.out / STATE_FILE


@dataclass(frozen=True, slots=True)
class UnreadFile:
    """A file the run could not (fully) read (`pipeline.writers.unit_status.unread_files`)."""

    path: str
    unit: str
    status: str
    reason: str


@dataclass(frozen=True, slots=True)
class Published:
    """What the last published run recorded about itself."""

    fingerprint: str
    outputs: list[list]           # [relative path, size, mtime_ns] of every published file
    exit_code: int
    unread: list[list[str]]       # [path, unit, status, reason] of the files it could not read
    finished_at: str
    files: int
    counts: dict[str, int]        # the numbers of its closing table


def program_version() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for package in PROGRAM_PACKAGES:
        root = Path(str(resources.files(package)))
        for path in sorted(root.rglob("*")):
            if path.suffix in PROGRAM_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(inputs: Inputs, listing: list[tuple], state: str) -> str:
    """Program, reference files (by content), the inbox listing (path, kind, size, time) and the
    state's caches (`state_digest`)."""
    digest = hashlib.sha256(program_version().encode())
    digest.update(state.encode())
    digest.update(str(Path(inputs.inbox).resolve()).encode("utf-8", "surrogateescape"))
    for option in (inputs.quotas, inputs.registry, inputs.campaign, inputs.corrections):
        digest.update(b"\x00" + (_content_hash(option).encode() if option is not None else b"-"))
    digest.update(json.dumps(listing, ensure_ascii=False).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def inbox_listing(entries: list) -> list[tuple]:
    return [(entry.path, entry.kind, entry.size, entry.modified, entry.note) for entry in entries]


def _content_hash(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def output_files(out: Path) -> list[list] | None:
    """[relative path, size, mtime_ns] of the published set now in OUT (None: no readable set)."""
    try:
        names = json.loads((out / PUBLISHED_NAME).read_text(encoding="utf-8"))
        found = []
        for name in [*names, PUBLISHED_NAME]:
            stat = (out / name).stat()
            found.append([name, stat.st_size, stat.st_mtime_ns])
        return found
    except (OSError, ValueError, TypeError):
        return None


def state_digest(conn: sqlite3.Connection) -> str:
    """The shape of the state: its schema and version, and the count, total size and last row of
    each cache table. A damaged, migrated or rebuilt state differs, and its run is run in full."""
    parts = [conn.execute("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master ORDER BY name)")
             .fetchone()[0],
             conn.execute("SELECT group_concat(value, ';') FROM (SELECT value FROM meta WHERE key IN "
                          "('app', 'schema_version', 'created_at') ORDER BY key)").fetchone()[0]]
    for table in ("extraction", "derived"):
        parts += conn.execute(f"SELECT COUNT(*), COALESCE(SUM(LENGTH(payload)), 0), COALESCE(MAX(rowid), 0) "
                              f"FROM {table}").fetchone()
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def record(inputs: Inputs, listing: list[tuple], state: str, exit_code: int, unread: list[list[str]],
           counts: dict[str, int], finished_at: str) -> str:
    """The JSON a published run keeps in the state (`StateStore.set_meta(META_KEY, …)`)."""
    return json.dumps({"fingerprint": fingerprint(inputs, listing, state), "outputs": output_files(inputs.out) or [],
                       "exit_code": exit_code, "unread": unread, "finished_at": finished_at,
                       "files": counts.get("文件", 0), "counts": counts}, ensure_ascii=False)


def still_published(inputs: Inputs) -> Published | None:
    """The last published run when nothing it depends on has changed and OUT holds its outputs
    untouched; None when a run is needed. Call with OUT locked."""
    out = Path(inputs.out)
    if (out / JOURNAL_NAME).exists() or any(out.glob(f"{STAGING_PREFIX}*")):
        return None   # a publication to complete: the full run does that
    found = _recorded(inputs.state_path)
    if found is None:
        return None
    published, state = found
    if not published.outputs or output_files(out) != published.outputs:
        return None
    try:
        listing = inbox_listing(list(scan_inbox(inputs.inbox)))
    except OSError:
        return None
    return published if fingerprint(inputs, listing, state) == published.fingerprint else None


def _recorded(state: Path) -> tuple[Published, str] | None:
    """What the last published run recorded, and the state's digest now."""
    if not state.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{state.resolve().as_uri()}?mode=ro", uri=True, timeout=5)) as db:
            row = db.execute("SELECT value FROM meta WHERE key=?", (META_KEY,)).fetchone()
            digest = state_digest(db)
        data = json.loads(row[0]) if row else None
        if not data:
            return None
        return Published(str(data["fingerprint"]), list(data["outputs"]), int(data["exit_code"]),
                         [list(map(str, item)) for item in data["unread"]], str(data["finished_at"]),
                         int(data["files"]), {str(k): int(v) for k, v in data.get("counts", {}).items()}), digest
    except (sqlite3.Error, ValueError, TypeError, KeyError):
        return None
