"""Character-level mentions in Chinese prose: dates, counts, money, areas, honours, skills.

jieba splits and merges digits and units unpredictably (``12人`` may be one token or two), so
entities are found by compiled regexes over the text itself; :mod:`extractors.prose.nlp` then
carries them on a spaCy ``Doc``. Values are normalised with :mod:`schemas.normalize` (SPEC §4).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import cn2an

from schemas.normalize import to_area, to_int, to_month, to_wan

__all__ = ["LABELS", "Mention", "fold_width", "number_value", "quantity_mentions", "without_overlaps"]

LABELS = ("DATE", "COUNT", "MONEY", "AREA", "HONOUR", "SKILL")

# --- text folding (length-preserving, so offsets stay valid) ---------------------------------

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({0xFF0E: ord("."), 0xFF05: ord("%"), 0x3000: ord(" "), 0xA0: ord(" "), 0x0D: ord("\n")})
_WIDTH.update({0xFF0F: ord("/"), 0xFF0D: ord("-")})


def fold_width(text: str) -> str:
    """Full-width digits, letters, ``．％／－`` and odd spaces to ASCII; same length as the input."""
    return text.translate(_WIDTH)


# --- numbers ---------------------------------------------------------------------------------

CN_DIGITS = "〇零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"
CN_UNITS = "百千万亿佰仟萬億"
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CHINESE = rf"[{CN_DIGITS}][{CN_DIGITS}{CN_UNITS}]*(?:点[{CN_DIGITS}]+)?"
# A number: Arabic (optionally with a 千/万 multiplier) or Chinese; never inside a longer number
# and never an ordinal (第一).
NUMBER = rf"(?<![\d.,第])(?:{_ARABIC}(?:\s*[千万])?|{_CHINESE})"
APPROX = r"(?:余|多)?"
_CN_DECIMAL = re.compile(rf"[{CN_DIGITS}]+点[{CN_DIGITS}]+")


def number_value(text: str) -> str:
    """The number text made readable for :mod:`schemas.normalize` (``一点二`` → ``1.2``, no 余/多)."""
    text = re.sub(r"余|多|\s", "", text)
    return _CN_DECIMAL.sub(lambda m: str(cn2an.cn2an(m.group(), "smart")), text)


# --- patterns per label ----------------------------------------------------------------------

COUNT_UNITS = ("人次", "人", "名", "位", "项", "件", "对", "条", "个")
_COUNT = re.compile(rf"(?P<num>{NUMBER}){APPROX}\s*(?P<unit>人次|人(?!民)|名(?!称|字)|位|项|件|对|条|个)")
_MONEY = re.compile(
    rf"(?P<num>{NUMBER}){APPROX}\s*(?P<unit>亿元|万元|千元|元|亿(?![人件项次名条个对位平])|万(?![人件项次名条个对位平]))"
)
_AREA = re.compile(rf"(?P<num>{NUMBER}){APPROX}\s*(?P<unit>平方米|平米|㎡|m²|m2|平方公里)")

_CN_YEAR = "[〇零一二三四五六七八九]{4}"
_CN_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
_DATE_PATTERNS = (
    # 2018年3月 / 2018年03月15日 / 2018年3月份
    re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年\s*(?:0?[1-9]|1[0-2])\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?"),
    # 2018.3 / 2018-03-15 / 2018/3 (not a decimal amount such as 2015.3万元)
    re.compile(
        r"(?<![\d.])(?:19|20)\d{2}([./-])(?:1[0-2]|0?[1-9])(?!\d)(?:\1\d{1,2}(?!\d))?"
        r"(?!\s*(?:万|亿|元|%|项|人|名|件|个|倍|平|米|吨))"
    ),
    # 二〇一八年三月(十五日)
    re.compile(rf"{_CN_YEAR}\s*年\s*{_CN_MONTH}\s*月(?:[一二三]?十?[一二三四五六七八九十]?[日号])?"),
    # a bare year: 2018年 / 2018年度 / 二〇一八年 (relative phrases such as 近三年 never match)
    re.compile(rf"(?:(?<!\d)(?:19|20)\d{{2}}|{_CN_YEAR})\s*年(?:度)?"),
)
_YEAR_ONLY = re.compile(rf"^(?:(?:19|20)\d{{2}}|{_CN_YEAR})\s*年")


class Mention(NamedTuple):
    """One entity found in the text: character offsets, label, surface text, normalised value.

    ``value``: DATE → ``YYYY-MM`` or ``YYYY`` (only a year given); COUNT → int; MONEY → 万元;
    AREA → m²; HONOUR → the honour text; SKILL → the canonical skill name. ``unit`` is the measure
    word of a COUNT (人次, 项 …) and empty otherwise.
    """

    label: str
    start: int
    end: int
    text: str
    value: Any
    unit: str = ""


def _date_value(text: str) -> str | None:
    if _YEAR_ONLY.match(text) and "月" not in text:
        year = cn2an.transform(text, "cn2an") if not text[:4].isdigit() else text
        return year[:4]
    try:
        return to_month(text)
    except ValueError:
        return None


def _dates(text: str) -> list[Mention]:
    found: list[Mention] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _date_value(match.group())
            if value is not None:
                found.append(Mention("DATE", match.start(), match.end(), match.group(), value))
    return found


def _measured(text: str, pattern: re.Pattern[str], label: str) -> list[Mention]:
    found: list[Mention] = []
    for match in pattern.finditer(text):
        unit = match.group("unit")
        raw = number_value(match.group("num")) + unit
        try:
            value: Any = {"COUNT": to_int, "MONEY": to_wan, "AREA": to_area}[label](raw)
        except ValueError:
            continue
        found.append(Mention(label, match.start(), match.end(), match.group(), value, unit if label == "COUNT" else ""))
    return found


_PRIORITY = {"DATE": 0, "MONEY": 1, "AREA": 2, "COUNT": 3, "HONOUR": 4, "SKILL": 5}


def _without_overlaps(mentions: list[Mention], length: int) -> list[Mention]:
    """Longest first, then by label priority; a mention overlapping a kept one is dropped."""
    taken = bytearray(length)
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, _PRIORITY[m.label], m.start)):
        if not any(taken[mention.start : mention.end]):
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def quantity_mentions(folded: str) -> list[Mention]:
    """Dates, money, areas and counts in width-folded text (overlaps not yet resolved)."""
    return [
        *_dates(folded),
        *_measured(folded, _MONEY, "MONEY"),
        *_measured(folded, _AREA, "AREA"),
        *_measured(folded, _COUNT, "COUNT"),
    ]


def without_overlaps(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions kept (longest first, then by label), their surface taken from ``text``."""
    return [m._replace(text=text[m.start : m.end]) for m in _without_overlaps(mentions, len(text))]
