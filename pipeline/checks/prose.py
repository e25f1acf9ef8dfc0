"""Checks fed by the prose readers: the leader's honours and skills, and the narrative's facts."""

from __future__ import annotations

from collections.abc import Iterable

from extractors.prose.honours import has_qualifying_skill, leader_qualifies, parse_honours
from pipeline.checks.base import Context, issue_for, nominee_check
from pipeline.checks.evidence import carried
from pipeline.link import Nominee
from schemas.issues import Issue

WORKER_CATEGORIES = ("worker_studio_tech", "worker_studio_other")
# The facts SPEC §3 compares (materials also state other counts, which are not compared).
NARRATIVE_FIELDS = ("established", "team_size", "patents", "economic_benefit_wan", "trained_workers")
# Money in the prose is often rounded (`1.81亿元`): a difference under this share is no mismatch.
MONEY_TOLERANCE = 0.01


@nominee_check
def leader_not_qualified(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.category != "labor_model_studio" or not carried(nominee, "leader_honors"):
        return  # no document of the nominee has the honours: nothing to judge (the gap is reported)
    honours = str(nominee.value("leader_honors") or "")
    if not leader_qualifies(parse_honours(honours), context.campaign.honour_rules()):
        yield issue_for("LEADER_NOT_QUALIFIED", nominee, field="leader_honors", value=honours or "（未填写）",
                        expected=context.campaign.qualifying_text())


@nominee_check
def leader_skill_missing(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.category not in WORKER_CATEGORIES or not any(
            carried(nominee, name) for name in ("leader_skill_level", "leader_title", "leader_honors")):
        return
    texts = [str(nominee.value(name) or "") for name in ("leader_skill_level", "leader_title", "leader_honors")]
    if not has_qualifying_skill(texts, context.campaign.qualifying_skills):
        yield issue_for("LEADER_SKILL_MISSING", nominee, field="leader_skill_level",
                        value="；".join(t for t in texts if t) or "（未填写）",
                        expected=skills_text(context.campaign.qualifying_skills))


SKILLS_SHOWN = 5   # the campaign's first few qualifying skills are named in the issue


def skills_text(skills: list[str]) -> str:
    """`技师、高级技师、首席技师、特级技师、工匠等` from the campaign's qualifying skills."""
    return "、".join(skills[:SKILLS_SHOWN]) + ("等高技能等级或高级职称" if len(skills) > SKILLS_SHOWN else "")


@nominee_check
def narrative_mismatch(nominee: Nominee, context: Context) -> Iterable[Issue]:
    material = nominee.material
    if material is None or nominee.form is None:
        return
    seen: set[str] = set()
    for fact in material.raw.notes.get("facts", []):
        name = fact["field"]
        stated = nominee.value(name)
        if name in seen or name not in NARRATIVE_FIELDS or stated in (None, ""):
            continue
        seen.add(name)
        if not _agrees(name, fact["value"], stated):
            issue = issue_for("NARRATIVE_MISMATCH", nominee, field=name, value=fact["value"], expected=stated)
            issue.file, issue.location = material.raw.file, f"原文：{fact['sentence'][:80]}"
            issue.message += f"（原文：“{fact['sentence']}”）"
            yield issue


def _agrees(name: str, narrative: object, form: object) -> bool:
    if name == "established":
        narrative, form = str(narrative), str(form)
        return form.startswith(narrative) if len(narrative) == 4 else narrative == form
    try:
        a, b = float(narrative), float(form)
    except (TypeError, ValueError):
        return str(narrative) == str(form)
    if name.endswith("_wan"):
        return abs(a - b) <= MONEY_TOLERANCE * max(abs(a), abs(b), 1.0)
    return a == b
