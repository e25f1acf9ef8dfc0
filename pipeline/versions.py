"""Re-sent files: when a unit sends a corrected version of a form or a summary, the newer one
replaces the older for the nominees they share; the older file stays listed, as superseded.

Newer means: a later content date (the summary's 填报日期, the form's 推荐单位意见 date), then a later
file time, then the later path. Two rows of the same name inside one file are not versions of
each other: that is a duplicate recommendation, left to the checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from pipeline.link import name_key
from pipeline.loader import Entry
from schemas.normalize import to_day


@dataclass(frozen=True, slots=True)
class Superseded:
    old_file: str
    new_file: str
    subject: str
    unit: str
    reason: str


def drop_superseded(entries: list[Entry], modified: dict[str, float]) -> tuple[list[Entry], list[Superseded]]:
    groups: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[(entry.raw.kind, entry.is_base, entry.unit, name_key(entry.name))].append(entry)
    dropped: set[int] = set()
    notes: list[Superseded] = []
    for group in groups.values():
        if len({e.raw.file for e in group}) < 2 or not group[0].name:
            continue
        ranked = sorted(group, key=lambda e: _version_key(e, modified), reverse=True)
        newest = ranked[0]
        for older in ranked[1:]:
            if older.raw.file == newest.raw.file:
                continue
            dropped.add(id(older))
            notes.append(Superseded(older.raw.file, newest.raw.file, newest.name, newest.unit,
                                    _reason(older, newest, modified)))
    return [e for e in entries if id(e) not in dropped], notes


def content_date(entry: Entry) -> dt.date | None:
    raw = entry.raw
    text = raw.notes.get("filled_date") or (raw.values["opinion_recommender"].text
                                             if "opinion_recommender" in raw.values else "")
    try:
        return to_day(text) if text else None
    except ValueError:
        return None


def _version_key(entry: Entry, modified: dict[str, float]) -> tuple:
    day = content_date(entry)
    return (day or dt.date.min, modified.get(entry.raw.file, 0.0), entry.raw.file)


def _reason(older: Entry, newest: Entry, modified: dict[str, float]) -> str:
    old_day, new_day = content_date(older), content_date(newest)
    if new_day and old_day and new_day != old_day:
        return f"内容日期较新（{new_day.isoformat()}，原为 {old_day.isoformat()}）"
    if modified.get(newest.raw.file, 0.0) != modified.get(older.raw.file, 0.0):
        stamp = dt.datetime.fromtimestamp(modified.get(newest.raw.file, 0.0)).strftime("%Y-%m-%d %H:%M")
        return f"文件时间较新（{stamp}）"
    return "文件名排序在后"
