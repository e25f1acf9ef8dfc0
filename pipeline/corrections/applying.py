"""Applying corrections and waivers to the current record values: the corrected values, the audit
rows, the cell marks, the problems and the waivers in force."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from pipeline.corrections.model import (
    CLEAR_MARKERS,
    FALSE_WORDS,
    RECORD_ID,
    TRUE_WORDS,
    VALUE_ISSUE_CODES,
    Correction,
    CorrectionOutcome,
    Waiver,
    any_field,
    fold,
    parse_target,
    problem,
    resolve_field,
    season_field,
    waiver_key,
)
from pipeline.results import AUDIT_COLUMNS, CELL_MARK_COLUMNS
from schemas.campaign import Campaign
from schemas.columns import (
    BOOL_FIELDS,
    CATEGORY_LABELS,
    FIELD_LABELS,
    MONTH_FIELDS,
    PHONE_FIELDS,
    STUDIO_CATEGORIES,
)
from schemas.issues import ISSUE_TYPES
from schemas.normalize import (
    TechVocabulary,
    clean_text,
    format_value,
    is_blank,
    is_valid_credit_code,
    is_valid_phone,
    normalise,
    to_day,
)

# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(value)
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError("应填写“是”或“否”")


def _category(value: Any) -> str:
    text = fold(value)
    for code in STUDIO_CATEGORIES:
        if text in (code, fold(CATEGORY_LABELS[code])):
            return code
    if "劳模" in text:
        return "labor_model_studio"
    if "科技" in text:
        return "worker_studio_tech"
    if "其他" in text or "其它" in text:
        return "worker_studio_other"
    raise ValueError("工作室类别应为：" + "、".join(CATEGORY_LABELS[c] for c in STUDIO_CATEGORIES))


_CLEAR = frozenset(fold(marker) for marker in CLEAR_MARKERS)


def corrected_value(field_name: str, value: Any, today: date | None = None,
                    tech: TechVocabulary | None = None) -> Any:
    """The canonical value of a reviewer's entry; raises ValueError with a Chinese reason."""
    if isinstance(value, str) and fold(value) in _CLEAR:
        return None
    if is_blank(value):
        raise ValueError("未填写更正值（如需清空该项，请填写“（空）”）")
    if field_name in BOOL_FIELDS:
        return _bool(value)
    if field_name == "category":
        return _category(value)
    result = normalise(field_name, value, today=today, tech=tech)
    _validate(field_name, value, result)
    return result


def _validate(field_name: str, raw: Any, result: Any) -> None:
    if field_name in MONTH_FIELDS and isinstance(raw, str):
        _check_day(raw)
    if field_name in PHONE_FIELDS and not is_valid_phone(str(result)):
        raise ValueError(f"“{clean_text(raw)}”不是有效的手机号或带区号的固定电话")
    if field_name == "credit_code" and not is_valid_credit_code(str(result)):
        raise ValueError(f"统一社会信用代码“{clean_text(raw)}”校验不通过")
    if field_name == "tech_category" and not result and fold(raw) not in FALSE_WORDS:
        raise ValueError(f"无法识别的科技型企业类别“{clean_text(raw)}”")


def _check_day(raw: str) -> None:
    """A month field keeps only the month, but a day the reviewer wrote must exist (not 2月30日)."""
    try:
        to_day(raw)
    except ValueError as error:
        if str(error).startswith("日期无效"):   # to_day found year, month and day, and no such day exists
            raise ValueError(f"“{clean_text(raw)}”不是实际存在的日期") from error


# --------------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------------


def _default_is_base(record_id: str, record: dict[str, Any]) -> bool:
    return "enterprise_name" in record or record_id.startswith("T")


def _audit(correction: Correction, field_name: str, status: str, old: str = "", new: str = "") -> dict[str, str]:
    return {"record_id": correction.record_id, "field": field_name, "action": correction.action,
            "old_value": old, "new_value": new, "reason": correction.reason, "who": correction.who,
            "status": status}


def _mark(record_id: str, field_name: str, old: str, correction: Correction) -> dict[str, str]:
    note = f"原值：{old or '（空）'}；理由：{correction.reason or '（未填）'}；审核人：{correction.who or '（未填）'}"
    return {"record_id": record_id, "field": field_name, "kind": "corrected", "note": note}


@dataclass(slots=True)
class _Run:
    records: dict[str, dict[str, Any]]
    original: dict[str, dict[str, Any]]
    is_base: Callable[[str, dict[str, Any]], bool]
    today: date | None
    campaign: Campaign | None = None
    audit: list[dict[str, str]] = field(default_factory=list)
    marks: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    changed: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    waivers: dict[str, Waiver] = field(default_factory=dict)
    last_row: dict[str, int] = field(default_factory=dict)   # cell/waiver key → audit index


def _supersede(run: _Run, key: str) -> None:
    """A later row for the same cell or waiver wins; the earlier one is marked superseded."""
    index = run.last_row.get(key)
    if index is not None:
        run.audit[index]["status"] = "superseded"
    run.last_row[key] = len(run.audit)


def _apply_correct(run: _Run, correction: Correction) -> None:
    record = run.original.get(correction.record_id)
    if record is None:
        run.audit.append(_audit(correction, correction.field, "unknown_record"))
        run.problems.append(problem(correction.row, f"记录编号“{correction.record_id}”不存在",
                                     record_id=correction.record_id, field=correction.field,
                                     value=correction.value))
        return
    is_base = run.is_base(correction.record_id, record)
    name = resolve_field(correction.field, is_base) or season_field(correction.field, is_base, run.campaign)
    if name is None:
        run.audit.append(_audit(correction, correction.field, "unknown_field"))
        run.problems.append(problem(correction.row, f"该记录没有字段“{correction.field}”",
                                     record_id=correction.record_id, field=correction.field,
                                     value=correction.value, record=record))
        return
    old = format_value(name, record.get(name))
    try:
        tech = run.campaign.tech_vocabulary if run.campaign else None
        new = corrected_value(name, correction.value, run.today, tech)
    except ValueError as error:
        run.audit.append(_audit(correction, name, "rejected", old, clean_text(correction.value)))
        run.problems.append(problem(correction.row, f"“{FIELD_LABELS.get(name, name)}”的更正值无法使用：{error}",
                                     record_id=correction.record_id, field=name, value=correction.value,
                                     record=record))
        return
    _supersede(run, f"{correction.record_id}|{name}")
    run.audit.append(_audit(correction, name, "applied", old, format_value(name, new)))
    run.records[correction.record_id][name] = new
    run.changed.setdefault(correction.record_id, {})[name] = new
    run.marks[(correction.record_id, name)] = _mark(correction.record_id, name, old, correction)




def _apply_waive(run: _Run, correction: Correction) -> None:
    code, field_text = parse_target(correction.field)
    record = run.original.get(correction.record_id)
    is_base = run.is_base(correction.record_id, record) if record is not None else None
    field_name = any_field(field_text, is_base) if field_text else ""
    reason = ""
    if record is None and RECORD_ID.match(correction.record_id):
        run.audit.append(_audit(correction, correction.field, "unknown_record"))
        run.problems.append(problem(correction.row, f"记录编号“{correction.record_id}”不存在，豁免未应用",
                                     record_id=correction.record_id, field=correction.field))
        return
    if code not in ISSUE_TYPES:
        reason = f"未知的问题代码“{code}”"
    elif field_name is None:
        reason = f"问题代码后的字段“{field_text}”无法识别"
    elif not correction.reason:
        reason = "豁免未填写理由"
    if reason:
        run.audit.append(_audit(correction, correction.field, "rejected"))
        run.problems.append(problem(correction.row, reason, record_id=correction.record_id,
                                     field=correction.field, record=record))
        return
    waiver = Waiver(correction.record_id, code, field_name or "", correction.reason, correction.who, correction.row)
    _supersede(run, waiver.key)
    run.audit.append(_audit(correction, waiver.target, "applied"))
    run.waivers[waiver.key] = waiver


def apply_corrections(records: dict[str, dict[str, Any]], corrections: Iterable[Correction], *,
                      is_base: Callable[[str], bool] | None = None, today: date | None = None,
                      campaign: Campaign | None = None) -> CorrectionOutcome:
    """Apply corrections and collect waivers; ``records`` (record_id → field values) is not modified.

    ``is_base(record_id)`` tells training bases from studios (default: the record has an
    ``enterprise_name`` or its id starts with ``T``). ``today`` bounds corrected dates; ``campaign``
    gives the season's tech categories and the names of the yearly trainee columns
    (`2019年实名制培训人次` in 2022).
    """
    def kind(record_id: str, record: dict[str, Any]) -> bool:
        return is_base(record_id) if is_base is not None else _default_is_base(record_id, record)

    run = _Run(records={rid: dict(values) for rid, values in records.items()}, original=records,
               is_base=kind, today=today, campaign=campaign)
    for correction in corrections:
        if correction.action == "waive":
            _apply_waive(run, correction)
        else:
            _apply_correct(run, correction)
    return CorrectionOutcome(
        records=run.records, changed=run.changed,
        audit=pd.DataFrame(run.audit, columns=AUDIT_COLUMNS).astype(object),
        cell_marks=pd.DataFrame(list(run.marks.values()), columns=CELL_MARK_COLUMNS).astype(object),
        problems=run.problems, waivers=list(run.waivers.values()),
    )


# --------------------------------------------------------------------------------------------
# Using the outcome
# --------------------------------------------------------------------------------------------


def patch_frame(frame: pd.DataFrame, outcome: CorrectionOutcome) -> pd.DataFrame:
    """A copy of a studios/training_bases frame with the corrected values put in."""
    patched = frame.copy()
    if patched.empty or "record_id" not in patched.columns:
        return patched
    index_of = {rid: index for index, rid in patched["record_id"].items()}
    for record_id, values in outcome.changed.items():
        if record_id not in index_of:
            continue
        for name, value in values.items():
            if name in patched.columns:
                patched.at[index_of[record_id], name] = value
    return patched


def matching_waiver(issue_row: dict[str, Any], record_id: str, waivers: Iterable[Waiver]) -> Waiver | None:
    """The waiver that covers this issue of this record (or unit, for unit-level issues), if any."""
    code, issue_field = clean_text(issue_row.get("code")), clean_text(issue_row.get("field"))
    for waiver in waivers:
        if waiver.record_id == record_id and waiver.code == code and waiver.field in ("", issue_field):
            return waiver
    return None


def is_waived(issue_row: dict[str, Any], record_id: str, waivers: Iterable[Waiver]) -> bool:
    return matching_waiver(issue_row, record_id, waivers) is not None


def split_waived(issues: pd.DataFrame, record_id_of: Callable[[dict[str, Any]], str],
                 waivers: list[Waiver]) -> tuple[pd.DataFrame, pd.DataFrame, set[str]]:
    """(open issues, waived issues, keys of the waivers used) of an issues frame.

    ``record_id_of(issue_row)`` names the record an issue belongs to ("" when none).
    """
    waived_rows, used = [], set()
    for index, row in zip(issues.index, issues.to_dict("records"), strict=True):
        record_id = record_id_of(row)
        waiver = matching_waiver(row, record_id, waivers) if record_id else None
        if waiver is not None:
            waived_rows.append(index)
            used.add(waiver.key)
    return issues.drop(index=waived_rows), issues.loc[waived_rows], used


def mark_unused(audit: pd.DataFrame, used_waiver_keys: Iterable[str]) -> pd.DataFrame:
    """A copy of the AUDIT frame with applied waivers that matched no open issue set to ``unused``."""
    used = set(used_waiver_keys)
    marked = audit.copy()
    for index, row in marked.iterrows():
        if row["action"] != "waive" or row["status"] != "applied":
            continue
        if waiver_key(str(row["record_id"]), str(row["field"])) not in used:
            marked.at[index, "status"] = "unused"
    return marked


def is_corrected(issue_row: dict[str, Any], record_id: str, outcome: CorrectionOutcome) -> bool:
    """True for a value issue (VALUE_ISSUE_CODES) on a cell the reviewer corrected."""
    code, issue_field = clean_text(issue_row.get("code")), clean_text(issue_row.get("field"))
    return code in VALUE_ISSUE_CODES and issue_field in outcome.changed.get(record_id, {})
