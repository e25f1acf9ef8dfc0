"""Who sends what: the nominees (drawn with the shared records), the offices' habits, and the few
certain problems family D plants."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .. import data
from ..drift import Drift
from ..generate import plan_inbox, select_units
from ..problems import Inbox, Planted, draw_unique_studio, take_studio
from ..records import Studio
from ..season import season_units, year
from .wording import Voice

STUDIO_STYLES = {   # form layout → category presentations it is seen with
    "grouped": ["yesno", "inline"],
    "centred": ["column", "title"],
    "booklet": ["tworow", "column"],
    "split": ["title", "inline"],
}
BASE_STYLES = ["block", "combined"]
SUMMARY_STYLES = ["twolevel", "bycompany", "reordered"]
MATERIAL_STYLES = ["headed", "story", "report"]
STRAY_KINDS = ["other_campaign", "cover_letter", "photo"]


@dataclass
class Office:
    """One recommending unit's office: its name for itself, where it puts files, its habits."""

    unit: data.Unit
    folder: str | None
    self_name: str
    file_tag: str
    voice: Voice
    studio_style: str
    category_style: str
    base_style: str
    summary_style: str
    material_style: str
    bundle_forms: bool
    vertical_groups: bool
    fill_day: int
    clerk: str
    clerk_phone: str
    strays: list[str] = field(default_factory=list)

    @property
    def direct(self) -> bool:
        return self.unit.kind == "direct"

    def fill_date(self) -> str:
        return f"{year(2021)}年7月{self.fill_day}日"


@dataclass
class World:
    inbox: Inbox
    offices: list[Office]
    all_units: list[data.Unit]
    narrative_field: dict[str, str] = field(default_factory=dict)   # studio name → field that disagrees


def self_names(unit: data.Unit) -> list[str]:
    """How a unit writes its own name on its documents."""
    name = unit.name
    if unit.kind == "city":
        return [name, name, f"{name[:-2]}"]               # 大连市总工会 / 大连市总
    if name.startswith("省"):
        return [name, "辽宁" + name]
    return [name]


def folder_names(unit: data.Unit) -> list[str]:
    name = unit.name
    names = [name, f"{name}推荐材料", f"{name}（工作室推荐）"]
    if name.startswith("省"):
        names += ["辽宁" + name, f"辽宁{name}报送"]
    if unit.kind == "city":
        names += [name[:-2], f"{name[:-2]}-创新工作室"]
    return names


def file_tags(unit: data.Unit) -> list[str]:
    name = unit.name
    tags = [name, f"【{name}】"]
    if unit.kind == "city":
        tags += [name[:-4], f"【{name[:-4]}】"]            # 大连 / 【大连】
    elif name.startswith("省"):
        tags.append("辽宁" + name)
    return tags


def make_office(rng: random.Random, unit: data.Unit, in_folder: bool) -> Office:
    studio_style = rng.choice(sorted(STUDIO_STYLES))
    return Office(
        unit=unit,
        folder=rng.choice(folder_names(unit)) if in_folder else None,
        self_name=rng.choice(self_names(unit)),
        file_tag=rng.choice(file_tags(unit)),
        voice=Voice(rng),
        studio_style=studio_style,
        category_style=rng.choice(STUDIO_STYLES[studio_style]),
        base_style=rng.choice(BASE_STYLES),
        summary_style=rng.choice(SUMMARY_STYLES),
        material_style=rng.choice(MATERIAL_STYLES),
        bundle_forms=rng.random() < 0.2,
        vertical_groups=rng.random() < 0.5,
        fill_day=rng.randint(8, 22),
        clerk=data.person_name(rng, rng.choice("男女")),
        clerk_phone=data.phone(rng, data.unit_city(unit)),
    )


def build_world(seed: int, units: int | None) -> World:
    rng = random.Random(f"family-d/{seed}")
    all_units = season_units(data.load_units())
    chosen = select_units(all_units, units)
    inbox = plan_inbox(rng, Drift(rng), chosen, (2, 5), (0, 2))
    in_folder = [rng.random() < 0.6 for _ in chosen]
    if len(chosen) >= 2:   # both layouts in every inbox
        in_folder[0], in_folder[-1] = True, False
    offices = [make_office(rng, unit, folder) for unit, folder in zip(chosen, in_folder, strict=True)]
    inbox.folders = {o.unit.name: o.folder for o in offices}
    _fold_styles(rng, offices)
    world = World(inbox, offices, all_units)
    plant(world, rng)
    add_registry(inbox, rng)
    return world


def _fold_styles(rng: random.Random, offices: list[Office]) -> None:
    """Every studio-form layout, summary layout and material style appears in an inbox of 4+ units."""
    if len(offices) < 4:
        return
    for attribute, pool in (("studio_style", sorted(STUDIO_STYLES)), ("summary_style", SUMMARY_STYLES),
                            ("material_style", MATERIAL_STYLES), ("base_style", BASE_STYLES)):
        order = rng.sample(range(len(offices)), len(offices))
        for style, index in zip(pool, order, strict=False):
            setattr(offices[index], attribute, style)
    for office in offices:
        if office.category_style not in STUDIO_STYLES[office.studio_style]:
            office.category_style = rng.choice(STUDIO_STYLES[office.studio_style])


# --- planted problems ----------------------------------------------------------------------------


def _row(code: str, studio: Studio, field_name: str, note: str) -> Planted:
    return Planted(code, studio.recommending_unit, studio.category, studio.studio_name, field_name, note)


def plant(world: World, rng: random.Random) -> None:
    inbox = world.inbox
    direct = {o.unit.name for o in world.offices if o.direct}
    missing_form = take_studio(inbox, rng, lambda s: s.recommending_unit not in direct)
    if missing_form:
        missing_form.has_form = False
        inbox.planted.append(_row("MISSING_FORM", missing_form, "",
                                  "listed in the summary; no form sent, only the narrative material"))
    for _ in range(rng.randint(1, 2)):
        studio = take_studio(inbox, rng, lambda s: s.has_form)
        if studio:
            studio.has_material = False
            inbox.planted.append(_row("MISSING_MATERIAL", studio, "", "form and summary row, no narrative"))
    studio = take_studio(inbox, rng, lambda s: s.has_form and s.has_material and s.team_size is not None)
    if studio and studio.team_size is not None:
        field_name = rng.choice(["team_size", "patents"])
        current = getattr(studio, field_name)
        told = current + rng.randint(3, 8)
        studio.narrative_overrides[field_name] = told
        world.narrative_field[studio.studio_name] = field_name
        inbox.planted.append(_row("NARRATIVE_MISMATCH", studio, field_name, f"form {current}, narrative {told}"))
    kinds = rng.sample(STRAY_KINDS, rng.randint(2, 3))
    hosts = rng.sample(world.offices, min(len(kinds), len(world.offices)))
    for kind, office in zip(kinds, hosts, strict=False):
        office.strays.append(kind)
        note = {"other_campaign": "another campaign's recommendation form",
                "cover_letter": "cover letter listing the unit's nominees",
                "photo": "a docx holding only a photo of a stamped page"}[kind]
        inbox.planted.append(Planted("UNKNOWN_DOCUMENT", office.unit.name, "", "", "", note))


def add_registry(inbox: Inbox, rng: random.Random) -> None:
    """Studios named in earlier years, none of them this year's nominees."""
    for _ in range(7):
        unit = rng.choice(inbox.units)
        category = rng.choice(["labor_model_studio", "worker_studio_tech", "worker_studio_other"])
        studio = draw_unique_studio(inbox, rng, unit, category)
        kind = "劳模创新工作室" if category == "labor_model_studio" else "职工创新工作室"
        inbox.registry.append((rng.randint(year(2015), year(2020)), kind, studio.studio_name,
                               studio.organization, studio.leader_name))
    inbox.registry.sort()
