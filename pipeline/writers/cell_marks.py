"""Cell marks on the master list: a fill colour and a comment on one (record, field) cell.

Kinds (`pipeline.results.CELL_MARK_COLUMNS`): `mismatch` — form and summary disagree, the note
says what the summary held; `ocr` — read from a scan; `low_confidence` — the scan reading is
unsure; `corrected` — a reviewer changed the value, the note says the old value, reason, who.
When several marks meet on one cell the comment lists them all and the first kind of
`MARK_STYLES` sets the colour (what needs attention wins over what is only for the record).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.writers.layouts import Column
from pipeline.writers.sheets import xlsx_text
from pipeline.writers.values import text

COMMENT_AUTHOR = "审核汇总程序"


@dataclass(frozen=True, slots=True)
class MarkStyle:
    colour: str      # fill colour (RGB hex)
    name: str        # the colour's name in the legend
    headline: str    # first line of the comment
    meaning: str     # what the colour means, in the legend


MARK_STYLES: dict[str, MarkStyle] = {
    "mismatch": MarkStyle("F8CBAD", "浅橙色", "申报表与汇总表不一致", "申报表与汇总表不一致（批注为汇总表的值）"),
    "corrected": MarkStyle("C6EFCE", "浅绿色", "已由审核人员修改", "审核人员已修改（批注为原值、原因和修改人）"),
    "low_confidence": MarkStyle("9BC2E6", "蓝色", "扫描件识别把握不大，请重点核对", "扫描件识别把握不大，请重点核对"),
    "ocr": MarkStyle("DDEBF7", "浅蓝色", "扫描件识别，请核对", "扫描件识别，请核对"),
}
LEGEND = ("颜色说明：" + "；".join(f"{s.name}——{s.meaning}" for s in MARK_STYLES.values())
          + "。将鼠标移到有颜色的单元格上可查看批注。")


@dataclass(frozen=True, slots=True)
class Mark:
    field: str
    kind: str
    note: str


def marks_by_record(cell_marks: pd.DataFrame) -> dict[str, list[Mark]]:
    """The marks of each record id, in frame order, without repeats."""
    marks: dict[str, list[Mark]] = {}
    for row in cell_marks.to_dict("records"):
        record_id, field = text(row.get("record_id")), text(row.get("field"))
        if record_id and field:
            mark = Mark(field, text(row.get("kind")), text(row.get("note")))
            if mark not in marks.setdefault(record_id, []):
                marks[record_id].append(mark)
    return marks


def mark_row(sheet: Worksheet, row: int, columns: Sequence[tuple[int, Column]], marks: Sequence[Mark]) -> None:
    """Colour and annotate the cells of one sheet row that carry marks (other fields are ignored)."""
    for index, column in columns:
        on_cell = [mark for mark in marks if column.shows(mark.field)]
        if on_cell:
            _mark_cell(sheet, row, index, on_cell)


def _mark_cell(sheet: Worksheet, row: int, column: int, marks: list[Mark]) -> None:
    rank = list(MARK_STYLES)
    marks = sorted(marks, key=lambda m: rank.index(m.kind) if m.kind in MARK_STYLES else len(rank))
    cell = sheet.cell(row=row, column=column)
    style = MARK_STYLES.get(marks[0].kind)
    if style is not None:
        cell.fill = PatternFill("solid", fgColor=style.colour)
    lines = [line for mark in marks for line in _comment_lines(mark)]
    comment = Comment(xlsx_text("\n".join(dict.fromkeys(lines))), COMMENT_AUTHOR)
    comment.width, comment.height = 260, 24 + 18 * len(lines)
    cell.comment = comment


def _comment_lines(mark: Mark) -> list[str]:
    style = MARK_STYLES.get(mark.kind)
    if style is None:
        return [mark.note] if mark.note else []
    if mark.kind == "mismatch" and mark.note:
        return [mark.note]
    return [style.headline, mark.note] if mark.note else [style.headline]
