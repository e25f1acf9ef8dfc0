"""The one computation of quota use: per unit and province-wide, over and under, per quota group.

The quota table (附件1) gives each unit, per group, a maximum (劳模创新工作室, 职工创新工作室 counted
together, 培训基地) and one minimum (其中：科技型企业, at least that many of its worker studios).
`compute` turns nominee counts and the quota table into `UnitQuota` rows; `usage_rows` writes
them as `RunResult.quota_usage` (`pipeline.results.QUOTA_USAGE_COLUMNS`) and `from_usage` reads
that frame back, so the report, the master list and the letters all show the same figures.
`province` adds them up: what the quota table allots (its 合计), what was nominated, how many
over or short, next to the notice's own province-wide targets (`ProvinceTargets`), which are
shown as such and never mixed into the sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from schemas.campaign import ProvinceTargets
from schemas.units import Quota, unit_kind

# quota groups: (key, label, the quota is a minimum)
GROUPS: list[tuple[str, str, bool]] = [
    ("labor_model", "劳模创新工作室", False),
    ("worker_studio", "职工创新工作室", False),
    ("worker_studio_tech", "其中：科技型企业", True),
    ("training_base", "职工职业技能培训基地", False),
]
GROUP_LABELS = {key: label for key, label, _ in GROUPS}
# the categories counted in each group
GROUP_CATEGORIES = {
    "labor_model": ("labor_model_studio",),
    "worker_studio": ("worker_studio_tech", "worker_studio_other"),
    "worker_studio_tech": ("worker_studio_tech",),
    "training_base": ("training_base",),
}
QUOTA_FIELD = {"labor_model": "labor_model_studio", "worker_studio": "worker_studio",
               "worker_studio_tech": "worker_studio_tech_min", "training_base": "training_base"}


@dataclass(frozen=True, slots=True)
class Allowance:
    """One unit's quota in one group and what it nominated there."""
    quota: int
    nominated: int
    minimum: bool = False  # True: the quota is a floor (其中科技型企业 at least that many)

    @property
    def over(self) -> int:
        """Nominated beyond a maximum (0 for a minimum)."""
        return 0 if self.minimum else max(0, self.nominated - self.quota)

    @property
    def short(self) -> int:
        """Missing to reach a minimum (0 for a maximum)."""
        return max(0, self.quota - self.nominated) if self.minimum else 0

    @property
    def unused(self) -> int:
        """Places of a maximum not used."""
        return 0 if self.minimum else max(0, self.quota - self.nominated)

    def status(self) -> str:
        """`超出1个`, `差2个`, or `` when within the quota."""
        if self.over:
            return f"超出{self.over}个"
        return f"差{self.short}个" if self.short else ""


@dataclass(frozen=True, slots=True)
class UnitQuota:
    unit: str
    kind: str
    listed: bool                                  # the unit is in the quota table
    allowances: dict[str, Allowance]              # group key -> allowance
    nominated: dict[str, int] = field(default_factory=dict)  # category -> nominees

    @property
    def total(self) -> int:
        return sum(self.nominated.values())

    def problems(self) -> list[str]:
        """`劳模创新工作室超出1个`, `其中：科技型企业差2个` … (empty when all is within quota)."""
        return [f"{GROUP_LABELS[key]}{a.status()}" for key, a in self.allowances.items() if a.status()]


@dataclass(frozen=True, slots=True)
class GroupTotal:
    allotted: int        # sum of the quota table's numbers (its 合计)
    nominated: int
    over: int            # sum of the units' overs
    units_over: int
    short: int           # sum of the units' shortfalls (minimum groups)
    units_short: int


@dataclass(frozen=True, slots=True)
class ProvinceQuota:
    groups: dict[str, GroupTotal]
    nominated: dict[str, int]            # category -> nominees, all units
    targets: ProvinceTargets

    def target(self, key: str) -> int:
        """The notice's province-wide number for a group (for 其中科技型: `more than` this)."""
        return {"labor_model": self.targets.labor_model_studio, "worker_studio": self.targets.worker_studio,
                "worker_studio_tech": self.targets.worker_studio_tech_more_than,
                "training_base": self.targets.training_base}[key]

    def target_text(self, key: str) -> str:
        number = self.target(key)
        return f"多于{number}个" if key == "worker_studio_tech" else f"{number}个"


def compute(counts: Mapping[tuple[str, str], int], quotas: Sequence[Quota]) -> list[UnitQuota]:
    """One row per unit of the quota table (in its order), then per other unit that nominated
    (`` for nominees whose unit is unknown), with quotas 0."""
    known = {q.unit for q in quotas}
    extra = sorted({unit for (unit, _), count in counts.items() if unit not in known and count})
    rows = [_unit(q, True, counts) for q in quotas]
    rows += [_unit(Quota(u, unit_kind(u) if u else "", 0, 0, 0, 0), False, counts)
             for u in sorted(extra, key=lambda u: (not u, u))]
    return rows


def _unit(quota: Quota, listed: bool, counts: Mapping[tuple[str, str], int]) -> UnitQuota:
    nominated = {c: int(counts.get((quota.unit, c), 0))
                 for c in ("labor_model_studio", "worker_studio_tech", "worker_studio_other", "training_base")}
    allowances = {key: Allowance(int(getattr(quota, QUOTA_FIELD[key])),
                                 sum(nominated[c] for c in GROUP_CATEGORIES[key]), minimum)
                  for key, _, minimum in GROUPS}
    return UnitQuota(quota.unit, quota.kind, listed, allowances, nominated)


def province(units: Sequence[UnitQuota], targets: ProvinceTargets) -> ProvinceQuota:
    groups = {}
    for key, _, _ in GROUPS:
        allowances = [u.allowances[key] for u in units]
        groups[key] = GroupTotal(
            allotted=sum(a.quota for u, a in zip(units, allowances, strict=True) if u.listed),
            nominated=sum(a.nominated for a in allowances),
            over=sum(a.over for a in allowances), units_over=sum(1 for a in allowances if a.over),
            short=sum(a.short for a in allowances), units_short=sum(1 for a in allowances if a.short))
    nominated = {c: sum(u.nominated.get(c, 0) for u in units)
                 for c in ("labor_model_studio", "worker_studio_tech", "worker_studio_other", "training_base")}
    return ProvinceQuota(groups, nominated, targets)


# --- RunResult.quota_usage ----------------------------------------------------------------------

def usage_rows(units: Sequence[UnitQuota]) -> list[dict[str, object]]:
    rows = []
    for unit in units:
        row: dict[str, object] = {"unit": unit.unit, "kind": unit.kind, "in_quota_table": unit.listed}
        for key, _, minimum in GROUPS:
            allowance = unit.allowances[key]
            quota_column = f"{key}_min" if minimum else f"{key}_quota"
            row[quota_column], row[f"{key}_nominated"] = allowance.quota, allowance.nominated
            row[f"{key}_short" if minimum else f"{key}_over"] = allowance.short if minimum else allowance.over
        row["worker_studio_other_nominated"] = unit.nominated.get("worker_studio_other", 0)
        rows.append(row)
    return rows


def from_usage(frame: pd.DataFrame) -> list[UnitQuota]:
    """The rows of `RunResult.quota_usage` back as `UnitQuota` (over/short recomputed, not read)."""
    units = []
    for record in frame.to_dict("records"):
        def number(column: str, record: dict = record) -> int:
            value = record.get(column)
            return 0 if value is None or pd.isna(value) else int(float(value))

        allowances = {}
        for key, _, minimum in GROUPS:
            quota_column = f"{key}_min" if minimum else f"{key}_quota"
            allowances[key] = Allowance(number(quota_column), number(f"{key}_nominated"), minimum)
        tech = allowances["worker_studio_tech"].nominated
        other = (number("worker_studio_other_nominated") if "worker_studio_other_nominated" in record
                 else max(0, allowances["worker_studio"].nominated - tech))
        nominated = {"labor_model_studio": allowances["labor_model"].nominated, "worker_studio_tech": tech,
                     "worker_studio_other": other, "training_base": allowances["training_base"].nominated}
        listed = record.get("in_quota_table")
        units.append(UnitQuota(str(record.get("unit") or ""), str(record.get("kind") or ""),
                               True if listed is None or pd.isna(listed) else bool(listed), allowances, nominated))
    return units

