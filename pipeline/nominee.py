"""A nominee: one studio or training base with the summary row, form and material that speak of
it, and the name key by which documents are matched to each other."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pipeline.loader import Entry

NAME_CUTOFF = 88.0
OCR_NAME_CUTOFF = 80.0  # a scan misreads a character now and then (`张建国` → `张建图`)
_NAME_NOISE = re.compile(r"[\s\"“”'‘’《》「」·.,，、:：()（）]")


def name_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "")
    text = _NAME_NOISE.sub("", text)
    return text.removeprefix("辽宁省")


@dataclass(slots=True)
class Nominee:
    category: str
    unit: str
    summary: Entry | None = None
    form: Entry | None = None
    material: Entry | None = None
    record_id: str = ""
    overrides: dict[str, Any] = field(default_factory=dict)   # reviewer corrections, by field

    @property
    def is_base(self) -> bool:
        return self.category == "training_base"

    @property
    def entries(self) -> list[Entry]:
        return [e for e in (self.form, self.summary, self.material) if e is not None]

    @property
    def name(self) -> str:
        return next((e.name for e in (self.form, self.summary, self.material) if e and e.name), "")

    def value(self, name: str) -> Any:
        """A reviewer's correction, else the form's value where it has one, else the summary's."""
        if name in self.overrides:
            return self.overrides[name]
        for entry in (self.form, self.summary):
            if entry is not None and entry.values.get(name) not in (None, ""):
                return entry.values[name]
        return None

    def location(self, name: str) -> tuple[str, str]:
        for entry in (self.form, self.summary):
            if entry is not None and name in entry.locations:
                return entry.raw.file, entry.locations[name]
        primary = self.entries[0]
        return primary.raw.file, primary.raw.anchor

    def source_kind(self, name: str) -> str:
        """`ocr` when the value shown for `name` was read from a scan."""
        for entry in (self.form, self.summary):
            if entry is not None and entry.values.get(name) not in (None, ""):
                return entry.raw.notes.get("source_kind", "digital")
        return ""

    @property
    def source_files(self) -> list[str]:
        return list(dict.fromkeys(e.raw.file for e in self.entries))
