"""How family-B units type values: every rendering is exact (a careful reader gets the truth back).

All functions take the generator's `random.Random`; nothing here is approximate except the word
`约` in front of an exact number, which a reader drops.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import cn2an

from samples.season import tech_categories

from ..records import format_number

FULL = str.maketrans("0123456789", "０１２３４５６７８９")
CN_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def month(rng: random.Random, value: Sequence[int], *, with_day: bool = True) -> str:
    """A date written to the month (sometimes with its day, which a reader drops)."""
    year, mon = value[0], value[1]
    forms = [f"{year}年{mon}月", f"{year}年{mon}月", f"{year}.{mon:02d}", f"{year}.{mon}", f"{year}年{mon:02d}月",
             f"{year}-{mon:02d}", f"{year}/{mon:02d}"]
    if with_day and len(value) > 2:
        day = value[2]
        forms += [f"{year}年{mon}月{day}日", f"{year}.{mon}.{day}"]
    roll = rng.random()
    if roll < 0.05:
        return f"{str(year).translate(CN_DIGITS)}年{cn2an.an2cn(mon)}月"
    return rng.choice(forms)


def excel_month(rng: random.Random, value: Sequence[int]) -> tuple[object, str | None]:
    """A month for a spreadsheet cell: (cell value, number format or None)."""
    year, mon = value[0], value[1]
    day = value[2] if len(value) > 2 else 1
    roll = rng.random()
    if roll < 0.3:
        return dt.datetime(year, mon, day), rng.choice(['yyyy"年"m"月"', "yyyy.mm", "yyyy-mm"])
    if roll < 0.45:
        return f"{year}.{mon:02d}", None
    return month(rng, value, with_day=False), None


def count(rng: random.Random, value: int, unit: str = "") -> str:
    roll = rng.random()
    if roll < 0.45 or not unit:
        return str(value)
    if roll < 0.8:
        return f"{value}{unit}"
    if roll < 0.9 and value <= 99:
        return f"{cn2an.an2cn(value)}{unit}"
    return f"{value}{unit}".translate(FULL) if roll < 0.95 else f"共{value}{unit}"


def excel_count(rng: random.Random, value: int, unit: str = "") -> object:
    return value if rng.random() < 0.7 else count(rng, value, unit)


def area(rng: random.Random, value: float) -> str:
    number = format_number(value)
    return rng.choice([number, f"{number}平方米", f"约{number}平方米", f"{number}㎡", f"{number}平方米"])


def money(rng: random.Random, wan: float) -> str:
    number = format_number(wan)
    options = [number, f"{number}万元", f"{number}万元", f"约{number}万元"]
    if wan >= 10000:
        options += [f"{format_number(wan / 10000)}亿元"] * 2
    return rng.choice(options)


def money_sentence(rng: random.Random, wan: float) -> str:
    """Money inside prose: always with its unit."""
    if wan >= 10000 and rng.random() < 0.6:
        return f"{format_number(wan / 10000)}亿元"
    return f"{format_number(wan)}万元"


def phone(rng: random.Random, digits: str) -> str:
    if digits.startswith("1"):
        return rng.choice([digits, digits, f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"{digits[:3]} {digits[3:7]} {digits[7:]}"])
    area_len = 3 if digits.startswith(("010", "02")) else 4
    code, local = digits[:area_len], digits[area_len:]
    return rng.choice([f"{code}-{local}", f"{code}-{local}", f"（{code}）{local}", f"{code}—{local}"])


def tech_text(rng: random.Random, categories: Sequence[str]) -> str:
    """Tech categories as words; none as 无 / 否 / a dash."""
    if not categories:
        return rng.choice(["无", "无", "—", "否"])
    items = [c for c in tech_categories() if c in categories]
    if rng.random() < 0.15:
        items = ["国家高新技术企业" if c == "高新技术企业" else c for c in items]
    return rng.choice(["、", "，", "；"]).join(items)


def rate(rng: random.Random, fraction: float) -> str:
    percent = format_number(round(fraction * 100, 4))
    return rng.choice([f"{percent}%", f"{percent}%", f"{percent}％", f"达{percent}%"])


def spaced(rng: random.Random, label: str, probability: float = 1.0) -> str:
    """A letter-spaced label (`领 衔 人`), as forms set short labels to fill the cell."""
    if rng.random() >= probability:
        return label
    return rng.choice([" ", "\u3000", "  "]).join(label)


def vertical(label: str) -> str:
    """A label written one character per line."""
    return "\n".join(label)
