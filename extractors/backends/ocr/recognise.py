"""Recognising the text lines of page layouts: every line of every crop in one batch, by
RapidOCR (`rapid`) when it runs here, else by tesseract; RapidOCR's pieces of a line are joined
back, and check boxes and struck-out fields found in the image are put back into the text."""

from __future__ import annotations

import logging

from extractors.backends.ocr import rapid, tesseract
from extractors.backends.ocr.layout import Band, Crop, OcrLine
from extractors.backends.ocr.repair import OPTION_STARTS


def recognise_crops(crops: list[Crop], *, use_rapid: bool = True) -> None:
    """OCR every text line of every crop in one batch (the model loads once). RapidOCR reads
    the pieces of a line apart, and they are joined with two spaces (a wide gap)."""
    bands = [band for crop in crops for band in crop.bands]
    texts = recognise_rapid(bands) if use_rapid and bands and rapid.available() else None
    if texts is None:
        texts = tesseract.recognise([band.image for band in bands])
    found = iter(texts)
    for crop in crops:
        for band in crop.bands:
            text, confidence = next(found)
            crop.lines.append(OcrLine(text, band.left, band.right, band.height, confidence))


def recognise_rapid(bands: list[Band]) -> list[tuple[str, float]] | None:
    """(text, confidence) per band by RapidOCR; None when its model cannot run here."""
    try:
        results = iter(rapid.recognise([piece for band in bands for piece in band.pieces]))
    except rapid.RecogniserFailed as error:
        logging.getLogger(__name__).warning("RapidOCR failed, reading with tesseract: %s", error)
        return None
    return [join_pieces([marked(next(results), mark) for mark in band.marks], band.joins) for band in bands]


def marked(result: tuple[str, float], mark: str | None) -> tuple[str, float]:
    """A check-box option read after a box found in the image gets that box (whatever the
    recogniser made of it: `口`, `『`, `√`, or nothing)."""
    text, confidence = result
    if mark == "/":
        return ("/", max(confidence, 90.0)) if text.strip() in _SLASH_READINGS else result  # the shape says so
    if mark is not None:
        for start in range(min(4, len(text))):
            if text[start:start + 4] in OPTION_STARTS:
                return mark + text[start:], confidence
    return result


def join_pieces(pieces: list[tuple[str, float]], joins: list[str]) -> tuple[str, float]:
    """The pieces of a line: two spaces for a wide gap, none next to punctuation (a full-width
    bracket or colon leaves a wide blank beside it)."""
    read = [(text.strip(), confidence, join) for (text, confidence), join in zip(pieces, joins, strict=True)
            if text.strip()]
    total = sum(len(text) for text, _, _ in read)
    confidence = sum(len(text) * c for text, c, _ in read) / total if total else 0.0
    parts: list[str] = []
    for text, _, join in read:
        if parts and join and not (parts[-1][-1] in _OPENING or text[0] in _CLOSING):
            parts.append(join)
        parts.append(text)
    return "".join(parts), round(confidence, 1)


_SLASH_READINGS = {"1", "l", "I", "|", "/", "／", "丿", "ノ"}
_OPENING = "（(《〈【[“‘：:"
_CLOSING = "）)》〉】]”’：:，,、。.．%％;；"
