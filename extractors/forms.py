"""Forms: the studio basic-information form (附件6) and the training-base form (附件8).

A form is a label/value table, or `标签：值` paragraphs; a document may hold several forms, and
one form may run over two tables. Values stay raw here; `schemas.normalize` reads them later.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.layout import Found, find_unit_line, inline_pairs, label_values
from extractors.model import Document, Paragraph, Table
from extractors.records import Extraction, RawRecord
from schemas.labels import BASE_FORM, BASE_KEYWORDS, STUDIO_FORM, STUDIO_KEYWORDS, LabelMatcher, label_key

MIN_FORM_LABELS = 4


@dataclass(frozen=True, slots=True)
class FormKind:
    doc_type: str
    matcher: LabelMatcher
    key_field: str
    title_words: tuple[str, ...]


STUDIO = FormKind("studio_form", LabelMatcher(STUDIO_FORM, keywords=STUDIO_KEYWORDS), "studio_name",
                  ("基本情况表",))
BASE = FormKind("training_base_form", LabelMatcher(BASE_FORM, keywords=BASE_KEYWORDS), "enterprise_name",
                ("培训基地申报表", "培训基地推荐表"))
FORM_KINDS = (STUDIO, BASE)


class _FormBuilder:
    """Collects the forms of one document while walking its blocks in order."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.forms: dict[str, list[RawRecord]] = {kind.doc_type: [] for kind in FORM_KINDS}
        self.current: RawRecord | None = None
        self.current_kind: FormKind | None = None
        self.unit_text, self.unit_location = "", ""

    def start(self, kind: FormKind, anchor: str) -> RawRecord:
        record = RawRecord(kind="form", category="", file=self.document.file, unit_text=self.unit_text,
                           unit_location=self.unit_location, anchor=anchor)
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

    def note_unit(self, text: str, location: str) -> None:
        unit = find_unit_line(text)
        if unit:
            self.unit_text, self.unit_location = unit, location
            if self.current is not None and not self.current.unit_text and not self.current.values:
                self.current.unit_text, self.current.unit_location = unit, location


def extract_forms(document: Document) -> list[Extraction]:
    builder = _FormBuilder(document)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            _paragraph(builder, block)
        else:
            _table(builder, block)
    extractions = []
    for kind in FORM_KINDS:
        records = [r for r in builder.forms[kind.doc_type] if _is_form(r, kind)]
        for record in records:
            record.category = form_category(record, kind)
        if records:
            extractions.append(Extraction(doc_type=kind.doc_type, records=records))
    return extractions


def _is_form(record: RawRecord, kind: FormKind) -> bool:
    filled = [name for name in record.values if name in kind.matcher.exact.values()]
    return len(filled) >= MIN_FORM_LABELS and kind.key_field in record.values


def _paragraph(builder: _FormBuilder, paragraph: Paragraph) -> None:
    text = paragraph.text.strip()
    if not text:
        return
    key = label_key(text)
    for kind in FORM_KINDS:
        if len(key) < 40 and any(word in key for word in kind.title_words):
            builder.current = None  # a title starts a new form
            builder.current_kind = kind
            return
    if find_unit_line(text):
        builder.note_unit(text, paragraph.location())
        return
    kind = builder.current_kind
    kinds = [kind] if kind else list(FORM_KINDS)
    for candidate in kinds:
        pairs = inline_pairs(text, candidate.matcher, paragraph.location())
        if pairs:
            builder.add(candidate, pairs, paragraph.location())
            return


def _table(builder: _FormBuilder, table: Table) -> None:
    for row in table.rows[:3]:
        for cell in dict.fromkeys(row):
            if find_unit_line(cell):
                builder.note_unit(cell, table.location(0, 0))
    scored = []
    for kind in FORM_KINDS:
        pairs = label_values(table, kind.matcher)
        scored.append((len({name for name, _ in pairs}), kind, pairs))
    count, kind, pairs = max(scored, key=lambda item: item[0])
    if count >= 2 and (count >= MIN_FORM_LABELS or builder.current_kind is kind):
        builder.add(kind, pairs, table.location(0, 0))


TICKS = "☑☒■√✓✔✅⊠▣●◼"
BOXES = "□☐○◻▢口"
SEPARATORS = " :;,、，；。)）"
STUDIO_OPTIONS = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室(科技型企业)",
    "worker_studio_other": "职工创新工作室(其他类型企业)",
}


def ticked_options(text: str, options: dict[str, str]) -> tuple[list[str], list[str]]:
    """(ticked, present) option keys in a check-box text. An option counts as ticked when a tick
    mark stands before it. When no option carries a tick: if the others are boxed and exactly one
    carries some other mark (a scan reads ✓ as `v` or `加`), that one; if none carries any mark,
    the options left standing (the unticked ones were deleted)."""
    key = label_key(text)
    spots = []
    for name, label in options.items():
        position = _find_option(key, label_key(label))
        if position >= 0:
            spots.append((position, name))
    spots.sort()
    marks = {name: (key[position - 1] if position > 0 else " ") for position, name in spots}
    present = [name for _, name in spots]
    ticked = [name for name in present if marks[name] in TICKS]
    if ticked:
        return ticked, present
    boxed = [name for name in present if marks[name] in BOXES]
    odd = [name for name in present if marks[name] not in BOXES and marks[name] not in SEPARATORS]
    if boxed and len(odd) == 1:
        return odd, present
    return (present if not boxed and not odd else []), present


def _find_option(key: str, label: str) -> int:
    position = key.find(label)
    if position >= 0:
        return position
    short = label.replace("(", "").replace(")", "")
    return key.replace("(", "").replace(")", "").find(short)


def form_category(record: RawRecord, kind: FormKind) -> str:
    """The category a form ticks; a note on the record when none or several are ticked."""
    if kind is BASE:
        return "training_base"
    text = record.text("category")
    if not text:
        record.notes["category_problem"] = "未勾选"
        return ""
    ticked, _ = ticked_options(text, STUDIO_OPTIONS)
    if len(ticked) == 1:
        return ticked[0]
    record.notes["category_problem"] = "多选" if len(ticked) > 1 else "未勾选"
    return ""
