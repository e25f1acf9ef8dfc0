"""Normalisation stage: raw records → typed values (SPEC §4), unreadable values → issues.

Everything that depends on the season is interpreted here, in the main process, from the
campaign (extraction in the workers is cached by content and knows no campaign): the tech
categories and their words, the years of the three yearly trainee counts, the training-system
items, and the latest possible date (the deadline, `reference_date`, or the document's own
earlier date: a later date is INVALID_DATE whatever day the run happens).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractors.records import RawRecord
from extractors.ticks import ticked_options
from schemas.campaign import Campaign, default_campaign
from schemas.columns import (
    FIELD_LABELS,
    MONTH_FIELDS,
    PHONE_FIELDS,
    STUDIO_COLUMNS,
    TRAINEE_COLUMNS,
    TRAINING_BASE_COLUMNS,
)
from schemas.issues import Issue, make_issue
from schemas.labels import is_label_text
from schemas.normalize import LateDateError, clean_text, normalise, to_day

STUDIO_FIELDS = [c for c in STUDIO_COLUMNS if c not in ("record_id", "category", "recommending_unit", "source_files")]
BASE_FIELDS = [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "recommending_unit", "source_files")]
# A value read from a scan below this confidence (0–100) gets a warning to check it by eye.
OCR_MIN_CONFIDENCE = 70.0
TRAINING_SYSTEM_FIELDS = ("has_training_records", "has_followup_service", "has_incentives")
_YEARLY = re.compile(r"trainees_(?:\d{4}|last_year)")
# The dates a document carries of its own (the day it was filled in or signed).
OWN_DATE_FIELDS = ("opinion_org_union", "opinion_recommender", "opinion_city_union")


@dataclass(slots=True)
class Entry:
    """One record of one document with its values normalised and each value's location."""

    raw: RawRecord
    unit: str
    category: str
    values: dict[str, Any] = field(default_factory=dict)
    locations: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=lambda: FIELD_LABELS)   # the season's field names (shared)

    @property
    def is_base(self) -> bool:
        return self.category == "training_base"

    @property
    def name(self) -> str:
        return self.values.get("enterprise_name" if self.is_base else "studio_name") or ""


def load_record(record: RawRecord, latest: date, campaign: Campaign | None = None) -> tuple[Entry, list[Issue]]:
    """The record's values normalised; `latest` is the latest possible date (the campaign's
    `latest_date`); `campaign` (the built-in one when not given) decides the season's words."""
    campaign = campaign or default_campaign()
    if _is_base(record):
        record = with_trainee_years(record, campaign.yearly_trainee_years)
    entry = Entry(raw=record, unit=record.notes.get("unit", ""), category=record.category,
                  labels=campaign.field_labels)
    fields = [*BASE_FIELDS, "teachers_total"] if _is_base(record) else STUDIO_FIELDS
    bound, bound_text = date_bound(record, latest, campaign)
    issues: list[Issue] = []
    for name in fields:
        found = record.values.get(name)
        if found is None:
            continue
        entry.locations[name] = found.location
        if found.confidence is not None and found.confidence < OCR_MIN_CONFIDENCE and found.text.strip():
            issues.append(_low_confidence(entry, name, found))
        try:
            entry.values[name] = normalise(name, found.text, today=bound, tech=campaign.tech_vocabulary)
        except LateDateError:
            entry.values[name] = None
            issues += _unreadable(entry, name, found.text, found.location, f"不能晚于{bound_text}")
        except ValueError as error:
            entry.values[name] = None
            issues += _unreadable(entry, name, found.text, found.location, str(error))
    if _is_base(record):
        _training_system(entry, record, campaign.training_system_items)
    return entry, issues


def with_trainee_years(record: RawRecord, years: tuple[int, int, int]) -> RawRecord:
    """A copy whose yearly counts sit in the contract's columns: the first of `years` in
    trainees_2018 … the last in trainees_2020 (or the summary's 上年度 count there)."""
    values = {name: found for name, found in record.values.items() if not _YEARLY.fullmatch(name)}
    for column, year in zip(TRAINEE_COLUMNS, years, strict=True):
        found = record.values.get(f"trainees_{year}")
        if found is None and column == TRAINEE_COLUMNS[-1]:
            found = record.values.get("trainees_last_year")
        if found is not None:
            values[column] = found
    return dataclasses.replace(record, values=values)


def date_bound(record: RawRecord, latest: date, campaign: Campaign) -> tuple[date, str]:
    """The latest possible date for the record's dates, and how to say it: the campaign's, or the
    document's own earlier date (its 填报日期, or the last date its opinions were signed) when that
    date lies in the campaign's season."""
    reason = (f"截止日期 {latest.isoformat()}" if latest == campaign.deadline
              else f"{latest.isoformat()}（活动配置 reference_date）")
    own, what = own_date(record)
    if own is not None and own < latest and campaign.in_season(own):
        return own, f"{what} {own.isoformat()}"
    return latest, reason


def own_date(record: RawRecord) -> tuple[date | None, str]:
    """The summary's 填报日期, or the latest opinion date of a form; (None, "") when unreadable."""
    if record.notes.get("filled_date"):
        return read_day(str(record.notes["filled_date"])), "本表填报日期"
    days = [day for name in OWN_DATE_FIELDS if name in record.values
            for day in [read_day(record.values[name].text)] if day is not None]
    return (max(days), "本表意见签署日期") if days else (None, "")


def read_day(text: str) -> date | None:
    """The day a 填报日期 or an opinion states, or None when it states none."""
    try:
        return to_day(text)
    except ValueError:
        return None


def _is_base(record: RawRecord) -> bool:
    return record.category == "training_base" or "enterprise_name" in record.values


def _training_system(entry: Entry, record: RawRecord, items: list[str]) -> None:
    """The three items as one tick list (`☑培训记录台账 □培训后跟踪服务 …`), or each on its own row
    answered 有/无 (`培训记录台账 | √有 □无`); the items' words come from the campaign."""
    options = dict(zip(TRAINING_SYSTEM_FIELDS, items, strict=False))
    found = record.values.get("training_system")
    if found is not None:
        ticked, _ = ticked_options(found.text, options)
        for name in options:
            entry.values[name] = name in ticked
            entry.locations[name] = found.location
    for name in options:
        own = record.values.get(name)
        if own is not None and (answer := _yes_no(own.text)) is not None:
            entry.values[name], entry.locations[name] = answer, own.location


YES_NO = ({"yes": "有", "no": "无"}, {"yes": "是", "no": "否"}, {"yes": "已建立", "no": "未建立"})


def _yes_no(text: str) -> bool | None:
    """`√有 □无`, `●是 ○否` → True; `是` / `有` / `√` → True; `无` / `否` → False; else unknown."""
    for choices in YES_NO:
        ticked, present = ticked_options(text, choices)
        if len(ticked) == 1 and len(present) == 2:
            return ticked == ["yes"]
    plain = clean_text(text).strip("。. ")
    if plain in ("有", "是", "√", "✔", "☑", "已建立", "已建立有"):
        return True
    if plain in ("无", "否", "没有", "未建立"):
        return False
    return None


def _unreadable(entry: Entry, name: str, raw: str, location: str, reason: str) -> list[Issue]:
    if is_label_text(raw):
        # A label where a value should be: the layout was read wrong, not filled in wrong.
        return [make_issue("NOT_RECOGNISED", recommending_unit=entry.unit, category=entry.category,
                          entity=_entity(entry), field=name, field_label=f"“{entry.labels.get(name, name)}”",
                          file=entry.raw.file, location=location, value=clean_text(raw),
                          expected=f"读到的是“{clean_text(raw)}”，像是表格标签而不是填写的内容")]
    if entry.raw.scanned:
        # our reading of a scan: the office checks the original before the unit is told
        if name in entry.raw.notes.get("low_confidence", []):
            return []   # already LOW_CONFIDENCE_OCR
        return [make_issue("LOW_CONFIDENCE_OCR", recommending_unit=entry.unit, category=entry.category,
                           entity=_entity(entry), field=name, field_label=entry.labels.get(name, name),
                           file=entry.raw.file, location=location, value=clean_text(raw),
                           expected=f"{reason}，可能是扫描识别有误")]
    if name in MONTH_FIELDS:
        code = "INVALID_DATE"
    elif name in PHONE_FIELDS:
        code = "INVALID_PHONE"
    elif name == "leader_gender":
        code = "INVALID_VALUE"
    else:
        code = "INVALID_NUMBER"
    return [make_issue(code, recommending_unit=entry.unit, category=entry.category, entity=_entity(entry),
                       field=name, field_label=entry.labels.get(name, name), file=entry.raw.file,
                       location=location, value=clean_text(raw), expected=reason)]


def _low_confidence(entry: Entry, name: str, found) -> Issue:
    entry.raw.notes.setdefault("low_confidence", []).append(name)
    return make_issue("LOW_CONFIDENCE_OCR", recommending_unit=entry.unit, category=entry.category,
                      entity=_entity(entry), field=name, field_label=entry.labels.get(name, name),
                      file=entry.raw.file, location=found.location, value=clean_text(found.text),
                      expected=f"识别置信度 {found.confidence:.0f}，低于 {OCR_MIN_CONFIDENCE:.0f}")


def _entity(entry: Entry) -> str:
    key = "enterprise_name" if _is_base(entry.raw) else "studio_name"
    found = entry.raw.values.get(key)
    return clean_text(found.text) if found else ""
