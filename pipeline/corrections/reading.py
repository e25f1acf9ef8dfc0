"""Reading a filled-in corrections workbook into :class:`Correction` rows, and problems for rows
that cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from pipeline.corrections.model import (
    ACTIONS,
    HEADER_ALIASES,
    HELP_SHEET,
    SHEET,
    Correction,
    CorrectionsFileError,
    fold,
    parse_target,
    problem,
)
from schemas.issues import ISSUE_TYPES
from schemas.normalize import (
    clean_text,
    is_blank,
)

# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------




def issue_fields(problem: dict[str, Any]) -> dict[str, str]:
    """The keyword arguments of ``make_issue`` held in a problem (add ``file=`` yourself)."""
    return {name: problem[name] for name in ("recommending_unit", "entity", "field", "location", "value", "expected")}


def _header_map(row: tuple[Any, ...]) -> dict[str, int]:
    folded = {fold(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = folded.get(fold(cell)) if isinstance(cell, str) else None
        if key and key not in found:
            found[key] = index
    return found


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows[:10]):
        columns = _header_map(row)
        if "record_id" in columns and "field" in columns:
            return index, columns
    raise CorrectionsFileError("找不到表头（需要“记录编号”和“字段”两列）")


def _load_rows(path: Path) -> list[tuple[Any, ...]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as error:
        raise CorrectionsFileError(f"更正文件不存在：{path}") from error
    except Exception as error:  # openpyxl raises many types for a file that is not .xlsx
        raise CorrectionsFileError(f"更正文件无法读取（{type(error).__name__}）：{path}") from error
    try:
        names = [SHEET, *[n for n in workbook.sheetnames if n not in (SHEET, HELP_SHEET)]]
        for name in names:
            if name in workbook.sheetnames:
                rows = list(workbook[name].iter_rows(values_only=True))
                try:
                    _find_header(rows)
                except CorrectionsFileError:
                    continue
                return rows
    finally:
        workbook.close()
    raise CorrectionsFileError(f"更正文件中找不到“{SHEET}”表（需要“记录编号”和“字段”两列）：{path}")


def _text(row: tuple[Any, ...], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return clean_text(row[index]) if index is not None and index < len(row) else ""


def _raw(row: tuple[Any, ...], columns: dict[str, int], key: str) -> Any:
    index = columns.get(key)
    value = row[index] if index is not None and index < len(row) else None
    return value.strip() if isinstance(value, str) else value


def _action(text: str, field_text: str) -> str | None:
    if not text:
        return "waive" if parse_target(field_text)[0] in ISSUE_TYPES else "correct"
    return ACTIONS.get(fold(text))


def _correction(number: int, row: tuple[Any, ...], columns: dict[str, int]) -> Correction | dict[str, Any]:
    record_id, field_text = _text(row, columns, "record_id"), _text(row, columns, "field")
    value, action_text = _raw(row, columns, "value"), _text(row, columns, "action")
    reason, who = _text(row, columns, "reason"), _text(row, columns, "who")
    if not record_id:
        return problem(number, "未填写记录编号", field=field_text, value=value)
    if not field_text:
        return problem(number, "未填写字段", record_id=record_id, value=value)
    action = _action(action_text, field_text)
    if action is None:
        return problem(number, f"操作“{action_text}”无法识别（应为“更正”或“豁免”）",
                        record_id=record_id, field=field_text, value=value)
    if action == "waive" and not reason:
        return problem(number, "豁免未填写理由", record_id=record_id, field=field_text)
    return Correction(number, record_id, field_text, value, action, reason, who)


def read_corrections(path: Path) -> tuple[list[Correction], list[dict[str, Any]]]:
    """Corrections of the workbook in row order, and problems for rows that cannot be used.

    Raises CorrectionsFileError when the file itself cannot be read (a bad ``--corrections``).
    """
    rows = _load_rows(Path(path))
    header, columns = _find_header(rows)
    corrections: list[Correction] = []
    problems: list[dict[str, Any]] = []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if all(is_blank(cell) for cell in row):
            continue
        found = _correction(index + 1, row, columns)
        if isinstance(found, Correction):
            corrections.append(found)
        else:
            problems.append(found)
    return corrections, problems
