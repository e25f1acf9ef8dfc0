"""Is a file password-protected? A cheap answer before any backend parses it.

Office binaries (OLE: .doc, .xls, .ppt, .wps/.et, and OOXML encrypted into an OLE container) are
asked through msoffcrypto-tool, which reads only the header records that carry the encryption
flag. PDFs are scanned for an `/Encrypt` entry; only then is the document opened, to tell a
real user password from an owner-only password (permissions) that any reader opens without one.
OOXML zips (.docx/.xlsx) are checked for encrypted zip entries. Archives are not judged here:
`pipeline.archives` reports their encrypted members one by one.
"""

from __future__ import annotations

import io
import logging
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
OOXML_FORMATS = frozenset({"docx", "docm", "xlsx", "xlsm", "pptx", "ods"})
PDF_ENCRYPT = b"/Encrypt"


def is_encrypted(data: bytes, fmt: str) -> bool:
    """True when the file cannot be read without a password. Never raises."""
    if fmt == "encrypted":
        return True
    if data[:8] == OLE_MAGIC:
        return _office_encrypted(data)
    if fmt == "pdf" or b"%PDF-" in data[:1024]:
        return _pdf_encrypted(data)
    if fmt in OOXML_FORMATS and data[:4] == ZIP_MAGIC:
        return _zip_entries_encrypted(data)
    return False


def _office_encrypted(data: bytes) -> bool:
    import msoffcrypto  # imported here: only OLE files need it

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # msoffcrypto raises its own and olefile's errors for broken or unknown files
        return _has_encrypted_package(data)


def _has_encrypted_package(data: bytes) -> bool:
    """OOXML encrypted into OLE, recognised by its stream even when msoffcrypto cannot parse the rest."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ole.exists("EncryptedPackage")
    except Exception:
        return False


def _pdf_encrypted(data: bytes) -> bool:
    """An `/Encrypt` entry, and the document does not open with the empty user password."""
    if data.find(PDF_ENCRYPT) < 0:
        return False
    return not _pdf_opens_without_password(data)


def _pdf_opens_without_password(data: bytes) -> bool:
    try:
        from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFParser
    except ImportError:  # pdfminer absent: trust the byte check
        return False
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        return False
    except Exception:  # a broken PDF or an unsupported security handler: not proven readable
        return not _has_encrypt_entry(data)
    return True


def _has_encrypt_entry(data: bytes) -> bool:
    """`/Encrypt` followed by a reference (`5 0 R`) or a dictionary, not merely the word in some text."""
    position = data.find(PDF_ENCRYPT)
    while position >= 0:
        following = data[position + len(PDF_ENCRYPT):position + len(PDF_ENCRYPT) + 20].lstrip()
        if following[:1].isdigit() or following[:2] == b"<<":
            return True
        position = data.find(PDF_ENCRYPT, position + 1)
    return False


def _zip_entries_encrypted(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(info.flag_bits & 0x1 for info in archive.infolist())
    except Exception:
        return False
