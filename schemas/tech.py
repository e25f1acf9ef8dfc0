"""The tech-enterprise categories of a campaign and the words that name them (SPEC §4
`tech_category`); the campaign file supplies them, nothing here is specific to a season."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from schemas.text import clean_text

# Variants of each canonical category; a 非/未/不是 right before a variant negates it.
_NEGATION = r"(?<!非)(?<!未)(?<!不是)"


@dataclass(frozen=True)
class TechVocabulary:
    """The tech-enterprise categories of a campaign (SPEC §4 `tech_category`), each with the words
    that name it, and the words that contain one of those but name no category (`高新区`).

    The categories and their words come from the campaign file (`tech_categories`,
    `tech_category_exclusions`); nothing here is specific to a season."""

    categories: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclusions: tuple[str, ...] = ()

    @classmethod
    def build(cls, synonyms: Mapping[str, Iterable[str]], exclusions: Iterable[str] = ()) -> TechVocabulary:
        return cls(tuple(synonyms), {name: tuple(words) for name, words in synonyms.items()}, tuple(exclusions))

    @cached_property
    def _matcher(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """One alternation of every word, longest first, and the category each word names."""
        canonical = {_fold_word(word): name for name in reversed(self.categories)
                     for word in (name, *self.synonyms.get(name, ()))}
        alternatives = "|".join(re.escape(word) for word in sorted(canonical, key=len, reverse=True))
        return re.compile(f"{_NEGATION}(?:{alternatives})"), canonical

    def find(self, value: Any) -> list[str]:
        """Canonical categories named in free text, in campaign order."""
        if not self.categories:
            return []
        text = _fold_word(value)
        for word in self.exclusions:
            text = text.replace(_fold_word(word), "|")
        pattern, canonical = self._matcher
        found = {canonical[match.group()] for match in pattern.finditer(text)}
        return [name for name in self.categories if name in found]


def _fold_word(value: Any) -> str:
    return clean_text(value).replace(" ", "")
