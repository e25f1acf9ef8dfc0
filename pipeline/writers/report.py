"""`discrepancy_report.html`: the issues by unit, for the office, one offline file.

From the top: the run (`RunResult.run_info`) and its notices; the files that could not be read;
the status of every unit (files, nominees against quota, errors, status); quota use
province-wide with an inline SVG chart; what changed since the previous run; then the filters
(text search, severity, issue type, unit, category, all combined) and one collapsible section
per unit with its issues grouped per nominee. File names link to the files in the inbox when
`RunResult.inbox_dir` is set. Every quota figure comes from `pipeline.quota_figures`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader

from pipeline.quota_figures import GROUPS, ProvinceQuota, province
from pipeline.results import SEASON_GUARD_KEY, RunResult
from pipeline.writers import report_chart
from pipeline.writers.changes import changes_context
from pipeline.writers.files import atomic_write
from pipeline.writers.grouping import IssueView, group_issues, issue_views, severity_counts
from pipeline.writers.labels import category_label, file_label, issue_title, season_label
from pipeline.writers.links import file_link
from pipeline.writers.unit_status import STATUS_TEXT, UnitStatus, unit_quotas, unit_statuses, unread_files
from pipeline.writers.values import SEVERITY_LABELS, UNKNOWN_UNIT_LABEL, text
from schemas.columns import CATEGORIES

FILE_NAME = "discrepancy_report.html"
RUN_INFO_LABELS = {"previous_run": "上次运行"}
NOTICE_PREFIX = "提示"
OPEN_ISSUE_LIMIT = 60   # with more issues than this, unit sections start folded
STATUS_CLASS = {"未报送": "missing", "不完整": "incomplete", "待退回修改": "return", "通过": "pass"}


def build(result: RunResult, out_dir: Path | None = None) -> bytes:
    environment = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)
    template = environment.get_template("report.html.j2")
    return template.render(**report_context(result, out_dir)).encode("utf-8")


def write(result: RunResult, out_dir: Path) -> None:
    atomic_write(out_dir / FILE_NAME, build(result, out_dir))


def report_context(result: RunResult, out_dir: Path | None = None) -> dict[str, object]:
    views = issue_views(result.issues)
    for view in views:
        view["href"] = file_link(view["file"], result.inbox_dir, out_dir)
    statuses = unit_statuses(result)
    quotas = unit_quotas(result)
    totals = province(quotas, result.targets)
    sections = _sections(views, statuses)
    return {
        "title": f"{season_label(result.campaign_name)}辽宁省工会推荐材料审核报告",
        "notice": result.campaign_notice,
        "season_warning": text(result.run_info.get(SEASON_GUARD_KEY, "")),
        "run_info": [(RUN_INFO_LABELS.get(k, k), text(v)) for k, v in result.run_info.items()
                     if not k.startswith(NOTICE_PREFIX) and k != SEASON_GUARD_KEY],
        "notices": [text(v) for k, v in result.run_info.items() if k.startswith(NOTICE_PREFIX) and text(v)],
        "unread": _unread(result, out_dir),
        "files": _file_counts(result),
        "categories": [{"label": category_label(c), "count": totals.nominated.get(c, 0)} for c in CATEGORIES],
        "nominee_total": sum(totals.nominated.values()),
        "severity_counts": severity_counts(views),
        "issue_total": len(views),
        "severity_labels": SEVERITY_LABELS,
        "status_rows": [_status_row(s, {x["unit"]: x["anchor"] for x in sections}) for s in statuses],
        "status_counts": _status_counts(statuses),
        "status_text": STATUS_TEXT,
        "province": _province_rows(totals),
        "chart": report_chart.province_chart(totals),
        "changes": changes_context(result.changes, result.run_info, result.unit_order),
        "sections": sections,
        "open_sections": len(views) <= OPEN_ISSUE_LIMIT,
        "codes": _codes(views),
        "filter_units": [s["unit"] for s in sections],
        "filter_categories": [(c, category_label(c)) for c in CATEGORIES
                              if any(v["category"] == c for v in views)],
    }


def _sections(views: list[IssueView], statuses: list[UnitStatus]) -> list[dict[str, object]]:
    by_unit: dict[str, list[IssueView]] = {}
    for view in views:
        by_unit.setdefault(view["unit"], []).append(view)
    order = [s.label for s in statuses] + sorted(set(by_unit) - {s.label for s in statuses})
    status_of = {s.label: s.status for s in statuses}
    return [{"unit": unit, "anchor": f"unit-{index}", "counts": severity_counts(by_unit[unit]),
             "total": len(by_unit[unit]), "status": status_of.get(unit, ""),
             "status_class": STATUS_CLASS.get(status_of.get(unit, ""), ""),
             "groups": group_issues(by_unit[unit])}
            for index, unit in enumerate(u for u in order if u in by_unit)]


def _status_row(status: UnitStatus, anchors: dict[str, str]) -> dict[str, object]:
    cells = []
    for key, _, minimum in GROUPS:
        allowance = status.quota.allowances[key] if status.quota else None
        cells.append(_quota_cell(allowance.quota, allowance.nominated, minimum, allowance.status())
                     if allowance else _quota_cell(0, 0, minimum, ""))
    return {"unit": status.label, "anchor": anchors.get(status.label, ""), "status": status.status,
            "status_class": STATUS_CLASS[status.status], "files": status.files, "unread": len(status.unread),
            "errors": status.errors, "warnings": status.warnings, "quota_cells": cells,
            "listed": bool(status.quota and status.quota.listed)}


def _quota_cell(quota: int, nominated: int, minimum: bool, note: str) -> dict[str, object]:
    """`nominated / quota` with a bar: the share used (a maximum) or reached (a minimum)."""
    share = min(1.0, nominated / quota) if quota else (1.0 if nominated else 0.0)
    state = "over" if (not minimum and nominated > quota) else (
        "short" if minimum and nominated < quota else "ok")
    return {"nominated": nominated, "quota": quota, "minimum": minimum, "note": note,
            "width": round(100 * share, 1), "state": state}


def _status_counts(statuses: list[UnitStatus]) -> list[tuple[str, int, str]]:
    return [(name, sum(1 for s in statuses if s.status == name), STATUS_CLASS[name]) for name in STATUS_TEXT]


def _province_rows(totals: ProvinceQuota) -> list[dict[str, object]]:
    rows = []
    for key, label, minimum in GROUPS:
        group = totals.groups[key]
        if minimum:
            beyond = f"{group.units_short}个单位共差{group.short}个" if group.short else "各单位均已达到"
        else:
            beyond = f"{group.units_over}个单位共超出{group.over}个" if group.over else "无单位超出"
        rows.append({"label": label, "minimum": minimum, "allotted": group.allotted,
                     "nominated": group.nominated, "beyond": beyond, "alert": bool(group.over or group.short),
                     "target": totals.target_text(key)})
    return rows


def _unread(result: RunResult, out_dir: Path | None) -> dict[str, object]:
    files = unread_files(result)
    by_unit: dict[str, list[dict[str, str]]] = {}
    for unread in files:
        by_unit.setdefault(unread.unit or UNKNOWN_UNIT_LABEL, []).append(
            {"file": file_label(unread.path), "href": file_link(unread.path, result.inbox_dir, out_dir),
             "reason": unread.reason, "partial": unread.status == "partial"})
    return {"count": len(files), "units": list(by_unit.items())}


def _file_counts(result: RunResult) -> dict[str, int]:
    """Files listed: archives, the files inside them, and the others."""
    names = [text(f) for f in result.files.get("file", [])]
    doc_types = [text(d) for d in result.files.get("doc_type", [])]
    members = sum(1 for name in names if "!" in name)
    archives = sum(1 for name, kind in zip(names, doc_types, strict=True) if kind == "archive" and "!" not in name)
    return {"total": len(names), "archives": archives, "members": members}


def _codes(views: list[IssueView]) -> list[dict[str, object]]:
    counts: dict[str, int] = {}
    for view in views:
        counts[view["code"]] = counts.get(view["code"], 0) + 1
    return [{"code": code, "title": issue_title(code), "count": count}
            for code, count in sorted(counts.items(), key=lambda item: issue_title(item[0]))]

