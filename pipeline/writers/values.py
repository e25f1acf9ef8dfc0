"""Cell values and ordering shared by every writer.

A value is turned into its canonical type by field (`schemas.columns`): numbers stay numbers,
booleans stay booleans, months are `YYYY-MM`, everything else is text. Text a spreadsheet would
run as a formula gets a leading quote (`neutralise`); `text` gives the raw text for display in
documents that are not spreadsheets (HTML, Word).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd

from schemas.columns import BOOL_FIELDS, FLOAT_FIELDS, INTEGER_FIELDS, MONTH_FIELDS

Typed = str | int | float | bool | None
Record = dict[str, object]

NUMERIC_FIELDS = INTEGER_FIELDS | FLOAT_FIELDS
FORMULA_STARTS = ("=", "+", "-", "@")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
UNKNOWN_UNIT_LABEL = "（未确定推荐单位）"
LIST_SEPARATOR = "; "
_NUMBER_TEXT = re.compile(r"-?\d+(\.\d+)?")


# --- formatting ---------------------------------------------------------------------------------

def neutralise(text: str) -> str:
    """Prefix text that a spreadsheet would read as a formula with a single quote."""
    if text[:1] in ("\t", "\r") or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def format_number(number: int | float) -> str:
    """Shortest plain text of a number: `15`, `120`, `0.96`, `1200.5` (no `.0`, no exponent)."""
    if isinstance(number, int):
        return str(number)
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    text = repr(number)
    return format(Decimal(text), "f") if "e" in text.lower() else text


def typed_value(column: str, value: object) -> Typed:
    """The canonical value of one cell: None, a number, a bool, or (neutralised) text."""
    if is_empty(value):
        return None
    if column in NUMERIC_FIELDS:
        number = as_number(value)
        if number is not None:
            return integral(number) if column in INTEGER_FIELDS else number
    elif column in BOOL_FIELDS:
        flag = _as_bool(value)
        if flag is not None:
            return flag
    elif column in MONTH_FIELDS and isinstance(value, date):
        return value.strftime("%Y-%m")
    return neutralise(_plain_text(value))


def csv_text(column: str, value: object) -> str:
    """The text of one CSV cell (empty for missing, `true`/`false`, numbers without `.0`)."""
    typed = typed_value(column, value)
    if typed is None:
        return ""
    if isinstance(typed, bool):
        return "true" if typed else "false"
    if isinstance(typed, int | float):
        return format_number(typed)
    return typed


def text(value: object) -> str:
    """Raw text of a value for grouping and display (no neutralisation; empty for missing)."""
    return "" if is_empty(value) else _plain_text(value)


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str | list | tuple | set | dict):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_number(value: object) -> int | float | None:
    """A finite number from a number or numeric text; None otherwise (booleans included)."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real | Decimal):
        # float(str(...)) keeps the shortest text of narrower floats (np.float32(0.96) -> 0.96)
        number = float(str(value)) if isinstance(value, np.floating) else float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        stripped = value.strip()
        return float(stripped) if "." in stripped else int(stripped)
    return None


def integral(number: int | float) -> int | float:
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Number) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return {"true": True, "false": False, "1": True, "0": False}.get(value.strip().lower())
    return None


def _plain_text(value: object) -> str:
    if isinstance(value, list | tuple | set):
        return LIST_SEPARATOR.join(_plain_text(item) for item in value if not is_empty(item))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, float | np.floating) and math.isfinite(value):
        return format_number(float(value))
    return str(value)


# --- ordering -----------------------------------------------------------------------------------

def unit_key(unit: str, rank: dict[str, int]) -> tuple[int, int, str]:
    """Units of the quota table in its order, then other units by name, then the unknown unit."""
    if unit in rank:
        return (0, rank[unit], "")
    return (1, 0, unit) if unit else (2, 0, "")


def sort_issues(issues: pd.DataFrame, unit_order: Sequence[str]) -> pd.DataFrame:
    """Issues by unit order (others after), severity error>warning>info, entity, code."""
    if issues.empty:
        return issues.reset_index(drop=True)
    rank = {unit: i for i, unit in enumerate(unit_order)}

    def key(row: Record) -> tuple:
        return (unit_key(text(row.get("recommending_unit")), rank),
                SEVERITY_RANK.get(text(row.get("severity")), 3),
                *(text(row.get(c)) for c in ("entity", "code", "category", "file", "location", "field")))

    records = issues.to_dict("records")
    order = sorted(range(len(records)), key=lambda i: key(records[i]))
    return issues.iloc[order].reset_index(drop=True)


def sorted_records(frame: pd.DataFrame, name_column: str, unit_order: Sequence[str]) -> list[Record]:
    """Rows of a nominee frame by unit order, then name, then record id."""
    rank = {unit: i for i, unit in enumerate(unit_order)}
    records = frame.to_dict("records")
    return sorted(records, key=lambda r: (unit_key(text(r.get("recommending_unit")), rank),
                                          text(r.get(name_column)), text(r.get("record_id"))))
