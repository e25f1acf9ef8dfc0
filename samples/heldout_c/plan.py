"""What family C's inbox is made of: the nominees (drawn with the shared record makers), how each
office lays out its documents, and the few planted problems whose consequences are certain."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .. import data
from ..drift import Drift
from ..generate import plan_inbox, select_units
from ..problems import Inbox, Planted
from ..records import Studio, make_studio

STUDIO_FORM_KINDS = ["word_pairs", "word_lines", "word_blocks", "excel"]
BASE_FORM_KINDS = ["word_nested", "excel_base", "word_lines_base"]
CITY_UNION_FOR_DIRECT = "沈阳市总工会"


@dataclass
class Office:
    """How one recommending unit prepares its submission."""

    unit: data.Unit
    folder: str | None            # top folder in the inbox (None: flat, unit in the file names)
    subfolders: bool              # forms / materials in sub-folders of the unit folder
    self_name: str                # how the unit writes its own name on documents
    studio_form: str
    base_form: str
    forms_in_summary_book: bool   # Excel forms as extra sheets of the studio summary workbook
    tech_other_one_book: bool     # 附件3 and 附件4 as two sheets of one workbook
    instructions_sheet: bool      # a first sheet with only 填表说明
    fill_day: int
    contact: str
    contact_phone: str
    email: str
    strays: list[str] = field(default_factory=list)  # documents that are not ours, by kind


@dataclass
class World:
    inbox: Inbox
    offices: dict[str, Office]
    members: dict[str, list[tuple[str, str, str]]]  # studio name → (name, job, skill) of main members


def folder_name(rng: random.Random, unit: data.Unit) -> str:
    short = data.unit_short_name(unit.name)
    return rng.choice([unit.name, short, f"{short}推荐材料", f"{unit.name}（2021年创新工作室推荐）",
                       f"2021{short}申报材料", f"{short}-劳模和职工创新工作室"])


def self_name(rng: random.Random, unit: data.Unit) -> str:
    return rng.choice([unit.name, unit.name, data.unit_short_name(unit.name)])


def email_for(rng: random.Random) -> str:
    user = "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(rng.randint(4, 7)))
    return f"{user}{rng.randint(10, 99)}@{rng.choice(['163.com', '126.com', 'qq.com', 'sina.com'])}"


def make_offices(rng: random.Random, units: list[data.Unit]) -> dict[str, Office]:
    forms = [STUDIO_FORM_KINDS[i % len(STUDIO_FORM_KINDS)] for i in range(len(units))]
    bases = [BASE_FORM_KINDS[i % len(BASE_FORM_KINDS)] for i in range(len(units))]
    rng.shuffle(forms)
    rng.shuffle(bases)
    flat = [rng.random() < 0.3 for _ in units]
    if len(units) >= 2:
        flat[0] = False
        if not any(flat):
            flat[rng.randrange(1, len(units))] = True
    offices = {}
    for unit, form, base, is_flat in zip(units, forms, bases, flat, strict=True):
        city = data.unit_city(unit)
        offices[unit.name] = Office(
            unit=unit,
            folder=None if is_flat else folder_name(rng, unit),
            subfolders=not is_flat and rng.random() < 0.35,
            self_name=self_name(rng, unit),
            studio_form=form,
            base_form=base,
            forms_in_summary_book=form == "excel" and rng.random() < 0.4,
            tech_other_one_book=rng.random() < 0.3,
            instructions_sheet=rng.random() < 0.2,
            fill_day=rng.randint(9, 22),
            contact=data.person_name(rng, rng.choice("男女")),
            contact_phone=data.phone(rng, city),
            email=email_for(rng),
        )
    return offices


STRAY_KINDS = ["other_campaign_form", "cover_letter_list", "contact_sheet", "honour_form"]


def place_strays(rng: random.Random, offices: dict[str, Office]) -> list[Planted]:
    """Two or three documents that are not ours, in different units."""
    names = list(offices)
    count = min(len(names), rng.randint(2, 3))
    kinds = rng.sample(STRAY_KINDS, count)
    planted = []
    for unit_name, kind in zip(rng.sample(names, count), kinds, strict=True):
        offices[unit_name].strays.append(kind)
        planted.append(Planted("UNKNOWN_DOCUMENT", unit_name, "", "", "", f"not an annex: {kind}"))
    return planted


# --- planted problems (certain consequences only) -----------------------------------------------------


def take(rng: random.Random, studios: list[Studio], accept) -> Studio | None:  # type: ignore[no-untyped-def]
    candidates = [s for s in studios if not s.tainted and accept(s)]
    if not candidates:
        return None
    chosen = rng.choice(candidates)
    chosen.tainted = True
    return chosen


def row(code: str, studio: Studio, field_name: str, note: str) -> Planted:
    return Planted(code, studio.recommending_unit, studio.category, studio.studio_name, field_name, note)


def plant(inbox: Inbox, rng: random.Random) -> None:
    studios = inbox.all_studios()
    kinds = {u.name: u.kind for u in inbox.units}
    missing_form = take(rng, studios, lambda s: kinds[s.recommending_unit] != "direct")
    if missing_form:
        missing_form.has_form = False
        inbox.planted.append(row("MISSING_FORM", missing_form, "", "summary row, material sent, no form"))
    for _ in range(rng.randint(1, 2)):
        studio = take(rng, studios, lambda s: True)
        if studio:
            studio.has_material = False
            inbox.planted.append(row("MISSING_MATERIAL", studio, "", "no narrative material sent"))
    mismatch = take(rng, studios, lambda s: s.has_form and s.has_material and s.team_size is not None)
    if mismatch:
        if mismatch.patents >= 2 and rng.random() < 0.5:
            told = mismatch.patents + rng.randint(3, 8)
            mismatch.narrative_overrides["patents"] = told
            inbox.planted.append(row("NARRATIVE_MISMATCH", mismatch, "patents",
                                     f"form {mismatch.patents} patents, material {told}"))
        else:
            told = int(mismatch.team_size or 0) + rng.randint(4, 9)
            mismatch.narrative_overrides["team_size"] = told
            inbox.planted.append(row("NARRATIVE_MISMATCH", mismatch, "team_size",
                                     f"form {mismatch.team_size} members, material {told}"))


# --- registry and member lists -------------------------------------------------------------------------


def registry_background(inbox: Inbox, rng: random.Random) -> None:
    """Studios named in earlier years; none of them is nominated again."""
    for _ in range(7):
        unit = rng.choice(inbox.units)
        category = rng.choice(["labor_model_studio", "worker_studio_tech", "worker_studio_other"])
        for _ in range(100):
            studio = make_studio(rng, unit, category, inbox.book)
            if studio.studio_name not in inbox.used_names and studio.leader_name not in inbox.used_leaders:
                break
        inbox.used_names.add(studio.studio_name)
        inbox.used_leaders.add(studio.leader_name)
        kind = "劳模创新工作室" if category == "labor_model_studio" else "职工创新工作室"
        inbox.registry.append((rng.randint(2015, 2020), kind, studio.studio_name, studio.organization,
                               studio.leader_name))
    inbox.registry.sort()


MEMBER_JOBS = ["技术员", "班组长", "工程师", "操作工", "质检员", "工艺员", "维修工", "助理工程师"]
MEMBER_SKILLS = ["高级工", "技师", "高级技师", "中级工", "/"]


def draw_members(inbox: Inbox, rng: random.Random) -> dict[str, list[tuple[str, str, str]]]:
    taken = set(inbox.used_leaders)
    members: dict[str, list[tuple[str, str, str]]] = {}
    for studio in inbox.all_studios():
        people = []
        for _ in range(min(int(studio.team_size or 5), rng.randint(4, 6))):
            for _ in range(50):
                name = data.person_name(rng, "男" if rng.random() < 0.7 else "女")
                if name not in taken:
                    break
            taken.add(name)
            people.append((name, rng.choice(MEMBER_JOBS), rng.choice(MEMBER_SKILLS)))
        members[studio.studio_name] = people
    return members


def build_world(seed: int, units: int | None) -> tuple[World, list[data.Unit], random.Random]:
    rng = random.Random(f"heldout-c:{seed}")
    all_units = data.load_units()
    chosen = select_units(all_units, units)
    # plan_inbox draws the nominees; its folder choice is replaced by the offices' own.
    inbox = plan_inbox(rng, Drift(rng), chosen, (2, 5), (1, 2))
    offices = make_offices(rng, inbox.units)
    for name, office in offices.items():
        inbox.folders[name] = office.folder
    plant(inbox, rng)
    inbox.planted.extend(place_strays(rng, offices))
    registry_background(inbox, rng)
    members = draw_members(inbox, rng)
    return World(inbox=inbox, offices=offices, members=members), all_units, rng
