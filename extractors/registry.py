"""The document families and the one entry point: a document in, everything it holds out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from extractors.combined import refine
from extractors.forms import extract_forms
from extractors.material import extract_material
from extractors.model import Document, Table
from extractors.records import Extraction
from extractors.summary import extract_lists

Family = Callable[[Document], list[Extraction]]
# In order: a table claimed by an earlier family is hidden from the later ones.
FAMILIES: list[Family] = [extract_lists, extract_forms]
FALLBACK_FAMILIES: list[Family] = [extract_material]
UNKNOWN_HEAD_CHARS = 4000

# When a document holds several families, the file is labelled by the first in this order.
DOC_TYPE_PRIORITY = [
    "summary_labor_model", "summary_worker_tech", "summary_worker_other", "summary_training_base",
    "studio_form", "training_base_form", "quota_table", "registry", "material",
]


def extract_document(document: Document) -> list[Extraction]:
    extractions: list[Extraction] = []
    for family in FAMILIES:
        claimed = {index for e in extractions for index in e.tables}
        extractions += family(_without_tables(document, claimed) if claimed else document)
    if not any(e.records for e in extractions):
        extractions += [e for family in FALLBACK_FAMILIES for e in family(document)]
    if not any(e.records for e in extractions):
        extractions.append(Extraction(doc_type="unknown", head=document.all_text(limit=UNKNOWN_HEAD_CHARS)))
    for extraction in extractions:
        for record in extraction.records:
            if record.kind == "summary_row":  # forms are refined where their category is read
                refine(record)
    return extractions


def _without_tables(document: Document, claimed: set[int]) -> Document:
    blocks = [b for b in document.blocks if not (isinstance(b, Table) and b.index in claimed)]
    return replace(document, blocks=blocks)


def primary_doc_type(extractions: list[Extraction]) -> str:
    kinds = {e.doc_type for e in extractions if e.records or e.doc_type.startswith("summary")}
    for doc_type in DOC_TYPE_PRIORITY:
        if doc_type in kinds:
            return doc_type
    return "unknown"
