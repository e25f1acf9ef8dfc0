"""How real submissions drift from the official layouts (SPEC §5).

`Drift` renders canonical values the way units actually type them and perturbs layouts.
With drift disabled every method returns the official rendering, so the same generator
code produces clean, template-conformant documents.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import replace

import cn2an

from .records import Day, Month, format_number
from .season import current, shift_years
from .templates import Field, Layout

FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
CHINESE_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
TICK_MARKS = ["☑", "■", "√", "✓", "✔", "☑"]
EXCEL_EPOCH = dt.date(1899, 12, 30)

LABEL_VARIANTS = {
    "领衔人姓名": ["领衔人", "工作室领衔人"],
    "领衔人": ["领衔人姓名", "工作室领衔人"],
    "成立时间": ["成立日期", "组建时间"],
    "团队人数": ["团队成员人数", "团队人数（人）"],
    "联系电话": ["手机", "联系方式"],
    "出生年月": ["出生日期", "出生年月日"],
    "所在单位": ["所在企业", "单位名称"],
    "统一社会信用代码": ["社会信用代码", "统一信用代码"],
    "荣誉称号": ["所获荣誉", "获得荣誉称号"],
    "活动场所面积（平方米）": ["活动场所面积（㎡）", "场所面积（平方米）"],
    "获得专利（项）": ["专利数量（项）", "获得专利数（项）"],
    "培训职工（人次）": ["培训职工人次（人次）"],
    "年度经费（万元）": ["年度经费投入（万元）"],
    "近三年经济效益（万元）": ["近三年创造经济效益（万元）"],
    "技能等级": ["技能等级（职业资格）"],
    "技能等级或职称": ["技能等级/职称", "技能等级（职称）"],
    "企业名称": ["单位名称", "企业全称"],
    "职工人数": ["职工总数", "职工人数（人）"],
    "培训场所面积（平方米）": ["培训场所面积（㎡）", "培训面积（平方米）"],
    "上年度实名制培训人次": ["2020年实名制培训人次", "上年度培训人次"],
    "专兼职教师人数": ["专（兼）职教师人数", "专兼职教师（人）"],
    "联系人": ["联系人姓名"],
}
EXTRA_FORM_ROWS = [
    Field("extra_email", "电子邮箱", 5),
    Field("extra_region", "所在地区", 5),
    Field("extra_postcode", "邮政编码", 5),
]
NOTE_LINES = [
    "填表说明：1.工作室名称须与申报材料一致；2.成立时间填写到月；3.团队人数为在册成员人数。",
    "注：此表一式两份，加盖推荐单位公章后报送省总工会。",
    "备注：按推荐顺序排列。",
]


class Drift:
    """Seeded source of drift; every `chance` is False when drift is disabled."""

    def __init__(self, rng: random.Random, enabled: bool = True) -> None:
        self.rng = rng
        self.enabled = enabled

    def chance(self, probability: float) -> bool:
        return self.enabled and self.rng.random() < probability

    def pick(self, options: Sequence[str], default: str) -> str:
        return self.rng.choice(list(options)) if self.enabled else default

    # --- values ----------------------------------------------------------------------------

    def month(self, value: Month | Day, *, excel: bool = False) -> object:
        """A date with month precision as units write it (string, or a datetime/serial in Excel)."""
        year, month = value[0], value[1]
        day = value[2] if len(value) > 2 else 1  # type: ignore[misc]
        if not self.enabled:
            return f"{year}年{month}月"
        if excel and self.chance(0.3):
            return dt.datetime(year, month, day)
        if excel and self.chance(0.1):
            return (dt.date(year, month, day) - EXCEL_EPOCH).days
        forms = [
            f"{year}年{month}月", f"{year}.{month}", f"{year}-{month:02d}", f"{year}/{month}", f"{year}{month:02d}",
            f"{year}年{month}月", f"{year}.{month:02d}",
        ]
        if len(value) > 2:
            forms += [f"{year}-{month:02d}-{day:02d}", f"{year}年{month}月{day}日"]
        if self.chance(0.08):
            return f"{str(year).translate(CHINESE_DIGITS)}年{cn2an.an2cn(month)}月"
        text = self.rng.choice(forms)
        return text.translate(FULL_WIDTH) if self.chance(0.06) else text

    def count(self, value: int | None, unit: str = "", *, excel: bool = False) -> object:
        if value is None:
            return ""
        if not self.enabled:
            return value if excel else str(value)
        roll = self.rng.random()
        if roll < 0.45:
            return value if excel else str(value)
        if roll < 0.7 and unit:
            return f"{value}{unit}"
        if roll < 0.8 and unit == "人":
            return f"共{value}人"
        if roll < 0.88 and value <= 99:
            return f"{cn2an.an2cn(value)}{unit}"
        if roll < 0.94:
            return str(value).translate(FULL_WIDTH)
        return str(value)

    def area(self, value: float) -> str:
        number = format_number(value)
        if not self.enabled:
            return number
        return self.rng.choice([number, number, f"约{number}平方米", f"{number}㎡", f"{number}平米", f"{number}平方米"])

    def money(self, wan: float) -> str:
        number = format_number(wan)
        if not self.enabled:
            return number
        options = [number, number, f"{number}万元", f"{number}万元"]
        if wan >= 10000:
            options.append(f"{format_number(wan / 10000)}亿元")
        yuan = wan * 10000
        if yuan.is_integer():
            options.append(f"{int(yuan):,}元")
        if wan.is_integer() and 10 <= wan < 10000 and self.chance(0.3):
            options.append(f"{cn2an.an2cn(int(wan), 'up')}万元")
        return self.rng.choice(options)

    def phone(self, digits: str) -> str:
        if digits.startswith("1") and len(digits) == 11:
            if not self.enabled:
                return digits
            return self.rng.choice([digits, digits, f"{digits[:3]} {digits[3:7]} {digits[7:]}",
                                    f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"])
        if not digits.startswith("0"):
            return digits
        area_len = 3 if digits.startswith(("010", "02")) else 4
        area, local = digits[:area_len], digits[area_len:]
        if not self.enabled:
            return f"{area}-{local}"
        return self.rng.choice([f"{area}-{local}", f"{area}-{local}", f"（{area}）{local}", f"{area} {local}", digits])

    def tech_categories(self, categories: Sequence[str]) -> str:
        if not categories:
            return self.pick(["", "无", "/"], "")
        items = list(categories)
        if not self.enabled:
            return "、".join(items)
        if self.chance(0.3):
            self.rng.shuffle(items)
        if self.chance(0.15):
            items = [self._variant(item) for item in items]
        return self.rng.choice(["、", "；", "，", " ", "/"]).join(items)

    def _variant(self, category: str) -> str:
        """Another way of writing a category: 国家高新技术企业, or the season's own short form."""
        if category == "高新技术企业":
            return "国家" + category
        season = current()
        if category == season.new_tech_category and season.new_tech_words:
            return season.new_tech_words[0]
        return category

    def rate(self, fraction: float) -> str:
        percent = format_number(fraction * 100)
        if not self.enabled:
            return f"{percent}%"
        return self.rng.choice([f"{percent}%", f"{percent}%", f"{percent}％", f"{percent}%".translate(FULL_WIDTH),
                                format_number(fraction)])

    def ticks(self, options: Mapping[str, str], chosen: set[str]) -> str:
        """Check boxes with the chosen options ticked (or the unticked ones deleted)."""
        mark = self.pick(TICK_MARKS, "☑")
        if self.chance(0.2):
            return "、".join(options[key] for key in options if key in chosen)
        separator = self.pick(["  ", " ", "    ", "\u3000"], "  ")
        return separator.join(f"{mark if key in chosen else '□'}{label}" for key, label in options.items())

    def text(self, value: str) -> str:
        """Free text, sometimes with stray full-width digits."""
        return value.translate(FULL_WIDTH) if value and self.chance(0.05) else value

    # --- labels and layouts --------------------------------------------------------------------

    def label(self, label: str, *, reword: float = 0.3, spaced: float = 0.1) -> str:
        if label in LABEL_VARIANTS and self.chance(reword):
            label = shift_years(self.rng.choice(LABEL_VARIANTS[label]))
        if len(label) in (2, 3) and self.chance(spaced):
            label = self.rng.choice(["  ", " ", "\u3000"]).join(label)
        return label

    def form_layout(self, layout: Layout, *, protected_rows: int = 2) -> Layout:
        """Reword and space labels, write some fields inline, move a row, add an extra row."""
        rows = [[replace(f, label=self.label(f.label)) for f in row] for row in layout]
        if self.chance(0.25):
            rows = [[replace(f, inline=True) if f.span and self.chance(0.25) else f for f in row] for row in rows]
        movable = [i for i in range(protected_rows, len(rows)) if not any(
            f.key and f.key.endswith("opinion") for f in rows[i])]
        if self.chance(0.25) and len(movable) > 2:
            first, second = self.rng.sample(movable, 2)
            rows[first], rows[second] = rows[second], rows[first]
        if self.chance(0.2):
            position = self.rng.choice(movable)
            rows.insert(position, [self.rng.choice(EXTRA_FORM_ROWS)])
        return rows
