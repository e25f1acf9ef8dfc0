"""Cleaning the text of a cell: full-width letters and digits folded, stray spaces and line breaks
removed. The one leaf every other schema module may use."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

# Full-width digits and letters (inside U+FF01–U+FF5E) and the ideographic space become ASCII;
# Chinese punctuation such as （）：；， is deliberately left alone so names stay readable.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp - 0xFEE0).isalnum()}
_HALF_WIDTH[0x3000] = 0x20
_HALF_WIDTH.update({0xA0: 0x20, 0x200B: None, 0xFEFF: None, 0x200C: None, 0x200D: None})

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_WHITESPACE = re.compile(r"\s+")

BLANK_PLACEHOLDERS = frozenset({"", "/", "-", "—", "——", "／", "－", "--"})


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def clean_text(value: Any) -> str:
    """Cell text with full-width letters/digits folded, stray whitespace and line breaks removed."""
    if value is None or _is_nan(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).translate(_HALF_WIDTH)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return _WHITESPACE.sub(" ", text).strip().strip("_＿").strip()  # `____张三____`: a filled-in blank
