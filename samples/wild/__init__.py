"""Inboxes of forms in the wild: layouts other provinces and campaigns use, with exact truth.

    python -m samples.wild ROOT --seed 1 [--units 12] [--families sections vertical …]

writes ROOT/inbox, ROOT/truth/*.csv, ROOT/quotas.xlsx and ROOT/registry.xlsx like
`samples.generate`, so `python -m samples.evaluate ROOT` scores a run on it. Every nominee is
clean except planted certain absences (a studio with no material, a summary row with no form):
any other error the pipeline raises is a false error. Each unit copies one form layout (a
family of `samples.wild.forms`), one summary shape and mixes material styles; some units add a
document of another campaign. The truth holds only what the documents carry.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from samples import data
from samples.documents import form_unit_line
from samples.drift import Drift
from samples.generate import plan_inbox, select_units, write_csv
from samples.problems import Inbox, Planted, derived_problems
from samples.records import Studio, TrainingBase, format_value
from samples.templates import add_page_break, new_document, quota_workbook, registry_workbook
from samples.wild.foreign import FOREIGN
from samples.wild.forms import BASE_FAMILIES, STUDIO_FAMILIES
from samples.wild.materials import MATERIAL_FAMILIES
from samples.wild.summaries import mixed_studio_sheet, summary_workbook
from samples.writer import save_deterministic
from schemas.columns import STUDIO_COLUMNS, SUMMARY_DOC_TYPE, TRAINING_BASE_COLUMNS

CATEGORY_ORDER = ["labor_model_studio", "worker_studio_tech", "worker_studio_other"]
PLANTED_COLUMNS = ["code", "recommending_unit", "category", "entity", "field", "note"]


@dataclass
class Carried:
    form: dict[str, set[str]] = field(default_factory=dict)      # nominee name → fields its form carries
    summary: dict[str, set[str]] = field(default_factory=dict)   # nominee name → fields its summary row carries


@dataclass
class WildUnit:
    """Writes one unit's files in its chosen layouts and records what each file is."""

    root: Path
    inbox: Inbox
    unit: data.Unit
    rng: random.Random
    drift: Drift
    studio_family: str
    base_family: str
    carried: Carried
    files: list[dict[str, str]] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        name = self.inbox.folders[self.unit.name]
        return self.root / name if name else self.root

    def name(self, base: str) -> str:
        if not self.inbox.folders[self.unit.name]:
            base = f"{data.unit_short_name(self.unit.name)}-{base}"
        stem, dot, suffix = base.rpartition(".")
        candidate, counter = base, 2
        while (self.folder / candidate).exists():
            candidate, counter = f"{stem}（{counter}）{dot}{suffix}", counter + 1
        return candidate

    def save(self, document, base_name: str, doc_type: str) -> None:
        path = self.folder / self.name(base_name)
        save_deterministic(document, path)
        self.files.append({"file": path.relative_to(self.root).as_posix(), "doc_type": doc_type,
                           "recommending_unit": self.unit.name})

    def unit_line(self) -> str:
        return form_unit_line(self.drift, self.unit.name)

    def write(self) -> None:
        studios = self.inbox.studios[self.unit.name]
        bases = self.inbox.bases[self.unit.name]
        self.write_summaries(studios, bases)
        self.write_studio_forms([s for s in studios if s.has_form])
        for index, studio in enumerate([s for s in studios if s.has_material], start=1):
            self.write_material(studio, index)
        self.write_base_forms(bases)
        if self.rng.random() < 0.35:
            title, make = self.rng.choice(sorted(FOREIGN.items()))
            organisation = data.organisation_name(self.rng, self.unit)
            self.save(make(self.rng, self.unit.name, organisation), f"{title}.docx", "unknown")
            self.inbox.planted.append(Planted("UNKNOWN_DOCUMENT", self.unit.name, "", "", "", f"{title} of another campaign"))

    def write_summaries(self, studios: list[Studio], bases: list[TrainingBase]) -> None:
        sections = [(c, [s for s in studios if s.category == c]) for c in CATEGORY_ORDER]
        sections = [(c, nominees) for c, nominees in sections if nominees]
        if bases:
            sections.append(("training_base", bases))
        studio_sections = [(c, n) for c, n in sections if c != "training_base"]
        if len(studio_sections) >= 2 and self.rng.random() < 0.25:
            self.write_mixed_summary(studio_sections)
            sections = [(c, n) for c, n in sections if c == "training_base"]
        together = self.rng.random() < 0.4
        groups = ([sections] if together else [[section] for section in sections]) if sections else []
        for group in groups:
            workbook, carried = summary_workbook(group, self.unit.name, self.rng, self.drift, "2021年7月20日")
            for category, nominees in group:
                for nominee in nominees:
                    self.carried.summary[_key(nominee)] = carried[category]
            category = group[0][0]
            name = "推荐汇总表.xlsx" if together else f"{_summary_word(category)}汇总表.xlsx"
            self.save(workbook, name, SUMMARY_DOC_TYPE[category])

    def write_mixed_summary(self, sections: list[tuple[str, list[Studio]]]) -> None:
        workbook = Workbook()
        carried = mixed_studio_sheet(workbook.active, sections, self.unit.name, self.rng, self.drift, "2021年7月20日")
        for _category, studios in sections:
            for studio in studios:
                self.carried.summary[_key(studio)] = carried
        self.save(workbook, "工作室推荐汇总表.xlsx", SUMMARY_DOC_TYPE[sections[0][0]])

    def write_studio_forms(self, studios: list[Studio]) -> None:
        family = STUDIO_FAMILIES[self.studio_family]
        pending = list(studios)
        while pending:
            take = 2 if len(pending) >= 2 and self.rng.random() < 0.2 else 1
            group, pending = pending[:take], pending[take:]
            doc = new_document()
            for index, studio in enumerate(group):
                if index:
                    add_page_break(doc)
                self.carried.form[_key(studio)] = family(doc, studio, self.rng, self.drift, self.unit_line())
            first = group[0]
            options = [f"{first.studio_name}推荐表.docx", f"{first.leader_name}工作室.docx", "附件6.docx",
                       f"{first.studio_name}申报材料.docx"]
            self.save(doc, self.rng.choice(options), "studio_form")

    def write_material(self, studio: Studio, index: int) -> None:
        family = self.rng.choice(sorted(MATERIAL_FAMILIES))
        doc = MATERIAL_FAMILIES[family](studio, self.rng)
        options = ["附件5.docx", f"申报材料（{index}）.docx", f"{studio.leader_name}材料.docx",
                   f"{studio.studio_name}基本情况表.docx", f"{studio.studio_name}.docx"]
        self.save(doc, self.rng.choice(options), "material")

    def write_base_forms(self, bases: list[TrainingBase]) -> None:
        family = BASE_FAMILIES[self.base_family]
        for index, base in enumerate(bases, start=1):
            doc = new_document()
            self.carried.form[_key(base)] = family(doc, base, self.rng, self.drift, self.unit_line())
            self.save(doc, self.rng.choice([f"{base.enterprise_name}.docx", f"培训基地推荐表{index}.docx"]),
                      "training_base_form")


def _key(nominee: Studio | TrainingBase) -> str:
    return f"{nominee.recommending_unit}|{getattr(nominee, 'studio_name', '') or nominee.enterprise_name}"


def _summary_word(category: str) -> str:
    return {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工创新工作室（科技型）",
            "worker_studio_other": "职工创新工作室（其他）", "training_base": "培训基地"}[category]


def truth_row(nominee: Studio | TrainingBase, columns: Sequence[str], carried: Carried) -> dict[str, str]:
    shown = carried.form.get(_key(nominee), set()) | carried.summary.get(_key(nominee), set())
    row = {}
    for column in columns:
        if column in ("record_id", "source_files"):
            continue
        if column in ("category", "recommending_unit", "studio_name", "enterprise_name"):
            row[column] = getattr(nominee, column)
        else:
            row[column] = format_value(column, getattr(nominee, column)) if column in shown else ""
    return row


def plant_problems(inbox: Inbox, rng: random.Random) -> list[Planted]:
    """Certain problems only: studios without material, a summary row without form, materials
    whose facts disagree with the form."""
    studios = inbox.all_studios()
    rng.shuffle(studios)
    planted = []
    for studio in studios[:2]:
        studio.has_material = False
        planted.append(Planted("MISSING_MATERIAL", studio.recommending_unit, studio.category, studio.studio_name,
                               "", "no material sent"))
    if len(studios) > 2:
        studio = studios[2]
        studio.has_form = False
        planted.append(Planted("MISSING_FORM", studio.recommending_unit, studio.category, studio.studio_name, "",
                               "summary row, material, no form"))
    for studio, (name, change) in zip(studios[3:5], NARRATIVE_CHANGES, strict=False):
        studio.narrative_overrides = {name: change(getattr(studio, name))}
        planted.append(Planted("NARRATIVE_MISMATCH", studio.recommending_unit, studio.category, studio.studio_name,
                               name, f"material states {studio.narrative_overrides[name]}"))
    return planted


NARRATIVE_CHANGES = [("team_size", lambda n: n + 5), ("patents", lambda n: n + 3)]


def generate_wild(root: Path, *, seed: int = 1, units: int | None = 12, families: Sequence[str] | None = None,
                  base_families: Sequence[str] | None = None) -> None:
    rng = random.Random(seed)
    drift = Drift(rng)
    all_units = data.load_units()
    inbox = plan_inbox(rng, drift, select_units(all_units, units), (2, 5), (0, 2))
    inbox.planted = plant_problems(inbox, rng)
    for directory in ("inbox", "truth"):
        shutil.rmtree(root / directory, ignore_errors=True)
    inbox_dir = root / "inbox"
    inbox_dir.mkdir(parents=True)
    carried = Carried()
    files: list[dict[str, str]] = []
    studio_families = list(families or sorted(STUDIO_FAMILIES))
    base_names = list(base_families or sorted(BASE_FAMILIES))
    for index, unit in enumerate(inbox.units):
        writer = WildUnit(inbox_dir, inbox, unit, rng, drift, studio_families[index % len(studio_families)],
                          rng.choice(base_names), carried)
        writer.write()
        files += writer.files
    truth = root / "truth"
    studio_rows = [truth_row(s, STUDIO_COLUMNS, carried) for s in inbox.all_studios()]
    base_rows = [truth_row(b, TRAINING_BASE_COLUMNS, carried) for b in inbox.all_bases()]
    write_csv(truth / "studios.csv", [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")],
              studio_rows)
    write_csv(truth / "training_bases.csv",
              [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "source_files")], base_rows)
    write_csv(truth / "files.csv", ["file", "doc_type", "recommending_unit"], files)
    planted = [*inbox.planted, *derived_problems(inbox)]
    write_csv(truth / "planted.csv", PLANTED_COLUMNS, [p.__dict__ for p in planted])
    save_deterministic(quota_workbook(all_units), root / "quotas.xlsx")
    save_deterministic(registry_workbook([]), root / "registry.xlsx")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.wild", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--families", nargs="*", choices=sorted(STUDIO_FAMILIES))
    parser.add_argument("--base-families", nargs="*", choices=sorted(BASE_FAMILIES))
    args = parser.parse_args(argv)
    generate_wild(args.root, seed=args.seed, units=args.units, families=args.families,
                  base_families=args.base_families)
    count = sum(1 for p in (args.root / "inbox").rglob("*") if p.is_file())
    print(f"wrote {count} files to {args.root / 'inbox'}")
    return 0
