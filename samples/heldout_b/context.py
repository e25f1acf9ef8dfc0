"""What a unit's documents share: how the unit names itself, when it filled its forms, its habits."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .. import data

CATEGORY_WORDS = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室（科技型企业）",
    "worker_studio_other": "职工创新工作室（其他类型企业）",
}
CATEGORY_PROVINCIAL = {
    "labor_model_studio": "辽宁省劳模创新工作室",
    "worker_studio_tech": "辽宁省职工创新工作室（科技型企业）",
    "worker_studio_other": "辽宁省职工创新工作室（其他类型企业）",
}
# (ticked, unticked) marks a unit types in its check boxes
MARK_STYLES = [("☑", "☐"), ("■", "□"), ("√", "□"), ("（√）", "（  ）"), ("☑", "□")]


@dataclass
class UnitStyle:
    """One unit's habits: which copied layouts it uses, its marks, dates and how it names itself."""

    unit: data.Unit
    studio_layout: str           # "A", "B" or "C"
    base_layout: str             # "D" or "E"
    summary_shape: str           # "S1", "S2" or "S3"
    base_summary_shape: str      # "T1" or "T2"
    folder: str | None
    marks: tuple[str, str]
    fill_day: int                # July 2021
    contact: str
    contact_phone: str
    names: list[str] = field(default_factory=list)  # how the unit writes its own name

    def unit_text(self, rng: random.Random) -> str:
        return rng.choice(self.names)

    def fill_date(self) -> str:
        return f"2021年7月{self.fill_day}日"

    def earlier_date(self, rng: random.Random, before: int | None = None) -> str:
        """A date on or before the fill date (and on or before `before`)."""
        last = self.fill_day if before is None else min(before, self.fill_day)
        return f"2021年7月{rng.randint(max(1, last - 8), last)}日"

    def opinion_days(self, rng: random.Random) -> dict[str, int]:
        """Signing days of one form's opinions: the organisation first, then the unit, then the city union."""
        unit = rng.randint(self.fill_day - 5, self.fill_day)
        return {"org": rng.randint(unit - 6, unit), "unit": unit, "city": rng.randint(unit, self.fill_day)}


def self_names(unit: data.Unit) -> list[str]:
    """The ways a unit writes its own name on its documents (all resolvable to the quota name)."""
    short = data.unit_short_name(unit.name)
    names = [unit.name, unit.name]
    if short != unit.name:
        names.append(short)
    if unit.name.startswith("省"):
        names.append("辽宁" + unit.name)
    return names
