"""Format backends: each turns one file's bytes into the shared `Document` model.

A backend registers itself with `@register("fmt", ...)`; adding a format is one new module
imported at the bottom of this file.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.model import Document

Reader = Callable[[bytes, str], Document]
BACKENDS: dict[str, Reader] = {}


class UnreadableError(Exception):
    """The bytes are not a readable file of the format they claim."""


class EncryptedError(Exception):
    """The file is password-protected."""


class UnsupportedFormatError(Exception):
    """No backend reads this format (yet)."""


def register(*formats: str) -> Callable[[Reader], Reader]:
    def decorate(reader: Reader) -> Reader:
        for fmt in formats:
            BACKENDS[fmt] = reader
        return reader
    return decorate


def read_document(data: bytes, name: str, fmt: str) -> Document:
    reader = BACKENDS.get(fmt)
    if reader is None:
        raise UnsupportedFormatError(fmt)
    return reader(data, name)


from extractors.backends import (  # noqa: E402,F401  (registration)
    docx_backend,
    libreoffice_backend,
    ocr_backend,
    pdf_backend,
    text_backend,
    xlsx_backend,
)
