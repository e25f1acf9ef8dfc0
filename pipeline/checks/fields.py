"""Field checks, declared as a table: required fields, credit codes, phones.

Each rule is checked on every document of a nominee that carries the field, so the issue points
at the cell that holds the bad value."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.checks.base import Context, issue_for, nominee_check
from pipeline.checks.evidence import carried
from pipeline.link import Nominee
from schemas.columns import FIELD_LABELS
from schemas.issues import Issue
from schemas.normalize import is_blank, is_valid_credit_code, is_valid_phone


@dataclass(frozen=True, slots=True)
class FieldRule:
    code: str
    fields: tuple[str, ...]
    valid: Callable[[object], bool]
    expected: str


FIELD_RULES = [
    FieldRule("INVALID_CREDIT_CODE", ("credit_code",), lambda v: is_valid_credit_code(str(v)),
              "18位、校验位正确的统一社会信用代码"),
    FieldRule("INVALID_PHONE", ("leader_phone", "contact_phone"), lambda v: is_valid_phone(str(v)),
              "11位手机号或带区号的固定电话"),
]


@nominee_check
def field_rules(nominee: Nominee, context: Context) -> Iterable[Issue]:
    for rule in FIELD_RULES:
        for entry in (nominee.form, nominee.summary):
            if entry is None:
                continue
            for name in rule.fields:
                value = entry.values.get(name)
                if value not in (None, "") and not rule.valid(value):
                    yield issue_for(rule.code, nominee, field=name, entry=entry, value=value, expected=rule.expected)


@nominee_check
def missing_fields(nominee: Nominee, context: Context) -> Iterable[Issue]:
    """A required field the unit left blank (its cell is there, empty) is an error; one whose label
    no document of the nominee shows may be a layout we did not read: the office's warning."""
    required = context.campaign.required_fields.get("training_base" if nominee.is_base else "studio", [])
    for name in required:
        if name == "category":
            yield from _missing_category(nominee)
        elif name == "recommending_unit":
            continue  # UNKNOWN_UNIT reports it, once per file
        elif nominee.value(name) in (None, "") and not _unreadable(nominee, name):
            if carried(nominee, name):
                yield issue_for("MISSING_FIELD", nominee, field=name)
            else:
                yield issue_for("NOT_RECOGNISED", nominee, field=name,
                                field_label=f"“{FIELD_LABELS.get(name, name)}”",
                                expected="申报表和汇总表中均未找到该项")


def _missing_category(nominee: Nominee) -> Iterable[Issue]:
    if nominee.category:
        return
    form = nominee.form
    notes = form.raw.notes if form is not None else {}
    if "category_problem" in notes or "category_unreadable" in notes:
        return  # CATEGORY_MISMATCH / NOT_RECOGNISED already say so
    if form is not None and "category" in form.raw.values and not form.raw.scanned:
        yield issue_for("MISSING_FIELD", nominee, field="category")
    else:
        yield issue_for("NOT_RECOGNISED", nominee, field="category", field_label="“工作室类别”",
                        expected="申报表无类别栏，也未列入汇总表")


def _unreadable(nominee: Nominee, name: str) -> bool:
    """A value present but unreadable already has its INVALID_* issue."""
    return any(name in entry.raw.values and not is_blank(entry.raw.values[name].text) for entry in nominee.entries)
