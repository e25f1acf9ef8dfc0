"""Check boxes in a cell or a line: which options are ticked.

Forms tick in many ways (FORMS_IN_THE_WILD.md): `☑ √ ✔ ✓ ■ ●` or a bracketed mark `(✔) （√） [√]`,
before the option or after it (`培训记录台账☑`), options on one line or one per line; `□ ☐ ○`
or empty brackets for the options left open. Some units delete the options they do not choose
instead of ticking. All of that is read here, for every tick list (category, enterprise kind,
tech categories, training system)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from schemas.labels import label_key

TICKS = "☑☒■√✓✔✅⊠▣●◼▪◆★"
BOXES = "□☐○◻▢口◇"
# Characters that may stand between options and are never a mark.
SEPARATORS = " :;,、，；。.．)）(（/"
_BRACKETED_TICK = re.compile(rf"[(\[【]\s*[{TICKS}vV]\s*[)\]】]")
_EMPTY_BRACKETS = re.compile(r"[(\[【]\s*[)\]】]")
# a tick a scan reads as the letter: `V高新技术企业口科技型中小企业` (only in a list holding other marks)
_LETTER_TICK = re.compile(r"(?<![A-Za-z0-9])[vV](?=[\u4e00-\u9fff])")


def _marks_folded(text: str) -> str:
    """The label key of the text with `(√)` → `√`, `( )` → `□` and other brackets dropped, so
    every mark is one character and `职工创新工作室（科技型企业）` reads as one option."""
    key = label_key(text)
    key = _BRACKETED_TICK.sub(lambda m: "√" if m.group()[1:-1].strip() in "vV" else m.group()[1:-1].strip(), key)
    key = _EMPTY_BRACKETS.sub("□", key)
    if any(ch in TICKS or ch in BOXES for ch in key):
        key = _LETTER_TICK.sub("√", key)
    return key.replace("(", "").replace(")", "")


def _spots(key: str, options: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, option) of every option found, longest labels first, without overlaps."""
    taken: list[tuple[int, int]] = []
    for name, label in sorted(options.items(), key=lambda item: -len(item[1])):
        wanted = label_key(label).replace("(", "").replace(")", "")
        position = key.find(wanted)
        while position >= 0 and any(position < end and start < position + len(wanted) for start, end, _ in taken):
            position = key.find(wanted, position + 1)
        if position >= 0:
            taken.append((position, position + len(wanted), name))
    return sorted(taken)


def has_marks(text: str) -> bool:
    """Whether the text holds any tick or box (it is a tick list, not a plain answer)."""
    key = _marks_folded(text)
    return any(ch in TICKS or ch in BOXES for ch in key)


def ticked_options(text: str, options: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(ticked, present) option keys, in text order.

    Marks stand either before every option or after every option; the side where more options
    carry a mark wins. With no tick at all: when the other options are boxed and exactly one
    carries some other mark (a scan reads ✓ as `v`), that one; when no option carries any mark,
    the options left standing (the unchosen ones were deleted)."""
    key = _marks_folded(text)
    spots = _spots(key, options)
    present = [name for _, _, name in spots]
    if not spots:
        return [], []
    before = {name: key[start - 1] if start > 0 else " " for start, _, name in spots}
    after = {name: key[end] if end < len(key) else " " for _, end, name in spots}
    marked_before = sum(1 for mark in before.values() if mark in TICKS or mark in BOXES)
    marked_after = sum(1 for mark in after.values() if mark in TICKS or mark in BOXES)
    marks = after if marked_after > marked_before else before
    ticked = [name for name in present if marks[name] in TICKS]
    if ticked:
        return ticked, present
    boxed = [name for name in present if marks[name] in BOXES]
    odd = [name for name in present if marks[name] not in BOXES and marks[name] not in SEPARATORS]
    if boxed and len(odd) == 1:
        return odd, present
    if not boxed and not any(ch in TICKS or ch in BOXES for ch in key):
        return present, present
    return [], present


_MARK = f"[{TICKS}{BOXES}]"
_SEGMENT_BEFORE = re.compile(rf"({_MARK})([^{TICKS}{BOXES}]+)")
_SEGMENT_AFTER = re.compile(rf"([^{TICKS}{BOXES}]+)({_MARK})")
_TRIM = " 、，,；;:：/"


def ticked_labels(text: str) -> list[str]:
    """The ticked entries of a free tick list whose options are not known in advance
    (`☑国有企业 □民营企业` → `['国有企业']`; `高新技术企业☑ 雏鹰企业□` → `['高新技术企业']`)."""
    folded = _marks_folded(text.replace("\n", " "))
    if not folded:
        return []
    before = folded[0] in TICKS or folded[0] in BOXES
    pattern = _SEGMENT_BEFORE if before else _SEGMENT_AFTER
    chosen = []
    for match in pattern.finditer(folded):
        mark, label = (match.group(1), match.group(2)) if before else (match.group(2), match.group(1))
        label = label.strip(_TRIM)
        if mark in TICKS and label:
            chosen.append(label)
    return chosen
