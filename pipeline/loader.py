"""Normalisation stage: raw records → typed values (SPEC §4), unreadable values → issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractors.records import RawRecord
from extractors.ticks import ticked_options
from pipeline.issues import Issue, make_issue
from schemas.columns import FIELD_LABELS, MONTH_FIELDS, PHONE_FIELDS, STUDIO_COLUMNS, TRAINING_BASE_COLUMNS
from schemas.labels import is_label_text
from schemas.normalize import clean_text, normalise

STUDIO_FIELDS = [c for c in STUDIO_COLUMNS if c not in ("record_id", "category", "recommending_unit", "source_files")]
BASE_FIELDS = [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "recommending_unit", "source_files")]
# A value read from a scan below this confidence (0–100) gets a warning to check it by eye.
OCR_MIN_CONFIDENCE = 70.0
TRAINING_SYSTEM_OPTIONS = {
    "has_training_records": "培训记录台账",
    "has_followup_service": "培训后跟踪服务",
    "has_incentives": "培训激励办法",
}


@dataclass(slots=True)
class Entry:
    """One record of one document with its values normalised and each value's location."""

    raw: RawRecord
    unit: str
    category: str
    values: dict[str, Any] = field(default_factory=dict)
    locations: dict[str, str] = field(default_factory=dict)

    @property
    def is_base(self) -> bool:
        return self.category == "training_base"

    @property
    def name(self) -> str:
        return self.values.get("enterprise_name" if self.is_base else "studio_name") or ""


def load_record(record: RawRecord, today: date) -> tuple[Entry, list[Issue]]:
    entry = Entry(raw=record, unit=record.notes.get("unit", ""), category=record.category)
    fields = [*BASE_FIELDS, "teachers_total"] if _is_base(record) else STUDIO_FIELDS
    issues: list[Issue] = []
    for name in fields:
        found = record.values.get(name)
        if found is None:
            continue
        entry.locations[name] = found.location
        if found.confidence is not None and found.confidence < OCR_MIN_CONFIDENCE and found.text.strip():
            issues.append(_low_confidence(entry, name, found))
        try:
            entry.values[name] = normalise(name, found.text, today=today)
        except ValueError as error:
            entry.values[name] = None
            issues.append(_unreadable(entry, name, found.text, found.location, str(error)))
    if _is_base(record):
        _training_system(entry, record)
    return entry, issues


def _is_base(record: RawRecord) -> bool:
    return record.category == "training_base" or "enterprise_name" in record.values


def _training_system(entry: Entry, record: RawRecord) -> None:
    """The three items as one tick list (`☑培训记录台账 □培训后跟踪服务 …`), or each on its own row
    answered 有/无 (`培训记录台账 | √有 □无`)."""
    found = record.values.get("training_system")
    if found is not None:
        ticked, _ = ticked_options(found.text, TRAINING_SYSTEM_OPTIONS)
        for name in TRAINING_SYSTEM_OPTIONS:
            entry.values[name] = name in ticked
            entry.locations[name] = found.location
    for name in TRAINING_SYSTEM_OPTIONS:
        own = record.values.get(name)
        if own is not None and (answer := _yes_no(own.text)) is not None:
            entry.values[name], entry.locations[name] = answer, own.location


YES_NO = ({"yes": "有", "no": "无"}, {"yes": "是", "no": "否"}, {"yes": "已建立", "no": "未建立"})


def _yes_no(text: str) -> bool | None:
    """`√有 □无`, `●是 ○否` → True; `是` / `有` / `√` → True; `无` / `否` → False; else unknown."""
    for options in YES_NO:
        ticked, present = ticked_options(text, options)
        if len(ticked) == 1 and len(present) == 2:
            return ticked == ["yes"]
    plain = clean_text(text).strip("。. ")
    if plain in ("有", "是", "√", "✔", "☑", "已建立", "已建立有"):
        return True
    if plain in ("无", "否", "没有", "未建立"):
        return False
    return None


def _unreadable(entry: Entry, name: str, raw: str, location: str, reason: str) -> Issue:
    if is_label_text(raw):
        # A label where a value should be: the layout was read wrong, not filled in wrong.
        return make_issue("NOT_RECOGNISED", recommending_unit=entry.unit, category=entry.category,
                          entity=_entity(entry), field=name, field_label=f"“{FIELD_LABELS.get(name, name)}”",
                          file=entry.raw.file, location=location, value=clean_text(raw),
                          expected=f"读到的是“{clean_text(raw)}”，像是表格标签而不是填写的内容")
    if name in MONTH_FIELDS:
        code = "INVALID_DATE"
    elif name in PHONE_FIELDS:
        code = "INVALID_PHONE"
    elif name == "leader_gender":
        code = "INVALID_VALUE"
    else:
        code = "INVALID_NUMBER"
    return make_issue(code, recommending_unit=entry.unit, category=entry.category, entity=_entity(entry),
                      field=name, field_label=FIELD_LABELS.get(name, name), file=entry.raw.file,
                      location=location, value=clean_text(raw), expected=reason)


def _low_confidence(entry: Entry, name: str, found) -> Issue:
    entry.raw.notes.setdefault("low_confidence", []).append(name)
    return make_issue("LOW_CONFIDENCE_OCR", recommending_unit=entry.unit, category=entry.category,
                      entity=_entity(entry), field=name, field_label=FIELD_LABELS.get(name, name),
                      file=entry.raw.file, location=found.location, value=clean_text(found.text),
                      expected=f"识别置信度 {found.confidence:.0f}，低于 {OCR_MIN_CONFIDENCE:.0f}")


def _entity(entry: Entry) -> str:
    key = "enterprise_name" if _is_base(entry.raw) else "studio_name"
    found = entry.raw.values.get(key)
    return clean_text(found.text) if found else ""
