"""Plans a held-out inbox, writes it, and writes its exact truth (same files as samples.generate)."""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from schemas.columns import STUDIO_COLUMNS, SUMMARY_DOC_TYPE

from .. import data
from ..generate import (
    FILE_TRUTH_COLUMNS,
    PLANTED_COLUMNS,
    add_registry_background,
    category_counts,
    draw_unique_base,
    write_csv,
)
from ..problems import Inbox, Planted, derived_problems, draw_unique_studio
from ..records import SUMMARY_FIELDS, OrganisationBook, Studio, base_truth_row, format_value
from ..templates import quota_workbook, registry_workbook
from ..writer import WrittenFile, save_deterministic
from . import base_forms, foreign, materials, studio_forms, summaries
from .values import Writer

CHINESE_ORDINALS = "一二三四五六七八九十"


@dataclass
class UnitPlan:
    unit: data.Unit
    folder: str | None
    label: str  # the unit's name as it writes it in flat file names
    flat_pattern: int
    studio_layout: str
    summary_shape: str
    base_layout: str
    fill_day: int
    layouts: dict[str, str] = field(default_factory=dict)  # studio name → layout
    foreign: list[str] = field(default_factory=list)


@dataclass
class HeldoutInbox:
    inbox: Inbox
    plans: dict[str, UnitPlan]


# --- planning ------------------------------------------------------------------------------------

def choose_units(rng: random.Random, all_units: Sequence[data.Unit], count: int) -> list[data.Unit]:
    """A seeded mix: one or two provincial direct units, two or three industry unions, the rest regional."""
    by_kind: dict[str, list[data.Unit]] = {}
    for unit in all_units:
        by_kind.setdefault("regional" if unit.kind in ("city", "demo_zone") else unit.kind, []).append(unit)
    count = max(3, min(count, len(all_units)))
    direct = rng.sample(by_kind["direct"], min(len(by_kind["direct"]), 1 if count < 8 else rng.randint(1, 2)))
    industry = rng.sample(by_kind["industry"], min(len(by_kind["industry"]), 1 if count < 8 else rng.randint(2, 3)))
    regional = rng.sample(by_kind["regional"], min(len(by_kind["regional"]), count - len(direct) - len(industry)))
    order = {u.name: i for i, u in enumerate(all_units)}
    return sorted([*direct, *industry, *regional], key=lambda u: order[u.name])


def folder_name(rng: random.Random, unit: data.Unit) -> str:
    short = data.unit_short_name(unit.name)
    return rng.choice([unit.name, short, f"{short}推荐材料", f"{unit.name}（创新工作室申报）"])


def plan_units(rng: random.Random, units: list[data.Unit]) -> dict[str, UnitPlan]:
    in_folder = [rng.random() < 0.6 for _ in units]
    in_folder[0] = True
    if len(units) > 1 and all(in_folder):
        in_folder[rng.randrange(1, len(units))] = False
    plans = {}
    for unit, folder in zip(units, in_folder, strict=True):
        plans[unit.name] = UnitPlan(
            unit=unit, folder=folder_name(rng, unit) if folder else None,
            label=rng.choice([unit.name, data.unit_short_name(unit.name)]), flat_pattern=rng.randrange(3),
            studio_layout=rng.choice(studio_forms.LAYOUTS), summary_shape=rng.choice(summaries.STUDIO_SHAPES),
            base_layout=rng.choice(base_forms.LAYOUTS), fill_day=rng.randint(14, 22))
    return plans


def plan_inbox(rng: random.Random, units: list[data.Unit], studios: tuple[int, int],
               bases: tuple[int, int]) -> HeldoutInbox:
    plans = plan_units(rng, units)
    inbox = Inbox(units=units, studios={}, bases={}, book=OrganisationBook(), used_names=set(), used_leaders=set(),
                  folders={u.name: plans[u.name].folder for u in units})
    enterprises: set[str] = set()
    for unit in units:
        total = rng.randint(*studios)
        if unit.kind == "direct":
            total = max(total, 2)
        counts = category_counts(rng, unit, total)
        inbox.studios[unit.name] = [draw_unique_studio(inbox, rng, unit, category)
                                    for category, count in counts.items() for _ in range(count)]
        for studio in inbox.studios[unit.name]:
            studio.patents = max(1, studio.patents)  # a narrative states a patent count; no "0项" sentences
            plan = plans[unit.name]
            plan.layouts[studio.studio_name] = (plan.studio_layout if rng.random() < 0.7
                                                else rng.choice(studio_forms.LAYOUTS))
        count = min(unit.training_base, rng.randint(*bases))
        inbox.bases[unit.name] = [draw_unique_base(inbox, rng, unit, enterprises) for _ in range(count)]
    return HeldoutInbox(inbox, plans)


def plant(held: HeldoutInbox, rng: random.Random) -> None:
    """The only planted problems: one summary row without a form, one or two studios without material,
    and two or three documents of other campaigns."""
    inbox = held.inbox
    regular = [s for s in inbox.all_studios() if inbox.unit(s.recommending_unit).kind != "direct"]
    no_form = rng.choice(regular)
    no_form.has_form = False
    no_form.tainted = True
    inbox.planted.append(Planted("MISSING_FORM", no_form.recommending_unit, no_form.category, no_form.studio_name,
                                 "", "listed in the summary, no form sent (material present)"))
    candidates = [s for s in inbox.all_studios() if not s.tainted]
    for studio in rng.sample(candidates, rng.randint(1, 2)):
        studio.has_material = False
        studio.tainted = True
        inbox.planted.append(Planted("MISSING_MATERIAL", studio.recommending_unit, studio.category,
                                     studio.studio_name, "", "no narrative material sent"))
    hosts = rng.sample(inbox.units, min(len(inbox.units), rng.randint(2, 3)))
    for kind, unit in zip(rng.sample(foreign.KINDS, len(hosts)), hosts, strict=True):
        held.plans[unit.name].foreign.append(kind)
        inbox.planted.append(Planted("UNKNOWN_DOCUMENT", unit.name, "", "", "", f"not ours: {kind}"))


# --- writing ---------------------------------------------------------------------------------------

class UnitFiles:
    """Names and saves one unit's files, in its folder or flat with the unit's name in each name."""

    def __init__(self, inbox_dir: Path, plan: UnitPlan) -> None:
        self.inbox_dir = inbox_dir
        self.plan = plan
        self.directory = inbox_dir / plan.folder if plan.folder else inbox_dir
        self.written: list[WrittenFile] = []

    def name(self, base: str) -> str:
        if not self.plan.folder:
            stem, _, ext = base.rpartition(".")
            label = self.plan.label
            base = [f"{label}-{base}", f"{label}_{base}", f"{stem}（{label}）.{ext}"][self.plan.flat_pattern]
        stem, _, ext = base.rpartition(".")
        candidate, counter = base, 2
        while (self.directory / candidate).exists():
            candidate = f"{stem}({counter}).{ext}"
            counter += 1
        return candidate

    def save(self, document: DocxDocument | Workbook, base: str, doc_type: str) -> None:
        path = self.directory / self.name(base)
        save_deterministic(document, path)
        self.written.append(WrittenFile(path.relative_to(self.inbox_dir).as_posix(), doc_type, self.plan.unit.name))


def summary_names(w: Writer, shape: str, category: str) -> str:
    options = {
        ("grouped", "labor_model_studio"): ["劳模创新工作室推荐名单汇总表.xlsx", "附表1.xlsx", "劳模工作室汇总.xlsx"],
        ("grouped", "worker_studio_tech"): ["职工创新工作室汇总（科技型）.xlsx", "附表2.xlsx",
                                           "汇总表-科技型企业.xlsx"],
        ("grouped", "worker_studio_other"): ["职工创新工作室汇总（其他类型）.xlsx", "附表3.xlsx",
                                            "汇总表-其他企业.xlsx"],
        ("instructed", "labor_model_studio"): ["推荐名单-劳模.xlsx", "工作簿1.xlsx"],
        ("instructed", "worker_studio_tech"): ["推荐名单-职工（科技型）.xlsx", "工作簿2.xlsx"],
        ("instructed", "worker_studio_other"): ["推荐名单-职工（其他）.xlsx", "工作簿3.xlsx"],
        ("sheets", "labor_model_studio"): ["劳模创新工作室推荐名单.xlsx", "劳模.xlsx"],
        ("sheets", "worker_studio_tech"): ["职工创新工作室推荐名单.xlsx", "职工创新工作室.xlsx"],
        ("sheets", "worker_studio_other"): ["职工创新工作室推荐名单.xlsx", "职工创新工作室.xlsx"],
    }
    return w.choice(options[(shape, category)])


def write_unit(w: Writer, held: HeldoutInbox, plan: UnitPlan, inbox_dir: Path) -> list[WrittenFile]:
    inbox = held.inbox
    unit = plan.unit
    files = UnitFiles(inbox_dir, plan)
    studios = inbox.studios[unit.name]
    bases = inbox.bases[unit.name]
    head = summaries.Head(unit_text=studio_forms.unit_text(w, unit.name), contact=data.person_name(w.rng, "女"),
                          contact_phone=w.phone(data.phone(w.rng, data.unit_city(unit))),
                          fill_date=w.choice([f"2021年7月{plan.fill_day}日", f"2021.7.{plan.fill_day}"]))
    # summaries
    sections = [(c, [s for s in studios if s.category == c])
                for c in ("labor_model_studio", "worker_studio_tech", "worker_studio_other")]
    sections = [(c, n) for c, n in sections if n]
    groups: list[list[tuple[str, list[Studio]]]]
    if plan.summary_shape == "sheets":
        labor = [s for s in sections if s[0] == "labor_model_studio"]
        workers = [s for s in sections if s[0] != "labor_model_studio"]
        groups = [g for g in (labor, workers) if g]
    else:
        groups = [[s] for s in sections]
    for group in groups:
        workbook = summaries.studio_workbook(w, plan.summary_shape, group, head)
        files.save(workbook, summary_names(w, plan.summary_shape, group[0][0]), SUMMARY_DOC_TYPE[group[0][0]])
    if bases:
        files.save(summaries.base_workbook(w, bases, head),
                   w.choice(["培训基地推荐名单.xlsx", "附表-培训基地.xlsx", "职工培训基地汇总.xlsx"]),
                   "summary_training_base")
    # forms
    ctx_direct = unit.kind == "direct"
    for index, studio in enumerate([s for s in studios if s.has_form], start=1):
        ctx = studio_forms.FormContext(studio_forms.unit_text(w, unit.name), plan.fill_day, ctx_direct)
        layout = plan.layouts[studio.studio_name]
        name = w.choice([f"{studio.studio_name}推荐表.docx", f"{studio.leader_name}工作室申报表.docx",
                         f"附件6（{index}）.docx", f"{studio.organization}.docx", f"推荐表{index}.docx"])
        files.save(studio_forms.studio_form(w, layout, studio, ctx), name, "studio_form")
    for index, base in enumerate(bases, start=1):
        ctx = studio_forms.FormContext(studio_forms.unit_text(w, unit.name), plan.fill_day, ctx_direct)
        name = w.choice([f"{base.enterprise_name}申报书.docx", "培训基地申报表.docx", f"附件8-{index}.docx"])
        files.save(base_forms.base_form(w, plan.base_layout, base, ctx), name, "training_base_form")
    # materials
    for index, studio in enumerate([s for s in studios if s.has_material], start=1):
        name = w.choice(["附件5.docx" if index == 1 else f"附件5（{index}）.docx", f"申报材料（{index}）.docx",
                         f"{studio.organization}申报材料.docx", f"材料{CHINESE_ORDINALS[index - 1]}.docx"])
        files.save(materials.material(w, w.rng.choice(materials.SHAPES), studio), name, "material")
    # documents of other campaigns
    for kind in plan.foreign:
        city = data.unit_city(unit)
        organisation = (studios[0].organization if studios else data.organisation_name(w.rng, unit))
        if kind == "science":
            code = inbox.book.credit_code(w.rng, organisation, city)
            doc = foreign.science_base_form(w, unit.name, organisation, code, city)
            name = "科普教育基地推荐表.docx"
        elif kind == "collective":
            doc = foreign.collective_form(w, unit.name, organisation, city)
            name = "先进集体推荐表.docx"
        else:
            doc = foreign.cover_letter(w, unit.name, studios, len(bases))
            name = w.choice(["报送函.docx", "关于报送推荐材料的函.docx"])
        files.save(doc, name, "unknown")
    return files.written


# --- truth ---------------------------------------------------------------------------------------

TRUTH_STUDIO_COLUMNS = [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")]


def studio_truth(studio: Studio, layout: str) -> dict[str, str]:
    """What a careful reader copies: the form's value where the form asks for the field, else the summary's."""
    carried = studio_forms.FIELDS[layout] if studio.has_form else frozenset()
    row = {}
    for column in TRUTH_STUDIO_COLUMNS:
        if column == "category":
            row[column] = studio.category
        elif column == "recommending_unit":
            row[column] = studio.recommending_unit
        elif column in carried or column in SUMMARY_FIELDS[studio.category]:
            row[column] = format_value(column, getattr(studio, column))
        else:
            row[column] = ""
    return row


def write_truth(truth_dir: Path, held: HeldoutInbox, files: list[WrittenFile]) -> None:
    inbox = held.inbox
    rows = [studio_truth(s, held.plans[s.recommending_unit].layouts[s.studio_name]) for s in inbox.all_studios()]
    write_csv(truth_dir / "studios.csv", TRUTH_STUDIO_COLUMNS, rows)
    base_rows = [base_truth_row(b) for b in inbox.all_bases()]
    write_csv(truth_dir / "training_bases.csv", list(base_rows[0]) if base_rows else [], base_rows)
    write_csv(truth_dir / "files.csv", FILE_TRUTH_COLUMNS,
              [{"file": f.file, "doc_type": f.doc_type, "recommending_unit": f.recommending_unit} for f in files])
    planted = [*inbox.planted, *derived_problems(inbox)]
    write_csv(truth_dir / "planted.csv", PLANTED_COLUMNS, [p.__dict__ for p in planted])


def generate_heldout(root: Path, *, seed: int = 1, units: int = 12, studios: tuple[int, int] = (2, 5),
                     bases: tuple[int, int] = (0, 2)) -> None:
    rng = random.Random(f"heldout-{seed}")
    all_units = data.load_units()
    held = plan_inbox(rng, choose_units(rng, all_units, units), studios, bases)
    plant(held, rng)
    add_registry_background(held.inbox, rng)
    for directory in ("inbox", "truth"):
        shutil.rmtree(root / directory, ignore_errors=True)
    inbox_dir = root / "inbox"
    inbox_dir.mkdir(parents=True)
    writer = Writer(rng)
    files: list[WrittenFile] = []
    for unit in held.inbox.units:
        files.extend(write_unit(writer, held, held.plans[unit.name], inbox_dir))
    write_truth(root / "truth", held, files)
    save_deterministic(quota_workbook(all_units), root / "quotas.xlsx")
    save_deterministic(registry_workbook(held.inbox.registry), root / "registry.xlsx")

