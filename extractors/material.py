"""Narrative application material (附件5 outline): one record per studio material, with every
clue that tells which studio it belongs to, and its text kept for the prose readers.

Titles are often generic (`关于申报辽宁省职工创新工作室的材料`), the studio named only in a
subtitle (`——某某创新工作室`), on a cover page (`工作室名称：…`) or in the first sentences; file
names say `附件5` or even name the form. So the record keeps, besides the title's studio name:
the names the subtitle and cover give (`notes["names"]`, best first), the leader the prose names,
and the first page of text (`notes["head"]`), which the linker searches for studio, leader and
organisation names.
"""

from __future__ import annotations

import re

from extractors.layout import Found
from extractors.model import Document, Paragraph
from extractors.records import Extraction, RawRecord
from schemas.labels import label_key

TITLE = re.compile(
    r"^(?:关于)?[“\"《]?(?P<name>.{2,40}?)[”\"》]?(?:的)?(?:申报材料|申报书|推荐材料|事迹材料|典型材料)"
)
SUBTITLE = re.compile(r"^(?:——|—|--|-|[(（])\s*(?P<name>[^（）()]{2,60}?工作室)\s*[)）]?$")
COVER_NAME = re.compile(r"^工作室(?:名称|全称)\s*[:：]\s*(?P<name>.{2,60}?工作室)\s*$")
MIN_SECTIONS = 2
MIN_PROSE = 300
HEAD_CHARS = 3000
TITLE_LINES = 8


def extract_material(document: Document) -> list[Extraction]:
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        return []
    text = "\n".join(p.text for p in paragraphs)
    from extractors.prose.link import material_leader_name, material_studio_name  # spaCy loads on use
    from extractors.prose.narrative import narrative_facts, split_sections

    sections = len({s.key for s in split_sections(text) if s.key})
    title = _title(paragraphs, material_studio_name)
    names = _named(paragraphs)
    if sections < MIN_SECTIONS and title is None and not (names and len(text) >= MIN_PROSE):
        return []
    if sections < MIN_SECTIONS and len(text) < MIN_PROSE:
        return []
    record = RawRecord(kind="material", category="", file=document.file, anchor=paragraphs[0].location())
    if title is not None:
        name, paragraph = title
        record.values["studio_name"] = Found(name, paragraph.location())
    elif names:
        record.values["studio_name"] = Found(names[0], "")
    record.notes["names"] = names
    record.notes["head"] = text[:HEAD_CHARS]
    leader = material_leader_name(text)
    if leader:
        record.values["leader_name"] = Found(leader, "")
    record.notes["facts"] = [
        {"field": fact.field, "value": fact.value, "sentence": fact.sentence} for fact in narrative_facts(text)
    ]
    return [Extraction(doc_type="material", records=[record])]


def _title(paragraphs: list[Paragraph], studio_name) -> tuple[str, Paragraph] | None:
    """The studio a title names (`XX工作室申报材料`); a generic title names none."""
    for paragraph in paragraphs[:5]:
        match = TITLE.search(label_key(paragraph.text))
        if match and studio_name(match.group("name") + "申报材料"):
            return studio_name(match.group("name") + "申报材料"), paragraph
    return None


def _named(paragraphs: list[Paragraph]) -> list[str]:
    """Studio names in a subtitle (`——XX工作室`) or on a cover page (`工作室名称：XX工作室`)."""
    names = []
    for paragraph in paragraphs[:TITLE_LINES]:
        text = paragraph.text.strip()
        for pattern in (SUBTITLE, COVER_NAME):
            match = pattern.match(text)
            if match:
                names.append(match.group("name").strip())
    return list(dict.fromkeys(names))
