"""Planted problems: each planter picks a clean nominee (or unit), breaks it, and records why.

Every planter returns the `Planted` rows it is responsible for, or nothing when the inbox
is too small to host it. Nominees touched by a planter are marked `tainted` so that no two
problems land on the same nominee by accident.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from . import data
from .records import OrganisationBook, Studio, TrainingBase, make_studio
from .season import year


@dataclass(frozen=True)
class Planted:
    code: str
    recommending_unit: str
    category: str
    entity: str
    field: str
    note: str


@dataclass
class Inbox:
    """Everything a generated inbox is made of, before it is written to disk."""

    units: list[data.Unit]
    studios: dict[str, list[Studio]]
    bases: dict[str, list[TrainingBase]]
    book: OrganisationBook
    used_names: set[str]
    used_leaders: set[str]
    folders: dict[str, str | None]  # unit → folder name (None: flat in the inbox root)
    registry: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    planted: list[Planted] = field(default_factory=list)
    late_summaries: set[tuple[str, str]] = field(default_factory=set)  # (unit, category)
    wrong_totals: set[tuple[str, str]] = field(default_factory=set)
    duplicated_material: Studio | None = None
    cover_letter_unit: str | None = None
    corrupt_file_unit: str | None = None

    def all_studios(self) -> list[Studio]:
        return [s for unit in self.units for s in self.studios[unit.name]]

    def all_bases(self) -> list[TrainingBase]:
        return [b for unit in self.units for b in self.bases[unit.name]]

    def unit(self, name: str) -> data.Unit:
        return next(u for u in self.units if u.name == name)


def take_studio(inbox: Inbox, rng: random.Random, accept: Callable[[Studio], bool]) -> Studio | None:
    candidates = [s for s in inbox.all_studios() if not s.tainted and accept(s)]
    if not candidates:
        return None
    chosen = rng.choice(candidates)
    chosen.tainted = True
    return chosen


def take_base(inbox: Inbox, rng: random.Random) -> TrainingBase | None:
    candidates = [b for b in inbox.all_bases() if not b.tainted]
    if not candidates:
        return None
    chosen = rng.choice(candidates)
    chosen.tainted = True
    return chosen


def unique_name(inbox: Inbox, rng: random.Random, make: Callable[[str], str]) -> str:
    for _ in range(50):
        name = make(rng.choice(data.SPECIALTIES))
        if name not in inbox.used_names:
            inbox.used_names.add(name)
            return name
    raise RuntimeError("ran out of studio names")


def studio_row(code: str, studio: Studio, field_name: str, note: str) -> list[Planted]:
    return [Planted(code, studio.recommending_unit, studio.category, studio.studio_name, field_name, note)]


def is_worker(studio: Studio) -> bool:
    return studio.category != "labor_model_studio"


def is_tech(studio: Studio) -> bool:
    return studio.category == "worker_studio_tech"


def is_labor(studio: Studio) -> bool:
    return studio.category == "labor_model_studio"


# --- planters on one studio -----------------------------------------------------------------


def plant_missing_form(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_tech)
    if not studio:
        return []
    studio.has_form = False
    return studio_row("MISSING_FORM", studio, "", "listed in the summary, no 附件6 form sent (material present)")


def plant_not_in_summary(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_worker)
    if not studio:
        return []
    studio.in_summary = False
    return studio_row("NOT_IN_SUMMARY", studio, "", "form and material sent, the unit's summary omits it")


def plant_recent_establishment(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: True)
    if not studio:
        return []
    studio.established = (year(2021), 1, rng.randint(1, 28))
    return studio_row("OPERATION_UNDER_1_YEAR", studio, "established", f"established {year(2021)}-01")


def plant_invalid_credit_code(inbox: Inbox, rng: random.Random) -> list[Planted]:
    base = take_base(inbox, rng)
    if not base:
        return []
    base.credit_code = data.corrupt_credit_code(base.credit_code)
    return [Planted("INVALID_CREDIT_CODE", base.recommending_unit, "training_base", base.enterprise_name,
                    "credit_code", f"check character wrong: {base.credit_code}")]


def plant_category_mismatch(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_tech)
    if not studio:
        return []
    studio.ticked_category = "worker_studio_other"
    return studio_row("CATEGORY_MISMATCH", studio, "category",
                      "listed in 附件3 (tech), form ticks 职工创新工作室（其他类型企业）")


def plant_summary_form_mismatch(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: True)
    if not studio or studio.team_size is None:
        return []
    studio.summary_overrides["team_size"] = studio.team_size + rng.randint(2, 6)
    return studio_row("SUMMARY_FORM_MISMATCH", studio, "team_size",
                      f"form {studio.team_size}, summary {studio.summary_overrides['team_size']}")


def plant_unqualified_leader(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_labor)
    if not studio:
        return []
    studio.leader_honors = f"{rng.randint(year(2015), year(2020))}年{studio.city}市五一劳动奖章"
    return studio_row("LEADER_NOT_QUALIFIED", studio, "leader_honors", "only a city-level 五一劳动奖章")


def plant_missing_skill(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_worker)
    if not studio:
        return []
    studio.leader_skill_level = ""
    studio.leader_title = ""
    studio.leader_honors = rng.choice(["", f"{rng.randint(year(2015), year(2020))}年度先进生产者"])
    return studio_row("LEADER_SKILL_MISSING", studio, "leader_skill_level", "no skill level, no title")


def plant_established_unit(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_worker)
    if not studio:
        return []
    studio.studio_name = unique_name(inbox, rng, lambda specialty: f"{specialty}技术中心")
    return studio_row("ESTABLISHED_UNIT_NOT_ELIGIBLE", studio, "studio_name", "named 技术中心")


def plant_already_named(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_labor)
    if not studio:
        return []
    inbox.registry.append((rng.randint(year(2017), year(2020)), "劳模创新工作室", studio.studio_name,
                           studio.organization, studio.leader_name))
    return studio_row("ALREADY_NAMED", studio, "studio_name", "in the registry as 劳模创新工作室")


def plant_upgrade(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_labor)
    if not studio:
        return []
    inbox.registry.append((rng.randint(year(2016), year(2020)), "职工创新工作室", f"{studio.leader_name}职工创新工作室",
                           studio.organization, studio.leader_name))
    return studio_row("UPGRADE_FROM_WORKER_STUDIO", studio, "studio_name",
                      "same leader and organisation named 职工创新工作室 before (allowed, info)")


def plant_not_tech(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, is_tech)
    if not studio:
        return []
    studio.tech_category = []
    return studio_row("NOT_TECH_ENTERPRISE", studio, "tech_category", "科技型企业类别 left empty / 无")


def plant_training_system(inbox: Inbox, rng: random.Random) -> list[Planted]:
    base = take_base(inbox, rng)
    if not base:
        return []
    setattr(base, rng.choice(["has_incentives", "has_followup_service", "has_training_records"]), False)
    return [Planted("TRAINING_SYSTEM_INCOMPLETE", base.recommending_unit, "training_base", base.enterprise_name,
                    "training_system", "only two of the three boxes ticked")]


def plant_joint_missing(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: inbox.unit(s.recommending_unit).kind == "direct")
    if not studio:
        return []
    studio.city_union_opinion = False
    return studio_row("JOINT_RECOMMENDATION_MISSING", studio, "city_union_opinion", "市总工会意见 left blank")


def plant_missing_field(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: True)
    if not studio:
        return []
    studio.team_size = None
    return studio_row("MISSING_FIELD", studio, "team_size", "团队人数 empty on form and summary")


def plant_invalid_phone(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: True)
    if not studio:
        return []
    studio.leader_phone = data.mobile_phone(rng)[:10]
    return studio_row("INVALID_PHONE", studio, "leader_phone", f"10-digit number {studio.leader_phone}")


def plant_narrative_mismatch(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: s.has_form and s.team_size is not None)
    if not studio or studio.team_size is None:
        return []
    studio.narrative_overrides["team_size"] = studio.team_size + rng.randint(3, 9)
    return studio_row("NARRATIVE_MISMATCH", studio, "team_size",
                      f"form {studio.team_size}, narrative {studio.narrative_overrides['team_size']}")


def plant_missing_material(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: True)
    if not studio:
        return []
    studio.has_material = False
    return studio_row("MISSING_MATERIAL", studio, "", "no narrative material sent")


# --- planters across nominees or units ----------------------------------------------------------


def worker_room(inbox: Inbox, unit: data.Unit) -> int:
    return unit.worker_studio - sum(1 for s in inbox.studios[unit.name] if is_worker(s))


def plant_duplicate_recommendation(inbox: Inbox, rng: random.Random) -> list[Planted]:
    source = take_studio(inbox, rng, is_worker)
    if not source:
        return []
    hosts = [u for u in inbox.units if u.name != source.recommending_unit and worker_room(inbox, u) > 0]
    if not hosts:
        return []
    host = rng.choice(hosts)
    twin = copy.deepcopy(source)
    twin.recommending_unit = host.name
    twin.city_union_opinion = host.kind == "direct"
    inbox.studios[host.name].append(twin)
    return [Planted("DUPLICATE_RECOMMENDATION", host.name, twin.category, twin.studio_name, "studio_name",
                    f"also nominated by {source.recommending_unit}")]


def plant_duplicate_leader(inbox: Inbox, rng: random.Random) -> list[Planted]:
    first = take_studio(inbox, rng, lambda s: True)
    second = take_studio(inbox, rng, lambda s: is_worker(s) and s is not first)
    if not first or not second:
        return []
    second.leader_name, second.leader_gender = first.leader_name, first.leader_gender
    second.leader_birth, second.leader_phone = first.leader_birth, first.leader_phone
    second.studio_name = unique_name(inbox, rng, lambda specialty: f"{specialty}职工创新工作室")
    return [Planted("DUPLICATE_LEADER", second.recommending_unit, second.category, second.studio_name, "leader_name",
                    f"{first.leader_name} also leads {first.studio_name} ({first.recommending_unit})")]


def plant_quota_exceeded(inbox: Inbox, rng: random.Random) -> list[Planted]:
    units = [u for u in inbox.units if u.labor_model_studio == 1] or inbox.units
    unit = rng.choice(units)
    while sum(1 for s in inbox.studios[unit.name] if is_labor(s)) <= unit.labor_model_studio:
        studio = draw_unique_studio(inbox, rng, unit, "labor_model_studio")
        studio.tainted = True
        inbox.studios[unit.name].append(studio)
    return [Planted("QUOTA_EXCEEDED", unit.name, "labor_model_studio", "", "",
                    f"{unit.labor_model_studio + 1} labor-model studios, quota {unit.labor_model_studio}")]


def plant_late_submission(inbox: Inbox, rng: random.Random) -> list[Planted]:
    options = [(s.recommending_unit, s.category) for s in inbox.all_studios() if s.in_summary]
    if not options:
        return []
    unit, category = rng.choice(sorted(set(options)))
    inbox.late_summaries.add((unit, category))
    return [Planted("LATE_SUBMISSION", unit, category, "", "fill_date", f"summary 填报日期 {year(2021)}年7月28日")]


def plant_total_mismatch(inbox: Inbox, rng: random.Random) -> list[Planted]:
    options = sorted({(s.recommending_unit, s.category) for s in inbox.all_studios()
                      if s.in_summary and (s.recommending_unit, s.category) not in inbox.late_summaries})
    if not options:
        return []
    unit, category = rng.choice(options)
    inbox.wrong_totals.add((unit, category))
    return [Planted("TOTAL_MISMATCH", unit, category, "", "team_size", "合计 row team size off by 7")]


def folder_units(inbox: Inbox) -> list[str]:
    return [u.name for u in inbox.units if inbox.folders[u.name]] or [inbox.units[0].name]


def plant_duplicate_file(inbox: Inbox, rng: random.Random) -> list[Planted]:
    studio = take_studio(inbox, rng, lambda s: s.has_material)
    if not studio:
        return []
    inbox.duplicated_material = studio
    return [Planted("DUPLICATE_FILE", studio.recommending_unit, studio.category, "", "",
                    f"byte-identical copy of the material of {studio.studio_name}")]


def plant_cover_letter(inbox: Inbox, rng: random.Random) -> list[Planted]:
    inbox.cover_letter_unit = rng.choice(folder_units(inbox))
    return [Planted("UNKNOWN_DOCUMENT", inbox.cover_letter_unit, "", "", "", "cover letter 关于推荐…的函")]


def plant_corrupt_file(inbox: Inbox, rng: random.Random) -> list[Planted]:
    inbox.corrupt_file_unit = rng.choice(folder_units(inbox))
    return [Planted("UNREADABLE_FILE", inbox.corrupt_file_unit, "", "", "", "random bytes named .docx")]


# --- drawing nominees without accidental duplicates --------------------------------------------------


def draw_unique_studio(inbox: Inbox, rng: random.Random, unit: data.Unit, category: str) -> Studio:
    for _ in range(100):
        studio = make_studio(rng, unit, category, inbox.book)
        if studio.studio_name not in inbox.used_names and studio.leader_name not in inbox.used_leaders:
            inbox.used_names.add(studio.studio_name)
            inbox.used_leaders.add(studio.leader_name)
            return studio
    raise RuntimeError("could not draw a unique studio")


PLANTERS: list[Callable[[Inbox, random.Random], list[Planted]]] = [
    plant_missing_form, plant_not_in_summary, plant_recent_establishment, plant_invalid_credit_code,
    plant_category_mismatch, plant_summary_form_mismatch, plant_unqualified_leader, plant_missing_skill,
    plant_quota_exceeded, plant_late_submission, plant_total_mismatch, plant_duplicate_file, plant_cover_letter,
    plant_corrupt_file, plant_narrative_mismatch, plant_missing_material, plant_duplicate_recommendation,
    plant_duplicate_leader, plant_joint_missing, plant_already_named, plant_upgrade, plant_not_tech,
    plant_training_system, plant_established_unit, plant_missing_field, plant_invalid_phone,
]


def plant_all(inbox: Inbox, rng: random.Random) -> None:
    for planter in PLANTERS:
        inbox.planted.extend(planter(inbox, rng))


# --- consequences that follow from the data (recorded so that the truth is exact) ----------------------


def derived_problems(inbox: Inbox) -> list[Planted]:
    rows: list[Planted] = []
    already = {(p.code, p.recommending_unit, p.category) for p in inbox.planted}
    for unit in inbox.units:
        studios = inbox.studios[unit.name]
        truth_category = [s.category if s.in_summary else s.form_category for s in studios]
        tech = truth_category.count("worker_studio_tech")
        workers = sum(1 for c in truth_category if c != "labor_model_studio")
        counts = {"labor_model_studio": (truth_category.count("labor_model_studio"), unit.labor_model_studio),
                  "worker_studio_tech": (workers, unit.worker_studio),
                  "training_base": (len(inbox.bases[unit.name]), unit.training_base)}
        for category, (used, quota) in counts.items():
            if used > quota and ("QUOTA_EXCEEDED", unit.name, category) not in already:
                rows.append(Planted("QUOTA_EXCEEDED", unit.name, category, "", "", f"{used} nominated, quota {quota}"))
        if tech < unit.worker_studio_tech_min:
            rows.append(Planted("TECH_SHARE_BELOW_QUOTA", unit.name, "worker_studio_tech", "", "",
                                f"derived: {tech} tech worker studios, 其中 {unit.worker_studio_tech_min}"))
    return rows
