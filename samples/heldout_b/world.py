"""Plan a family-B inbox, plant its certain problems, write it, and write its exact truth."""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from schemas.columns import STUDIO_COLUMNS, SUMMARY_DOC_TYPE, TRAINING_BASE_COLUMNS

from .. import data
from ..drift import Drift
from ..generate import plan_inbox, select_units, write_csv
from ..problems import Inbox, Planted, derived_problems, draw_unique_studio
from ..records import Studio, TrainingBase, format_value
from ..templates import quota_workbook, registry_workbook
from ..writer import save_deterministic
from . import strays
from .context import MARK_STYLES, UnitStyle, self_names
from .forms_base import BASE_FORM_CARRIES, base_form_document
from .forms_studio import FORM_CARRIES, studio_forms_document
from .narratives import material_document
from .workbooks import (
    BASE_SUMMARY_CARRIES,
    SUMMARY_CARRIES,
    s1_workbook,
    s2_workbook,
    s3_workbook,
    t1_workbook,
    t2_workbook,
)

STUDIO_CATEGORIES = ["labor_model_studio", "worker_studio_tech", "worker_studio_other"]
PLANTED_COLUMNS = ["code", "recommending_unit", "category", "entity", "field", "note"]
FILE_TRUTH_COLUMNS = ["file", "doc_type", "recommending_unit"]


@dataclass(frozen=True)
class Written:
    file: str
    doc_type: str
    recommending_unit: str


@dataclass
class World:
    inbox: Inbox
    all_units: list[data.Unit]
    styles: dict[str, UnitStyle]
    planted: list[Planted] = field(default_factory=list)
    strays: dict[str, str] = field(default_factory=dict)       # unit → kind of foreign document
    form_layout: dict[int, str] = field(default_factory=dict)  # id(studio) → layout its form uses


# --- planning -------------------------------------------------------------------------------------


def cycle(rng: random.Random, options: Sequence[str], count: int) -> list[str]:
    """`count` choices in which every option appears (when count allows), in random order."""
    pool: list[str] = []
    while len(pool) < count:
        block = list(options)
        rng.shuffle(block)
        pool.extend(block)
    return pool[:count]


def choose_styles(rng: random.Random, units: Sequence[data.Unit]) -> dict[str, UnitStyle]:
    n = len(units)
    studio_layouts = cycle(rng, ["A", "B", "C"], n)
    base_layouts = cycle(rng, ["D", "E"], n)
    shapes = cycle(rng, ["S1", "S2", "S3"], n)
    base_shapes = cycle(rng, ["T1", "T2"], n)
    in_folder = [rng.random() < 0.7 for _ in units]
    if n >= 2:
        in_folder[0] = True
        if all(in_folder):
            in_folder[rng.randrange(1, n)] = False
    styles = {}
    for index, unit in enumerate(units):
        short = data.unit_short_name(unit.name)
        folder = rng.choice([short, short, unit.name, f"{short}推荐材料", f"{unit.name}-创新工作室推荐"])
        styles[unit.name] = UnitStyle(
            unit=unit, studio_layout=studio_layouts[index], base_layout=base_layouts[index],
            summary_shape=shapes[index], base_summary_shape=base_shapes[index],
            folder=folder if in_folder[index] else None, marks=rng.choice(MARK_STYLES),
            fill_day=rng.randint(12, 21), contact=data.person_name(rng, rng.choice(["男", "女"])),
            contact_phone=data.phone(rng, data.unit_city(unit)), names=self_names(unit))
    return styles


def take(rng: random.Random, studios: Sequence[Studio], accept: object) -> Studio | None:
    candidates = [s for s in studios if not s.tainted and accept(s)]  # type: ignore[operator]
    if not candidates:
        return None
    chosen = rng.choice(candidates)
    chosen.tainted = True
    return chosen


def plant(world: World, rng: random.Random) -> None:
    inbox = world.inbox
    studios = inbox.all_studios()
    kinds = {u.name: u.kind for u in inbox.units}
    rows = world.planted

    def row(code: str, s: Studio, field_name: str, note: str) -> None:
        rows.append(Planted(code, s.recommending_unit, s.category, s.studio_name, field_name, note))

    missing_form = take(rng, studios, lambda s: kinds[s.recommending_unit] != "direct")
    if missing_form:
        missing_form.has_form = False
        row("MISSING_FORM", missing_form, "", "listed in the unit's summary, no form sent (material present)")
    for _ in range(rng.randint(1, 2)):
        studio = take(rng, studios, lambda s: True)
        if studio:
            studio.has_material = False
            row("MISSING_MATERIAL", studio, "", "no narrative material sent")
    studio = take(rng, studios, lambda s: s.has_form and s.has_material)
    if studio:
        name = rng.choice(["team_size", "patents"])
        actual = getattr(studio, name)
        studio.narrative_overrides[name] = actual + rng.randint(2, 7)
        row("NARRATIVE_MISMATCH", studio, name, f"form {actual}, material {studio.narrative_overrides[name]}")
    hosts = [u.name for u in inbox.units]
    rng.shuffle(hosts)
    kinds_pool = list(strays.KINDS)
    rng.shuffle(kinds_pool)
    for unit_name, kind in zip(hosts[: rng.randint(2, 3)], kinds_pool, strict=False):
        world.strays[unit_name] = kind
        rows.append(Planted("UNKNOWN_DOCUMENT", unit_name, "", "", "", f"not ours: {kind}"))


def add_registry(world: World, rng: random.Random) -> None:
    """Studios named in earlier years, unrelated to this year's nominees."""
    inbox = world.inbox
    for _ in range(6):
        unit = rng.choice(world.all_units)
        category = rng.choice(["labor_model_studio", "worker_studio_tech"])
        studio = draw_unique_studio(inbox, rng, unit, category)
        kind = "劳模创新工作室" if category == "labor_model_studio" else "职工创新工作室"
        inbox.registry.append((rng.randint(2015, 2020), kind, studio.studio_name, studio.organization,
                               studio.leader_name))
    inbox.registry.sort()


def plan_world(seed: int, units: int | None) -> tuple[World, random.Random]:
    rng = random.Random(seed * 7919 + 11)
    all_units = data.load_units()
    chosen = select_units(all_units, units)
    inbox = plan_inbox(rng, Drift(rng), chosen, (2, 5), (0, 2))
    for studio in inbox.all_studios():
        if studio.patents == 0:
            studio.patents = rng.randint(1, 6)
    world = World(inbox=inbox, all_units=all_units, styles=choose_styles(rng, chosen))
    inbox.folders = {name: style.folder for name, style in world.styles.items()}
    plant(world, rng)
    add_registry(world, rng)
    return world, rng


# --- writing -------------------------------------------------------------------------------------

SUMMARY_NAMES = {
    "labor_model_studio": ["劳模创新工作室推荐汇总表.xlsx", "附件2 劳模工作室汇总.xlsx", "劳模工作室.xlsx"],
    "worker_studio_tech": ["职工创新工作室汇总表（科技型）.xlsx", "附件3 科技型企业汇总.xlsx", "科技型.xlsx"],
    "worker_studio_other": ["职工创新工作室汇总表（其他）.xlsx", "附件4 其他类型企业汇总.xlsx", "其他类型.xlsx"],
}
ALL_SUMMARY_NAMES = ["创新工作室推荐汇总表.xlsx", "汇总表.xlsx", "推荐名单汇总.xlsx", "工作室汇总表（三类）.xlsx"]
BASE_SUMMARY_NAMES = ["培训基地推荐汇总表.xlsx", "附件7汇总表.xlsx", "技能培训基地汇总.xlsx"]
GROUP_FORM_NAMES = ["工作室推荐表（合订）.docx", "推荐表汇总.docx", "基本情况表.docx"]
MATERIAL_NAMES = ["申报材料.docx", "申报材料（终稿）.docx", "创新工作室材料.docx", "事迹材料.docx", "材料.docx"]


class UnitFiles:
    def __init__(self, world: World, unit: data.Unit, inbox_dir: Path, rng: random.Random) -> None:
        self.world = world
        self.unit = unit
        self.style = world.styles[unit.name]
        self.rng = rng
        self.inbox_dir = inbox_dir
        self.directory = inbox_dir / self.style.folder if self.style.folder else inbox_dir
        self.prefix = rng.choice([data.unit_short_name(unit.name), unit.name])
        self.separator = rng.choice(["-", "_", "—", ""])
        self.written: list[Written] = []

    def name(self, base: str) -> str:
        if not self.style.folder:
            base = f"{self.prefix}{self.separator}{base}"
        stem, dot, suffix = base.rpartition(".")
        candidate, counter = base, 2
        while (self.directory / candidate).exists():
            candidate = f"{stem}({counter}){dot}{suffix}"
            counter += 1
        return candidate

    def save(self, document: DocxDocument | Workbook, base: str, doc_type: str) -> None:
        path = self.directory / self.name(base)
        save_deterministic(document, path)
        self.written.append(Written(path.relative_to(self.inbox_dir).as_posix(), doc_type, self.unit.name))

    def write(self, taken: set[str]) -> list[Written]:
        studios = self.world.inbox.studios[self.unit.name]
        bases = self.world.inbox.bases[self.unit.name]
        self.summaries(studios, bases)
        self.forms([s for s in studios if s.has_form], taken)
        for index, studio in enumerate([s for s in studios if s.has_material], start=1):
            options = [*MATERIAL_NAMES, f"{studio.leader_name}事迹材料.docx", f"材料{index}.docx",
                       f"附件5-{index}.docx", f"{studio.organization}申报材料.docx"]
            self.save(material_document(self.rng, self.style, studio), self.rng.choice(options), "material")
        for index, base in enumerate(bases, start=1):
            options = [f"{base.enterprise_name}培训基地申报表.docx", f"培训基地申报表-{base.enterprise_name}.docx",
                       f"基地申报表{index}.docx"]
            self.save(base_form_document(self.rng, self.style, base), self.rng.choice(options), "training_base_form")
        self.stray(studios, bases)
        return self.written

    def summaries(self, studios: Sequence[Studio], bases: Sequence[TrainingBase]) -> None:
        groups = {c: [s for s in studios if s.in_summary and s.category == c] for c in STUDIO_CATEGORIES}
        present = [c for c in STUDIO_CATEGORIES if groups[c]]
        shape = self.style.summary_shape
        if shape == "S1":
            for category in present:
                workbook = s1_workbook(self.rng, self.style, category, groups[category])
                self.save(workbook, self.rng.choice(SUMMARY_NAMES[category]), SUMMARY_DOC_TYPE[category])
        elif present:
            maker = s2_workbook if shape == "S2" else s3_workbook
            workbook = maker(self.rng, self.style, groups)
            self.save(workbook, self.rng.choice(ALL_SUMMARY_NAMES), SUMMARY_DOC_TYPE[present[0]])
        if bases:
            maker_t = t1_workbook if self.style.base_summary_shape == "T1" else t2_workbook
            self.save(maker_t(self.rng, self.style, bases), self.rng.choice(BASE_SUMMARY_NAMES),
                      "summary_training_base")

    def forms(self, studios: list[Studio], taken: set[str]) -> None:
        layout = self.style.studio_layout
        groups: list[list[Studio]] = []
        if len(studios) >= 2 and self.rng.random() < 0.3:
            groups.append(studios[:2])
            studios = studios[2:]
        groups += [[s] for s in studios]
        for group in groups:
            this_layout = layout
            if self.rng.random() < 0.15:  # a form copied from elsewhere than the unit's usual one
                this_layout = self.rng.choice([x for x in "ABC" if x != layout])
            for studio in group:
                self.world.form_layout[id(studio)] = this_layout
            if len(group) > 1:
                base = self.rng.choice(GROUP_FORM_NAMES)
            else:
                s = group[0]
                base = self.rng.choice([f"{s.studio_name}推荐表.docx", f"{s.leader_name}工作室申报表.docx",
                                        f"推荐表-{s.studio_name}.docx", f"{s.organization}-{s.studio_name}.docx"])
            document = studio_forms_document(self.rng, self.style, group, taken, this_layout)
            self.save(document, base, "studio_form")

    def stray(self, studios: Sequence[Studio], bases: Sequence[TrainingBase]) -> None:
        kind = self.world.strays.get(self.unit.name)
        if kind == "pioneer":
            document, base = strays.pioneer_form(self.rng, self.style)
        elif kind == "reading_room":
            document, base = strays.reading_room_form(self.rng, self.style)
        elif kind == "letter":
            counts = {"labor": sum(1 for s in studios if s.category == "labor_model_studio"),
                      "worker": sum(1 for s in studios if s.category != "labor_model_studio"),
                      "base": len(bases)}
            document, base = strays.cover_letter(self.rng, self.style, counts)
        else:
            return
        self.save(document, base, "unknown")


# --- truth -----------------------------------------------------------------------------------------


def studio_truth(world: World, studio: Studio) -> dict[str, str]:
    style = world.styles[studio.recommending_unit]
    carried = set(SUMMARY_CARRIES[style.summary_shape][studio.category]) if studio.in_summary else set()
    if studio.has_form:
        carried |= FORM_CARRIES[world.form_layout[id(studio)]]
    row: dict[str, str] = {}
    for column in STUDIO_COLUMNS:
        if column in ("record_id", "source_files"):
            continue
        if column == "category":
            row[column] = studio.category
        elif column == "recommending_unit":
            row[column] = studio.recommending_unit
        else:
            row[column] = format_value(column, getattr(studio, column)) if column in carried else ""
    return row


def base_truth(world: World, base: TrainingBase) -> dict[str, str]:
    style = world.styles[base.recommending_unit]
    carried = {"recommending_unit"} | BASE_FORM_CARRIES[style.base_layout] | BASE_SUMMARY_CARRIES[
        style.base_summary_shape]
    return {column: format_value(column, getattr(base, column)) if column in carried else ""
            for column in TRAINING_BASE_COLUMNS if column not in ("record_id", "source_files")}


def write_truth(world: World, truth_dir: Path, files: Sequence[Written]) -> None:
    studio_columns = [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")]
    base_columns = [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "source_files")]
    write_csv(truth_dir / "studios.csv", studio_columns,
              [studio_truth(world, s) for s in world.inbox.all_studios()])
    write_csv(truth_dir / "training_bases.csv", base_columns,
              [base_truth(world, b) for b in world.inbox.all_bases()])
    write_csv(truth_dir / "files.csv", FILE_TRUTH_COLUMNS, [f.__dict__ for f in files])
    world.inbox.planted = list(world.planted)
    planted = [*world.planted, *derived_problems(world.inbox)]
    write_csv(truth_dir / "planted.csv", PLANTED_COLUMNS, [p.__dict__ for p in planted])


def generate(root: Path, *, seed: int = 1, units: int | None = 12) -> list[Written]:
    world, rng = plan_world(seed, units)
    for directory in ("inbox", "truth"):
        shutil.rmtree(root / directory, ignore_errors=True)
    inbox_dir = root / "inbox"
    inbox_dir.mkdir(parents=True)
    taken = set(world.inbox.used_leaders)
    files: list[Written] = []
    for unit in world.inbox.units:
        files.extend(UnitFiles(world, unit, inbox_dir, rng).write(taken))
    write_truth(world, root / "truth", files)
    save_deterministic(quota_workbook(world.all_units), root / "quotas.xlsx")
    save_deterministic(registry_workbook(world.inbox.registry), root / "registry.xlsx")
    return files
