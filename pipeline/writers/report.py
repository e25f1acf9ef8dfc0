"""`discrepancy_report.html`: the issues by unit, for the office, readable offline in a browser.

The header shows the run (`RunResult.run_info`), the counts and the province-wide numbers of the
notice (`RunResult.targets`); the report opens with what changed since the previous run, then a
summary per unit and one section per unit with its issues grouped per nominee.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader

from pipeline.results import RunResult
from pipeline.writers.changes import changes_context
from pipeline.writers.files import atomic_write
from pipeline.writers.grouping import IssueView, group_issues, issue_views, severity_counts
from pipeline.writers.values import SEVERITY_LABELS, UNKNOWN_UNIT_LABEL, text, unit_key
from schemas.columns import CATEGORY_LABELS, STUDIO_CATEGORIES

FILE_NAME = "discrepancy_report.html"
RUN_INFO_LABELS = {"previous_run": "上次运行"}


def build(result: RunResult) -> bytes:
    environment = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)
    template = environment.get_template("report.html.j2")
    return template.render(**report_context(result)).encode("utf-8")


def write(result: RunResult, out_dir: Path) -> None:
    atomic_write(out_dir / FILE_NAME, build(result))


def report_context(result: RunResult) -> dict[str, object]:
    views = issue_views(result.issues)
    by_unit: dict[str, list[IssueView]] = {}
    for view in views:
        by_unit.setdefault(view["unit"], []).append(view)
    nominees = _nominee_counts(result)
    summary = [{"unit": u, "anchor": f"unit-{i}", "nominees": nominees.get(u, 0),
                "counts": severity_counts(by_unit.get(u, [])), "total": len(by_unit.get(u, []))}
               for i, u in enumerate(_report_units(result, views))]
    sections = [{**row, "groups": group_issues(by_unit[row["unit"]])} for row in summary if row["unit"] in by_unit]
    counts = _category_counts(result)
    return {
        "title": f"{result.campaign_name}年辽宁省工会推荐材料审核报告",
        "run_info": [(RUN_INFO_LABELS.get(k, k), text(v)) for k, v in result.run_info.items()],
        "file_count": len(result.files),
        "categories": [{"label": CATEGORY_LABELS[c], "count": n} for c, n in counts.items()],
        "targets": _target_rows(result, counts),
        "nominee_total": sum(nominees.values()),
        "severity_counts": severity_counts(views),
        "issue_total": len(views),
        "severity_labels": SEVERITY_LABELS,
        "changes": changes_context(result.changes, result.run_info, result.unit_order),
        "summary": summary,
        "sections": sections,
        "codes": sorted({v["code"] for v in views}),
        "filter_units": [s["unit"] for s in sections],
    }


def _nominee_counts(result: RunResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    for frame in (result.studios, result.training_bases):
        for unit in frame.get("recommending_unit", pd.Series(dtype=object)):
            label = text(unit) or UNKNOWN_UNIT_LABEL
            counts[label] = counts.get(label, 0) + 1
    return counts


def _category_counts(result: RunResult) -> dict[str, int]:
    studios = result.studios.get("category", pd.Series(dtype=object)).map(text)
    counts = {c: int((studios == c).sum()) for c in STUDIO_CATEGORIES}
    return {**counts, "training_base": len(result.training_bases)}


def _target_rows(result: RunResult, count: dict[str, int]) -> list[dict[str, object]]:
    """Province-wide numbers of the notice against what was nominated."""
    targets = result.targets
    worker = count["worker_studio_tech"] + count["worker_studio_other"]
    rows = [("劳模创新工作室", targets.labor_model_studio, count["labor_model_studio"]),
            ("职工创新工作室", targets.worker_studio, worker),
            ("职工职业技能培训基地", targets.training_base, count["training_base"])]
    table: list[dict[str, object]] = [
        {"label": label, "target": f"{target} 个", "nominated": nominated,
         "note": f"超出 {nominated - target} 个" if nominated > target else ""}
        for label, target, nominated in rows]
    tech, more_than = count["worker_studio_tech"], targets.worker_studio_tech_more_than
    table.insert(2, {"label": "其中：科技型企业", "target": f"多于 {more_than} 个", "nominated": tech,
                     "note": "" if tech > more_than else f"尚未多于 {more_than} 个"})
    return table


def _report_units(result: RunResult, views: list[IssueView]) -> list[str]:
    rank = {unit: i for i, unit in enumerate(result.unit_order)}
    seen = {v["recommending_unit"] for v in views}
    for frame in (result.studios, result.training_bases, result.files):
        seen |= {text(u) for u in frame.get("recommending_unit", pd.Series(dtype=object))}
    units = sorted(set(result.unit_order) | seen, key=lambda u: unit_key(u, rank))
    return [u or UNKNOWN_UNIT_LABEL for u in units]
