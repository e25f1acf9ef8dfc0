"""Whether an accusation is certain: the helpers checks use before raising an error.

An error goes into the letter to the unit, so it needs positive evidence: a value that is there
and wrong, or an item that is certainly absent (its cell present and empty, no file of the unit
that could hold it). When the absence may be the pipeline's own failure — a label it did not
find, a file it could not read, a document it did not recognise that names the nominee — the
check raises the office's warning NOT_RECOGNISED instead.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from extractors.material import is_letter_text
from pipeline.checks.base import Context
from pipeline.link import Nominee, name_key
from pipeline.process import FileResult


def carried(nominee: Nominee, field: str) -> bool:
    """Some document of the nominee has the field's label (its cell may be empty), read digitally."""
    return any(field in entry.raw.values and not entry.raw.scanned
               for entry in (nominee.form, nominee.summary) if entry is not None)


def may_hold(result: FileResult, nominee: Nominee, looking_for: str) -> bool:
    """A file the pipeline could not read, or did not recognise but which names the nominee, or
    (when a summary row is looked for) a summary whose rows could not be read."""
    if result.doc_type == "archive":
        return False
    if result.status in ("failed", "partial"):
        return True
    if result.doc_type.startswith("summary") and not result.records:
        return looking_for == "summary"  # a list printed to PDF or scanned, its rows not read
    if result.doc_type != "unknown":
        return False
    text = "\n".join(e.head for e in result.extractions)
    if looking_for == "summary" and "汇总" in text + PurePosixPath(result.file).name:
        return True  # a summary printed without its list (only its 填报说明 sheet), or not recognised
    if is_letter_text(text):
        return False  # a cover letter names the nominees; it holds no form nor material
    head = name_key(text + PurePosixPath(result.file).name)
    clues = [name_key(nominee.name), name_key(str(nominee.value("leader_name") or ""))]
    return any(clue and len(clue) >= 2 and clue in head for clue in clues)


def unread_files_for(nominee: Nominee, context: Context, looking_for: str) -> list[str]:
    """Files of the nominee's unit (or of no unit) that may hold what seems to be missing:
    `looking_for` is `form`, `summary` or `material`."""
    files = [*context.files_of(nominee.unit), *(context.files_of("") if nominee.unit else [])]
    return [result.file for result in files if may_hold(result, nominee, looking_for)]
