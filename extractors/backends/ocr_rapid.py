"""Text-line recognition with RapidOCR (PP-OCRv4 recognition model, run by onnxruntime on the CPU).

Only the recogniser is used: `ocr_backend` finds the table, the cells and the text lines itself,
and hands over one image per text line. The model files ship inside the `rapidocr-onnxruntime`
wheel and are read from the installed package; nothing is downloaded. When the package is not
installed `available()` is False and `ocr_backend` falls back to tesseract.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import numpy as np
from PIL import Image

_LOCK = threading.Lock()


def available() -> bool:
    if os.environ.get("OCR_ENGINE", "").lower() == "tesseract":
        return False
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # not installed, or onnxruntime/OpenCV cannot load on this machine
        return False
    return True


@lru_cache(maxsize=1)
def _recogniser():
    """The PP-OCR text recogniser alone (no detection model: lines are cut by the caller)."""
    from rapidocr_onnxruntime import RapidOCR

    threads = int(os.environ.get("OCR_THREADS", "1"))  # one per process: the pipeline runs files in parallel
    engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)
    return engine.text_rec


def recognise(images: list[Image.Image]) -> list[tuple[str, float]]:
    """(text, confidence 0–100) per text-line image."""
    if not images:
        return []
    arrays = [np.repeat(np.asarray(image.convert("L"))[:, :, None], 3, axis=2) for image in images]
    with _LOCK:
        results, _ = _recogniser()(arrays)
    return [(str(text), round(float(score) * 100, 1)) for text, score in results]
