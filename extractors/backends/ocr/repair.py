"""Mending what the recogniser misreads: spaces between Chinese characters, bracket and colon
look-alikes, known form labels one character off, digit look-alikes, credit codes by their
checksum, check-box marks, stray Latin letters."""

from __future__ import annotations

import re
from functools import lru_cache

DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
BRACKET_FIXES = str.maketrans({"〈": "（", "〉": "）", "(": "（", ")": "）", ":": "：", ";": "：", "，": "，",
                               "丶": "、"})
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])|(?<=[{CJK}])\s+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z.])\s+(?=[{CJK}])")


def clean_text(text: str) -> str:
    """Drop the spaces tesseract puts between Chinese characters (wide gaps stay) and mend
    brackets and colons it reads as their ASCII or angle look-alikes."""
    parts = re.split(r"( {2,})", text.translate(BRACKET_FIXES))
    text = "".join(p if p.startswith("  ") else _CJK_SPACE.sub("", p) for p in parts).strip()
    if "》" not in text:
        text = text.replace("《", "（")
    text = _QUOTE_COMMA.sub("，", text)  # RapidOCR reads a comma between characters as `’`
    return text


def clean_cell(text: str) -> str:
    text = "\n".join(clean_text(line) for line in text.split("\n"))
    text = fix_label(drop_stray_letters(fix_check_boxes(text)))
    return fix_credit_codes(fix_digits(text))


_QUOTE_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])[’‘'](?=[\u4e00-\u9fff])")
_LABEL_JUNK = re.compile(r"[|丨!！'\"“”‘’`~]")


@lru_cache(maxsize=1)
def form_labels() -> dict[str, str]:
    """The labels of the official forms and summaries (key → as written), the recogniser's
    dictionary for label cells."""
    from schemas.labels import BASE_FORM, STUDIO_FORM, SUMMARY_BASE, SUMMARY_STUDIO, label_key

    labels = {}
    for vocabulary in (STUDIO_FORM, BASE_FORM, SUMMARY_STUDIO, SUMMARY_BASE):
        for synonyms in vocabulary.values():
            for label in synonyms:
                if len(label_key(label)) >= 4:
                    labels[label_key(label)] = label.replace("(", "（").replace(")", "）")
    return labels


def fix_label(text: str) -> str:
    """A label cell (or the label before `：`) that is one character away from a known form
    label, or ends with one after a few stray characters, is that label: `领稀人姓名` →
    `领衔人姓名`, `是：六学员满意率` → `学员满意率`."""
    if "\n" in text or len(text) > 40:
        return text
    labels = form_labels()
    whole = _label_key(text)
    ending = _label_ending(whole, labels)
    if whole not in labels and ending and len(whole) <= 16:
        return labels[ending]
    head, colon, tail = text.partition("：")
    if not 4 <= len(head) <= 16 or any(ch.isdigit() for ch in head):
        return text
    key = _label_key(head)
    if key in labels:
        return labels[key] + colon + tail
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    match = extractOne(key, list(labels), scorer=Levenshtein.distance, score_cutoff=1)
    return labels[match[0]] + colon + tail if match else text


def _label_key(text: str) -> str:
    from schemas.labels import label_key

    return _LABEL_JUNK.sub("", label_key(text))


def _label_ending(key: str, labels: dict[str, str]) -> str | None:
    endings = (k for k in sorted(labels, key=len, reverse=True) if key.endswith(k) and len(key) - len(k) <= 6)
    return next(endings, None)


def fix_digits(text: str) -> str:
    """O→0, l/I→1 … in a cell that is mostly digits (a phone, a count, a code, a date)."""
    core = re.sub(r"[\s\-./:：年月日（）()]", "", text)
    digits = sum(ch.isdigit() for ch in core)
    if core and digits >= 0.6 * len(core):
        text = _MIDDLE_DOT.sub(".", text.translate(DIGIT_FIXES))
        tokens = text.split()
        if len(tokens) >= 2 and all(len(token) <= 2 for token in tokens):  # `96 . 5 %`: spread digits
            text = "".join(tokens)
        if _SPREAD_DIGITS.match(text):  # wide full-width digits read one by one: `3.5.9`
            text = re.sub(r"\D", "", text)
    return text


_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])")
# look-alikes of a unified social credit code's characters (its alphabet has no I, O, S, V, Z)
_CODE_LOOKALIKES = {"I": "1", "O": "0", "S": "5", "Z": "2", "V": "U", "1": "J", "J": "1", "0": "D", "D": "0",
                    "8": "B", "B": "8", "2": "Z", "5": "S", "7": "T", "T": "7", "6": "G", "G": "6", "U": "V"}


def fix_credit_codes(text: str) -> str:
    """An 18-character code failing the credit code checksum, whose check character (or a letter
    the alphabet lacks) is the look-alike of the one that passes: `9121060096366693X1` →
    `…93XJ`. A citizen ID number is left alone."""
    from stdnum.cn import ric, uscc

    def mend(match: re.Match[str]) -> str:
        code = match.group()
        if uscc.is_valid(code) or ric.is_valid(code):
            return code
        body = "".join(_CODE_LOOKALIKES[ch] if ch in "IOSVZ" else ch for ch in code[:17])
        try:
            check = uscc.calc_check_digit(body)
        except Exception:  # a character outside the alphabet
            return code
        if code[17] == check or _CODE_LOOKALIKES.get(code[17]) == check:
            return body + check if uscc.is_valid(body + check) else code
        return code

    return _CODE.sub(mend, text)


_MIDDLE_DOT = re.compile(r"(?<=\d)\s*[·•∙・]\s*(?=\d)")
_SPREAD_DIGITS = re.compile(r"^\d(?:[.\s:：,，]\d){2,}$")


# The check-box options of the official forms (附件6 category, 附件8 training system): where one
# is found, whatever the recogniser made of the mark before it becomes □ or ☑.
CHECK_BOX_OPTIONS = ("劳模创新工作室", "职工创新工作室（科技型企业）", "职工创新工作室（其他类型企业）",
                     "培训记录台账", "培训后跟踪服务", "培训激励办法")
BOX_GLYPHS = "口□☐"
OPTION_STARTS = {option[:4] for option in CHECK_BOX_OPTIONS}
_SEPARATORS = re.compile(r"[\s，,、]+")


def fix_check_boxes(text: str) -> str:
    """`加培训记录台账”□培训后跟踪服务”口培训激励办法` → `☑培训记录台账  □培训后跟踪服务  □培训激励办法`.

    Empty boxes are read reliably (as □ or 口); a tick is read as anything else, or lost: so
    a mark without a box is a tick, and the one option left without a mark among boxed ones
    had its tick lost."""
    found = sorted((m.start(), m.end()) for option in CHECK_BOX_OPTIONS for m in re.finditer(re.escape(option), text))
    if len(found) < 2:
        return text
    head, colon, _ = text[:found[0][0]].rpartition("：")
    lead = head + colon   # a label before the options (`工作室类别：`) stays
    glyphs, labels, previous = [], [], len(lead)
    for start, end in found:
        mark = _SEPARATORS.sub("", text[previous:start])
        glyphs.append("" if not mark else ("□" if mark[-1] in BOX_GLYPHS else "☑"))
        labels.append(text[start:end])
        previous = end
    if not any(glyphs):
        return text  # no boxes at all: the options written out as a list (`培训记录台账、培训激励办法`)
    if glyphs.count("") == 1 and "☑" not in glyphs:
        glyphs[glyphs.index("")] = "☑"
    return lead + "  ".join(g + label for g, label in zip(glyphs, labels, strict=True)) + text[previous:]


_STRAY_LETTER = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z](?=[\u4e00-\u9fff])")
_TRAILING_JUNK = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z=\[\]{}|_~^`\\/]{1,4}$")


def drop_stray_letters(text: str) -> str:
    """A lone Latin letter between Chinese characters, or a short run of letters and brackets
    after the last one, is a speck or a rule remnant read as text."""
    return "\n".join(_TRAILING_JUNK.sub("", _STRAY_LETTER.sub("", line)) for line in text.split("\n"))
