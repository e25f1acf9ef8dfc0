"""What an expensive backend derives from a file's bytes, kept between runs apart from the
extraction cache: a legacy document converted to .docx by LibreOffice, the text lines OCR read
from a scanned page.

An entry is named within its file (`docx`, `ocr/pdf/3`) and tagged with the version of what made
it (LibreOffice's build and our conversion settings; the OCR engine's version and our OCR code),
so a new LibreOffice or OCR engine derives afresh, while a change to the field extractors reads
the kept documents again without converting or recognising anything.

The run looks a file's entries up before the file is read and hands them to the worker
(`scope`); a backend asks `reuse(name, version)` before the expensive step and calls
`keep(name, version, payload)` after it; the worker returns what was kept and the run stores it.
Workers never write the state themselves.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

Entries = dict[str, tuple[str, bytes]]    # name → (version, payload)

_known: Entries | None = None
_kept: Entries | None = None


@contextlib.contextmanager
def scope(known: Entries | None) -> Iterator[Entries]:
    """While one file is read: what earlier runs derived from it, and (yielded) what is derived now."""
    global _known, _kept
    previous = _known, _kept
    _known, _kept = dict(known or {}), {}
    try:
        yield _kept
    finally:
        _known, _kept = previous


def reuse(name: str, version: str) -> bytes | None:
    """The payload derived earlier under `name`, if it was derived by this `version`."""
    found = (_known or {}).get(name)
    return found[1] if found is not None and found[0] == version else None


def keep(name: str, version: str, payload: bytes) -> None:
    if _kept is not None:
        _kept[name] = (version, payload)
