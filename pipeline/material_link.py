"""Linking narrative materials to their studios by what they say, not only by their titles.

A material belongs to the studio it names: in its title, subtitle or cover page (strongest), by
the studio's full name anywhere on its first page, in its file name, or by the leader's name
together with the organisation. Materials and studios of the same unit are paired greedily,
strongest evidence first; a material of no known unit may pair with a studio of any unit. What
stays unpaired is kept (`unlinked`) so that the report lists it and no studio of its unit is
accused of sending no material while it may be that one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from rapidfuzz import fuzz

from extractors.prose.link import material_studio_name
from pipeline.loader import Entry
from pipeline.nominee import NAME_CUTOFF, Nominee, name_key

_TEXT_NOISE = re.compile(r"[\s\"“”'‘’《》「」·.,，、:：()（）—\-]")
NAMED, IN_TEXT, IN_FILE_NAME, LEADER_AND_ORG, LEADER = 300.0, 200.0, 150.0, 120.0, 60.0


@dataclass(slots=True)
class MaterialLinks:
    linked: list[tuple[Entry, Nominee]]
    unlinked: list[Entry]


def link_materials(materials: list[Entry], nominees: list[Nominee]) -> MaterialLinks:
    studios = [n for n in nominees if not n.is_base and n.material is None]
    candidates = []
    for material in materials:
        for nominee in studios:
            if material.unit and nominee.unit and material.unit != nominee.unit:
                continue
            score = material_score(material, nominee)
            if score > 0:
                candidates.append((score, id(material), material, nominee))
    linked, taken = [], set()
    for _score, _, material, nominee in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if id(material) in taken or nominee.material is not None:
            continue
        nominee.material = material
        taken.add(id(material))
        linked.append((material, nominee))
    return MaterialLinks(linked, [m for m in materials if id(m) not in taken])


def material_score(material: Entry, nominee: Nominee) -> float:
    """How surely the material is the nominee's (0: no evidence)."""
    key = name_key(nominee.name)
    if not key:
        return 0.0
    notes = material.raw.notes
    names = [material.name, *notes.get("names", [])]
    score = max((NAMED + fuzz.ratio(_core(name), key) / 100 for name in names
                 if name and _same_studio(name, key)), default=0.0)
    head = _TEXT_NOISE.sub("", notes.get("head", ""))
    if key in head:
        score = max(score, IN_TEXT + len(key) / 100)
    path = PurePosixPath(material.raw.file.replace("!", "/"))
    file_name = path.name
    for part in (file_name, *path.parts[:-1]):  # the file's name, then the folders it sits in
        from_path = material_studio_name(part)
        if from_path and _same_studio(from_path, key):
            score = max(score, IN_FILE_NAME)
    leader = name_key(str(nominee.value("leader_name") or ""))
    organisation = name_key(str(nominee.value("organization") or ""))
    stated_leader = name_key(str(material.values.get("leader_name") or ""))
    if leader and (leader == stated_leader or leader in head or leader in file_name):
        with_org = bool(organisation) and organisation in head
        score = max(score, LEADER_AND_ORG if with_org or leader == stated_leader else LEADER)
    return score


def _core(name: str) -> str:
    return name_key(name)


def _same_studio(name: str, key: str) -> bool:
    """A name given for the material is the studio's: close spelling, or the studio's full name
    inside it (`——XX有限公司XX创新工作室`)."""
    given = _core(name)
    return fuzz.ratio(given, key) >= NAME_CUTOFF or (len(key) >= 6 and key in given)
