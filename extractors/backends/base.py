"""The registry every format backend adds itself to, and the errors a backend raises. Backends
import this module, never the package, so that the package can import every backend."""

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
