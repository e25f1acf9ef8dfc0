"""Writes a family-D inbox and its truth.

    python -m samples.heldout_d ROOT --seed N [--units 12]

writes ROOT/inbox/…, ROOT/truth/{studios,training_bases,files,planted}.csv, ROOT/quotas.xlsx and
ROOT/registry.xlsx in the formats of `python -m samples.generate`.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from schemas.columns import STUDIO_CATEGORIES, STUDIO_COLUMNS, SUMMARY_DOC_TYPE, TRAINING_BASE_COLUMNS

from ..generate import write_csv
from ..problems import derived_problems
from ..records import Studio, base_truth_row, format_value, studio_truth_row
from ..templates import quota_workbook, registry_workbook
from ..writer import save_deterministic
from .bases import base_form_doc
from .forms import studio_forms_doc
from .plan import Office, World, build_world
from .prose import material_doc
from .sheets import base_summary, studio_summary
from .strays import stray_doc

PLANTED_COLUMNS = ["code", "recommending_unit", "category", "entity", "field", "note"]
FILE_COLUMNS = ["file", "doc_type", "recommending_unit"]
SUMMARY_NAMES = {
    "labor_model_studio": ["附件2汇总表.xlsx", "劳模创新工作室推荐汇总.xlsx", "2021劳模工作室汇总表.xlsx"],
    "worker_studio_tech": ["附件3汇总表.xlsx", "职工创新工作室汇总（科技型）.xlsx", "科技型企业工作室汇总表.xlsx"],
    "worker_studio_other": ["附件4汇总表.xlsx", "职工创新工作室汇总（其他类型）.xlsx", "其他企业工作室汇总表.xlsx"],
    "training_base": ["附件7汇总表.xlsx", "培训基地汇总.xlsx", "技能培训基地推荐汇总表.xlsx"],
}
FORM_NAMES = ["{name}推荐表.docx", "附件6-{leader}.docx", "{leader}工作室基本情况.docx", "基本情况表-{org}.docx"]
MATERIAL_NAMES = ["材料{i}.docx", "申报材料（终稿）.docx", "{leader}.docx", "新建 DOCX 文档.docx",
                  "事迹材料-修改版.docx", "附件5.docx", "{leader}事迹.docx"]
BASE_NAMES = ["附件8-{enterprise}.docx", "培训基地申报表（{enterprise}）.docx", "{enterprise}.docx"]


class OfficeWriter:
    """Writes one office's files into its folder, or flat into the inbox with the unit in the names."""

    def __init__(self, inbox_dir: Path, world: World, office: Office, rng: random.Random) -> None:
        self.inbox_dir = inbox_dir
        self.world = world
        self.office = office
        self.rng = rng
        self.directory = inbox_dir / office.folder if office.folder else inbox_dir
        self.flat_pattern = rng.choice(["{tag}-{name}", "{tag}_{name}", "{tag}{name}", "{stem}（{tag}）{ext}"])
        self.files: list[dict[str, str]] = []
        self.carried: dict[str, set[str]] = {}

    def file_name(self, name: str) -> str:
        if not self.office.folder:
            tag = self.office.file_tag
            stem, ext = name[: name.rindex(".")], name[name.rindex("."):]
            pattern = self.flat_pattern
            if tag.startswith("【"):
                pattern = "{tag}{name}"
            elif pattern == "{tag}{name}":
                pattern = "{tag}-{name}"
            name = pattern.format(tag=tag, name=name, stem=stem, ext=ext)
        stem, ext = name[: name.rindex(".")], name[name.rindex("."):]
        candidate, counter = name, 2
        while (self.directory / candidate).exists():
            candidate = f"{stem}({counter}){ext}"
            counter += 1
        return candidate

    def save(self, document: DocxDocument | Workbook, name: str, doc_type: str) -> None:
        path = self.directory / self.file_name(name)
        save_deterministic(document, path)
        self.files.append({"file": path.relative_to(self.inbox_dir).as_posix(), "doc_type": doc_type,
                           "recommending_unit": self.office.unit.name})

    def write_all(self) -> None:
        unit = self.office.unit.name
        studios = self.world.inbox.studios[unit]
        for category in STUDIO_CATEGORIES:
            listed = [s for s in studios if s.category == category and s.in_summary]
            if listed:
                workbook, carried = studio_summary(listed, category, self.office, self.rng)
                self.carried[category] = carried
                self.save(workbook, self.rng.choice(SUMMARY_NAMES[category]), SUMMARY_DOC_TYPE[category])
        with_form = [s for s in studios if s.has_form]
        if self.office.bundle_forms and len(with_form) >= 2:
            self.save(studio_forms_doc(with_form, self.office, self.rng), f"基本情况表（{len(with_form)}份）.docx",
                      "studio_form")
        else:
            for studio in with_form:
                name = self.rng.choice(FORM_NAMES).format(name=studio.studio_name, leader=studio.leader_name,
                                                          org=studio.organization)
                self.save(studio_forms_doc([studio], self.office, self.rng), name, "studio_form")
        for index, studio in enumerate([s for s in studios if s.has_material], start=1):
            name = self.rng.choice(MATERIAL_NAMES).format(i=index, leader=studio.leader_name)
            self.save(material_doc(studio, self.office, self.rng), name, "material")
        bases = self.world.inbox.bases[unit]
        if bases:
            self.save(base_summary(bases, self.office, self.rng), self.rng.choice(SUMMARY_NAMES["training_base"]),
                      "summary_training_base")
        for base in bases:
            name = self.rng.choice(BASE_NAMES).format(enterprise=base.enterprise_name)
            self.save(base_form_doc(base, self.office, self.rng), name, "training_base_form")
        for kind in self.office.strays:
            document, name = stray_doc(kind, self.office, self.world.inbox, self.rng)
            self.save(document, name, "unknown")


def studio_truth(studio: Studio, carried: set[str]) -> dict[str, str]:
    """The form's values; for a studio sent without a form, what its summary row carries."""
    if studio.has_form:
        return studio_truth_row(studio)
    row: dict[str, str] = {}
    for column in STUDIO_COLUMNS:
        if column in ("record_id", "source_files"):
            continue
        if column in ("category", "recommending_unit"):
            row[column] = getattr(studio, column)
        else:
            row[column] = format_value(column, studio.summary_value(column)) if column in carried else ""
    return row


def generate(root: Path, seed: int, units: int | None = 12) -> World:
    world = build_world(seed, units)
    for directory in ("inbox", "truth"):
        shutil.rmtree(root / directory, ignore_errors=True)
    inbox_dir = root / "inbox"
    inbox_dir.mkdir(parents=True)
    rng = random.Random(f"family-d-write/{seed}")
    files: list[dict[str, str]] = []
    carried: dict[tuple[str, str], set[str]] = {}
    for office in world.offices:
        writer = OfficeWriter(inbox_dir, world, office, rng)
        writer.write_all()
        files += writer.files
        carried.update({(office.unit.name, category): fields for category, fields in writer.carried.items()})
    inbox = world.inbox
    truth = root / "truth"
    studio_rows = [studio_truth(s, carried.get((s.recommending_unit, s.category), set()))
                   for s in inbox.all_studios()]
    write_csv(truth / "studios.csv", [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")],
              studio_rows)
    base_rows = [base_truth_row(b) for b in inbox.all_bases()]
    write_csv(truth / "training_bases.csv", [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "source_files")],
              base_rows)
    write_csv(truth / "files.csv", FILE_COLUMNS, files)
    planted = [*inbox.planted, *derived_problems(inbox)]
    write_csv(truth / "planted.csv", PLANTED_COLUMNS, [p.__dict__ for p in planted])
    save_deterministic(quota_workbook(world.all_units), root / "quotas.xlsx")
    save_deterministic(registry_workbook(inbox.registry), root / "registry.xlsx")
    return world


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.heldout_d", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", type=int, default=12)
    args = parser.parse_args(argv)
    generate(args.root, args.seed, args.units)
    count = sum(1 for p in (args.root / "inbox").rglob("*") if p.is_file())
    print(f"wrote {count} files to {args.root / 'inbox'}")
    return 0
