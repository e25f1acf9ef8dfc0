"""The check registry, the context checks see, and the helper that builds a located issue."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pipeline.link import Nominee
from pipeline.loader import Entry
from pipeline.process import FileResult
from schemas.campaign import Campaign
from schemas.columns import FIELD_LABELS
from schemas.issues import TITLES, Issue, make_issue
from schemas.normalize import format_value
from schemas.units import Quota


@dataclass(slots=True)
class Context:
    campaign: Campaign
    quotas: list[Quota]
    registry: list[dict[str, str]] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)
    unlinked_materials: list[Entry] = field(default_factory=list)   # materials no studio claimed
    _files_by_unit: dict[str, list[FileResult]] = field(default_factory=dict, repr=False)

    def unit_kind(self, unit: str) -> str:
        return next((q.kind for q in self.quotas if q.unit == unit), "")

    def files_of(self, unit: str) -> list[FileResult]:
        """The files placed with a unit (or with no unit, for "")."""
        if not self._files_by_unit and self.files:
            for result in self.files:
                self._files_by_unit.setdefault(result.recommending_unit, []).append(result)
        return self._files_by_unit.get(unit, [])


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
    issues = _doubt_scans(issues, nominees)
    overrides = context.campaign.severities
    for issue in issues:
        issue.severity = overrides.get(issue.code, issue.severity)
    return issues


# Codes whose evidence is what a document says (a date, a name, ticks, an opinion's wording): in
# a scan, that is our reading of it. Presence, quota and file-level codes are not.
READ_FROM_THE_DOCUMENT = frozenset({
    "OPERATION_UNDER_1_YEAR", "LEADER_NOT_QUALIFIED", "LEADER_SKILL_MISSING", "ESTABLISHED_UNIT_NOT_ELIGIBLE",
    "ALREADY_NAMED", "NOT_TECH_ENTERPRISE", "TRAINING_SYSTEM_INCOMPLETE", "JOINT_RECOMMENDATION_MISSING",
    "LATE_SUBMISSION", "MISSING_FIELD", "NOT_IN_SUMMARY", "DUPLICATE_LEADER", "NARRATIVE_MISMATCH", "UNKNOWN_UNIT",
    "CATEGORY_MISMATCH", "SUMMARY_FORM_MISMATCH", "INVALID_CREDIT_CODE", "INVALID_PHONE", "INVALID_DATE",
    "INVALID_NUMBER", "INVALID_VALUE",
})


WHAT_WAS_READ = {"TRAINING_SYSTEM_INCOMPLETE": "培训制度建设"}   # where the issue's field is not what was read


# Codes that compare the form's values with another document: the issue may sit in that other
# document, yet rest on the form's reading.
AGAINST_THE_FORM = frozenset({"NARRATIVE_MISMATCH", "SUMMARY_FORM_MISMATCH", "CATEGORY_MISMATCH"})


def _doubt_scans(issues: list[Issue], nominees: list[Nominee]) -> list[Issue]:
    """Every accusation resting on a scan as the office's doubt, one per cell; a cell whose reading
    was already doubted (`pipeline.loader`: low confidence) gets no second one."""
    files = {entry.raw.file for nominee in nominees for entry in nominee.entries if entry.raw.scanned}
    forms = {(n.unit, n.name) for n in nominees if n.form is not None and n.form.raw.scanned}
    doubted = {(entry.raw.file, entry.locations.get(name, ""), name) for nominee in nominees
               for entry in nominee.entries for name in entry.raw.notes.get("low_confidence", [])}
    return _one_doubt_per_cell([_doubted_if_scanned(issue, files, forms) for issue in issues], doubted)


def _doubted_if_scanned(issue: Issue, files: set[str], forms: set[tuple[str, str]]) -> Issue:
    """An accusation that rests on our reading of a scan goes to the office to check against the
    original (LOW_CONFIDENCE_OCR, not in the letter), with what it would have said. `files` are
    the scanned files, `forms` the (unit, name) of nominees whose form is a scan."""
    rests_on_scan = (issue.file in files and issue.code in READ_FROM_THE_DOCUMENT) or (
        issue.code in AGAINST_THE_FORM and (issue.recommending_unit, issue.entity) in forms)
    if not rests_on_scan:
        return issue
    label = WHAT_WAS_READ.get(issue.code) or (issue.field and FIELD_LABELS.get(issue.field, issue.field))
    return make_issue("LOW_CONFIDENCE_OCR", recommending_unit=issue.recommending_unit, category=issue.category,
                      entity=issue.entity, field=issue.field, field_label=label or TITLES[issue.code],
                      file=issue.file, location=issue.location, value=issue.value or "（见原件）",
                      expected=f"若识别无误：{issue.message}")


def _one_doubt_per_cell(issues: list[Issue], seen: set[tuple[str, str, str]]) -> list[Issue]:
    """A scanned cell that several checks doubt (an invalid code that also differs from the
    summary) is one LOW_CONFIDENCE_OCR for the office, the first check's; none for a cell in
    `seen` (file, location, field), doubted before."""
    seen = set(seen)
    kept = []
    for issue in issues:
        if issue.code == "LOW_CONFIDENCE_OCR":
            cell = (issue.file, issue.location, issue.field)
            if cell in seen:
                continue
            seen.add(cell)
        kept.append(issue)
    return kept


def issue_for(code: str, nominee: Nominee, *, field: str = "", entry: Entry | None = None,
              value: object = "", expected: object = "", location: str = "", **extra: object) -> Issue:
    """An issue about a nominee, located at the field's cell (in `entry`, or where it was read)."""
    if entry is not None:
        file = entry.raw.file
        location = location or entry.locations.get(field) or _raw_location(entry, field)
    elif field:
        file, found = nominee.location(field)
        location = location or found
    else:
        primary = nominee.entries[0]
        file, location = primary.raw.file, location or primary.raw.anchor
    label = str(extra.pop("field_label", "") or FIELD_LABELS.get(field, field))
    return make_issue(code, recommending_unit=nominee.unit, category=nominee.category, entity=nominee.name,
                      field=field, field_label=label, file=file, location=location,
                      value=shown(field, value), expected=shown(field, expected), **extra)


def _raw_location(entry: Entry, field: str) -> str:
    found = entry.raw.values.get(field)
    return found.location if found else entry.raw.anchor


def shown(field: str, value: object) -> str:
    return value if isinstance(value, str) else format_value(field, value)
