"""Writes family C's inbox and its truth (same files and formats as `samples.generate`)."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from schemas.columns import SUMMARY_DOC_TYPE

from .. import data
from ..generate import write_csv
from ..problems import derived_problems
from ..records import SUMMARY_FIELDS, Studio, base_truth_row, studio_truth_row
from ..templates import quota_workbook, registry_workbook
from ..writer import save_deterministic
from . import sheets, strays
from .materials import material_document
from .plan import Office, World, build_world
from .word_forms import base_form_document, studio_form_document

STUDIO_ORDER = ["labor_model_studio", "worker_studio_tech", "worker_studio_other"]
SUMMARY_NAMES = {
    "labor_model_studio": ["附件2 劳模创新工作室推荐汇总表.xlsx", "劳模创新工作室汇总表.xlsx", "附件2：推荐汇总表（劳模）.xlsx"],
    "worker_studio_tech": ["附件3 职工创新工作室推荐汇总表（科技型企业）.xlsx", "职工创新工作室汇总表-科技型.xlsx"],
    "worker_studio_other": ["附件4 职工创新工作室推荐汇总表（其他类型企业）.xlsx", "职工创新工作室汇总表-其他类型.xlsx"],
    "training_base": ["附件7 培训基地申报汇总表.xlsx", "职业技能培训基地汇总表.xlsx"],
}
PAIR_NAMES = ["附件3、4 职工创新工作室推荐汇总表.xlsx", "职工创新工作室汇总表（科技型+其他类型）.xlsx"]
WITH_FORMS_NAMES = ["{cat}汇总表及基本情况表.xlsx", "{cat}推荐表（汇总+明细）.xlsx"]
FILE_TRUTH_COLUMNS = ["file", "doc_type", "recommending_unit"]
PLANTED_COLUMNS = ["code", "recommending_unit", "category", "entity", "field", "note"]
CAT_SHORT = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工创新工作室（科技型）",
             "worker_studio_other": "职工创新工作室（其他）"}


@dataclass(frozen=True)
class Written:
    file: str
    doc_type: str
    recommending_unit: str


class OfficeWriter:
    def __init__(self, inbox_dir: Path, world: World, office: Office, rng: random.Random) -> None:
        self.inbox_dir = inbox_dir
        self.world = world
        self.office = office
        self.rng = rng
        self.unit = office.unit
        self.top = inbox_dir / office.folder if office.folder else inbox_dir
        self.short = data.unit_short_name(self.unit.name)
        self.flat_style = rng.choice(["{unit}-{name}", "【{unit}】{name}", "{stem}（{unit}）{ext}"])
        self.written: list[Written] = []
        self.sub_forms = rng.choice(["基本情况表", "附件6 基本情况表", "表格"])
        self.sub_materials = rng.choice(["申报材料", "材料", "附件5 申报材料"])

    # --- paths -------------------------------------------------------------------------------------

    def path(self, name: str, sub: str | None = None) -> Path:
        if self.office.folder is None:
            stem, ext = name.rsplit(".", 1)
            name = self.flat_style.format(unit=self.short, name=name, stem=stem, ext=f".{ext}")
            directory = self.inbox_dir
        else:
            directory = self.top / sub if (sub and self.office.subfolders) else self.top
        candidate = directory / name
        counter = 2
        while candidate.exists():
            stem, ext = name.rsplit(".", 1)
            candidate = directory / f"{stem}（{counter}）.{ext}"
            counter += 1
        return candidate

    def save(self, document: DocxDocument | Workbook, path: Path, doc_type: str) -> None:
        save_deterministic(document, path)
        self.written.append(Written(path.relative_to(self.inbox_dir).as_posix(), doc_type, self.unit.name))

    # --- documents ---------------------------------------------------------------------------------

    def write_all(self) -> list[Written]:
        studios = self.world.inbox.studios[self.unit.name]
        bases = self.world.inbox.bases[self.unit.name]
        in_book = self.write_summaries(studios, bases)
        for studio in studios:
            if studio.has_form and studio.studio_name not in in_book:
                self.write_studio_form(studio)
        for index, base in enumerate(bases, start=1):
            self.write_base_form(base, index)
        named = [s for s in studios if s.has_material]
        for index, studio in enumerate(named, start=1):
            self.write_material(studio, index)
        self.write_strays(studios)
        return self.written

    def write_summaries(self, studios: list[Studio], bases: list) -> set[str]:
        """Summary workbooks; returns the studios whose forms went into them as extra sheets."""
        by_cat = {c: [s for s in studios if s.in_summary and s.category == c] for c in STUDIO_ORDER}
        groups: list[list[str]] = []
        if self.office.tech_other_one_book and by_cat["worker_studio_tech"] and by_cat["worker_studio_other"]:
            groups.append(["worker_studio_tech", "worker_studio_other"])
        for category in STUDIO_ORDER:
            if by_cat[category] and not any(category in g for g in groups):
                groups.append([category])
        groups.sort(key=lambda g: STUDIO_ORDER.index(g[0]))
        in_book: set[str] = set()
        for group in groups:
            sections = [(c, by_cat[c]) for c in group]
            forms = None
            if self.office.forms_in_summary_book:
                forms = [s for c in group for s in by_cat[c] if s.has_form]
                in_book.update(s.studio_name for s in forms)
            if forms:
                name = self.rng.choice(WITH_FORMS_NAMES).format(cat=CAT_SHORT[group[0]])
            elif len(group) == 2:
                name = self.rng.choice(PAIR_NAMES)
            else:
                name = self.rng.choice(SUMMARY_NAMES[group[0]])
            workbook = sheets.summary_workbook(self.rng, self.office, sections, forms)
            self.save(workbook, self.path(name), SUMMARY_DOC_TYPE[group[0]])
        if bases:
            workbook = sheets.summary_workbook(self.rng, self.office, [("training_base", bases)])
            self.save(workbook, self.path(self.rng.choice(SUMMARY_NAMES["training_base"])),
                      SUMMARY_DOC_TYPE["training_base"])
        return in_book

    def write_studio_form(self, studio: Studio) -> None:
        sub = self.sub_forms
        if self.office.studio_form == "excel":
            name = self.rng.choice([f"{studio.studio_name}.xlsx", f"基本情况表-{studio.leader_name}.xlsx",
                                    f"{studio.studio_name}推荐表.xlsx"])
            self.save(sheets.studio_form_workbook(self.rng, self.office, studio), self.path(name, sub), "studio_form")
            return
        name = self.rng.choice([f"{studio.studio_name}基本情况表.docx", f"附件6-{studio.leader_name}.docx",
                                f"{studio.leader_name}工作室申报表.docx"])
        members = self.world.members[studio.studio_name]
        document = studio_form_document(self.rng, self.office, studio, members)
        self.save(document, self.path(name, sub), "studio_form")

    def write_base_form(self, base, index: int) -> None:  # type: ignore[no-untyped-def]
        sub = "培训基地"
        if self.office.base_form == "excel_base":
            name = self.rng.choice([f"{base.enterprise_name}培训基地申报表.xlsx", f"附件8-培训基地申报表{index}.xlsx"])
            self.save(sheets.base_form_workbook(self.rng, self.office, base), self.path(name, sub),
                      "training_base_form")
            return
        name = self.rng.choice([f"附件8-{base.enterprise_name}.docx", f"{base.enterprise_name}培训基地申报表.docx"])
        self.save(base_form_document(self.rng, self.office, base), self.path(name, sub), "training_base_form")

    def write_material(self, studio: Studio, index: int) -> None:
        options = [f"{studio.studio_name}申报材料.docx", f"{studio.leader_name}工作室事迹材料.docx",
                   f"附件5-{studio.studio_name}.docx"]
        if self.office.folder:
            options.append(f"申报材料{index}.docx")
        name = self.rng.choice(options)
        document = material_document(self.rng, studio, self.office.self_name)
        self.save(document, self.path(name, self.sub_materials), "material")

    def write_strays(self, studios: list[Studio]) -> None:
        taken = set(self.world.inbox.used_leaders) | {m[0] for ms in self.world.members.values() for m in ms}
        for kind in self.office.strays:
            name = self.rng.choice(strays.STRAY_FILE_NAMES[kind]).format(short=self.short)
            document: DocxDocument | Workbook
            if kind == "other_campaign_form":
                document = strays.other_campaign_form(self.rng, self.office, taken)
            elif kind == "cover_letter_list":
                document = strays.cover_letter(self.rng, self.office, studios)
            elif kind == "contact_sheet":
                document = strays.contact_sheet(self.rng, self.office, taken)
            else:
                document = strays.honour_form(self.rng, self.office, taken)
            self.save(document, self.path(name), "unknown")


def check_summary_columns() -> None:
    """The truth of a studio without a form is its summary row: the columns must be SUMMARY_FIELDS."""
    rng = random.Random(0)
    for category in STUDIO_ORDER:
        for grouped in (False, True):
            keys = {c.key for c in sheets.studio_columns(rng, category, grouped, ["region", "email"])}
            carried = keys - {"index", "region", "email", "note"}
            assert carried == SUMMARY_FIELDS[category], (category, carried ^ SUMMARY_FIELDS[category])


def generate(root: Path, *, seed: int = 1, units: int | None = 12) -> list[Written]:
    check_summary_columns()
    world, all_units, rng = build_world(seed, units)
    for directory in ("inbox", "truth"):
        shutil.rmtree(root / directory, ignore_errors=True)
    inbox_dir = root / "inbox"
    inbox_dir.mkdir(parents=True)
    written: list[Written] = []
    for unit in world.inbox.units:
        written += OfficeWriter(inbox_dir, world, world.offices[unit.name], rng).write_all()
    truth = root / "truth"
    studio_rows = [studio_truth_row(s) for s in world.inbox.all_studios()]
    write_csv(truth / "studios.csv", list(studio_rows[0]) if studio_rows else [], studio_rows)
    base_rows = [base_truth_row(b) for b in world.inbox.all_bases()]
    write_csv(truth / "training_bases.csv", list(base_rows[0]) if base_rows else [], base_rows)
    write_csv(truth / "files.csv", FILE_TRUTH_COLUMNS, [w.__dict__ for w in written])
    planted = [*world.inbox.planted, *derived_problems(world.inbox)]
    write_csv(truth / "planted.csv", PLANTED_COLUMNS, [p.__dict__ for p in planted])
    save_deterministic(quota_workbook(all_units), root / "quotas.xlsx")
    save_deterministic(registry_workbook(world.inbox.registry), root / "registry.xlsx")
    return written
