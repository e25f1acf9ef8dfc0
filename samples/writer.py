"""Writes an `Inbox` to disk: file names, folders, grouping of nominees into files.

Every written file is recorded as a `WrittenFile` (path relative to the inbox, doc_type,
recommending unit) for `truth/files.csv`. Office files are saved byte-deterministically
(fixed zip timestamps and document properties), so the same seed gives the same bytes.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from schemas.columns import SUMMARY_DOC_TYPE

from . import data
from .documents import (
    SummarySection,
    base_forms_doc,
    cover_letter_doc,
    fill_date_text,
    material_doc,
    studio_forms_doc,
    summary_workbook,
)
from .drift import Drift
from .problems import Inbox
from .records import Studio
from .season import year

FIXED_ZIP_TIME = (2021, 7, 20, 9, 30, 0)     # of the 2021 season; shifted to the current one
FIXED_CORE_TIME = "2021-07-20T09:30:00Z"
CORE_DATE = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


@dataclass(frozen=True)
class WrittenFile:
    file: str
    doc_type: str
    recommending_unit: str


def save_deterministic(document: DocxDocument | Workbook, path: Path) -> None:
    """Save an Office file with fixed timestamps so that equal content gives equal bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                core_time = FIXED_CORE_TIME.replace("2021", str(year(2021)), 1)
                payload = CORE_DATE.sub(rf"\g<1>{core_time}\g<3>", payload.decode("utf-8")).encode("utf-8")
            zip_time = (year(FIXED_ZIP_TIME[0]), *FIXED_ZIP_TIME[1:])
            target.writestr(zipfile.ZipInfo(info.filename, date_time=zip_time), payload,
                            compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


SUMMARY_FILE_NAMES = {
    "labor_model_studio": [
        "附件2-劳模创新工作室推荐汇总表.xlsx", "附件2：辽宁省劳模创新工作室推荐汇总表.xlsx",
        "劳模创新工作室汇总表.xlsx", "附件2.xlsx",
    ],
    "worker_studio_tech": [
        "附件3-职工创新工作室推荐汇总表（科技型企业）.xlsx", "附件3：职工创新工作室汇总表（科技型）.xlsx",
        "科技型企业职工创新工作室汇总.xlsx", "附件3.xlsx",
    ],
    "worker_studio_other": [
        "附件4-职工创新工作室推荐汇总表（其他类型企业）.xlsx", "其他类型企业职工创新工作室汇总表.xlsx",
        "附件4.xlsx",
    ],
    "training_base": ["附件7-职工职业技能培训基地申报汇总表.xlsx", "培训基地汇总表.xlsx", "附件7.xlsx"],
}
COMBINED_SUMMARY_NAMES = ["推荐汇总表.xlsx", "汇总表（劳模、职工）.xlsx", "工作簿1.xlsx"]
MEANINGLESS_DOCX = ["新建 Microsoft Word 文档.docx", "文档1.docx", "doc1.docx"]
CATEGORY_ORDER = ["labor_model_studio", "worker_studio_tech", "worker_studio_other", "training_base"]


class UnitWriter:
    """Writes the files of one recommending unit into its folder (or flat into the inbox)."""

    def __init__(self, inbox_dir: Path, inbox: Inbox, unit: data.Unit, drift: Drift) -> None:
        self.inbox_dir = inbox_dir
        self.inbox = inbox
        self.unit = unit
        self.drift = drift
        self.rng = drift.rng
        self.folder = inbox.folders[unit.name]
        self.directory = inbox_dir / self.folder if self.folder else inbox_dir
        self.written: list[WrittenFile] = []
        self.material_names: dict[str, str] = {}
        self.meaningless_used = False
        self.separator = drift.pick(["-", "_", " "], "-")

    # --- naming ------------------------------------------------------------------------------

    @property
    def prefix(self) -> str:
        city = data.unit_city(self.unit)
        return city if self.unit.name.startswith(city) else data.unit_short_name(self.unit.name)

    def file_name(self, options: list[str], official: str, *, meaningless: list[str] | None = None) -> str:
        name = self.drift.pick(options, official)
        if self.folder and meaningless and not self.meaningless_used and self.drift.chance(0.12):
            name = self.rng.choice(meaningless)
            self.meaningless_used = True
        elif not self.folder:
            name = f"{self.prefix}{self.separator}{name}"
        return self.unique(name)

    def unique(self, name: str) -> str:
        stem, dot, suffix = name.rpartition(".")
        candidate, counter = name, 2
        while (self.directory / candidate).exists():
            candidate = f"{stem}({counter}){dot}{suffix}"
            counter += 1
        return candidate

    def save(self, document: DocxDocument | Workbook, name: str, doc_type: str) -> str:
        path = self.directory / name
        save_deterministic(document, path)
        return self.record(path, doc_type)

    def record(self, path: Path, doc_type: str) -> str:
        relative = path.relative_to(self.inbox_dir).as_posix()
        self.written.append(WrittenFile(relative, doc_type, self.unit.name))
        return relative

    # --- documents ---------------------------------------------------------------------------------

    def write_all(self) -> list[WrittenFile]:
        studios = self.inbox.studios[self.unit.name]
        self.write_summaries(studios)
        self.write_studio_forms([s for s in studios if s.has_form])
        for index, studio in enumerate([s for s in studios if s.has_material], start=1):
            self.write_material(studio, index)
        self.write_base_forms()
        self.write_extras()
        return self.written

    def sections(self, studios: list[Studio]) -> list[SummarySection]:
        contact = data.person_name(self.rng, "女")
        contact_phone = data.phone(self.rng, data.unit_city(self.unit))
        day = self.rng.randint(12, 22)
        sections = []
        for category in CATEGORY_ORDER:
            nominees = ([b for b in self.inbox.bases[self.unit.name]] if category == "training_base"
                        else [s for s in studios if s.in_summary and s.category == category])
            if not nominees:
                continue
            late = (self.unit.name, category) in self.inbox.late_summaries
            wrong = (self.unit.name, category) in self.inbox.wrong_totals
            total = "wrong" if wrong else ("correct" if self.drift.chance(0.2) else "none")
            extra = ["extra_region"] if self.drift.chance(0.1) else []
            sections.append(SummarySection(
                category=category, unit=self.unit.name, nominees=nominees,
                fill_date=f"{year(2021)}年7月28日" if late else fill_date_text(self.drift, day),
                contact=contact, contact_phone=contact_phone, total_row=total, extra_keys=extra))
        return sections

    def write_summaries(self, studios: list[Studio]) -> None:
        sections = self.sections(studios)
        studio_sections = [s for s in sections if s.category != "training_base"]
        if len(studio_sections) >= 2 and self.drift.chance(0.15):
            pair = studio_sections[:2]
            name = self.file_name(COMBINED_SUMMARY_NAMES, COMBINED_SUMMARY_NAMES[0])
            self.save(summary_workbook(self.drift, pair), name, SUMMARY_DOC_TYPE[pair[0].category])
            sections = [s for s in sections if s not in pair]
        for section in sections:
            options = SUMMARY_FILE_NAMES[section.category]
            name = self.file_name(options, options[0])
            self.save(summary_workbook(self.drift, [section]), name, SUMMARY_DOC_TYPE[section.category])

    def write_studio_forms(self, studios: list[Studio]) -> None:
        direct = self.unit.kind == "direct"
        if len(studios) >= 2 and self.drift.chance(0.12):
            group = studios[: self.rng.randint(2, len(studios))]
            name = self.file_name(["附件6-基本情况表.docx", "工作室基本情况表（汇总）.docx"], "附件6-基本情况表.docx")
            self.save(studio_forms_doc(self.drift, group, direct_unit=direct), name, "studio_form")
            studios = [s for s in studios if s not in group]
        for studio in studios:
            official = f"{studio.studio_name}基本情况表.docx"
            options = [official, f"附件6-{studio.studio_name}.docx", f"{studio.leader_name}工作室基本情况表.docx",
                       f"{studio.studio_name}.docx"]
            name = self.file_name(options, official, meaningless=MEANINGLESS_DOCX)
            self.save(studio_forms_doc(self.drift, [studio], direct_unit=direct), name, "studio_form")

    def write_material(self, studio: Studio, index: int) -> None:
        official = f"{studio.studio_name}申报材料.docx"
        options = [official, f"{studio.leader_name}工作室材料.docx", f"附件5-{studio.studio_name}申报材料.docx"]
        if self.folder:
            options.append(f"材料{index}.docx")
        name = self.file_name(options, official, meaningless=MEANINGLESS_DOCX)
        self.material_names[studio.studio_name] = self.save(material_doc(self.drift, studio), name, "material")

    def write_base_forms(self) -> None:
        bases = self.inbox.bases[self.unit.name]
        for index, base in enumerate(bases, start=1):
            official = f"附件8-{base.enterprise_name}培训基地申报表.docx"
            options = [official, f"{base.enterprise_name}.docx", f"培训基地申报表{index}.docx"]
            name = self.file_name(options, official)
            self.save(base_forms_doc(self.drift, [base]), name, "training_base_form")

    # --- planted files ----------------------------------------------------------------------------

    def write_extras(self) -> None:
        duplicated = self.inbox.duplicated_material
        if duplicated and duplicated.recommending_unit == self.unit.name:
            self.write_duplicate(self.material_names[duplicated.studio_name])
        if self.inbox.cover_letter_unit == self.unit.name:
            studios = self.inbox.studios[self.unit.name]
            counts = {c: sum(1 for s in studios if s.category == c) for c in CATEGORY_ORDER}
            counts["training_base"] = len(self.inbox.bases[self.unit.name])
            short = data.unit_short_name(self.unit.name)
            name = self.unique(f"关于推荐{year(2021)}年度辽宁省劳模创新工作室等的函（{short}）.docx")
            self.save(cover_letter_doc(self.unit.name, counts), name, "unknown")
        if self.inbox.corrupt_file_unit == self.unit.name:
            path = self.directory / self.unique("附件6-工作室基本情况表（最终版）.docx")
            path.write_bytes(corrupt_bytes(self.rng))
            self.record(path, "unknown")

    def write_duplicate(self, original: str) -> None:
        source = self.inbox_dir / original
        stem = source.stem
        path = source.parent / self.unique(self.rng.choice([f"{stem}(1).docx", f"{stem} - 副本.docx"]))
        path.write_bytes(source.read_bytes())
        self.record(path, "material")


def corrupt_bytes(rng: random.Random) -> bytes:
    """Looks like the start of a zip, then garbage: a truncated, unreadable .docx."""
    return b"PK\x03\x04" + bytes(rng.getrandbits(8) for _ in range(rng.randint(800, 3000)))
