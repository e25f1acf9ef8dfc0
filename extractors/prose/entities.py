"""Every mention the prose readers use: the quantities of `mentions` and the honours and skill
levels of `honours`, without overlaps. Kept apart so that `honours` (which uses the number helpers
of `mentions`) and `mentions` do not import each other."""

from __future__ import annotations

from extractors.prose.honours import honour_mentions, skill_mentions
from extractors.prose.mentions import Mention, fold_width, quantity_mentions, without_overlaps

__all__ = ["find_mentions"]


def find_mentions(text: str) -> list[Mention]:
    """All mentions in ``text`` (offsets into ``text``), without overlaps, in text order."""
    folded = fold_width(text)
    found = [*quantity_mentions(folded), *honour_mentions(folded), *skill_mentions(folded)]
    return without_overlaps(found, text)
