"""Text-line recognition with RapidOCR (the PP-OCRv4 recognition model, run by onnxruntime on the CPU).

Only the recogniser is used: `ocr_backend` finds the table, the cells and the text lines itself,
and hands over one image per run of text. The model files ship inside the `rapidocr-onnxruntime`
wheel and are read from the installed package; nothing is downloaded.

Like tesseract, the recogniser runs in a child process, once per document: the model (~170 MB
resident with onnxruntime and OpenCV) never loads into the pipeline's own processes, a crash in
native code fails one file instead of a worker, and a time limit holds. When the package is not
installed (or `OCR_ENGINE=tesseract`), `available()` is False and `ocr_backend` uses tesseract.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

from PIL import Image

TIMEOUT_SECONDS = 180


class RecogniserFailed(RuntimeError):
    """The child process could not run the model (it crashed, or onnxruntime would not load)."""


def available() -> bool:
    if os.environ.get("OCR_ENGINE", "").lower() == "tesseract":
        return False
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None  # (no import: it is heavy)


def recognise(images: list[Image.Image]) -> list[tuple[str, float]]:
    """(text, confidence 0–100) per text-line image, read by one child process."""
    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="rapidocr-") as folder:
        for number, image in enumerate(images):
            image.convert("L").save(Path(folder) / f"{number:05d}.png", compress_level=1)
        command = [sys.executable, "-I", str(Path(__file__).resolve()), folder, str(len(images))]
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        from extractors.backends.bounded import Overtime, run_bounded  # this file also runs alone as the child

        try:
            finished = run_bounded(command, timeout=TIMEOUT_SECONDS, env=env)
        except Overtime as error:
            raise TimeoutError(f"文字识别超时（超过 {TIMEOUT_SECONDS} 秒）") from error
    if finished.returncode != 0:
        raise RecogniserFailed(finished.stderr.decode("utf-8", "replace")[-300:])
    results = json.loads(finished.stdout)
    if len(results) != len(images):
        raise RecogniserFailed(f"{len(results)} results for {len(images)} images")
    return [(str(text), round(float(score) * 100, 1)) for text, score in results]


def _main(folder: str, count: int) -> None:
    """The child: recognise FOLDER/00000.png … and print [[text, score], …] as JSON."""
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    threads = int(os.environ.get("OCR_THREADS", "1"))  # one per file: the pipeline reads files in parallel
    recogniser = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1).text_rec
    arrays = []
    for number in range(count):
        with Image.open(Path(folder) / f"{number:05d}.png") as image:
            arrays.append(np.repeat(np.asarray(image.convert("L"))[:, :, None], 3, axis=2))
    results, _ = recogniser(arrays)
    json.dump([[text, float(score)] for text, score in results], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _main(sys.argv[1], int(sys.argv[2]))
