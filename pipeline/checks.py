"""Checks: each a small registered function returning issues; none raises, none drops a record.

`NOMINEE_CHECKS` look at one linked nominee; `BATCH_CHECKS` look at all of them at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pipeline.issues import Issue, make_issue
from pipeline.link import Nominee, name_key
from pipeline.loader import Entry
from schemas.campaign import Campaign
from schemas.columns import CATEGORY_LABELS, FIELD_LABELS
from schemas.normalize import format_value, is_valid_credit_code, is_valid_phone
from schemas.units import Quota


@dataclass(slots=True)
class Context:
    campaign: Campaign
    quotas: list[Quota]
    registry: list[dict[str, str]] = field(default_factory=list)


NomineeCheck = Callable[[Nominee, Context], Iterable[Issue]]
BatchCheck = Callable[[list[Nominee], Context], Iterable[Issue]]
NOMINEE_CHECKS: list[NomineeCheck] = []
BATCH_CHECKS: list[BatchCheck] = []


def nominee_check(check: NomineeCheck) -> NomineeCheck:
    NOMINEE_CHECKS.append(check)
    return check


def batch_check(check: BatchCheck) -> BatchCheck:
    BATCH_CHECKS.append(check)
    return check


def run_checks(nominees: list[Nominee], context: Context) -> list[Issue]:
    issues = [issue for nominee in nominees for check in NOMINEE_CHECKS for issue in check(nominee, context)]
    issues += [issue for check in BATCH_CHECKS for issue in check(nominees, context)]
    return issues


def issue_for(code: str, nominee: Nominee, *, field: str = "", entry: Entry | None = None,
              value: object = "", expected: object = "", **extra: object) -> Issue:
    """An issue about a nominee, located at the field's cell (in `entry`, or wherever it was read)."""
    if entry is not None:
        file, location = entry.raw.file, entry.locations.get(field, entry.raw.anchor)
    elif field:
        file, location = nominee.location(field)
    else:
        primary = nominee.entries[0]
        file, location = primary.raw.file, primary.raw.anchor
    return make_issue(code, recommending_unit=nominee.unit, category=nominee.category, entity=nominee.name,
                      field=field, field_label=FIELD_LABELS.get(field, field), file=file, location=location,
                      value=_shown(field, value), expected=_shown(field, expected), **extra)


def _shown(field: str, value: object) -> str:
    return value if isinstance(value, str) else format_value(field, value)


@nominee_check
def missing_form(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.summary is not None and nominee.form is None:
        yield issue_for("MISSING_FORM", nominee)


@nominee_check
def not_in_summary(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.form is not None and nominee.summary is None:
        yield issue_for("NOT_IN_SUMMARY", nominee)


@nominee_check
def category_mismatch(nominee: Nominee, context: Context) -> Iterable[Issue]:
    form = nominee.form
    if form is None or nominee.is_base:
        return
    problem = form.raw.notes.get("category_problem")
    location_field = "category"
    if problem:
        issue = issue_for("CATEGORY_MISMATCH", nominee, entry=form, value=problem,
                          expected=CATEGORY_LABELS.get(nominee.category, "单选一项"))
        issue.location = form.raw.values["category"].location if "category" in form.raw.values else form.raw.anchor
        issue.field = location_field
        yield issue
    elif nominee.summary is not None and form.category != nominee.summary.category:
        issue = issue_for("CATEGORY_MISMATCH", nominee, entry=form, value=CATEGORY_LABELS[form.category],
                          expected=CATEGORY_LABELS[nominee.summary.category])
        issue.location = form.raw.values["category"].location
        issue.field = location_field
        yield issue


COMPARED_STUDIO_FIELDS = ["organization", "credit_code", "tech_category", "leader_name", "leader_gender",
                          "leader_birth", "team_size", "established", "leader_phone"]
COMPARED_BASE_FIELDS = ["credit_code", "tech_category", "employees", "training_area_m2", "contact_name",
                        "contact_phone", "trainees_2020"]


@nominee_check
def summary_form_mismatch(nominee: Nominee, context: Context) -> Iterable[Issue]:
    form, summary = nominee.form, nominee.summary
    if form is None or summary is None:
        return
    for name in COMPARED_BASE_FIELDS if nominee.is_base else COMPARED_STUDIO_FIELDS:
        mine, theirs = form.values.get(name), summary.values.get(name)
        if mine in (None, "") or theirs in (None, ""):
            continue
        if _comparable(mine) != _comparable(theirs):
            yield issue_for("SUMMARY_FORM_MISMATCH", nominee, field=name, entry=form, value=mine, expected=theirs)


def _comparable(value: object) -> object:
    if isinstance(value, float | int):
        return round(float(value), 4)
    return name_key(str(value))


REQUIRED_STUDIO = ["studio_name", "organization", "leader_name", "team_size", "established"]
REQUIRED_BASE = ["enterprise_name", "credit_code", "tech_category", "trainees_2020"]


@nominee_check
def missing_fields(nominee: Nominee, context: Context) -> Iterable[Issue]:
    required = REQUIRED_BASE if nominee.is_base else REQUIRED_STUDIO
    if not nominee.category:
        yield issue_for("MISSING_FIELD", nominee, field="category")
    for name in required:
        if nominee.value(name) in (None, "") and not _unreadable(nominee, name):
            yield issue_for("MISSING_FIELD", nominee, field=name)


def _unreadable(nominee: Nominee, name: str) -> bool:
    """A value that was present but could not be read has its own issue already."""
    return any(name in entry.raw.values and entry.raw.values[name].text.strip() for entry in nominee.entries)


@nominee_check
def invalid_credit_code(nominee: Nominee, context: Context) -> Iterable[Issue]:
    for entry in (nominee.form, nominee.summary):
        code = entry.values.get("credit_code") if entry else None
        if code and not is_valid_credit_code(code):
            yield issue_for("INVALID_CREDIT_CODE", nominee, field="credit_code", entry=entry, value=code,
                            expected="18位、校验位正确的统一社会信用代码")


@nominee_check
def invalid_phone(nominee: Nominee, context: Context) -> Iterable[Issue]:
    name = "contact_phone" if nominee.is_base else "leader_phone"
    for entry in (nominee.form, nominee.summary):
        phone = entry.values.get(name) if entry else None
        if phone and not is_valid_phone(phone):
            yield issue_for("INVALID_PHONE", nominee, field=name, entry=entry, value=phone,
                            expected="11位手机号或带区号的固定电话")
