"""What a run was, for the next run to compare: the files it saw, its nominees and issues as a
`RunSnapshot`, and the list of changes between two snapshots (`diff_snapshots`). Pure data and
functions; `pipeline.state` keeps the snapshots in its SQLite file."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

import pandas as pd

from pipeline.results import CHANGE_COLUMNS
from schemas.columns import CATEGORY_LABELS, FIELD_LABELS

# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileSeen:
    path: str               # relative to the inbox, as in files.csv
    sha256: str
    size: int
    mtime: float
    first_seen_run: int = 0  # 0: let record_files fill it from the content history


class NomineeKey(NamedTuple):
    unit: str
    category: str
    name: str


class IssueKey(NamedTuple):
    code: str
    severity: str
    unit: str
    entity: str
    field: str
    message: str


@dataclass(slots=True)
class RunSnapshot:
    files: dict[str, str] = field(default_factory=dict)             # path → sha256
    nominees: dict[str, NomineeKey] = field(default_factory=dict)   # record_id → key
    issues: dict[str, IssueKey] = field(default_factory=dict)       # issue_key → key
    file_units: dict[str, str] = field(default_factory=dict)        # path → recommending unit

    def to_json(self) -> str:
        return json.dumps({"files": self.files, "file_units": self.file_units,
                           "nominees": {k: list(v) for k, v in self.nominees.items()},
                           "issues": {k: list(v) for k, v in self.issues.items()}}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RunSnapshot:
        data = json.loads(text)
        return cls(files=dict(data.get("files", {})), file_units=dict(data.get("file_units", {})),
                   nominees={k: NomineeKey(*v) for k, v in data.get("nominees", {}).items()},
                   issues={k: IssueKey(*v) for k, v in data.get("issues", {}).items()})


@dataclass(frozen=True, slots=True)
class RunInfo:
    run_id: int
    started_at: datetime
    finished_at: datetime | None
    inbox: str
    options: dict[str, Any]
    files: int | None
    nominees: int | None
    issues: int | None


# --------------------------------------------------------------------------------------------
# Issue keys and snapshots
# --------------------------------------------------------------------------------------------

_KEY_FIELDS = ("code", "recommending_unit", "category", "entity", "field", "value")


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def issue_key(issue_row: dict[str, Any]) -> str:
    """Stable key of an issue: code, unit, category, entity, field and value — not file or message."""
    text = "\x1f".join(_cell(issue_row.get(name)) for name in _KEY_FIELDS)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def issue_keys(issue_rows: list[dict[str, Any]]) -> list[str]:
    """Keys aligned with ``issue_rows``; equal issues get ``key``, ``key#2``, … in file/location order."""
    bases = [issue_key(row) for row in issue_rows]
    order = sorted(range(len(issue_rows)),
                   key=lambda i: (bases[i], _cell(issue_rows[i].get("file")), _cell(issue_rows[i].get("location"))))
    seen: Counter[str] = Counter()
    keys = [""] * len(issue_rows)
    for index in order:
        seen[bases[index]] += 1
        count = seen[bases[index]]
        keys[index] = bases[index] if count == 1 else f"{bases[index]}#{count}"
    return keys


def _rows(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    return [] if frame is None or frame.empty else frame.to_dict("records")


def snapshot_from_frames(files: pd.DataFrame | None, studios: pd.DataFrame | None,
                         training_bases: pd.DataFrame | None, issues: pd.DataFrame | None) -> RunSnapshot:
    """The snapshot of one run from its files, studios, training_bases and issues frames."""
    snapshot = RunSnapshot()
    for row in _rows(files):
        path = _cell(row.get("file"))
        snapshot.files[path] = _cell(row.get("sha256"))
        snapshot.file_units[path] = _cell(row.get("recommending_unit"))
    for row in _rows(studios):
        snapshot.nominees[_cell(row["record_id"])] = NomineeKey(
            _cell(row.get("recommending_unit")), _cell(row.get("category")), _cell(row.get("studio_name")))
    for row in _rows(training_bases):
        snapshot.nominees[_cell(row["record_id"])] = NomineeKey(
            _cell(row.get("recommending_unit")), "training_base", _cell(row.get("enterprise_name")))
    rows = _rows(issues)
    for key, row in zip(issue_keys(rows), rows, strict=True):
        snapshot.issues[key] = IssueKey(*(_cell(row.get(name)) for name in
                                          ("code", "severity", "recommending_unit", "entity", "field", "message")))
    return snapshot


def snapshot_from_result(result: Any) -> RunSnapshot:
    """The snapshot of a ``pipeline.results.RunResult``."""
    return snapshot_from_frames(result.files, result.studios, result.training_bases, result.issues)


# --------------------------------------------------------------------------------------------
# What changed between two runs
# --------------------------------------------------------------------------------------------

CHANGE_KINDS = ["new_file", "changed_file", "removed_file", "superseded_file",
                "new_nominee", "removed_nominee", "new_issue", "resolved_issue"]


def _change(kind: str, unit: str, subject: str, detail: str) -> dict[str, str]:
    return {"kind": kind, "recommending_unit": unit, "subject": subject, "detail": detail}


def _file_changes(previous: RunSnapshot, current: RunSnapshot) -> list[dict[str, str]]:
    old_by_hash = {sha: path for path, sha in previous.files.items() if path not in current.files}
    new_by_hash = {sha: path for path, sha in current.files.items() if path not in previous.files}
    changes = []
    for path, sha in current.files.items():
        unit = current.file_units.get(path, "")
        if path not in previous.files:
            moved = old_by_hash.get(sha) if sha else None
            detail = f"新文件（与上次的“{moved}”内容相同，应为改名或移动）" if moved else "新收到的文件"
            changes.append(_change("new_file", unit, path, detail))
        elif previous.files[path] != sha:
            changes.append(_change("changed_file", unit, path, "文件内容已更改（同名文件被替换）"))
    for path, sha in previous.files.items():
        if path not in current.files:
            moved = new_by_hash.get(sha) if sha else None
            detail = f"文件已不在收件箱中（内容现为“{moved}”）" if moved else "文件已不在收件箱中"
            changes.append(_change("removed_file", previous.file_units.get(path, ""), path, detail))
    return changes


def _nominee_changes(previous: RunSnapshot, current: RunSnapshot) -> list[dict[str, str]]:
    changes = []
    for record_id, key in current.nominees.items():
        if record_id not in previous.nominees:
            label = CATEGORY_LABELS.get(key.category, key.category)
            changes.append(_change("new_nominee", key.unit, key.name, f"新增推荐对象（{label}，编号 {record_id}）"))
    for record_id, key in previous.nominees.items():
        if record_id not in current.nominees:
            label = CATEGORY_LABELS.get(key.category, key.category)
            changes.append(_change("removed_nominee", key.unit, key.name,
                                   f"推荐对象已不在本次结果中（{label}，编号 {record_id}）"))
    return changes


def _issue_subject(key: IssueKey) -> str:
    if key.entity:
        return key.entity
    return FIELD_LABELS.get(key.field, key.field) or key.code


def _issue_changes(previous: RunSnapshot, current: RunSnapshot) -> list[dict[str, str]]:
    changes = []
    for name, key in current.issues.items():
        if name not in previous.issues:
            changes.append(_change("new_issue", key.unit, _issue_subject(key), f"新问题 [{key.code}]：{key.message}"))
    for name, key in previous.issues.items():
        if name not in current.issues:
            changes.append(_change("resolved_issue", key.unit, _issue_subject(key),
                                   f"已不再出现 [{key.code}]：{key.message}"))
    return changes


def diff_snapshots(previous: RunSnapshot | None, current: RunSnapshot,
                   superseded: Iterable[tuple[str, str]] = ()) -> pd.DataFrame:
    """What changed since ``previous`` in CHANGE_COLUMNS; empty on the first run.

    ``superseded`` holds (older path, newer path) pairs: a re-sent form whose older version the
    run set aside. They are listed whether or not there is a previous run.
    """
    changes: list[dict[str, str]] = []
    if previous is not None:
        changes += _file_changes(previous, current)
        changes += _nominee_changes(previous, current)
        changes += _issue_changes(previous, current)
    for old, new in superseded:
        unit = current.file_units.get(old, "") or current.file_units.get(new, "")
        changes.append(_change("superseded_file", unit, old, f"已被较新的“{new}”取代，未计入"))
    rank = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    changes.sort(key=lambda c: (rank[c["kind"]], c["recommending_unit"], c["subject"], c["detail"]))
    return pd.DataFrame(changes, columns=CHANGE_COLUMNS).astype(object)


def newest(candidates: Iterable[FileSeen]) -> FileSeen:
    """The newest of several versions of one form: first seen on a later run, then later mtime."""
    return max(candidates, key=lambda f: (f.first_seen_run, f.mtime, f.path))
