"""Format backends: each turns one file's bytes into the shared `Document` model.

A backend registers itself with `@register("fmt", ...)` from `extractors.backends.base`; adding a
format is one new module imported at the bottom of this file.
"""

from __future__ import annotations

from extractors.backends.base import (
    BACKENDS,
    EncryptedError,
    Reader,
    UnreadableError,
    UnsupportedFormatError,
    read_document,
    register,
)

__all__ = ["BACKENDS", "EncryptedError", "Reader", "UnreadableError", "UnsupportedFormatError", "read_document",
           "register"]

from extractors.backends import (  # noqa: F401  (registration)
    docx_backend,
    libreoffice_backend,
    pdf_backend,
    text_backend,
    xlsx_backend,
)
from extractors.backends.ocr import backend as ocr_backend  # noqa: F401  (registration)
