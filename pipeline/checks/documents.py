"""Consistency between a nominee's documents: summary row, form, narrative material."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.checks.base import Context, issue_for, nominee_check
from pipeline.issues import Issue
from pipeline.link import Nominee, name_key
from schemas.columns import CATEGORY_LABELS

COMPARED_STUDIO_FIELDS = ["organization", "credit_code", "tech_category", "leader_name", "leader_gender",
                          "leader_birth", "team_size", "established", "leader_phone"]
COMPARED_BASE_FIELDS = ["credit_code", "tech_category", "employees", "training_area_m2", "contact_name",
                        "contact_phone", "trainees_2020"]


@nominee_check
def missing_form(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.summary is not None and nominee.form is None:
        yield issue_for("MISSING_FORM", nominee)


@nominee_check
def not_in_summary(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.form is not None and nominee.summary is None:
        yield issue_for("NOT_IN_SUMMARY", nominee)


@nominee_check
def missing_material(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if not nominee.is_base and nominee.material is None:
        yield issue_for("MISSING_MATERIAL", nominee)


@nominee_check
def category_mismatch(nominee: Nominee, context: Context) -> Iterable[Issue]:
    form = nominee.form
    if form is None or nominee.is_base:
        return
    problem = form.raw.notes.get("category_problem")
    if problem:
        yield issue_for("CATEGORY_MISMATCH", nominee, field="category", entry=form, value=problem,
                        expected=CATEGORY_LABELS.get(nominee.category, "单选一项"))
    elif nominee.summary is not None and form.category != nominee.summary.category:
        yield issue_for("CATEGORY_MISMATCH", nominee, field="category", entry=form,
                        value=CATEGORY_LABELS[form.category], expected=CATEGORY_LABELS[nominee.summary.category])


@nominee_check
def summary_form_mismatch(nominee: Nominee, context: Context) -> Iterable[Issue]:
    form, summary = nominee.form, nominee.summary
    if form is None or summary is None:
        return
    for name in COMPARED_BASE_FIELDS if nominee.is_base else COMPARED_STUDIO_FIELDS:
        mine, theirs = form.values.get(name), summary.values.get(name)
        if mine in (None, "") or theirs in (None, ""):
            continue
        if comparable(mine) != comparable(theirs):
            yield issue_for("SUMMARY_FORM_MISMATCH", nominee, field=name, entry=form, value=mine, expected=theirs)
    if nominee.is_base:
        yield from _teachers_mismatch(nominee)


def _teachers_mismatch(nominee: Nominee) -> Iterable[Issue]:
    """附件7 lists teachers in one column; 附件8 splits full-time and part-time."""
    total = nominee.summary.values.get("teachers_total")
    full, part = (nominee.form.values.get(k) for k in ("full_time_teachers", "part_time_teachers"))
    if total is not None and full is not None and part is not None and total != full + part:
        yield issue_for("SUMMARY_FORM_MISMATCH", nominee, field="teachers_total", entry=nominee.form,
                        location=nominee.form.locations.get("full_time_teachers", ""),
                        value=f"{full}+{part}", expected=str(total))


def comparable(value: object) -> object:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return round(float(value), 4)
    return name_key(str(value))
