"""How the held-out documents write canonical values: faithful, unambiguous, but varied.

Every rendering here reads back to exactly one canonical value under SPEC §4 (dates to the
month, counts as integers, money in 万元, phones as digits). Nothing is approximate.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import cn2an

from samples.season import tech_categories

from ..records import format_number

FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
CHINESE_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


class Writer:
    """A seeded hand that fills in forms; `plain` turns every variation off."""

    def __init__(self, rng: random.Random, *, plain: bool = False) -> None:
        self.rng = rng
        self.plain = plain

    def chance(self, p: float) -> bool:
        return not self.plain and self.rng.random() < p

    def choice(self, options: Sequence[str]) -> str:
        return options[0] if self.plain else self.rng.choice(list(options))

    # --- dates -------------------------------------------------------------------------------

    def month(self, value: tuple[int, ...], *, with_day: bool = True) -> str:
        year, month = value[0], value[1]
        forms = [f"{year}年{month}月", f"{year}.{month:02d}", f"{year}年{month:02d}月", f"{year}-{month:02d}",
                 f"{year}/{month}", f"{year}.{month}", f"{year}{month:02d}"]
        if len(value) > 2 and with_day:
            day = value[2]
            forms += [f"{year}年{month}月{day}日", f"{year}-{month:02d}-{day:02d}", f"{year}.{month}.{day}"]
        text = self.choice(forms)
        if self.chance(0.06):
            return f"{str(year).translate(CHINESE_DIGITS)}年{cn2an.an2cn(month)}月"
        if self.chance(0.05):
            return text.translate(FULL_WIDTH)
        return text

    def excel_month(self, value: tuple[int, ...]) -> tuple[object, str | None]:
        """A date for a summary cell: a string, or a datetime with a display format."""
        if self.chance(0.35):
            day = value[2] if len(value) > 2 else 1
            fmt = self.choice(['yyyy"年"m"月"', "yyyy.mm", "yyyy-mm", 'yyyy"年"mm"月"'])
            return dt.datetime(value[0], value[1], day), fmt
        return self.month(value, with_day=False), None

    # --- numbers -----------------------------------------------------------------------------

    def count(self, value: int, unit: str = "") -> str:
        roll = 0.0 if self.plain else self.rng.random()
        if roll < 0.4 or not unit:
            return str(value)
        if roll < 0.75:
            return f"{value}{unit}"
        if roll < 0.83 and unit == "人":
            return f"共{value}人"
        if roll < 0.92 and 0 < value <= 99:
            return f"{cn2an.an2cn(value)}{unit}"
        return f"{value}{unit}".translate(FULL_WIDTH)

    def excel_count(self, value: int, unit: str = "") -> object:
        return value if self.chance(0.6) or self.plain else f"{value}{unit}"

    def area(self, value: float) -> str:
        number = format_number(value)
        return self.choice([number, f"{number}平方米", f"{number}㎡", f"{number}平方米"])

    def narrative_money(self, wan: float) -> str:
        if wan >= 10000 and self.chance(0.6):
            return f"{format_number(wan / 10000)}亿元"
        if float(wan).is_integer() and wan >= 1000 and self.chance(0.3):
            return f"{int(wan):,}万元"
        return f"{format_number(wan)}万元"

    def rate(self, fraction: float) -> str:
        percent = format_number(round(fraction * 100, 4))
        return self.choice([f"{percent}%", f"{percent}％", f"{percent}%"])

    # --- identifiers and text ------------------------------------------------------------------

    def phone(self, digits: str) -> str:
        if digits.startswith("1"):
            return self.choice([digits, f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", digits,
                                f"{digits[:3]} {digits[3:7]} {digits[7:]}"])
        area_len = 3 if digits.startswith(("010", "02")) else 4
        area, local = digits[:area_len], digits[area_len:]
        return self.choice([f"{area}-{local}", f"（{area}）{local}", f"{area}-{local}", f"({area}){local}"])

    def tech_text(self, categories: Sequence[str]) -> str:
        if not categories:
            return self.choice(["无", "", "无"])
        items = [c for c in tech_categories() if c in categories]
        if self.chance(0.2):
            items = ["国家级" + c if c == "高新技术企业" else c for c in items]
        return self.choice(["、", "，", "；"]).join(items)

    def tick_list(self, options: Sequence[str], chosen: set[str], style: str) -> str:
        """Options with the chosen ones marked; `style` says how this form marks them."""
        parts = []
        for option in options:
            on = option in chosen
            if style == "after":
                parts.append(f"{option}{'☑' if on else '□'}")
            elif style == "bracket":
                parts.append(f"{'[√]' if on else '□'}{option}")
            elif style == "paren":
                parts.append(f"{'（√）' if on else '□'}{option}")
            elif style == "filled":
                parts.append(f"{'■' if on else '□'}{option}")
            else:
                parts.append(f"{'☑' if on else '☐'}{option}")
        return self.choice(["  ", "\u3000", "    "]).join(parts)


def spaced(label: str, gap: str = " ") -> str:
    """A letter-spaced label: `领 衔 人`."""
    return gap.join(label)


def vertical(label: str) -> str:
    """A label written one character per line."""
    return "\n".join(label)
