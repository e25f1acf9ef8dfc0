"""The season a generated inbox belongs to: 2021 (the default, the notice the project was built
on) or a later one with every date shifted, its own notice and deadline, and the words its
campaign adds.

    python -m samples.generate ROOT --season 2022

writes a 2022-style inbox: dates a year later, the forms' three trainee years 2019–2021, some
enterprises in the new category 专精特新中小企业 only, some labor-model leaders whose only
qualifying honour is the new 辽宁工匠, and ROOT/campaign.yaml and ROOT/quotas.xlsx for that
season (written the way an office would: `python -m pipeline init`, then edited).

The generator's modules ask `current()` for the season; `use_season` sets it for one generation.
The 2021 season draws exactly the same random numbers as before seasons existed, so the committed
sample stays byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

Unit = TypeVar("Unit")   # a unit of the quota table (samples.data.Unit, which imports this module)

BASE_YEAR = 2021
BASE_TECH_CATEGORIES = ("高新技术企业", "科技型中小企业", "雏鹰企业", "瞪羚企业", "独角兽企业")


@dataclass(frozen=True)
class Season:
    year: int
    deadline: date
    notice: str
    tech_categories: tuple[str, ...] = BASE_TECH_CATEGORIES
    new_tech_category: str = ""           # some enterprises have only this category
    new_tech_words: tuple[str, ...] = ()  # how forms also write it
    new_honour: str = ""                  # the only qualifying honour of some labor-model leaders
    # (unit, quota, new number) changes to the 附件1 quota table; province-wide targets
    quota_changes: tuple[tuple[str, str, int], ...] = ()
    targets: dict[str, int] = field(default_factory=dict)

    @property
    def shift(self) -> int:
        return self.year - BASE_YEAR

    def year_of(self, base_year: int) -> int:
        """The year that stands where the 2021 season has `base_year`."""
        return base_year + self.shift


SEASON_2021 = Season(BASE_YEAR, date(2021, 7, 23), "辽工办发〔2021〕36号")
SEASON_2022 = Season(
    2022, date(2022, 7, 22), "辽工办发〔2022〕28号",
    tech_categories=(*BASE_TECH_CATEGORIES, "专精特新中小企业"),
    new_tech_category="专精特新中小企业", new_tech_words=("专精特新企业", "专精特新"),
    new_honour="辽宁工匠",
    quota_changes=(("沈阳市总工会", "labor_model_studio", 4), ("大连市总工会", "training_base", 12)),
    targets={"labor_model_studio": 32, "worker_studio": 340, "worker_studio_tech_more_than": 210,
             "training_base": 105},
)
SEASONS = {season.year: season for season in (SEASON_2021, SEASON_2022)}

_current: ContextVar[Season] = ContextVar("season", default=SEASON_2021)


def current() -> Season:
    return _current.get()


@contextmanager
def use_season(season: Season) -> Iterator[Season]:
    token = _current.set(season)
    try:
        yield season
    finally:
        _current.reset(token)


def year(base_year: int) -> int:
    """`year(2020)`: the current season's year in place of 2021's 2020."""
    return current().year_of(base_year)


def tech_categories() -> tuple[str, ...]:
    return current().tech_categories


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(20\d{2})(?=年)")


def shift_years(text: str) -> str:
    """Every `20xx年` in a 2021 text moved to the current season (`2018年` → `2019年` in 2022)."""
    if not current().shift:
        return text
    return _YEAR_IN_TEXT.sub(lambda m: str(year(int(m.group(1)))), text)


def campaign_text(season: Season) -> str:
    """The season's campaign file as an office would write it: `python -m pipeline init`'s file for
    that year, with the notice, deadline, targets, new category and new honour filled in."""
    from pipeline.season import campaign_yaml, next_campaign
    from schemas.campaign import default_campaign

    values = next_campaign(default_campaign(), season.year)
    values.update(notice=season.notice, deadline=season.deadline)
    values["province_targets"].update(season.targets)
    if season.new_tech_category:
        values["tech_categories"][season.new_tech_category] = [season.new_tech_category, *season.new_tech_words]
    if season.new_honour:
        values["qualifying_honours"].append({"title": [season.new_honour]})
    return campaign_yaml(values)


def season_units(units: list[Unit]) -> list[Unit]:
    """The quota table's units with the season's changed quotas."""
    changes = {(unit, quota): number for unit, quota, number in current().quota_changes}
    return [replace(unit, **{quota: number for (name, quota), number in changes.items() if name == unit.name})
            for unit in units]
