"""Text-line recognition with RapidOCR (the PP-OCRv4 recognition model, run by onnxruntime on the CPU).

Only the recogniser is used: `ocr.layout` finds the table, the cells and the text lines itself,
and hands over the text pieces of its pages, all at once; the recogniser reads them in batches
of similar width. The model files ship inside the `rapidocr-onnxruntime` wheel and are read from
the installed package; nothing is downloaded.

The model is loaded once per process (a worker of the run) on its first scan and kept: only the
recognition model, not RapidOCR's detection and angle models, which the pipeline does not use.
A crash in native code ends the worker, which the run retries once and then reports as
PROCESSING_FAILED; the run's per-file time limit holds as for any file. When the package is not
installed (or `OCR_ENGINE=tesseract`), `available()` is False and `ocr.recognise` uses tesseract.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
from typing import Any

import numpy as np
from PIL import Image

THREADS_VARIABLE = "OCR_THREADS"   # onnxruntime threads per process (the run reads files in parallel: 1)


class RecogniserFailed(RuntimeError):
    """The model could not be loaded or run here (onnxruntime missing or broken)."""


def available() -> bool:
    if os.environ.get("OCR_ENGINE", "").lower() == "tesseract":
        return False
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None  # (no import: it is heavy)


def version() -> str:
    try:
        return "rapidocr-onnxruntime " + importlib.metadata.version("rapidocr-onnxruntime")
    except importlib.metadata.PackageNotFoundError:
        return "rapidocr-onnxruntime ?"


@functools.cache
def recogniser() -> Any:
    """The recognition model of this process, loaded on first use."""
    try:
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
        from rapidocr_onnxruntime.utils import read_yaml
        from rapidocr_onnxruntime.utils.parse_parameters import root_dir
    except ImportError as error:
        raise RecogniserFailed(f"RapidOCR 无法加载：{error}") from error
    config = read_yaml(root_dir / "config.yaml")["Rec"]
    config["model_path"] = str(root_dir / config["model_path"])
    threads = int(os.environ.get(THREADS_VARIABLE, "1"))
    config["intra_op_num_threads"], config["inter_op_num_threads"] = threads, 1
    try:
        return TextRecognizer(config)
    except Exception as error:   # onnxruntime raises its own types
        raise RecogniserFailed(f"RapidOCR 模型无法加载：{error}") from error


def recognise(images: list[Image.Image]) -> list[tuple[str, float]]:
    """(text, confidence 0–100) per text-piece image, in the order given."""
    if not images:
        return []
    model = recogniser()
    arrays = [np.repeat(np.asarray(image.convert("L"))[:, :, None], 3, axis=2) for image in images]
    found: list[tuple[str, float]] = [("", 0.0)] * len(arrays)
    for batch in batches([array.shape[1] / max(1, array.shape[0]) for array in arrays]):
        model.rec_batch_num = len(batch)
        results, _ = model([arrays[index] for index in batch])
        if len(results) != len(batch):
            raise RecogniserFailed(f"{len(results)} results for {len(batch)} images")
        for index, (text, score) in zip(batch, results, strict=True):
            found[index] = (str(text), round(float(score) * 100, 1))
    return found


MAX_BATCH = 6            # pieces read together (RapidOCR's own batch size)
WIDTH_BUDGET = 60.0      # widths (in heights) of the pieces of one batch, padded to the widest
MIN_RATIO = 320 / 48     # the model pads every piece to at least this width/height


def batches(ratios: list[float]) -> list[list[int]]:
    """Indexes of the pieces in batches of similar width: up to MAX_BATCH narrow pieces at once,
    fewer as they get wider, one at a time for a line across the page. The model's working memory
    grows with a batch's count times its widest piece, so this bounds it (a page of long lines
    read six at a time took ~100 MB more)."""
    out: list[list[int]] = []
    current: list[int] = []
    for index in sorted(range(len(ratios)), key=lambda i: ratios[i]):
        widest = max(ratios[index], MIN_RATIO)
        if current and (len(current) == MAX_BATCH or (len(current) + 1) * widest > WIDTH_BUDGET):
            out.append(current)
            current = []
        current.append(index)
    return [*out, current] if current else out
