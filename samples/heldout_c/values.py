"""How family C's offices type values: every renderer is exact (normalises back to the record value).

Each function takes the `random.Random` of the inbox and a canonical value and returns the text (or
an Excel cell value) that an office would type. Nothing here is approximate: `约200平方米` is only
written for 200 m², a Chinese-numeral count only where the number is spelled completely.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import cn2an

from samples.season import tech_categories

from ..records import format_number

CN_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def cn_year(year: int) -> str:
    return str(year).translate(CN_DIGITS)


def cn_month(month: int) -> str:
    return cn2an.an2cn(month)


def month_text(rng: random.Random, year: int, month: int, *, formal: bool = False) -> str:
    """A month as typed on a form (`2016年5月`, `2016.05`, `二〇一六年五月`, `2016年05月`)."""
    if formal:
        return rng.choice([f"{year}年{month}月", f"{cn_year(year)}年{cn_month(month)}月"])
    return rng.choice([
        f"{year}年{month}月", f"{year}年{month}月", f"{year}.{month:02d}", f"{year}年{month:02d}月",
        f"{cn_year(year)}年{cn_month(month)}月", f"{year}-{month:02d}", f"{year}/{month:02d}",
    ])


def day_text(rng: random.Random, year: int, month: int, day: int) -> str:
    """A full date whose month is what counts (`2016年5月12日`, `2016.5.12`)."""
    return rng.choice([f"{year}年{month}月{day}日", f"{year}.{month}.{day}", f"{year}年{month:02d}月{day:02d}日"])


def month_or_day(rng: random.Random, value: Sequence[int]) -> str:
    if len(value) > 2 and rng.random() < 0.25:
        return day_text(rng, value[0], value[1], value[2])
    return month_text(rng, value[0], value[1])


def excel_month(rng: random.Random, value: Sequence[int]) -> tuple[object, str | None]:
    """A month for an Excel cell: a real date with a 年月 display format, or text."""
    year, month = value[0], value[1]
    day = value[2] if len(value) > 2 else 1
    if rng.random() < 0.45:
        return dt.datetime(year, month, day), rng.choice(['yyyy"年"m"月"', "yyyy.mm", "yyyy-mm"])
    return rng.choice([f"{year}.{month:02d}", f"{year}年{month}月", f"{year}年{month:02d}月"]), None


def count_text(rng: random.Random, value: int, unit: str) -> str:
    """A count with or without its unit, sometimes in Chinese numerals (`二十八人`)."""
    roll = rng.random()
    if roll < 0.4:
        return str(value)
    if roll < 0.8 or not unit:
        return f"{value}{unit}"
    if value <= 99 and unit in ("人", "项", "对"):
        return f"{cn2an.an2cn(value)}{unit}"
    return f"{value}{unit}"


def area_text(rng: random.Random, value: float) -> str:
    number = format_number(value)
    options = [number, f"{number}平方米", f"{number}㎡", f"{number}m²"]
    if float(value).is_integer():
        options.append(f"约{number}平方米")
    return rng.choice(options)


def money_text(rng: random.Random, wan: float) -> str:
    """An amount in 万元, as `3600万元`, `3600`, `0.36亿元` only when it is exact, `1.2亿元`."""
    number = format_number(wan)
    options = [number, f"{number}万元", f"{number}万元"]
    if wan >= 10000:
        options.append(f"{format_number(wan / 10000)}亿元")
    if float(wan).is_integer() and wan < 10000 and rng.random() < 0.3:
        options.append(f"{int(wan * 10000)}元")
    return rng.choice(options)


def narrative_money(rng: random.Random, wan: float) -> str:
    number = format_number(wan)
    if wan >= 10000 and rng.random() < 0.6:
        return f"{format_number(wan / 10000)}亿元"
    return f"{number}万元"


def phone_text(rng: random.Random, digits: str) -> str:
    if digits.startswith("1"):
        return rng.choice([digits, digits, f"{digits[:3]}-{digits[3:7]}-{digits[7:]}",
                           f"{digits[:3]} {digits[3:7]} {digits[7:]}"])
    area_len = 3 if digits.startswith("02") else 4
    area, local = digits[:area_len], digits[area_len:]
    return rng.choice([f"{area}-{local}", f"（{area}）{local}", f"{area}—{local}", f"{area} {local}"])


def rate_text(rng: random.Random, fraction: float) -> str:
    percent = format_number(round(fraction * 100, 4))
    return rng.choice([f"{percent}%", f"{percent}％", f"{percent}%"])


# --- ticks -------------------------------------------------------------------------------------------

TICK_STYLES = [
    ("☑", "□", "before"), ("■", "□", "before"), ("√", "□", "before"), ("（√）", "（ ）", "after"),
    ("[√]", "[ ]", "before"), ("✔", "☐", "before"), ("●", "○", "before"), ("☑", "□", "after"),
]


def tick_style(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(TICK_STYLES)


def tick_line(style: tuple[str, str, str], options: Sequence[str], chosen: Sequence[str], sep: str = "  ") -> str:
    ticked, empty, place = style
    parts = []
    for option in options:
        mark = ticked if option in chosen else empty
        parts.append(f"{mark}{option}" if place == "before" else f"{option}{mark}")
    return sep.join(parts)


def tech_text(rng: random.Random, categories: Sequence[str], style: tuple[str, str, str] | None) -> str:
    """The 科技型企业类别 cell: a tick list of the five, or the names, or `/` when none."""
    if style is not None:
        return tick_line(style, tech_categories(), categories, sep=" ")
    if not categories:
        return rng.choice(["/", "无", "—", ""])
    return rng.choice(["、", "，", "；"]).join(c for c in tech_categories() if c in categories)


def blank_mark(rng: random.Random) -> str:
    """What an office writes in an optional cell it has nothing for."""
    return rng.choice(["/", "无", "", "—", "／"])


# --- splitting totals into years ------------------------------------------------------------------


def split_three(rng: random.Random, total: float) -> list[float]:
    """Three non-negative parts (years 2018–2020) that add up exactly to `total`."""
    whole = int(total)
    rest = total - whole
    if whole == 0:
        return [0.0, 0.0, float(total)]
    cuts = sorted(rng.randint(0, whole) for _ in range(2))
    parts = [float(cuts[0]), float(cuts[1] - cuts[0]), float(whole - cuts[1])]
    parts[-1] += rest
    return parts
