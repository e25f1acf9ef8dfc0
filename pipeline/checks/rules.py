"""Rules of the notice that concern one nominee."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.checks.base import Context, issue_for, nominee_check
from pipeline.checks.evidence import carried
from pipeline.link import Nominee, name_key
from schemas.issues import Issue
from schemas.normalize import clean_text, to_day

OPINION_BOILERPLATE = re.compile(r"[（(]?\s*盖\s*章\s*[)）]?|签\s*[字名]|年|月|日|[\s:：.。、/_\-—]")
STUDIO_WORD = "工作室"


@nominee_check
def operation_under_one_year(nominee: Nominee, context: Context) -> Iterable[Issue]:
    established = nominee.value("established")
    latest = context.campaign.latest_established
    if not nominee.is_base and established and established > latest:
        yield issue_for("OPERATION_UNDER_1_YEAR", nominee, field="established", value=established, expected=latest)


@nominee_check
def established_unit(nominee: Nominee, context: Context) -> Iterable[Issue]:
    """A name such as `信息通信技术中心` or `焊接班组` is a department; `车间创新工作室` is fine."""
    name = nominee.name
    if nominee.is_base or not name or name.endswith(STUDIO_WORD):
        return
    if any(word in name for word in context.campaign.established_unit_words):
        yield issue_for("ESTABLISHED_UNIT_NOT_ELIGIBLE", nominee, field="studio_name", value=name)


@nominee_check
def not_tech_enterprise(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.category not in ("worker_studio_tech", "training_base") or nominee.value("tech_category"):
        return
    if carried(nominee, "tech_category"):
        yield issue_for("NOT_TECH_ENTERPRISE", nominee, field="tech_category", value=_stated(nominee, "tech_category"),
                        expected="、".join(context.campaign.tech_categories))
    else:
        yield issue_for("NOT_RECOGNISED", nominee, field="tech_category", field_label="“科技型企业类别”",
                        expected="申报表和汇总表中均未找到该项")


def _stated(nominee: Nominee, field: str) -> str:
    """What the unit wrote for a field, or （未填写） for a blank cell."""
    texts = [e.raw.values[field].text.strip() for e in nominee.entries if field in e.raw.values]
    return next((clean_text(t) for t in texts if t), "（未填写）")


@nominee_check
def training_system(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if not nominee.is_base or nominee.form is None:
        return
    items = dict(zip(("has_training_records", "has_followup_service", "has_incentives"),
                     context.campaign.training_system_items, strict=False))
    missing = [label for name, label in items.items() if nominee.value(name) is not True]
    if missing:
        yield issue_for("TRAINING_SYSTEM_INCOMPLETE", nominee, field="has_training_records", entry=nominee.form,
                        location=_raw_location(nominee, "training_system"), value=_stated(nominee, "training_system"),
                        expected="、".join(missing))


@nominee_check
def joint_recommendation(nominee: Nominee, context: Context) -> Iterable[Issue]:
    form = nominee.form
    if nominee.is_base or form is None or context.unit_kind(nominee.unit) != "direct":
        return
    found = form.raw.values.get("opinion_city_union")
    if found is None and not any(name.startswith("opinion_") for name in form.raw.values):
        yield issue_for("NOT_RECOGNISED", nominee, field="opinion_city_union", entry=form, location=form.raw.anchor,
                        field_label="申报表上的意见栏", expected="未能找到任何意见栏，无法确认市总工会是否签署意见")
    elif found is None or not OPINION_BOILERPLATE.sub("", found.text):
        yield issue_for("JOINT_RECOMMENDATION_MISSING", nominee, field="opinion_city_union", entry=form,
                        location=found.location if found else form.raw.anchor)


@nominee_check
def late_opinion(nominee: Nominee, context: Context) -> Iterable[Issue]:
    form = nominee.form
    found = form.raw.values.get("opinion_recommender") if form else None
    if found is None:
        return
    try:
        day = to_day(found.text)
    except ValueError:
        return
    if day > context.campaign.deadline:
        yield issue_for("LATE_SUBMISSION", nominee, field="opinion_recommender", entry=form,
                        location=found.location, value=day.isoformat(), expected=context.campaign.deadline.isoformat())


@nominee_check
def already_named(nominee: Nominee, context: Context) -> Iterable[Issue]:
    """Against the registry: a named labor-model studio again is an error; a named worker studio
    put forward as a labor-model studio is an allowed upgrade (info)."""
    if nominee.is_base or not context.registry:
        return
    for row in _registry_matches(nominee, context.registry):
        named_labor_model = "劳模" in row.get("kind", "")
        when = f"{row.get('year', '')}年（{row.get('kind', '')}）"
        if nominee.category == "labor_model_studio" and not named_labor_model:
            yield issue_for("UPGRADE_FROM_WORKER_STUDIO", nominee, field="studio_name", value=nominee.name,
                            expected=when)
        else:
            yield issue_for("ALREADY_NAMED", nominee, field="studio_name", value=nominee.name, expected=when)
        return


def _registry_matches(nominee: Nominee, registry: list[dict[str, str]]) -> list[dict[str, str]]:
    """Registry rows naming the same studio: same name (and no other organisation), or the same
    leader in the same organisation under another name (`程建强职工创新工作室` → `程建强劳模创新工作室`)."""
    key = name_key(nominee.name)
    organization = name_key(str(nominee.value("organization") or ""))
    leader = name_key(str(nominee.value("leader_name") or ""))
    matches = []
    for row in registry:
        named_org = name_key(row.get("organization", ""))
        same_org = bool(organization and named_org and organization == named_org)
        if name_key(row.get("studio_name", "")) == key:
            if same_org or not (organization and named_org):
                matches.append(row)
        elif same_org and leader and leader == name_key(row.get("leader_name", "")):
            matches.append(row)
    return matches


def _raw_location(nominee: Nominee, field: str) -> str:
    form = nominee.form
    found = form.raw.values.get(field) if form else None
    return found.location if found else (form.raw.anchor if form else "")
