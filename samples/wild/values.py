"""Values as other campaigns' forms write them: ticks in many styles, combined cells, sentences.

Every renderer returns text a careful clerk reads unambiguously as the record's value."""

from __future__ import annotations

import random
from collections.abc import Mapping

from samples.drift import Drift
from samples.records import Studio, TrainingBase, format_number
from samples.season import tech_categories

TICKED = ["☑", "√", "✔", "✓", "■", "(✔)", "（√）", "[√]", "●"]
UNTICKED = ["□", "☐", "○", "（ ）", "[ ]"]
STUDIO_KINDS = {"labor_model_studio": "劳模创新工作室", "worker": "职工创新工作室"}
ENTERPRISE_KINDS = {"tech": "科技型企业", "other": "其他类型企业"}
CATEGORY_WORDS = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室（科技型企业）",
    "worker_studio_other": "职工创新工作室（其他类型企业）",
}


class TickStyle:
    """One form's way of ticking: the marks, and whether they stand before or after an option."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.on = rng.choice(TICKED)
        self.off = rng.choice(UNTICKED) if self.on not in ("(✔)", "（√）", "[√]") else (
            "（ ）" if self.on == "（√）" else ("[ ]" if self.on == "[√]" else "( )"))
        self.after = rng.random() < 0.35
        self.gap = rng.choice(["  ", "    ", "\u3000", " "])
        self.one_per_line = rng.random() < 0.15

    def render(self, options: Mapping[str, str], chosen: set[str]) -> str:
        parts = []
        for key, label in options.items():
            mark = self.on if key in chosen else self.off
            parts.append(f"{label}{mark}" if self.after else f"{mark}{label}")
        return ("\n" if self.one_per_line else self.gap).join(parts)


def tech_options(categories: list[str]) -> dict[str, str]:
    return {name: name for name in tech_categories()}


def category_row_text(style: TickStyle, category: str) -> str:
    return style.render(CATEGORY_WORDS, {category})


def studio_kind_text(style: TickStyle, category: str) -> str:
    """The first of two category rows (申报类别): 劳模 or 职工 studio."""
    kind = "labor_model_studio" if category == "labor_model_studio" else "worker"
    return style.render(STUDIO_KINDS, {kind})


def enterprise_kind_text(style: TickStyle, category: str) -> str:
    """The second row (企业类型): tech or other, for worker studios."""
    chosen = {"tech"} if category == "worker_studio_tech" else ({"other"} if category == "worker_studio_other" else set())
    return style.render(ENTERPRISE_KINDS, chosen)


def tech_tick_list(style: TickStyle, categories: list[str]) -> str:
    return style.render(tech_options(categories), set(categories))


def achievements_sentence(rng: random.Random, studio: Studio, drift: Drift) -> str:
    """`完成技术攻关17项，获得授权专利9项……` in one of several orders and wordings."""
    money = studio.economic_benefit_wan
    money_text = (f"{format_number(money / 10000)}亿元" if money >= 10000 and rng.random() < 0.5
                  else f"{format_number(money)}万元")
    clauses = [
        rng.choice([f"完成技术攻关{studio.tackled_projects}项", f"开展技术攻关{studio.tackled_projects}项"]),
        rng.choice([f"获得授权专利{studio.patents}项", f"获得国家专利{studio.patents}项", f"取得专利{studio.patents}项"]),
        rng.choice([f"提出合理化建议{studio.suggestions}条", f"征集合理化建议{studio.suggestions}条"]),
        rng.choice([f"创造经济效益约{money_text}", f"累计创效{money_text}", f"创造经济效益{money_text}"]),
        rng.choice([f"培训职工{studio.trained_workers}人次", f"累计培训职工{studio.trained_workers}人次"]),
        rng.choice([f"师带徒{studio.apprentices}对", f"签订师带徒协议{studio.apprentices}对"]),
    ]
    head = rng.choice(["近三年来，工作室", "工作室成立以来，", "", "近三年，"])
    return head + "，".join(clauses) + "。"


def organisation_with_nature(studio: Studio) -> str:
    return f"{studio.organization}（{studio.org_nature}）"


def person_with_phone(rng: random.Random, name: str, phone: str, drift: Drift) -> str:
    return f"{name}{rng.choice([' ', '  ', '，', '/', '：'])}{drift.phone(phone)}"


def teachers_text(rng: random.Random, base: TrainingBase) -> str:
    return rng.choice([
        f"专职{base.full_time_teachers}人，兼职{base.part_time_teachers}人",
        f"专职教师{base.full_time_teachers}人、兼职教师{base.part_time_teachers}人",
        f"专职{base.full_time_teachers}名；兼职{base.part_time_teachers}名",
    ])


def certificate_text(rng: random.Random, base: TrainingBase) -> str:
    year, month, day = base.cert_date
    return rng.choice([f"{base.cert_no}（{year}年{month}月{day}日）", f"{base.cert_no}，{year}年{month}月",
                       f"证书编号：{base.cert_no}  认定时间：{year}.{month}"])


def trainees_line(rng: random.Random, base: TrainingBase) -> str:
    years = [(2018, base.trainees_2018), (2019, base.trainees_2019), (2020, base.trainees_2020)]
    joiner = rng.choice(["；", "，", "、", "  "])
    if rng.random() < 0.5:
        return joiner.join(f"{year}年：{count}人次" for year, count in years)
    return joiner.join(f"{year}年{count}人次" for year, count in years)
