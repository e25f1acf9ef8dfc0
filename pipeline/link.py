"""Linking: a nominee's summary row, form and narrative material become one record.

Forms are matched to summary rows of the same unit by normalised name (fuzzy), with leader and
organisation breaking ties; materials are matched to studios the same way. What stays alone
becomes a nominee of its own, and the gap is an issue (MISSING_FORM, NOT_IN_SUMMARY).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from rapidfuzz import fuzz

from extractors.titles import category_from_title
from pipeline.loader import Entry
from pipeline.material_link import link_materials
from pipeline.nominee import NAME_CUTOFF, OCR_NAME_CUTOFF, Nominee, name_key

__all__ = ["NAME_CUTOFF", "Linking", "Nominee", "link", "name_key"]

@dataclass(slots=True)
class Linking:
    nominees: list[Nominee]
    unlinked_materials: list[Entry] = field(default_factory=list)


def link(summaries: list[Entry], forms: list[Entry], materials: list[Entry]) -> Linking:
    nominees = [Nominee(category=entry.category, unit=entry.unit, summary=entry) for entry in summaries]
    unmatched = []
    for form in forms:
        target = _best_match(form, [n for n in nominees if n.form is None and n.summary is not None
                                    and n.is_base == form.is_base])
        if target is None:
            unmatched.append(form)
        else:
            target.form = form
            target.unit = target.unit or form.unit
    for form in unmatched:
        target = _same_leader(form, nominees)
        if target is None:
            nominees.append(Nominee(category=form.category or category_from_path(form.raw.file), unit=form.unit,
                                    form=form))
        else:
            target.form = form
            target.unit = target.unit or form.unit
    links = link_materials(materials, nominees)
    for material, nominee in links.linked:
        nominee.unit = nominee.unit or material.unit
    assign_record_ids(nominees)
    return Linking(nominees, links.unlinked)


def _best_match(entry: Entry, candidates: list[Nominee]) -> Nominee | None:
    key = name_key(entry.name)
    if not key:
        return None
    best, best_score = None, 0.0
    for nominee in candidates:
        if entry.unit and nominee.unit and entry.unit != nominee.unit:
            continue
        score = fuzz.ratio(key, name_key(nominee.name))
        if score < (OCR_NAME_CUTOFF if entry.raw.scanned else NAME_CUTOFF):
            continue
        score += _tie_breaker(entry, nominee)
        if entry.unit and entry.unit == nominee.unit:
            score += 1
        if score > best_score:
            best, best_score = nominee, score
    return best


def _same_leader(form: Entry, nominees: list[Nominee]) -> Nominee | None:
    """The one summary row of the form's unit with the same leader, when the studio's name is
    written differently on the two (`张三劳模创新工作室` / `张三劳动模范创新工作室`)."""
    leader = name_key(str(form.values.get("leader_name") or ""))
    if form.is_base or len(leader) < 2:
        return None
    found = [n for n in nominees if n.form is None and n.summary is not None and not n.is_base
             and (not form.unit or n.unit == form.unit)
             and name_key(str(n.summary.values.get("leader_name") or "")) == leader]
    return found[0] if len(found) == 1 else None


def category_from_path(file: str) -> str:
    """The category a folder names (`…/劳模创新工作室/附件6.docx`), or ""."""
    for folder in reversed(PurePosixPath(file.replace("!", "/")).parts[:-1]):
        category = category_from_title(folder)
        if category:
            return category
    return ""


def _tie_breaker(entry: Entry, nominee: Nominee) -> float:
    bonus = 0.0
    for name in ("leader_name", "organization", "credit_code"):
        mine, theirs = entry.values.get(name), nominee.value(name)
        if mine and theirs and name_key(str(mine)) == name_key(str(theirs)):
            bonus += 2
    return bonus


def assign_record_ids(nominees: list[Nominee]) -> None:
    """Ids from unit and name only, so they do not depend on file order or file names."""
    seen: dict[str, int] = {}
    ordered = sorted(nominees, key=lambda n: (n.unit, name_key(n.name), n.category, _first_anchor(n)))
    for nominee in ordered:
        prefix = "T" if nominee.is_base else "S"
        digest = hashlib.sha1(f"{nominee.unit}|{name_key(nominee.name)}".encode()).hexdigest()[:10]
        base_id = f"{prefix}-{digest}"
        seen[base_id] = seen.get(base_id, 0) + 1
        nominee.record_id = base_id if seen[base_id] == 1 else f"{base_id}-{seen[base_id]}"


def _first_anchor(nominee: Nominee) -> str:
    entry = nominee.entries[0]
    return f"{entry.raw.file}|{entry.raw.anchor}"
