"""What OCR read, kept between runs: a page's layout with its recognised lines (not its images),
under the engines' versions and the OCR code itself, so a new engine or a change to any OCR
module reads pages afresh."""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

import extractors.backends.derived as derived
from extractors.backends.ocr import rapid, tesseract
from extractors.backends.ocr.layout import PageLayout


@lru_cache(maxsize=1)
def ocr_version() -> str:
    engines = [rapid.version() if rapid.available() else "", tesseract.version()]
    digest = hashlib.sha256("|".join(engines).encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def kept_layout(key: str) -> PageLayout | None:
    payload = derived.reuse(f"ocr/{key}", ocr_version()) if key else None
    if payload is None:
        return None
    try:
        layout = pickle.loads(payload)
    except Exception:   # a damaged entry: the page is read again
        return None
    return layout if isinstance(layout, PageLayout) else None


def keep_layout(key: str, layout: PageLayout) -> None:
    """Keep a recognised page without its images (only the lines read and the grid are needed)."""
    if not key:
        return
    for crop in layout.crops():
        crop.bands = []
    derived.keep(f"ocr/{key}", ocr_version(), pickle.dumps(layout, protocol=pickle.HIGHEST_PROTOCOL))
