"""How one office's clerk writes values: each `Voice` has its own habits (date style, phone style,
tick marks, how money is written), with a little variation from value to value. Every rendering
is exact and reads back to the canonical value of SPEC §4."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import cn2an

from ..records import format_number
from ..season import tech_categories

CN_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
DATE_STYLES = ["cn", "dot", "dot1", "dash", "slash", "compact"]
DAY_STYLES = ["cnday", "isoday", "dotday"]
TICKED = ["■", "☑", "√", "✔", "●"]
UNTICKED = {"■": "□", "☑": "□", "√": "□", "✔": "☐", "●": "○"}


class Voice:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.date_style = rng.choice(DATE_STYLES)
        self.day_habit = rng.random() < 0.35          # writes the founding day too
        self.phone_style = rng.choice(["plain", "dash", "space", "paren"])
        self.mark = rng.choice(TICKED)
        self.box = UNTICKED[self.mark]
        self.count_units = rng.random() < 0.5         # `18人` rather than `18`
        self.money_words = rng.random() < 0.5          # `3400万元` rather than `3400`
        self.blank_word = rng.choice(["", "", "无"])

    # --- dates -------------------------------------------------------------------------------

    def month(self, year: int, month: int, *, style: str | None = None) -> str:
        style = style or self.date_style
        return {
            "cn": f"{year}年{month}月",
            "dot": f"{year}.{month:02d}",
            "dot1": f"{year}.{month}",
            "dash": f"{year}-{month:02d}",
            "slash": f"{year}/{month}",
            "compact": f"{year}{month:02d}",
            "cnnum": f"{str(year).translate(CN_DIGITS)}年{cn2an.an2cn(month)}月",
        }[style]

    def founded(self, day: tuple[int, int, int]) -> str:
        """The founding date: month, or the full day when this clerk writes days."""
        year, month, d = day
        if not self.day_habit:
            return self.month(year, month)
        style = self.rng.choice(DAY_STYLES)
        return {"cnday": f"{year}年{month}月{d}日", "isoday": f"{year}-{month:02d}-{d:02d}",
                "dotday": f"{year}.{month:02d}.{d:02d}"}[style]

    @staticmethod
    def excel_date(year: int, month: int, day: int = 1) -> dt.datetime:
        return dt.datetime(year, month, day)

    # --- numbers -------------------------------------------------------------------------------

    def count(self, value: int, unit: str, *, force_unit: bool = False, chinese: bool = False) -> str:
        if chinese and 0 < value < 100:
            return f"{cn2an.an2cn(value)}{unit}"
        return f"{value}{unit}" if (force_unit or self.count_units) else str(value)

    def area(self, value: float, *, force_unit: bool = False) -> str:
        number = format_number(value)
        if force_unit or self.count_units:
            return number + self.rng.choice(["平方米", "㎡", "平方米", "平米"])
        return number

    def money(self, wan: float, *, label_has_unit: bool) -> str:
        """Money as written; a bare number only where the label says 万元."""
        number = format_number(wan)
        if wan >= 10000 and self.rng.random() < 0.6:
            return f"{format_number(wan / 10000)}亿元"
        if label_has_unit and not self.money_words:
            return number
        if self.rng.random() < 0.15 and (wan * 10000).is_integer():
            return f"{int(wan * 10000):,}元"
        return f"{number}万元"

    def rate(self, fraction: float) -> str:
        percent = format_number(round(fraction * 100, 4))
        return self.rng.choice([f"{percent}%", f"{percent}%", f"{percent}％"])

    def phone(self, digits: str) -> str:
        if digits.startswith("1"):
            return {"plain": digits, "dash": f"{digits[:3]}-{digits[3:7]}-{digits[7:]}",
                    "space": f"{digits[:3]} {digits[3:7]} {digits[7:]}", "paren": digits}[self.phone_style]
        area_len = 3 if digits.startswith("02") else 4
        area, local = digits[:area_len], digits[area_len:]
        return {"plain": f"{area}-{local}", "dash": f"{area}-{local}", "space": f"{area} {local}",
                "paren": f"（{area}）{local}"}[self.phone_style]

    def text_or_blank(self, value: str) -> str:
        return value if value else self.blank_word

    # --- ticks ---------------------------------------------------------------------------------

    def options(self, labels: Sequence[str], chosen: set[str], *, after: bool = False, sep: str = "  ") -> str:
        """`■高新技术企业  □科技型中小企业 …` (or with the mark after the option)."""
        if after:
            return sep.join(f"{label}{self.mark if label in chosen else self.box}" for label in labels)
        return sep.join(f"{self.mark if label in chosen else self.box}{label}" for label in labels)

    def yes_no(self, yes: bool) -> str:
        return f"{self.mark}是 {self.box}否" if yes else f"{self.box}是 {self.mark}否"

    def tech_text(self, categories: Sequence[str]) -> str:
        if not categories:
            return self.blank_word
        return self.rng.choice(["、", "，", "；"]).join(categories)

    def tech_ticks(self, categories: Sequence[str]) -> str:
        return self.options(list(tech_categories()), set(categories), sep=" ")
