"""The `与上次运行相比` section of the report, built from `RunResult.changes`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from pipeline.writers.labels import issue_title
from pipeline.writers.values import text, unit_key
from schemas.issues import ISSUE_TYPES

CHANGE_KIND_LABELS = {
    "new_file": "新增文件",
    "changed_file": "内容有变化的文件",
    "superseded_file": "被新版本替换的文件",
    "removed_file": "已不在收件箱中的文件",
    "new_nominee": "新增推荐对象",
    "removed_nominee": "不再出现的推荐对象",
    "new_issue": "新发现的问题",
    "resolved_issue": "已解决的问题",
}
OPEN_LIMIT = 30  # kinds with at most this many rows are shown unfolded
_CODE = re.compile(r"\b[A-Z][A-Z0-9_]{3,}\b")


def chinese_detail(detail: str) -> str:
    """Issue codes in a change's detail (`新问题 [INVALID_PHONE]：…`) shown by their Chinese title."""
    return _CODE.sub(lambda m: issue_title(m.group()) if m.group() in ISSUE_TYPES else m.group(), detail)


def changes_context(changes: pd.DataFrame, run_info: Mapping[str, str],
                    unit_order: Sequence[str]) -> dict[str, object]:
    """Counts and rows per kind of change, or the sentence to show when nothing changed."""
    previous = text(run_info.get("previous_run"))
    kinds = _kinds(changes, unit_order)
    if kinds:
        message = f"上次运行：{previous}。" if previous else ""
    elif previous:
        message = f"与上次运行（{previous}）相比无变化。"
    else:
        message = "首次运行，没有可比较的上次运行结果。"
    return {"kinds": kinds, "message": message, "total": sum(k["count"] for k in kinds)}


def _kinds(changes: pd.DataFrame, unit_order: Sequence[str]) -> list[dict[str, object]]:
    rows: dict[str, list[dict[str, str]]] = {}
    for record in changes.to_dict("records"):
        view = {c: text(record.get(c)) for c in ("kind", "recommending_unit", "subject", "detail")}
        view["detail"] = chinese_detail(view["detail"])
        rows.setdefault(view["kind"], []).append(view)
    rank = {unit: i for i, unit in enumerate(unit_order)}
    known = [kind for kind in CHANGE_KIND_LABELS if kind in rows]
    ordered = [*known, *sorted(kind for kind in rows if kind not in CHANGE_KIND_LABELS)]
    return [{"kind": kind, "label": CHANGE_KIND_LABELS.get(kind, kind) or "其他", "count": len(rows[kind]),
             "open": len(rows[kind]) <= OPEN_LIMIT,
             "rows": sorted(rows[kind], key=lambda r: unit_key(r["recommending_unit"], rank))}
            for kind in ordered]
