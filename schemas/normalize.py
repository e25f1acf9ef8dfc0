"""Turn raw cell values into the canonical values of SPEC §4 ("Normalisation").

Every public function takes a raw value as it comes out of a document or a workbook
(``str``, ``int``, ``float``, ``datetime``, ``date`` or ``None``). Parsers raise ``ValueError``
with a short Chinese reason when a value cannot be read; :func:`normalise` dispatches by field
name and maps blanks to ``None`` without raising.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from stdnum.cn import uscc

from schemas.campaign import default_campaign
from schemas.columns import FLOAT_FIELDS, INTEGER_FIELDS, MONTH_FIELDS, PHONE_FIELDS
from schemas.tech import TechVocabulary
from schemas.text import BLANK_PLACEHOLDERS, _is_nan, clean_text


def _cn2an():
    """cn2an takes a third of a second to import; most values never need it."""
    import cn2an

    return cn2an


__all__ = [
    "LateDateError",
    "TechVocabulary",
    "clean_text",
    "format_value",
    "is_blank",
    "is_valid_credit_code",
    "is_valid_phone",
    "normalise",
    "to_area",
    "to_credit_code",
    "to_day",
    "to_gender",
    "to_int",
    "to_month",
    "to_number",
    "to_person_name",
    "to_phone",
    "to_rate",
    "to_tech_categories",
    "to_wan",
]

# --------------------------------------------------------------------------------------------
# Text cleaning
# --------------------------------------------------------------------------------------------

def is_blank(value: Any) -> bool:
    """True for None/NaN, empty or whitespace-only text, and the placeholders ``/ - — —— ／``.

    "无" is *not* blank: it can be a meaningful answer (e.g. no tech category, no patents).
    """
    if value is None or _is_nan(value):
        return True
    if not isinstance(value, str):
        return False
    return clean_text(value) in BLANK_PLACEHOLDERS


def _fold(value: Any) -> str:
    """Aggressive folding for parsers: NFKC (％→%, ㎡→m2, ，→,) after :func:`clean_text`."""
    return unicodedata.normalize("NFKC", clean_text(value))


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_CN_DIGITS = "〇零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"
_CN_UNITS = "百千万亿佰仟萬億"
_NUM_START = rf"0-9{_CN_DIGITS}"
_NUM_BODY = rf"0-9{_CN_DIGITS}{_CN_UNITS}"
# One number: begins with a digit (a bare 万/千 is never a number), may hold a decimal point.
_NUMBER_RUN = re.compile(rf"[{_NUM_START}](?:[{_NUM_BODY}.点]*[{_NUM_BODY}])?")
_HAS_CN_NUMERAL = re.compile(rf"[{_CN_DIGITS}{_CN_UNITS}]")
# `二O二〇年`: a Latin O or a zero typed (or read from a scan) for 〇 between Chinese numerals.
_LATIN_ZERO = re.compile(rf"(?<=[{_CN_DIGITS}])[OoΟ0０](?=[{_CN_DIGITS}OoΟ0０]*年)")
_THOUSANDS_SEP = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_ARABIC_WITH_MULTIPLIER = re.compile(r"(\d+(?:\.\d+)?)([百千万亿萬億])")
_MULTIPLIERS = {"百": 100, "千": 1000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_NEGATIVE_BEFORE = re.compile(r"(?:-|−|负)\s*$")
# Words whose numeral characters are not the number (一共15人, 一线职工20人, 第一批).
_NUMERAL_WORDS = re.compile(rf"一共|一线|统一|第[{_CN_DIGITS}]+")


def _run_value(run: str) -> float:
    """Value of one number run: ``1200.5``, ``1.2亿``, ``十五``, ``壹佰贰拾万``, ``1万2千``."""
    if _ARABIC.fullmatch(run):
        return float(run)
    match = _ARABIC_WITH_MULTIPLIER.fullmatch(run)
    if match:
        return float(match.group(1)) * _MULTIPLIERS[match.group(2)]
    try:
        return float(_cn2an().cn2an(run, "smart"))
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"无法识别数字：{run}") from exc


def _first_number(text: str) -> tuple[float, str, str]:
    """(value, run, text after the run) of the first number in already folded text."""
    text = _THOUSANDS_SEP.sub("", text)
    if _HAS_CN_NUMERAL.search(text):
        text = _NUMERAL_WORDS.sub(" ", text)
    match = _NUMBER_RUN.search(text)
    if match is None:
        raise ValueError(f"没有数字：{text}" if text else "没有数字")
    if _NEGATIVE_BEFORE.search(text[: match.start()]):
        raise ValueError(f"不能为负数：{text}")
    return _run_value(match.group()), match.group(), text[match.end() :]


def _number_from(value: Any) -> tuple[float, str, str]:
    if isinstance(value, bool):
        raise ValueError("不是数字")
    if isinstance(value, int | float):
        if _is_nan(value) or math.isinf(value):
            raise ValueError("不是数字")
        if value < 0:
            raise ValueError(f"不能为负数：{value}")
        return float(value), "", ""
    return _first_number(_fold(value))


def to_number(value: Any) -> float:
    """A non-negative number with its unit ignored (``约200平方米`` → 200.0)."""
    return _number_from(value)[0]


def to_int(value: Any) -> int:
    """A count: ``15人``, ``十五人``, ``共计15人``, ``1,200``, ``30人次`` → int."""
    number = to_number(value)
    if not number.is_integer():
        raise ValueError(f"不是整数：{clean_text(value)}")
    return int(number)


# Area units, checked against the text that follows the number (longest first).
_AREA_UNITS: tuple[tuple[str, float], ...] = (
    ("平方公里", 1_000_000.0),
    ("平方千米", 1_000_000.0),
    ("平方米", 1.0),
    ("公顷", 10_000.0),
    ("平米", 1.0),
    ("m2", 1.0),
    ("亩", 10_000.0 / 15),
)
_UNIT_NOISE = re.compile(r"^[\s()（）\[\]【】]+")


def _unit_after(rest: str) -> str:
    return _UNIT_NOISE.sub("", rest).lower()


def to_area(value: Any) -> float:
    """Area in m²: ``200平方米``, ``200㎡``, ``200 m²``, ``0.2万平方米`` → 2000."""
    number, _run, rest = _number_from(value)
    unit = _unit_after(rest)
    for name, factor in _AREA_UNITS:
        if unit.startswith(name):
            return round(number * factor, 4)
    return round(number, 4)


# Money units in 元, checked against the text after the number; a 万/亿 inside the number
# itself (``120万元``, ``壹佰贰拾万元``) is already part of the value.
_MONEY_UNITS: tuple[tuple[str, float], ...] = (
    ("亿元", 1e8),
    ("亿", 1e8),
    ("万元", 1e4),
    ("万", 1e4),
    ("千元", 1e3),
    ("元", 1.0),
    ("块", 1.0),
)
_RUN_HAS_SCALE = re.compile(r"[万亿萬億]|\d千$")


def _unit_factor(unit: str, table: tuple[tuple[str, float], ...]) -> float | None:
    for name, factor in table:
        if unit.startswith(name):
            return factor
    return None


def to_wan(value: Any, *, default_unit: str = "万元") -> float:
    """Money in 万元: ``120万元`` → 120, ``1.2亿元`` → 12000, ``1,200,000元`` → 120.

    A number without a unit is read in ``default_unit``.
    """
    default_factor = _unit_factor(default_unit, _MONEY_UNITS)
    if default_factor is None:
        raise ValueError(f"未知金额单位：{default_unit}")
    number, run, rest = _number_from(value)
    factor = _unit_factor(_unit_after(rest), _MONEY_UNITS)
    if factor is None:
        # "120万" / "十二万" carry their own scale (read as 元); a bare "120" uses the default.
        factor = 1.0 if _RUN_HAS_SCALE.search(run) else default_factor
    return round(number * factor / 1e4, 4)


_PERCENT_WORDS = re.compile(rf"百分之([{_NUM_BODY}.点]+)")


def to_rate(value: Any) -> float:
    """A fraction in [0, 1]: ``96%``, ``96``, ``0.96``, ``百分之九十六`` → 0.96.

    A number above 1 and up to 100 is read as a percentage; exactly 1 means 100 %.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        number, percent = float(value), False
    else:
        text = _fold(value)
        words = _PERCENT_WORDS.search(text)
        if words:
            number, percent = _run_value(words.group(1)), True
        else:
            number, _run, rest = _first_number(text)
            percent = rest.lstrip().startswith(("%", "‰"))
            if rest.lstrip().startswith("‰"):
                number /= 10
    if _is_nan(number) or number < 0:
        raise ValueError(f"比例无效：{clean_text(value)}")
    if percent or number > 1:
        number /= 100
    if number > 1:
        raise ValueError(f"比例超过100%：{clean_text(value)}")
    return round(number, 6)


# --------------------------------------------------------------------------------------------
# Dates (month precision)
# --------------------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)  # 1900 date system, including Excel's 1900-02-29 quirk
_SERIAL_RANGE = (10_000, 80_000)  # 1927-05 … 2119-01
_MIN_YEAR = 1900

_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2018年3月 / 2018年03月15日 / 2018年3月份 / 2018年3
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})(?!\d)(?:\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号])?)?"),
    # 2018.3 / 2018-03-15 / 2018/3/15 (the same separator twice)
    re.compile(r"(?<!\d)(\d{4})\s*([./\-])\s*(\d{1,2})(?!\d)(?:\s*\2\s*(\d{1,2})(?!\d))?"),
    # 201803 / 20180315
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})?(?!\d)"),
)
_DOT_BETWEEN_DIGITS = re.compile(r"(?<=\d)\s*[·•∙・‧]\s*(?=\d)")   # 1977·03, as typed or scanned
_BARE_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年?(?!\d)")
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")


class LateDateError(ValueError):
    """A readable date that lies after the latest possible day (the campaign's deadline, the
    form's own date, or `reference_date`): impossible for the season."""

    def __init__(self, month: str, latest: date, raw: Any) -> None:
        super().__init__(f"日期晚于{latest.isoformat()}：{clean_text(raw)}")
        self.month, self.latest = month, latest


def _month(year: int, month: int, day: int | None, today: date, raw: Any) -> str:
    if not 1 <= month <= 12:
        raise ValueError(f"月份无效：{clean_text(raw)}")
    if day is not None and not 1 <= day <= 31:
        raise ValueError(f"日期无效：{clean_text(raw)}")
    if year < _MIN_YEAR:
        raise ValueError(f"年份无效：{clean_text(raw)}")
    if (year, month) > (today.year, today.month):
        raise LateDateError(f"{year:04d}-{month:02d}", today, raw)
    return f"{year:04d}-{month:02d}"


def _from_serial(serial: float, today: date, raw: Any) -> str:
    if not _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
        raise ValueError(f"无法识别日期：{clean_text(raw)}")
    day = _EXCEL_EPOCH + timedelta(days=int(serial))
    return _month(day.year, day.month, None, today, raw)


def to_month(value: Any, *, today: date | None = None) -> str:
    """``YYYY-MM`` from ``2018年3月``, ``2018.3``, ``2018-03-15``, ``201803``, serials, ``二〇一八年三月``…

    ``today`` is the latest possible day (the pipeline passes the campaign's deadline); a month
    after it raises :class:`LateDateError`. Without it, the day of the call.

    Decision: a bare year (``2018年``, ``2018``) raises — the month is unknown and inventing
    January would put a wrong value into the master list; the reviewer has to ask.
    Decision: an Excel number such as 2018.1 is read as January (Excel has already lost the
    trailing zero of 2018.10, so this cannot be told apart).
    """
    today = today or date.today()
    if isinstance(value, datetime):
        return _month(value.year, value.month, None, today, value)
    if isinstance(value, date):
        return _month(value.year, value.month, None, today, value)
    if isinstance(value, bool):
        raise ValueError("无法识别日期")
    if isinstance(value, int | float):
        if _is_nan(value):
            raise ValueError("无法识别日期")
        if float(value).is_integer() and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _from_serial(value, today, value)
        value = clean_text(value)  # 2018.3 typed as a number, or 201803
    text = _DOT_BETWEEN_DIGITS.sub(".", _fold(value))
    if _SERIAL_TEXT.fullmatch(text):
        return _from_serial(float(text), today, value)
    text = _arabic_date_text(text, value)
    parts = _date_parts(text)
    if parts:
        return _month(*parts, today, value)
    if _BARE_YEAR.search(text):
        raise ValueError(f"只有年份，缺少月份：{clean_text(value)}")
    raise ValueError(f"无法识别日期：{clean_text(value)}" if text else "无法识别日期")


def to_day(value: Any) -> date:
    """A full date (``2021年7月20日``, ``2021.7.20``, ``2021-07-20``, ``二〇二一年七月二十日``);
    used for submission and opinion dates, where the day decides lateness."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parts = _date_parts(_arabic_date_text(_fold(value), value))
    if parts is None or parts[2] is None:
        raise ValueError(f"无法识别日期：{clean_text(value)}")
    try:
        return date(*parts)
    except ValueError as exc:
        raise ValueError(f"日期无效：{clean_text(value)}") from exc


def _arabic_date_text(text: str, raw: Any) -> str:
    """Chinese-numeral dates (`二〇一八年三月`, `二O二〇年`) in Arabic digits."""
    if not _HAS_CN_NUMERAL.search(text):
        return text
    try:
        return _cn2an().transform(_LATIN_ZERO.sub("〇", text), "cn2an")
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"无法识别日期：{clean_text(raw)}") from exc


def _date_parts(text: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of the first date form found in `text`."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            groups = [g for g in match.groups() if g is None or g.isdigit()]
            return int(groups[0]), int(groups[1]), int(groups[2]) if groups[2] else None
    return None


# --------------------------------------------------------------------------------------------
# Phones, credit codes, gender, tech categories
# --------------------------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[/、,;；，|\\]|或|及")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x)\s*\d+\s*$", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"^\s*(?:\+|00)\s*86[\s\-]*|^\s*\(\s*\+?86\s*\)\s*")
_NON_DIGIT = re.compile(r"\D")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{1,2}\d{7,8}")


def to_phone(value: Any) -> str:
    """Digits only; the first number when several are given, without country code or extension."""
    if isinstance(value, bool):
        raise ValueError("没有电话号码")
    if isinstance(value, int | float):
        if _is_nan(value) or not float(value).is_integer():
            raise ValueError(f"电话号码无效：{clean_text(value)}")
        return str(int(value))
    text = _fold(value)
    chunks = [chunk for chunk in _PHONE_SEPARATORS.split(text) if _NON_DIGIT.sub("", chunk)]
    if not chunks:
        raise ValueError(f"没有电话号码：{text}" if text else "没有电话号码")
    chunk = _EXTENSION.sub("", chunks[0])
    chunk = _COUNTRY_CODE.sub("", chunk)
    digits = _NON_DIGIT.sub("", chunk)
    if len(digits) > 12:
        # "024-22581160 13800000000": two numbers separated only by a space.
        for piece in chunk.split():
            piece_digits = _NON_DIGIT.sub("", piece)
            if is_valid_phone(piece_digits):
                return piece_digits
    return digits


def is_valid_phone(digits: str) -> bool:
    """Mainland mobile (``1[3-9]`` + 9 digits) or landline with area code (10–12 digits)."""
    return bool(_MOBILE.fullmatch(digits) or (10 <= len(digits) <= 12 and _LANDLINE.fullmatch(digits)))


_CODE_NOISE = re.compile(r"[\s\-—–－_]+")


_CODE_RUN = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])")


def to_credit_code(value: Any) -> str:
    """Unified social credit code: no spaces or dashes, half-width, upper case (not validated).
    When the text holds one 18-character run among other words (a scan that ran two cells
    together, a trailing full stop), that run is the code."""
    code = _CODE_NOISE.sub("", _fold(value)).upper()
    if len(code) != 18:
        runs = _CODE_RUN.findall(code)
        if len(runs) == 1:
            return runs[0]
    return code


def is_valid_credit_code(code: str) -> bool:
    return bool(uscc.is_valid(code))


_GENDERS = {
    "男": "男",
    "男性": "男",
    "M": "男",
    "MALE": "男",
    "女": "女",
    "女性": "女",
    "F": "女",
    "FEMALE": "女",
}


def to_gender(value: Any) -> str:
    text = _fold(value).replace(" ", "").upper()
    try:
        return _GENDERS[text]
    except KeyError:
        raise ValueError(f"性别无效：{text}" if text else "性别为空") from None


# A 非/未/不是 right before a category's word negates it.
def default_tech_vocabulary() -> TechVocabulary:
    """The built-in campaign's categories (for callers that have no campaign at hand)."""
    return default_campaign().tech_vocabulary


def to_tech_categories(value: Any, vocabulary: TechVocabulary | None = None) -> str:
    """Canonical categories found in free text, in the campaign's order, joined with ``；``."""
    return "；".join((vocabulary or default_tech_vocabulary()).find(value))


# --------------------------------------------------------------------------------------------
# Dispatch and output
# --------------------------------------------------------------------------------------------

_BRACKETED_NOTE = re.compile(r"\s*[（(][^（）()]*[)）]\s*")


def to_person_name(value: Any) -> str:
    """A person's name without what is written after it in brackets (`张三（高级技师）` → `张三`)."""
    text = clean_text(value)
    return _BRACKETED_NOTE.sub("", text).strip() or text


_SPECIAL_PARSERS: dict[str, Callable[[Any], Any]] = {
    "leader_name": to_person_name,
    "contact_name": to_person_name,
    "legal_rep": to_person_name,
    "satisfaction_rate": to_rate,
    "credit_code": to_credit_code,
    "leader_gender": to_gender,
}


def _parser_for(field: str) -> Callable[[Any], Any]:
    if field in _SPECIAL_PARSERS:
        return _SPECIAL_PARSERS[field]
    if field in INTEGER_FIELDS:
        return to_int
    if field in FLOAT_FIELDS:
        if field.endswith("_wan"):
            return to_wan
        if field.endswith("_m2"):
            return to_area
        return to_number
    if field in PHONE_FIELDS:
        return to_phone
    return clean_text


# Free-text fields where "无" (none) is simply no value; elsewhere "无" can be an answer.
NONE_IS_EMPTY = frozenset({"leader_honors", "leader_title", "leader_skill_level"})
NONE_WORDS = frozenset({"无", "暂无", "没有", "无荣誉"})


def normalise(field: str, value: Any, *, today: date | None = None, tech: TechVocabulary | None = None) -> Any:
    """Canonical value of ``field``; ``None`` for a blank cell. Raises ValueError (Chinese reason).

    ``today``: the latest possible day for month fields; ``tech``: the campaign's tech categories
    (the built-in campaign's when not given)."""
    if is_blank(value) or (field in NONE_IS_EMPTY and clean_text(value) in NONE_WORDS):
        return None
    if field in MONTH_FIELDS:
        return to_month(value, today=today)
    if field == "tech_category":
        return to_tech_categories(value, tech)
    return _parser_for(field)(value)


def format_value(field: str, value: Any) -> str:
    """Output text of a normalised value (``120.0`` → ``120``, ``True`` → ``true``)."""
    if value is None or _is_nan(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
