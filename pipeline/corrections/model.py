"""What a correction is: the workbook's columns and words, the rows read from it, and the field
names a reviewer may write (Chinese labels or English names)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from schemas.campaign import Campaign
from schemas.columns import (
    FIELD_LABELS,
    STUDIO_COLUMNS,
    TRAINEE_COLUMNS,
    TRAINING_BASE_COLUMNS,
)
from schemas.normalize import (
    clean_text,
)

PROBLEM_CODE = "CORRECTION_INVALID"
SHEET = "更正"
HELP_SHEET = "说明"
HEADERS = {"record_id": "记录编号", "field": "字段", "value": "更正值",
           "action": "操作", "reason": "理由", "who": "审核人"}
HEADER_ALIASES = {
    "record_id": ["记录编号", "编号", "record_id", "record id", "id"],
    "field": ["字段", "字段名", "项目", "问题代码", "field"],
    "value": ["更正值", "更正后的值", "正确值", "新值", "value", "new_value"],
    "action": ["操作", "操作类型", "action"],
    "reason": ["理由", "原因", "更正理由", "豁免理由", "reason"],
    "who": ["审核人", "审核人员", "经办人", "who", "reviewer"],
}
ACTIONS = {"更正": "correct", "修正": "correct", "修改": "correct", "correct": "correct", "correction": "correct",
           "豁免": "waive", "免除": "waive", "waive": "waive", "waiver": "waive"}
CLEAR_MARKERS = frozenset({"（空）", "(空)", "空值", "<空>", "(empty)", "<empty>"})
NOT_EDITABLE = frozenset({"record_id", "source_files"})
STUDIO_FIELDS = [c for c in STUDIO_COLUMNS if c not in NOT_EDITABLE]
BASE_FIELDS = [c for c in TRAINING_BASE_COLUMNS if c not in NOT_EDITABLE]
# Issue codes about one cell's value: once a reviewer corrected that cell, such an issue of the
# extracted value no longer stands (the checks see the corrected value).
VALUE_ISSUE_CODES = frozenset({"INVALID_DATE", "INVALID_NUMBER", "INVALID_PHONE", "INVALID_VALUE",
                               "INVALID_CREDIT_CODE", "MISSING_FIELD", "SUMMARY_FORM_MISMATCH"})
TRUE_WORDS = frozenset({"是", "有", "具备", "已建立", "√", "✓", "☑", "true", "yes", "y", "1"})
FALSE_WORDS = frozenset({"否", "无", "没有", "不具备", "未建立", "×", "✗", "☐", "false", "no", "n", "0"})
TEMPLATE_ROWS = 500
# A nominee's record id (pipeline.link): a waiver naming one that does not exist is reported; any
# other text names a unit (for unit-level issues such as QUOTA_EXCEEDED).
RECORD_ID = re.compile(r"^[ST]-[0-9a-f]{10}(?:-\d+)?$", re.IGNORECASE)


class CorrectionsFileError(ValueError):
    """The corrections workbook cannot be read at all (missing, not .xlsx, no header row)."""


@dataclass(frozen=True, slots=True)
class Correction:
    row: int          # the row number in the sheet (1-based, as Excel shows it)
    record_id: str
    field: str        # as written: Chinese label or English name; for a waiver CODE or CODE:field
    value: Any        # the raw cell value (text, number or date)
    action: str       # "correct" | "waive"
    reason: str = ""
    who: str = ""


@dataclass(frozen=True, slots=True)
class Waiver:
    record_id: str
    code: str
    field: str        # English field name; "" waives the code on any field of the record
    reason: str
    who: str
    row: int = 0

    @property
    def target(self) -> str:
        return f"{self.code}:{self.field}" if self.field else self.code

    @property
    def key(self) -> str:
        return waiver_key(self.record_id, self.target)


@dataclass(slots=True)
class CorrectionOutcome:
    records: dict[str, dict[str, Any]]        # corrected copies of all records (inputs untouched)
    changed: dict[str, dict[str, Any]]        # record_id → {field: new canonical value}
    audit: pd.DataFrame                       # AUDIT_COLUMNS
    cell_marks: pd.DataFrame                  # CELL_MARK_COLUMNS, kind "corrected"
    problems: list[dict[str, Any]]            # see problem
    waivers: list[Waiver] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Field names
# --------------------------------------------------------------------------------------------


def fold(text: Any) -> str:
    text = unicodedata.normalize("NFKC", clean_text(text)).replace(" ", "").rstrip(":").lower()
    return text


def _aliases(name: str) -> list[str]:
    label = FIELD_LABELS.get(name, "")
    found = [name, label, re.sub(r"[（(].*?[)）]$", "", label)]
    return [fold(a) for a in found if a]


def _alias_map(fields: list[str]) -> dict[str, str]:
    return {alias: name for name in fields for alias in _aliases(name)}


_STUDIO_ALIASES = _alias_map(STUDIO_FIELDS)
_BASE_ALIASES = _alias_map(BASE_FIELDS)


def resolve_field(text: str, is_base: bool) -> str | None:
    """The English field name a reviewer meant, for a studio or a training base; None if unknown."""
    return (_BASE_ALIASES if is_base else _STUDIO_ALIASES).get(fold(text))


def season_field(text: str, is_base: bool, campaign: Campaign | None) -> str | None:
    """A yearly trainee column named by its year in this season (`2019年实名制培训人次` in 2022)."""
    if not is_base or campaign is None:
        return None
    return next((name for name in TRAINEE_COLUMNS if fold(campaign.field_labels[name]) == fold(text)), None)


def any_field(text: str, is_base: bool | None) -> str | None:
    if is_base is not None:
        return resolve_field(text, is_base)
    return resolve_field(text, False) or resolve_field(text, True)


def waiver_key(record_id: str, target: str) -> str:
    """Key of a waiver: its record and ``CODE`` or ``CODE:field`` (as in the AUDIT ``field`` column)."""
    return f"{record_id}|{target}"


def parse_target(text: str) -> tuple[str, str]:
    code, _, field_text = unicodedata.normalize("NFKC", text).partition(":")
    return code.strip().upper(), field_text.strip()


def problem(row: int, reason: str, *, record_id: str = "", field: str = "", value: Any = "",
             record: dict[str, Any] | None = None) -> dict[str, Any]:
    """A row that could not be applied; the keys after ``message`` are make_issue fields."""
    record = record or {}
    return {
        "code": PROBLEM_CODE, "row": row, "record_id": record_id,
        "message": f"更正表第{row}行：{reason}" if row else f"更正表：{reason}",
        "recommending_unit": clean_text(record.get("recommending_unit")),
        "entity": clean_text(record.get("studio_name") or record.get("enterprise_name")) or record_id,
        "field": field, "location": f"{SHEET}!A{row}" if row else "", "value": clean_text(value),
        "expected": reason,
    }
