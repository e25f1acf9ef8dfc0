"""What field extractors return: raw records with the location of every value."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.layout import Found
from schemas.issues import Issue


@dataclass(slots=True)
class RawRecord:
    """One nominee as one document states it (a summary row, a form, a material), raw text."""

    kind: str                 # summary_row, form, material, quota_row, registry_row
    category: str             # a SPEC category key, or "" when the document does not say
    file: str
    unit_text: str = ""       # the recommending unit as the document writes it
    unit_location: str = ""
    values: dict[str, Found] = field(default_factory=dict)
    anchor: str = ""          # where the record starts: a row or a table position
    notes: dict[str, str] = field(default_factory=dict)

    def text(self, name: str) -> str:
        found = self.values.get(name)
        return found.text if found else ""

    @property
    def scanned(self) -> bool:
        """Read by OCR from a scan: a value may be our misreading, not what the unit wrote."""
        return self.notes.get("source_kind") == "ocr"


@dataclass(slots=True)
class TotalRow:
    """A 合计 row; it sums the `records_before` records of its table read before it."""

    category: str
    values: dict[str, Found]
    location: str
    records_before: int


@dataclass(slots=True)
class Extraction:
    """Everything one family found in one document."""

    doc_type: str
    records: list[RawRecord] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    dates: list[Found] = field(default_factory=list)   # 填报日期 and opinion dates
    tables: list[int] = field(default_factory=list)    # indexes of the tables this family claimed
    head: str = ""   # an unrecognised document's first text, to tell whether it may hold a missing item
