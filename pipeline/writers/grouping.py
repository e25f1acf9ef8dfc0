"""Issues as display rows, grouped per nominee: shared by the HTML report and the feedback letters.

Group order: issues about the unit itself (no nominee, no file) first, then each nominee (worst
severity first, then by name), then file-level issues under `文件问题`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from pipeline.writers.labels import category_label, chinese_location, field_label, file_label, issue_title
from pipeline.writers.values import SEVERITY_LABELS, SEVERITY_RANK, UNKNOWN_UNIT_LABEL, text
from schemas.columns import CATEGORY_LABELS
from schemas.issues import ISSUE_COLUMNS

IssueView = dict[str, str]
UNIT_GROUP_TITLE = "推荐单位问题"
FILE_GROUP_TITLE = "文件问题"


@dataclass(frozen=True, slots=True)
class IssueGroup:
    title: str            # the nominee's name, or UNIT_GROUP_TITLE / FILE_GROUP_TITLE
    category: str         # category label of the nominee ("" for the other groups)
    issues: list[IssueView]


def issue_views(issues: pd.DataFrame) -> list[IssueView]:
    """Each issue as raw display text, plus what a clerk reads: `severity_label`, `title` (the
    code's Chinese title), `where` (the location in Chinese), `field_label`, `category_label`, and
    `unit` (never empty)."""
    views = []
    for row in issues.to_dict("records"):
        view = {column: text(row.get(column)) for column in ISSUE_COLUMNS}
        view["severity_label"] = SEVERITY_LABELS.get(view["severity"], view["severity"])
        view["unit"] = view["recommending_unit"] or UNKNOWN_UNIT_LABEL
        view["title"] = issue_title(view["code"])
        view["where"] = chinese_location(view["location"])
        view["file_label"] = file_label(view["file"])
        view["field_label"] = field_label(view["field"])
        view["category_label"] = category_label(view["category"])
        views.append(view)
    return views


def group_issues(views: Iterable[IssueView]) -> list[IssueGroup]:
    grouped: dict[tuple[int, str, str], list[IssueView]] = {}
    for view in views:
        grouped.setdefault(_group_key(view), []).append(view)
    titles = {0: UNIT_GROUP_TITLE, 2: FILE_GROUP_TITLE}

    def order(key: tuple[int, str, str]) -> tuple:
        worst = min(SEVERITY_RANK.get(i["severity"], 3) for i in grouped[key])
        return (key[0], worst if key[0] == 1 else 0, key[1], key[2])

    return [IssueGroup(titles.get(key[0], key[1]), CATEGORY_LABELS.get(key[2], key[2]), grouped[key])
            for key in sorted(grouped, key=order)]


def severity_counts(views: Iterable[IssueView]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITY_RANK, 0)
    for view in views:
        counts[view["severity"]] = counts.get(view["severity"], 0) + 1
    return counts


def _group_key(view: IssueView) -> tuple[int, str, str]:
    if view["entity"]:
        return (1, view["entity"], view["category"])
    return (2, "", "") if view["file"] else (0, "", "")
