"""Recommending units: the default 2021 quota table and matching free text to a unit's name.

`大连市总`, `大连市总工会（盖章）`, `大连市总公会`, `大连` all resolve to `大连市总工会`, the name
exactly as in the quota table.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

_NOISE = re.compile(r"[（(]\s*(?:盖\s*章|公\s*章|章)\s*[)）]|盖章|[\s:：,，。、·\-_]|^\d+[.、]?")
_SUFFIXES = ("总工会", "工会", "市总", "总", "市", "省")


@dataclass(frozen=True, slots=True)
class Quota:
    unit: str
    kind: str  # city, demo_zone, industry, direct
    labor_model_studio: int
    worker_studio: int
    worker_studio_tech_min: int
    training_base: int


def default_quotas() -> list[Quota]:
    text = resources.files("schemas").joinpath("quotas_2021.csv").read_text(encoding="utf-8")
    return [
        Quota(row["unit"], row["kind"], int(row["labor_model_studio"]), int(row["worker_studio"]),
              int(row["worker_studio_tech_min"]), int(row["training_base"]))
        for row in csv.DictReader(text.splitlines())
    ]


def unit_kind(name: str) -> str:
    if name.endswith("市总工会"):
        return "city"
    if name.startswith("省") and name.endswith("工会"):
        return "industry"
    if "示范区" in name:
        return "demo_zone"
    return "direct"


def clean_unit_text(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def stem(name: str) -> str:
    """`大连市总工会` → `大连`; `省能源化学地质工会` → `能源化学地质`."""
    name = clean_unit_text(name)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
    for suffix in ("总工会", "工会", "市总", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
    if name.startswith("辽宁省"):
        name = name[3:]
    elif name.startswith("省") and len(name) > 2:
        name = name[1:]
    return name


_TOKEN_SPLIT = re.compile(r"[_\-\s—·、，,（）()\[\]【】]+")
_BRACKETED = re.compile(r"[(\[【]([^()\[\]【】]{2,20})[)\]】]")


_UNIT_WORDS = ("市总", "总工会", "工会", "市", "总")
# Words that begin an organisation's name after its city (`沈阳鼓风机集团`): no unit named there.
ORG_WORDS = ("集团", "公司", "股份", "有限", "机床", "重工", "石化", "电力", "医院", "大学", "学院", "中心", "港",
             "银行", "科技", "装备", "制造", "钢铁", "化工", "铁路", "地铁", "燃气", "热电", "水泥", "药业")


def _unit_prefix(token: str, unit_stem: str) -> bool:
    """`大连市总-…`, `大连…` as a unit: the token is the unit, or goes on with a unit word — not with an
    organisation's name (`大连船舶重工集团…` names a company in Dalian, not the city union)."""
    rest = token[len(unit_stem):]
    if not rest or rest.startswith(_UNIT_WORDS):
        return True
    return len(rest) <= 12 and not any(word in rest for word in ORG_WORDS)


def is_abbreviation(short: str, full: str) -> bool:
    """`卫健委` abbreviates `卫生健康委员会`: same first character, the rest in order."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0] or len(short) * 5 < len(full) * 2:
        return False
    position = 0
    for char in short:
        position = full.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


class UnitMatcher:
    def __init__(self, names: list[str], *, cutoff: float = 80.0) -> None:
        self.names = list(names)
        self.cutoff = cutoff
        self.by_clean = {clean_unit_text(n): n for n in names}
        self.by_stem = {stem(n): n for n in names}
        self.stems = list(self.by_stem)

    @lru_cache(maxsize=4096)  # noqa: B019 - matchers live for the whole run
    def match(self, text: str | None) -> str | None:
        if not text:
            return None
        cleaned = clean_unit_text(text)
        if not cleaned or len(cleaned) > 40:
            return None
        if cleaned in self.by_clean:
            return self.by_clean[cleaned]
        key = stem(cleaned)
        if key in self.by_stem:
            return self.by_stem[key]
        for unit_stem, name in self.by_stem.items():
            for prefix in (unit_stem, "辽宁省" + unit_stem):
                if len(unit_stem) >= 2 and cleaned.startswith(prefix) and _unit_prefix(cleaned, prefix):
                    return name
        abbreviated = [name for unit_stem, name in self.by_stem.items() if is_abbreviation(key, unit_stem)]
        if len(abbreviated) == 1:
            return abbreviated[0]
        best = process.extractOne(key, self.stems, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        return self.by_stem[best[0]] if best else None

    def match_start(self, text: str) -> str | None:
        """A unit named at the start of a text (`大连-张建国工作室.docx`, `省卫健委_附件2`)."""
        for token in _TOKEN_SPLIT.split(unicodedata.normalize("NFKC", text)):
            if token:
                unit = self.match(token)
                if unit:
                    return unit
                cleaned = stem(token)
                hits = [(len(s), n) for s, n in self.by_stem.items()
                        if len(s) >= 2 and cleaned.startswith(s) and _unit_prefix(cleaned, s)]
                return max(hits)[1] if hits else None
        return None

    def match_bracketed(self, text: str) -> str | None:
        """A unit named in brackets in a file name (`申报材料（1）（盘锦市总）`)."""
        for inner in _BRACKETED.findall(unicodedata.normalize("NFKC", text)):
            unit = self.match(inner)
            if unit and clean_unit_text(inner) and len(clean_unit_text(inner)) <= len(clean_unit_text(unit)) + 2:
                return unit
        return None

    def find_in(self, text: str) -> str | None:
        """A unit named anywhere inside a longer text (a file or folder name)."""
        cleaned = clean_unit_text(text)
        hits = [(len(s), n) for s, n in self.by_stem.items() if len(s) >= 2 and s in cleaned]
        return max(hits)[1] if hits else None
