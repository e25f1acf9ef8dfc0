"""Text-line recognition with tesseract (`-l HanS`, else `chi_sim`): the fallback when RapidOCR
is not installed or cannot run here, and the reader of long scans' later pages. All the lines of
a batch go to one tesseract process as a list of images."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from extractors.backends.base import UnreadableError
from extractors.backends.bounded import Overtime, run_bounded

PREFERRED_LANGUAGES = ("HanS", "chi_sim")
TIMEOUT_SECONDS = 180


def available() -> bool:
    return shutil.which("tesseract") is not None


def version() -> str:
    if not available():
        return "no tesseract"
    try:
        found = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "tesseract ?"
    return (found.stdout or found.stderr).split("\n", 1)[0] + "/" + language()


def language() -> str:
    """The Han (Simplified) script model when installed (it reads form labels and digits better
    than chi_sim), else chi_sim."""
    global _LANGUAGE
    if _LANGUAGE is None:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
        installed = set(listing.stdout.split())
        _LANGUAGE = next((lang for lang in PREFERRED_LANGUAGES if lang in installed), "chi_sim")
    return _LANGUAGE


_LANGUAGE: str | None = os.environ.get("OCR_LANG")  # e.g. "chi_sim" to force one model


def recognise(images: list[Image.Image]) -> list[tuple[str, float]]:
    """(text, mean confidence) per image, by one tesseract process."""
    if not images:
        return []
    if not available():
        raise UnreadableError("未安装文字识别程序 tesseract，无法识别扫描件")
    with tempfile.TemporaryDirectory(prefix="ocr-") as folder:
        paths = []
        for number, image in enumerate(images):
            path = Path(folder) / f"{number:05d}.png"
            image.save(path)
            paths.append(str(path))
        listing = Path(folder) / "pages.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        tsv = run_tesseract([str(listing), "stdout", "-l", language(), "--psm", "6", "tsv"])
    return parse_tsv(tsv, len(images))


def run_tesseract(arguments: list[str]) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        finished = run_bounded(["tesseract", *arguments], timeout=TIMEOUT_SECONDS, env=env)
    except Overtime as error:
        raise UnreadableError(f"文字识别超时（超过 {TIMEOUT_SECONDS} 秒）") from error
    if finished.returncode != 0:
        raise UnreadableError("文字识别失败")
    return finished.stdout.decode("utf-8", errors="replace")


def parse_tsv(tsv: str, count: int) -> list[tuple[str, float]]:
    """Words of each image (a page of the TSV) joined: a gap wider than 1.5 line heights is two
    spaces, a narrower one a space (dropped later between Chinese characters)."""
    words: list[list[list[str]]] = [[] for _ in range(count)]
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip() and 0 < int(cols[1]) <= count:
            words[int(cols[1]) - 1].append(cols)
    return [_join_words(page) for page in words]


def _join_words(words: list[list[str]]) -> tuple[str, float]:
    if not words:
        return "", 0.0
    words.sort(key=lambda w: (int(w[2]), int(w[3]), int(w[4]), int(w[6])))
    height = max(int(w[9]) for w in words)
    parts: list[str] = []
    previous: list[str] | None = None
    for w in words:
        if previous is not None:
            gap = int(w[6]) - int(previous[6]) - int(previous[8])
            parts.append("  " if gap > 1.5 * height else " ")
        parts.append(w[11].strip())
        previous = w
    confidences = [float(w[10]) for w in words if float(w[10]) >= 0]
    return "".join(parts), (sum(confidences) / len(confidences) if confidences else 0.0)


