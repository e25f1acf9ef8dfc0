"""Field checks, declared as a table: required fields, credit codes, phones.

Each rule is checked on every document of a nominee that carries the field, so the issue points
at the cell that holds the bad value."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.checks.base import Context, issue_for, nominee_check
from pipeline.issues import Issue
from pipeline.link import Nominee
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
    required = context.campaign.required_fields.get("training_base" if nominee.is_base else "studio", [])
    for name in required:
        if name == "category":
            if not nominee.category:
                yield issue_for("MISSING_FIELD", nominee, field="category")
        elif name == "recommending_unit":
            continue  # UNKNOWN_UNIT reports it, once per file
        elif nominee.value(name) in (None, "") and not _unreadable(nominee, name):
            yield issue_for("MISSING_FIELD", nominee, field=name)


def _unreadable(nominee: Nominee, name: str) -> bool:
    """A value present but unreadable already has its INVALID_* issue."""
    return any(name in entry.raw.values and not is_blank(entry.raw.values[name].text) for entry in nominee.entries)
