"""Forms: the studio basic-information form (附件6) and the training-base form (附件8), and the
forms units copy from other provinces and campaigns.

A form is a label/value table (read by `extractors.form_grid`), or `标签：值` paragraphs; a document
may hold several forms, one form may run over two tables, and a cover page and `填表说明` may come
first. A document is a form only when it carries the core labels of one, so look-alike forms of
other campaigns stay unknown. Values stay raw here; `schemas.normalize` reads them later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.combined import refine
from extractors.form_grid import form_pairs
from extractors.layout import Found, find_unit_line, inline_pairs
from extractors.model import Document, Paragraph, Table
from extractors.records import Extraction, RawRecord
from extractors.ticks import has_marks, ticked_options
from extractors.titles import category_from_title, is_form_title
from schemas.labels import BASE_FORM, BASE_KEYWORDS, STUDIO_FORM, STUDIO_KEYWORDS, LabelMatcher, label_key

MIN_FORM_LABELS = 4
TITLE_MAX = 40


@dataclass(frozen=True, slots=True)
class FormKind:
    doc_type: str
    matcher: LabelMatcher
    key_field: str
    # A form carries its key field and at least `least_core` of these (a look-alike form of another
    # campaign carries names, contacts and opinions, but not these).
    core: frozenset[str]
    least_core: int
    title_words: tuple[str, ...]


STUDIO = FormKind(
    "studio_form", LabelMatcher(STUDIO_FORM, keywords=STUDIO_KEYWORDS), "studio_name",
    frozenset({"leader_name", "team_size", "established", "category", "leader_honors", "leader_skill_level",
               "patents", "tackled_projects", "achievements", "venue_area_m2"}), 2,
    ("工作室",),
)
BASE = FormKind(
    "training_base_form", LabelMatcher(BASE_FORM, keywords=BASE_KEYWORDS), "enterprise_name",
    frozenset({"training_area_m2", "equipment_sets", "full_time_teachers", "part_time_teachers", "teachers_combined",
               "training_programs", "trainees_header", "trainees_2018", "trainees_2019", "trainees_2020",
               "satisfaction_rate", "training_system", "cert_no", "cert_combined"}), 2,
    ("培训基地",),
)
FORM_KINDS = (STUDIO, BASE)
TAIL_ROWS = 3   # a table this short after a form, with a label of it, is the form's last rows
INSTRUCTION_HEADINGS = ("填表说明", "填报说明", "填写说明", "说明")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[(（]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,2}\s*、)")


@dataclass(slots=True)
class _FormBuilder:
    """Collects the forms of one document while walking its blocks in order."""

    document: Document
    forms: dict[str, list[RawRecord]] = field(default_factory=lambda: {kind.doc_type: [] for kind in FORM_KINDS})
    current: RawRecord | None = None
    current_kind: FormKind | None = None
    unit_text: str = ""
    unit_location: str = ""
    unit_is_weak: bool = False        # from a `申报单位` line: the applicant, a unit only by luck
    hints: list[str] = field(default_factory=list)   # short lines before a form (title, cover page)
    in_instructions: bool = False

    def start(self, kind: FormKind, anchor: str) -> RawRecord:
        record = RawRecord(kind="form", category="", file=self.document.file, unit_text=self.unit_text,
                           unit_location=self.unit_location, anchor=anchor)
        record.notes["hints"] = list(self.hints)
        self.forms[kind.doc_type].append(record)
        self.current, self.current_kind = record, kind
        return record

    def add(self, kind: FormKind, pairs: list[tuple[str, Found]], anchor: str) -> None:
        names = {name for name, _ in pairs}
        record = self.current
        if record is None or self.current_kind is not kind or (
            kind.key_field in names and kind.key_field in record.values
        ):
            record = self.start(kind, anchor)
        for name, found in pairs:
            known = record.values.get(name)
            if known is None or (not known.text.strip() and found.text.strip()):
                record.values[name] = found

    def new_form_ahead(self, title: str) -> None:
        self.current = None
        self.hints = [title]

    def note_unit(self, text: str, location: str) -> None:
        unit = find_unit_line(text)
        if not unit:
            return
        weak = "申报单位" in label_key(text).split(":")[0] and "推荐" not in label_key(text).split(":")[0]
        if weak and self.unit_text and not self.unit_is_weak:
            return
        self.unit_text, self.unit_location, self.unit_is_weak = unit, location, weak
        kind = self.current_kind
        if self.current is not None and kind is not None and kind.key_field not in self.current.values:
            self.current.unit_text, self.current.unit_location = unit, location


def extract_forms(document: Document) -> list[Extraction]:
    builder = _FormBuilder(document)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            _paragraph(builder, block)
        else:
            builder.in_instructions = False
            _table(builder, block)
    extractions = []
    for kind in FORM_KINDS:
        records = [r for r in builder.forms[kind.doc_type] if is_form(r, kind)]
        for record in records:
            refine(record)
            _unit_from_label(record)
            record.category = form_category(record, kind)
        if records:
            extractions.append(Extraction(doc_type=kind.doc_type, records=records))
    return extractions


def _unit_from_label(record: RawRecord) -> None:
    """`推荐单位 | 沈阳市总工会` as a row of the form itself, when no unit line says it."""
    found = record.values.pop("recommending_unit", None)
    if found is not None and found.text.strip() and not record.unit_text:
        record.unit_text, record.unit_location = found.text.strip(), found.location


def is_form(record: RawRecord, kind: FormKind) -> bool:
    filled = [name for name in record.values if name in kind.matcher.exact.values()]
    core = sum(1 for name in record.values if name in kind.core)
    return len(filled) >= MIN_FORM_LABELS and kind.key_field in record.values and core >= kind.least_core


def _paragraph(builder: _FormBuilder, paragraph: Paragraph) -> None:
    text = paragraph.text.strip()
    if not text:
        return
    key = label_key(text)
    if key.startswith(INSTRUCTION_HEADINGS) and len(key) <= 6:
        builder.in_instructions = True
        return
    if builder.in_instructions:
        if _NUMBERED.match(text):
            return
        builder.in_instructions = False
    if len(key) < TITLE_MAX and ":" not in key:
        for kind in FORM_KINDS:
            if is_form_title(text, kind.title_words):
                builder.new_form_ahead(text)
                builder.current_kind = kind
                return
        builder.hints = [*builder.hints[-5:], text]
        return
    if find_unit_line(text):
        builder.note_unit(text, paragraph.location())
        if not _APPLICANT_LINE.match(label_key(text)):
            return  # `申报单位：…` names the applicant too: read it as a pair below
    kind = builder.current_kind
    kinds = [kind] if kind else list(FORM_KINDS)
    for candidate in kinds:
        pairs = inline_pairs(text, candidate.matcher, paragraph.location())
        if pairs:
            builder.add(candidate, pairs, paragraph.location())
            return


_APPLICANT_LINE = re.compile(r"^申报单位")


def _table(builder: _FormBuilder, table: Table) -> None:
    for row in table.rows[:3]:
        for cell in dict.fromkeys(row):
            if find_unit_line(cell):
                builder.note_unit(cell, table.location(0, 0))
    scored = []
    for kind in FORM_KINDS:
        read = form_pairs(table, kind.matcher)
        scored.append((len({name for name, _ in read.pairs}), kind, read))
    count, kind, read = max(scored, key=lambda item: (item[0], item[1] is builder.current_kind))
    # the rest of a form on its next page can be one row (`市总工会意见 | 同意联合推荐…`)
    tail = builder.current is not None and builder.current_kind is kind and len(table.rows) <= TAIL_ROWS
    if count >= (1 if tail else 2) and (count >= MIN_FORM_LABELS or builder.current_kind is kind):
        builder.add(kind, read.pairs, table.location(0, 0))
        if builder.current is not None:
            builder.current.notes.setdefault("hints", []).extend(read.sections)
            inferred = [name for name, found in read.pairs if found.location in read.inferred]
            if inferred:
                builder.current.notes.setdefault("inferred", []).extend(inferred)
        builder.hints = []  # lines after this table belong to what follows


STUDIO_OPTIONS = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室(科技型企业)",
    "worker_studio_other": "职工创新工作室(其他类型企业)",
}
STUDIO_KINDS = {"labor_model_studio": "劳模创新工作室", "worker": "职工创新工作室"}
ENTERPRISE_KINDS = {"worker_studio_tech": "科技型企业", "worker_studio_other": "其他类型企业"}


def form_category(record: RawRecord, kind: FormKind) -> str:
    """The category the form ticks, else the one its title names. Notes on the record:
    `category_problem` when the category row is there but none or several options are ticked;
    `category_partial` = `worker` when only 职工创新工作室 is known (the summary says which)."""
    if kind is BASE:
        return "training_base"
    found = record.values.get("category")
    text = found.text if found is not None else ""
    if text.strip():
        return _ticked_category(record, text)
    if found is not None:
        record.notes["category_problem"] = "未勾选"
        return ""
    return _hinted_category(record)


def _ticked_category(record: RawRecord, text: str) -> str:
    ticked, present = ticked_options(text, STUDIO_OPTIONS)
    if not has_marks(text) and (len(present) == len(STUDIO_OPTIONS)
                                or (len(ticked_options(text, STUDIO_KINDS)[1]) == len(STUDIO_KINDS) and not present)):
        record.notes["category_unreadable"] = text  # every option standing, none marked: chosen by formatting?
        return ""
    if len(ticked) == 1:
        return ticked[0]
    if len(ticked) > 1:
        record.notes["category_problem"] = "多选"
        return ""
    kinds, kinds_present = ticked_options(text, STUDIO_KINDS)
    if not present and not kinds_present:
        record.notes["category_unreadable"] = text
        return ""
    if kinds == ["labor_model_studio"]:
        return "labor_model_studio"
    if kinds == ["worker"]:
        enterprise, _ = ticked_options(record.notes.get("enterprise_kind", ""), ENTERPRISE_KINDS)
        if len(enterprise) == 1:
            return enterprise[0]
        record.notes["category_partial"] = "worker"
        return ""
    record.notes["category_problem"] = "多选" if len(kinds) > 1 else "未勾选"
    return ""


def _hinted_category(record: RawRecord) -> str:
    """No category row: the category the title or cover page names, if any."""
    for hint in reversed(record.notes.get("hints", [])):  # the nearest line first
        category = category_from_title(hint)
        if category and category != "training_base":
            return category
        key = label_key(hint)
        if "职工创新工作室" in key and "劳模" not in key:
            record.notes["category_partial"] = "worker"
    record.notes["category_absent"] = "true"
    return ""
