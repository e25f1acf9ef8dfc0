"""List tables: the summaries (附件2/3/4/7), the quota table (附件1) and the registry of named
studios. Works on every table of a document (worksheets, hidden ones too, or Word tables)."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.layout import Found, Header, data_rows, find_date_line, find_header, find_unit_line, read_row
from extractors.model import Document, Paragraph, Table
from extractors.records import Extraction, RawRecord, TotalRow
from extractors.ticks import ticked_options
from extractors.titles import category_from_title, is_form_title
from schemas.columns import SUMMARY_DOC_TYPE
from schemas.labels import (
    BASE_KEYWORDS,
    QUOTA,
    REGISTRY,
    STUDIO_KEYWORDS,
    SUMMARY_BASE,
    SUMMARY_STUDIO,
    LabelMatcher,
    label_key,
)


@dataclass(frozen=True, slots=True)
class ListKind:
    name: str
    matcher: LabelMatcher
    required: frozenset[str]
    key_field: str


KINDS = [
    ListKind("studio", LabelMatcher(SUMMARY_STUDIO, keywords=STUDIO_KEYWORDS), frozenset({"studio_name"}),
             "studio_name"),
    ListKind("base", LabelMatcher(SUMMARY_BASE, keywords=BASE_KEYWORDS), frozenset({"enterprise_name"}),
             "enterprise_name"),
    ListKind("quota", LabelMatcher(QUOTA), frozenset({"unit", "labor_model_studio"}), "unit"),
    ListKind("registry", LabelMatcher(REGISTRY), frozenset({"year", "studio_name"}), "studio_name"),
]


def extract_lists(document: Document) -> list[Extraction]:
    extractions = []
    previous: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                previous = [*previous[-4:], block.text]
            continue
        found = _best_header(block)
        if found is not None and not _is_transposed_form(block, found[1], previous):
            kind, header = found
            extractions.append(_read_list(document, block, kind, header, previous))
        previous = []
    return extractions


def _best_header(table: Table) -> tuple[ListKind, Header] | None:
    best = None
    for kind in KINDS:
        header = find_header(table, kind.matcher, required=set(kind.required))
        if header and (best is None or len(header.columns) > len(best[1].columns)):
            best = (kind, header)
    return best


FORM_ONLY_LABELS = LabelMatcher({
    "form_only": ["工作室类别", "工作室类型", "民族", "政治面貌", "文化程度", "活动场所面积", "认定证书编号",
                  "法定代表人", "培训制度建设", "所在单位工会意见", "推荐单位意见"],
})


def _is_transposed_form(table: Table, header: Header, paragraphs: list[str]) -> bool:
    """Labels in a row with the values under them is a form, not a list: it carries labels only
    forms have, or stands under a form's title."""
    form_labels = sum(1 for c in table.distinct_cells(header.first_row)
                      if FORM_ONLY_LABELS.match(table.text(header.first_row, c)))
    lines = _context_lines(table, header, paragraphs)
    form_title = any(is_form_title(line, ("工作室", "培训基地")) for line in lines)
    return form_labels >= 1 or form_title


def _context_lines(table: Table, header: Header, paragraphs: list[str]) -> list[str]:
    """Text above the header, nearest last: preceding paragraphs, then title rows."""
    rows = [" ".join(dict.fromkeys(t for t in table.rows[r] if t)) for r in range(header.first_row)]
    return [*paragraphs, *rows]


def _read_list(document: Document, table: Table, kind: ListKind, header: Header,
               paragraphs: list[str]) -> Extraction:
    context = _context_lines(table, header, paragraphs)
    category = list_category(kind.name, context, table.name, set(header.columns))
    doc_type = {"quota": "quota_table", "registry": "registry"}.get(kind.name) or SUMMARY_DOC_TYPE[category]
    extraction = Extraction(doc_type=doc_type, tables=[table.index])
    unit_text, unit_location, date_text = _unit_and_date(table, header, paragraphs)
    if date_text:
        extraction.dates.append(date_text)
    row_category = category
    for row, row_kind in data_rows(table, header, kind.matcher):
        values = read_row(table, header, row)
        if row_kind == "note" and kind.name == "studio":
            row_category = _section_category(table, row) or row_category
            continue
        if row_kind == "total":
            extraction.totals.append(
                TotalRow(category, values.values, table.location(row, 0), len(extraction.records)))
            continue
        if row_kind in ("note", "header") or not _is_record(values.values, kind.key_field):
            continue
        record = RawRecord(
            kind=f"{kind.name}_row" if kind.name in ("quota", "registry") else "summary_row",
            category=_cell_category(values.values) or row_category if kind.name == "studio" else category,
            file=document.file, unit_text=unit_text or "",
            unit_location=unit_location, values=values.values, anchor=table.location(row, 0),
        )
        if date_text:
            record.notes["filled_date"] = date_text.text
        extraction.records.append(record)
    if kind.name == "studio" and extraction.records:  # a list of several categories: named by its first
        extraction.doc_type = SUMMARY_DOC_TYPE[extraction.records[0].category]
    return extraction


def _section_category(table: Table, row: int) -> str:
    """A row inside a list naming a category (`一、劳模创新工作室（2个）`): the rows below are of it."""
    text = " ".join(dict.fromkeys(t for t in table.rows[row] if t.strip()))
    category = category_from_title(text) if len(label_key(text)) <= SECTION_ROW_MAX else ""
    return category if category != "training_base" else ""


def _cell_category(values: dict[str, Found]) -> str:
    """A category column (`类别`: `劳模`, `职工（科技型）`, or ticks) on the row itself."""
    found = values.get("category")
    if found is None or not found.text.strip():
        return ""
    ticked, _ = ticked_options(found.text, CATEGORY_OPTIONS)
    return ticked[0] if len(ticked) == 1 else category_from_title(found.text)


SECTION_ROW_MAX = 30
CATEGORY_OPTIONS = {"labor_model_studio": "劳模创新工作室", "worker_studio_tech": "职工创新工作室(科技型企业)",
                    "worker_studio_other": "职工创新工作室(其他类型企业)"}
NOT_CONTENT = frozenset({"seq", "remarks", "category"})


def _is_record(values: dict[str, Found], key_field: str) -> bool:
    """A row with its name, or a row filled in but with the name left blank (a formula without a
    cached value reads blank too): the latter is kept so that the blank name is reported."""
    key = values.get(key_field)
    if key is not None and key.text.strip():
        return True
    filled = [name for name, found in values.items() if found.text.strip() and name not in NOT_CONTENT]
    return len(filled) >= 2


def _unit_and_date(table: Table, header: Header, paragraphs: list[str]) -> tuple[str, str, Found | None]:
    """The `推荐单位（盖章）：…` and `填报日期：…` lines, above the header or below the rows; the
    label and its value may sit in separate cells of the row (`填报单位（盖章）： | 沈阳市总工会`)."""
    unit, location, date = "", "", None
    candidates = [(text, "") for text in paragraphs]
    for row in [*range(header.first_row), *range(header.last_row + 1, table.height)]:
        candidates += _label_value_texts(table, row)
    for text, where in candidates:
        if not unit and (found := find_unit_line(text)):
            unit, location = found, where
        if date is None and (found_date := find_date_line(text)):
            date = Found(found_date, where)
    return unit, location, date


def _label_value_texts(table: Table, row: int) -> list[tuple[str, str]]:
    """Cells holding `标签：值`, and a `标签：` cell joined with the cell to its right."""
    texts = []
    cells = list(table.distinct_cells(row))
    for position, col in enumerate(cells):
        text = table.text(row, col).strip()
        if not text or not (":" in text or "：" in text):
            continue
        if text.endswith((":", "：")) and position + 1 < len(cells):
            right = cells[position + 1]
            texts.append((text + table.text(row, right).strip(), table.location(row, right)))
        else:
            texts.append((text, table.location(row, col)))
    return texts


def list_category(kind: str, context: list[str], sheet_name: str, columns: set[str]) -> str:
    if kind == "base":
        return "training_base"
    if kind != "studio":
        return ""
    for line in reversed([*context, sheet_name]):
        category = category_from_title(line)
        if category:
            return category
    if {"credit_code", "tech_category"} & columns:
        return "worker_studio_tech"
    if "org_nature" in columns:
        return "worker_studio_other"
    return "labor_model_studio"
