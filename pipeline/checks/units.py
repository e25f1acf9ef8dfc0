"""Checks across nominees and files: quotas per unit, duplicates, 合计 rows, submission dates."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from pipeline.checks.base import Context, batch_check, issue_for
from pipeline.link import Nominee, name_key
from pipeline.quota_figures import compute
from schemas.columns import CATEGORY_LABELS, FLOAT_FIELDS, INTEGER_FIELDS
from schemas.issues import Issue, make_issue
from schemas.normalize import normalise, to_day


@batch_check
def unknown_units(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    """A form that no summary row claimed and whose file shows no unit: once per file."""
    reported: set[str] = set()
    for nominee in nominees:
        if nominee.unit or nominee.summary is not None or nominee.form is None:
            continue
        file = nominee.form.raw.file
        if file not in reported:
            reported.add(file)
            yield make_issue("UNKNOWN_UNIT", file=file, location=nominee.form.raw.anchor,
                             value=nominee.form.raw.unit_text)


@batch_check
def quotas(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    """Over a unit's maximum, or short of its 科技型企业 minimum, by the figures every output shows
    (`pipeline.quota_figures`). A unit that sent nothing shows as 0 in 名额使用 and gets no issue."""
    submitted = {n.unit for n in nominees}
    figures = compute(Counter((n.unit, n.category) for n in nominees), context.quotas)
    for unit in (u for u in figures if u.listed and u.unit in submitted):
        for group, category in (("labor_model", "labor_model_studio"), ("worker_studio", "worker_studio_tech"),
                                ("training_base", "training_base")):
            allowance = unit.allowances[group]
            if allowance.over:
                label = "职工创新工作室" if group == "worker_studio" else CATEGORY_LABELS[category]
                yield make_issue("QUOTA_EXCEEDED", recommending_unit=unit.unit, category=category,
                                 field=label, value=f"{label}{allowance.nominated}个", expected=f"{allowance.quota}个")
        tech = unit.allowances["worker_studio_tech"]
        if tech.short:
            yield make_issue("TECH_SHARE_BELOW_QUOTA", recommending_unit=unit.unit, category="worker_studio_tech",
                             value=str(tech.nominated), expected=str(tech.quota))


@batch_check
def duplicate_recommendations(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    """The same nominee twice: in one unit, or from two units (same name, or same leader and
    organisation under another name is left to DUPLICATE_LEADER)."""
    groups: dict[tuple[bool, str], list[Nominee]] = defaultdict(list)
    for nominee in nominees:
        if nominee.name:
            groups[(nominee.is_base, name_key(nominee.name))].append(nominee)
    for group in groups.values():
        if len(group) < 2:
            continue
        for nominee in group:
            others = [o for o in group if o is not nominee]
            where = "、".join(f"{o.unit or '未知单位'}（{CATEGORY_LABELS.get(o.category, '')}）" for o in others)
            yield issue_for("DUPLICATE_RECOMMENDATION", nominee, field="studio_name" if not nominee.is_base
                            else "enterprise_name", value=nominee.name, expected=f"另见：{where}")


@batch_check
def duplicate_leaders(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    people: dict[tuple[str, str], list[Nominee]] = defaultdict(list)
    for nominee in nominees:
        leader = nominee.value("leader_name")
        if nominee.is_base or not leader:
            continue
        identity = nominee.value("leader_birth") or name_key(str(nominee.value("organization") or ""))
        people[(name_key(str(leader)), str(identity))].append(nominee)
    for group in people.values():
        studios = {name_key(n.name) for n in group}
        if len(studios) < 2:
            continue  # the same studio twice is DUPLICATE_RECOMMENDATION
        for nominee in group:
            others = "、".join(sorted({o.name for o in group if name_key(o.name) != name_key(nominee.name)}))
            yield issue_for("DUPLICATE_LEADER", nominee, field="leader_name", value=nominee.value("leader_name"),
                            expected=f"另领衔：{others}")


@batch_check
def total_rows(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    for result in context.files:
        for extraction in result.extractions:
            for total in extraction.totals:
                records = extraction.records[: total.records_before]
                yield from _total_issues(result.file, result.recommending_unit, total, records)


def _total_issues(file: str, unit: str, total, records) -> Iterable[Issue]:
    for name, found in total.values.items():
        if name not in INTEGER_FIELDS | FLOAT_FIELDS | {"teachers_total"}:
            continue
        try:
            stated = normalise(name, found.text)
            parts = [normalise(name, r.values[name].text) for r in records if name in r.values]
        except ValueError:
            continue
        if stated is None or not parts or any(p is None for p in parts):
            continue
        actual = sum(parts)
        if abs(float(stated) - float(actual)) > 1e-6:
            yield make_issue("TOTAL_MISMATCH", recommending_unit=unit, category=total.category, field=name,
                             file=file, location=found.location, value=_number(stated), expected=_number(actual))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(round(value, 4))


@batch_check
def late_summaries(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    deadline = context.campaign.deadline
    for result in context.files:
        for extraction in result.extractions:
            for found in extraction.dates:
                try:
                    day = to_day(found.text)
                except ValueError:
                    continue
                if day > deadline:
                    category = next((r.category for r in extraction.records), "")
                    yield make_issue("LATE_SUBMISSION", recommending_unit=result.recommending_unit,
                                     category=category, field="填报日期", file=result.file,
                                     location=found.location, value=day.isoformat(), expected=deadline.isoformat())
