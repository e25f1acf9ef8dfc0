"""Narrative application material (附件5 outline): one record per studio material, its title
(from which the studio name comes) and its text kept for the prose readers."""

from __future__ import annotations

import re

from extractors.layout import Found
from extractors.model import Document, Paragraph
from extractors.records import Extraction, RawRecord
from schemas.labels import label_key

SECTION_WORDS = ("工作室基本情况", "创新工作开展情况", "主要创新成果", "示范引领", "下一步工作计划", "人才培养")
TITLE = re.compile(
    r"^(?:关于)?[“\"《]?(?P<name>.{2,40}?)[”\"》]?(?:的)?(?:申报材料|申报书|推荐材料|事迹材料|典型材料)"
)
MIN_SECTIONS = 2


def extract_material(document: Document) -> list[Extraction]:
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        return []
    text = "\n".join(p.text for p in paragraphs)
    sections = sum(1 for word in SECTION_WORDS if word in text)
    title = _title(paragraphs)
    if sections < MIN_SECTIONS and title is None:
        return []
    if sections < MIN_SECTIONS and len(text) < 300:
        return []
    record = RawRecord(kind="material", category="", file=document.file, anchor="paragraph 1")
    if title is not None:
        name, paragraph = title
        record.values["studio_name"] = Found(name, paragraph.location())
    from extractors.prose.link import material_leader_name  # spaCy loads only when a material is read
    from extractors.prose.narrative import narrative_facts

    leader = material_leader_name(text)
    if leader:
        record.values["leader_name"] = Found(leader, "")
    record.notes["facts"] = [
        {"field": fact.field, "value": fact.value, "sentence": fact.sentence} for fact in narrative_facts(text)
    ]
    return [Extraction(doc_type="material", records=[record])]


def _title(paragraphs: list[Paragraph]) -> tuple[str, Paragraph] | None:
    for paragraph in paragraphs[:5]:
        match = TITLE.search(label_key(paragraph.text))
        if match:
            return match.group("name"), paragraph
    return None
