"""Identify a file's real format from its bytes; the extension only breaks ties."""

from __future__ import annotations

import io
import zipfile

import olefile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes, name: str) -> str:
    """One of: docx, xlsx, ods, zip, doc, xls, wps, et, encrypted, pdf, png, jpeg, gif, bmp, tiff,
    rar, 7z, rtf, empty, corrupt (a damaged or truncated zip package), text, unknown."""
    if not data.strip(b"\x00 \r\n\t"):
        return "empty"
    head = data[:8]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head == OLE_MAGIC:
        return _ole_kind(data, extension)
    for magic, kind in MAGICS:
        if data.startswith(magic):
            return kind
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return "text" if _looks_like_text(data[:4096]) else "unknown"


MAGICS = [
    (b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"), (b"GIF89a", "gif"), (b"BM", "bmp"), (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"), (b"Rar!\x1a\x07", "rar"), (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"{\\rtf", "rtf"),
]


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "corrupt"  # a zip header with no readable directory: truncated or damaged
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    return "zip"


def _ole_kind(data: bytes, extension: str) -> str:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # a truncated OLE header: let the backend report it
        return {"wps": "wps", "et": "et", "xls": "xls"}.get(extension, "doc")
    if "encryptedpackage" in streams:
        return "encrypted"
    if "worddocument" in streams:
        return "wps" if extension == "wps" else "doc"
    if "workbook" in streams or "book" in streams:
        return "et" if extension == "et" else "xls"
    return {"wps": "wps", "et": "et", "xls": "xls"}.get(extension, "doc")


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False
