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
MAX_STUDIOS_NAMED = 2
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
    mentioned = _mentioned_studios(text[:HEAD_CHARS])
    if _is_letter(paragraphs) or len(mentioned) > MAX_STUDIOS_NAMED:
        return []  # a cover letter or a list of several studios, not one studio's material
    if sections < MIN_SECTIONS and title is None and not ((names or mentioned) and len(text) >= MIN_PROSE):
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


_STUDIO_MENTION = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”\"]{2,24}?(?:创新工作室|大师工作室|工匠工作室)")
_LETTER_START = re.compile(r"(?:的函|请示|通知)$")  # checked on every one of the first lines
_SALUTATION = re.compile(r"^(?:辽宁省总工会|省总工会)[^，。]{0,12}[:：]$")


def _mentioned_studios(text: str) -> set[str]:
    """Distinct studios the text mentions (`XX劳模创新工作室`): generic ones and aims
    (`努力打造全省一流的创新工作室`) left out, a short name inside a longer one (`安全生产创新工作室`
    in `大连轨道交通装备股份有限公司安全生产创新工作室`) counted once."""
    from extractors.prose.link import material_studio_name

    names = {name for match in _STUDIO_MENTION.finditer(text)
             if (name := material_studio_name(match.group())) and not _AIM.search(name)}
    return {name for name in names if not any(name != other and name in other for other in names)}


_AIM = re.compile(r"的|^(?:努力|打造|建设|建成|争创|创建|成为|争做)")


def _is_letter(paragraphs: list[Paragraph]) -> bool:
    return is_letter_text("\n".join(p.text for p in paragraphs[:4]))


def is_letter_text(text: str) -> bool:
    """A cover letter (`关于推荐…的函`, `辽宁省总工会：`), not a material nor a form."""
    lines = [re.sub(r"\s", "", line) for line in text.splitlines() if line.strip()][:4]
    return any(_LETTER_START.search(line) or _SALUTATION.match(line) for line in lines)


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
