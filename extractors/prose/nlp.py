"""The spaCy pipeline for narrative material: jieba words, sentences, and regex entities.

``build_nlp()`` is ``spacy.blank("zh")`` with the jieba segmenter (its dictionary ships in the
wheel; nothing is fetched), a ``sentencizer`` on 。！？；, and the ``prose_entities`` component,
which runs the character-level patterns of :mod:`extractors.prose.mentions` over ``doc.text`` and
sets ``doc.ents`` (labels DATE, COUNT, MONEY, AREA, HONOUR, SKILL) with ``ent._.value`` holding
the normalised value. The exact character mentions are kept in ``doc._.prose_mentions``.

The pipeline saves with ``nlp.to_disk(path)``; ``spacy.load(path)`` needs this module imported
first so that the ``prose_entities`` factory is registered.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.prose.entities import find_mentions
from extractors.prose.mentions import Mention

__all__ = ["SENTENCE_ENDS", "build_nlp", "get_nlp", "mentions_of"]

SENTENCE_ENDS = ("。", "！", "？", "；", "!", "?", ";", "\n")
COMPONENT = "prose_entities"

if not Doc.has_extension("prose_mentions"):
    Doc.set_extension("prose_mentions", default=None)
if not Span.has_extension("value"):
    Span.set_extension("value", default=None)


@Language.component(COMPONENT)
def prose_entities(doc: Doc) -> Doc:
    """Set ``doc.ents`` from the character-level mentions (spans expanded to whole tokens)."""
    mentions = find_mentions(doc.text)
    doc._.prose_mentions = [tuple(mention) for mention in mentions]
    spans: list[Span] = []
    values: dict[tuple[int, int, str], object] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, label=mention.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
            values[(span.start_char, span.end_char, mention.label)] = mention.value
    doc.ents = filter_spans(spans)
    for ent in doc.ents:
        ent._.value = values.get((ent.start_char, ent.end_char, ent.label_))
    return doc


def mentions_of(doc: Doc) -> list[Mention]:
    """The exact character mentions the component found (empty if it did not run)."""
    return [Mention(*item) for item in doc._.prose_mentions or []]


jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on stderr


def build_nlp(segmenter: str = "jieba") -> Language:
    """A fresh pipeline; ``segmenter="char"`` skips jieba (entities do not depend on words)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.add_pipe("sentencizer", config={"punct_chars": list(SENTENCE_ENDS)})
    nlp.add_pipe(COMPONENT)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """One pipeline per process."""
    return build_nlp()
