"""What a clerk reads instead of the contract's identifiers: locations, issue titles, field names.

`data/issues.csv` keeps the SPEC §6 forms (`Sheet1!C7`, `table 1, row 5, col 2`, `paragraph 3`,
`page 2`); every document a person reads (report, discrepancies.xlsx, letters, master-list
comments) shows them through `chinese_location`, issue codes through `issue_title` and fields
through `field_label`.
"""

from __future__ import annotations

import re

from openpyxl.utils import column_index_from_string

from schemas.columns import CATEGORY_LABELS, FIELD_LABELS
from schemas.issues import ISSUE_TYPES

# one part of a document position: `table 1`, `row 5`, `col 2`, `paragraph 3`, `page 2`
PART_FORMATS = {
    "page": "第{}页", "p": "第{}页", "table": "表{}", "tbl": "表{}", "row": "第{}行", "line": "第{}行",
    "col": "第{}列", "column": "第{}列", "cell": "第{}格", "paragraph": "第{}段", "para": "第{}段",
}
_PART = re.compile(r"(?P<word>[A-Za-z]+)\.?\s*(?P<number>\d+)")
_CELL = re.compile(r"\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>\d+)")
_JOINED = ("行", "列")  # `第5行` and `第2列` are written together: `第5行第2列`


def season_label(campaign: str) -> str:
    """The campaign's name as the titles write it: `2021` → `2021年度` (`2021年`, `2021年度` too)."""
    campaign = campaign.strip()
    if campaign.endswith("年度"):
        return campaign
    return f"{campaign}度" if campaign.endswith("年") else f"{campaign}年度"


def notice_suffix(notice: str) -> str:
    """`（辽工办发〔2021〕36号）` after a title, or "" when the campaign names no notice."""
    return f"（{notice.strip()}）" if notice.strip() else ""


def chinese_location(location: str) -> str:
    """`Sheet1!C7` → `工作表“Sheet1”第7行 C列`; `table 1, row 5, col 2` → `表1 第5行第2列`;
    `paragraph 3` → `第3段`; `page 2, table 1` → `第2页 表1`. Anything else is returned as is."""
    location = (location or "").strip()
    if not location:
        return ""
    if "!" in location:
        sheet = _sheet_location(location)
        if sheet:
            return sheet
    parts = _document_parts(location)
    return parts if parts is not None else location


def _sheet_location(location: str) -> str:
    sheet, _, reference = location.rpartition("!")
    sheet = sheet.strip()
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    cells = [_CELL.fullmatch(part.strip()) for part in reference.split(":")]
    if not sheet or not cells or not all(cells) or len(cells) > 2:
        return ""
    named = [f"第{m['row']}行 {m['col'].upper()}列" for m in cells if m and _valid_column(m["col"])]
    if len(named) != len(cells):
        return ""
    return f"工作表“{sheet}”" + "至".join(named)


def _valid_column(letters: str) -> bool:
    try:
        return column_index_from_string(letters.upper()) <= 16384
    except ValueError:
        return False


def _document_parts(location: str) -> str | None:
    pieces = [piece.strip() for piece in re.split(r"[,，;；]", location) if piece.strip()]
    words: list[str] = []
    for piece in pieces:
        match = _PART.fullmatch(piece)
        if match is None or match["word"].lower() not in PART_FORMATS:
            return None
        words.append(PART_FORMATS[match["word"].lower()].format(int(match["number"])))
    text = ""
    for word in words:
        glue = "" if not text or (text.endswith(_JOINED) and word.endswith(_JOINED)) else " "
        text += glue + word
    return text


def file_label(file: str) -> str:
    """An inbox path as a clerk reads it: an archive member `a.zip!inner/x.docx` becomes
    `a.zip 中的 inner/x.docx` (nested archives likewise)."""
    return " 中的 ".join(part for part in (file or "").split("!"))


def issue_title(code: str) -> str:
    """The short Chinese title of an issue code (the code itself when the catalogue has none)."""
    issue_type = ISSUE_TYPES.get(code)
    return (getattr(issue_type, "title", "") or code) if issue_type is not None else code


def in_letter(code: str) -> bool:
    """Whether an issue of this code goes into the unit's feedback letter (unknown codes do)."""
    return bool(getattr(ISSUE_TYPES.get(code), "in_letter", True))


def field_label(field: str) -> str:
    """The form label of a record field (`established` → `成立时间`); other text as is."""
    return FIELD_LABELS.get(field, field)


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)
