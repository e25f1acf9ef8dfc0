"""Structure finders shared by the field extractors: header rows of list tables, label/value
pairs of forms, and the `推荐单位（盖章）：…` / `填报日期：…` lines. They work on the document
model only and never on fixed row or column numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractors.model import Table
from schemas.labels import LabelMatcher, label_key

HEADER_SCAN_ROWS = 25
TOTAL_WORDS = {"合计", "总计", "小计", "共计"}
NOTE_PREFIXES = ("注", "说明", "填表说明", "填报说明", "备注:", "备注：", "填表人", "填报人", "审核人", "制表")
_LABEL_VALUE = re.compile(r"^\s*([^:：\n]{1,20}?)\s*[:：]\s*(.*)$", re.S)


@dataclass(slots=True)
class Header:
    first_row: int
    last_row: int
    columns: dict[str, int]


@dataclass(slots=True)
class Found:
    """A raw value, where it was read, and for scans the recogniser's confidence (0–100)."""

    text: str
    location: str
    confidence: float | None = None


def found_at(table: Table, row: int, col: int, text: str | None = None) -> Found:
    confidence = table.confidence[row][col] if table.confidence else None
    return Found(table.text(row, col) if text is None else text, table.location(row, col), confidence)


@dataclass(slots=True)
class RowValues:
    row: int
    values: dict[str, Found] = field(default_factory=dict)


def find_header(table: Table, matcher: LabelMatcher, *, required: set[str], least: int = 3) -> Header | None:
    """The header of a list table: the row (or pair of rows) whose cells name the most fields."""
    best: Header | None = None
    for row in range(min(table.height, HEADER_SCAN_ROWS)):
        columns = _row_fields(table, row, matcher)
        if len(columns) < least:
            continue
        header = Header(row, row, columns)
        _absorb_second_header_row(table, header, matcher)
        _absorb_hint_rows(table, header)
        if not required <= set(header.columns):
            continue
        if best is None or len(header.columns) > len(best.columns):
            best = header
    return best


def _row_fields(table: Table, row: int, matcher: LabelMatcher) -> dict[str, int]:
    columns: dict[str, int] = {}
    for col in table.distinct_cells(row):
        field_name = matcher.match(table.text(row, col))
        if field_name and field_name not in columns:
            columns[field_name] = col
    return columns


def _absorb_second_header_row(table: Table, header: Header, matcher: LabelMatcher) -> None:
    """A two-row header: a merged group label (`领衔人`) over sub-labels (`姓名|性别|出生年月`).

    The next row counts as part of the header only when every cell of its own is a label."""
    top, row = header.first_row, header.first_row + 1
    if row >= table.height:
        return
    sub_fields: dict[str, int] = {}
    for col in table.distinct_cells(row):
        text = table.text(row, col)
        if table.same_cell((row, col), (top, col)) or not text.strip():
            continue
        field_name = matcher.match(text)
        if field_name is None and _spans(table, top, col):
            field_name = matcher.match(table.text(top, col) + text)
        if field_name is None:
            return
        sub_fields.setdefault(field_name, col)  # the first column naming a field keeps it
    if not sub_fields:
        return
    for name, col in list(header.columns.items()):
        if _spans(table, top, col) and any(table.same_cell((top, c), (top, col)) for c in sub_fields.values()):
            del header.columns[name]  # the group label gives way to its sub-labels
    header.columns.update(sub_fields)
    header.last_row = row


_HINT = re.compile(r"^[(（][^()（）]{1,12}[)）]$")


def _absorb_hint_rows(table: Table, header: Header) -> None:
    """A row under the header holding only hints (`（年月）`, `（人）`) and cells merged down from the
    header belongs to the header."""
    while header.last_row + 1 < table.height:
        row = header.last_row + 1
        own = [table.text(row, c).strip() for c in table.distinct_cells(row) if table.origin(row, c)[0] == row]
        filled = [text for text in own if text]
        if not filled or not all(_HINT.match(label_key(text)) for text in filled):
            return
        header.last_row = row


def _spans(table: Table, row: int, col: int) -> bool:
    """Whether the cell at (row, col) is merged over more than one column."""
    origin = table.origin(row, col)
    return any(table.origin(row, c) == origin for c in range(table.width) if c != col)


def is_blank_row(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def is_total_row(cells: list[str]) -> bool:
    return any(label_key(cell) in TOTAL_WORDS for cell in cells[:4] if cell)


def is_note_row(table: Table, row: int) -> bool:
    distinct = [table.text(row, c) for c in table.distinct_cells(row) if table.text(row, c).strip()]
    if not distinct:
        return False
    first = label_key(distinct[0])
    return len(distinct) == 1 or first.startswith(NOTE_PREFIXES)


def data_rows(table: Table, header: Header, matcher: LabelMatcher) -> Iterator[tuple[int, str]]:
    """(row, kind) below the header; kind is `data`, `total`, `note` or `header` (a header row
    repeated, or the second row of a header that was not recognised); blank rows skipped."""
    for row in range(header.last_row + 1, table.height):
        cells = table.rows[row]
        if is_blank_row(cells):
            continue
        if _repeats_header(table, header, row, matcher):
            yield row, "header"
        elif is_total_row(cells):
            yield row, "total"
        elif is_note_row(table, row):
            yield row, "note"
        else:
            yield row, "data"


def _repeats_header(table: Table, header: Header, row: int, matcher: LabelMatcher) -> bool:
    labels = sum(1 for col in header.columns.values() if matcher.match(table.text(row, col)))
    return labels >= max(2, len(header.columns) // 2)


def read_row(table: Table, header: Header, row: int) -> RowValues:
    """Every column of the row, blank cells too: a blank cell under a header is the unit's answer.
    A cell merged down from the header is no value of the row."""
    values = RowValues(row)
    for name, col in header.columns.items():
        in_header = table.origin(row, col)[0] <= header.last_row
        values.values[name] = Found("", table.location(row, col)) if in_header else found_at(table, row, col)
    return values


def split_label_value(text: str) -> tuple[str, str] | None:
    match = _LABEL_VALUE.match(text)
    return (match.group(1), match.group(2).strip()) if match else None


_COLON = re.compile(r"[:：]")
_GAP = re.compile(r"\s{2,}")
LONGEST_LABEL = 24


def inline_pairs(text: str, matcher: LabelMatcher, location: str,
                 confidence: float | None = None) -> list[tuple[str, Found]]:
    """`领衔人姓名：张三  性 别：男` → [(leader_name, 张三), (leader_gender, 男)].

    The label before each colon is the longest tail of the last chunk (after a wide gap) that
    is a label exactly (`张三性别：男`), else that chunk if it names a field by keyword."""
    labels: list[tuple[int, int, str]] = []   # (label start, value start, field)
    previous_end = 0
    for colon in _COLON.finditer(text):
        segment = text[previous_end:colon.start()]
        found = _label_at_end(segment, matcher)
        if found:
            length, name = found
            labels.append((colon.start() - length, colon.end(), name))
            previous_end = colon.end()
    pairs = []
    for index, (_, start, name) in enumerate(labels):
        stop = labels[index + 1][0] if index + 1 < len(labels) else len(text)
        pairs.append((name, Found(text[start:stop].strip(), location, confidence)))
    return pairs


_SPACED = re.compile(r"[ \t\u3000\n]+")
MIN_SPACED_PAIRS = 2


def spaced_pairs(text: str, matcher: LabelMatcher, location: str,
                 confidence: float | None = None) -> list[tuple[str, Found]]:
    """`姓名 林燕雪 性别 女 出生年月 1966.10`: labels and values separated by spaces only, no colons.
    Only a label known exactly starts a pair (a value is never taken for a label by keyword), and
    at least two pairs are needed to read a cell this way."""
    tokens = [token for token in _SPACED.split(text.strip()) if token]
    pairs: list[tuple[str, Found]] = []
    index = 0
    while index < len(tokens):
        name = matcher.exact.get(label_key(tokens[index]))
        values = []
        index += 1
        while name and index < len(tokens) and not matcher.exact.get(label_key(tokens[index])):
            values.append(tokens[index])
            index += 1
        if name and values:
            pairs.append((name, Found(" ".join(values), location, confidence)))
    return pairs if len(pairs) >= MIN_SPACED_PAIRS else []


def _label_at_end(segment: str, matcher: LabelMatcher) -> tuple[int, str] | None:
    """(distance from the label's start to the end of `segment`, field) of the label that ends
    `segment`: a tail of the last chunk that is a label exactly (`张三性别`), else the last chunk,
    else the last chunks joined (`性  别`, spaced out inside the label)."""
    trimmed = segment.rstrip()
    starts = [0, *(m.end() for m in _GAP.finditer(trimmed))]
    last = trimmed[starts[-1]:]
    if not last:
        return None
    # The longest tail that is a label exactly (`张三性别`, `高新技术企业（科技型中小企业）证书编号及认定时间`).
    for offset in range(max(0, len(last) - LONGEST_LABEL), len(last) - 1):
        exact = matcher.exact.get(label_key(last[offset:]))
        if exact:
            return len(segment) - starts[-1] - offset, exact
    if len(last) > 20:
        return None
    for start in reversed(starts[-3:]):
        candidate = trimmed[start:]
        if len(label_key(candidate)) > 20:
            break
        name = matcher.match(candidate)
        if name:
            return len(segment) - start, name
    return None


UNIT_LINE = re.compile(
    r"(?:推荐单位|填报单位|报送单位|申报单位)\s*[（(]?\s*(?:盖\s*章|公\s*章)?\s*[)）]?\s*[:：]\s*"
    r"(.+?)(?=\s{2,}|\t|填\s*报\s*人|联\s*系\s*人|联系电话|填报日期|日期|$)"
)
DATE_LINE = re.compile(r"(?:填报日期|填表日期|报送日期|填报时间|填表时间|日期)\s*[:：]\s*([^\s，,；;]{4,20})")


def find_unit_line(text: str) -> str | None:
    match = UNIT_LINE.search(text)
    if not match:
        return None
    value = match.group(1).strip(" ：:")
    return value or None


def find_date_line(text: str) -> str | None:
    match = DATE_LINE.search(text)
    return match.group(1) if match else None
