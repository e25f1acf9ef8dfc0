"""One file in, its row of files.csv, its raw records and its issues out.

`process_file` is a pure function of the file's bytes, its path in the inbox and the reference
unit names, so files can be processed in parallel and cached by content hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from extractors.backends import (
    BACKENDS,
    EncryptedError,
    UnreadableError,
    UnsupportedFormatError,
    read_document,
)
from extractors.backends.bounded import unread_parts
from extractors.backends.timing import stage
from extractors.protection import is_encrypted
from extractors.records import Extraction, RawRecord
from extractors.registry import extract_document, primary_doc_type
from extractors.sniff import sniff_format
from pipeline.archives import package_limit_reason
from schemas.issues import Issue, make_issue
from schemas.units import UnitMatcher

NOT_YET_READ = {fmt: "压缩包由收件箱处理时展开" for fmt in ("zip", "rar", "7z")}
TEXT_EXTENSIONS = (".txt", ".csv", ".text")
READ_STAGES = {"xls": "xlsx/xls/et", "xlsx": "xlsx/xls/et", "et": "xlsx/xls/et", "xlsm": "xlsx/xls/et",
               "doc": "doc/wps (.docx part)", "wps": "doc/wps (.docx part)", "png": "scans", "jpeg": "scans",
               "tiff": "scans", "bmp": "scans", "gif": "scans"}


@dataclass(slots=True)
class FileResult:
    file: str
    sha256: str
    format: str
    doc_type: str = "unknown"
    recommending_unit: str = ""
    status: str = "ok"
    message: str = ""
    modified: float = 0.0     # the file's modification time (archive members: their stored time)
    records: list[RawRecord] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)        # from reading the bytes
    unit_issues: list[Issue] = field(default_factory=list)   # from where the file lies (see `place`)

    @property
    def all_issues(self) -> list[Issue]:
        return [*self.issues, *self.unit_issues]

    def row(self) -> dict[str, object]:
        return {"file": self.file, "sha256": self.sha256, "format": self.format, "doc_type": self.doc_type,
                "recommending_unit": self.recommending_unit, "status": self.status,
                "records": len(self.records), "message": self.message}


def process_file(data: bytes, path: str, units: UnitMatcher) -> FileResult:
    return place(extract_file(data, path), path, units)


def extract_file(data: bytes, path: str) -> FileResult:
    """What the bytes hold, independent of where the file lies (cacheable by content hash)."""
    fmt = sniff_format(data, path)
    result = FileResult(file=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt)
    if fmt == "empty":
        return _fail(result, "UNREADABLE_FILE", "空文件")
    if fmt == "text" and not path.lower().endswith(TEXT_EXTENSIONS):
        return _fail(result, "UNREADABLE_FILE", "内容是纯文本，与文件扩展名所示的格式不符")
    if fmt == "corrupt":
        return _fail(result, "UNREADABLE_FILE", "文件已损坏或不完整（压缩结构无法读取），请重新发送")
    if fmt == "encrypted" or is_encrypted(data, fmt):
        return _fail(result, "ENCRYPTED_FILE", "")
    if fmt in ("docx", "xlsx", "ods") and (reason := package_limit_reason(data)):
        return _fail(result, "UNREADABLE_FILE", reason)
    if fmt not in BACKENDS:
        if fmt in NOT_YET_READ:
            result.status, result.message = "skipped", NOT_YET_READ[fmt]
            return result
        return _fail(result, "UNREADABLE_FILE", "无法识别的文件格式")
    try:
        with unread_parts() as unread, stage(f"reading {READ_STAGES.get(fmt, fmt)}"):
            document = read_document(data, path, fmt)
    except EncryptedError:
        return _fail(result, "ENCRYPTED_FILE", "")
    except (UnreadableError, UnsupportedFormatError) as error:
        return _fail(result, "UNREADABLE_FILE", str(error))
    if unread:
        _partly_read(result, "；".join(unread))
    with stage("fields (forms, summaries, prose)"):
        extractions = extract_document(document)
    result.extractions = extractions
    result.doc_type = primary_doc_type(extractions)
    result.records = [record for e in extractions for record in e.records]
    for record in result.records:
        record.notes["source_kind"] = document.source_kind
    if result.doc_type == "unknown":
        result.issues.append(make_issue("UNKNOWN_DOCUMENT", file=path))
        result.message = "；".join(filter(None, [result.message, "不是任何附件类型"]))
    return result


def _partly_read(result: FileResult, reason: str) -> None:
    """A backend read only part of the file (rows or pages past a limit): the file is `partial`
    and an UNREADABLE_FILE issue says how much was not read."""
    result.status = "partial"
    result.message = f"只读取了部分内容：{reason}"
    result.issues.append(make_issue("UNREADABLE_FILE", file=result.file, value=result.message))


def _fail(result: FileResult, code: str, reason: str) -> FileResult:
    result.status = "failed"
    result.message = reason or ("文件设有密码" if code == "ENCRYPTED_FILE" else "无法读取")
    result.issues.append(make_issue(code, file=result.file, value=reason))
    return result


def place(result: FileResult, path: str, units: UnitMatcher) -> FileResult:
    """Give an extraction its path in the inbox and its recommending units; idempotent, so a
    cached extraction of the same bytes found under another path is placed anew."""
    result.file = path
    for record in result.records:
        record.file = path
    for issue in result.issues:
        issue.file = path
    path_unit = unit_from_path(path, units)
    result.unit_issues = []
    _resolve_units(result, path_unit, units)
    for issue in result.issues:
        issue.recommending_unit = result.recommending_unit
    return result


def unit_from_path(path: str, units: UnitMatcher) -> str | None:
    """The unit a file's folders or name point to (folders first, nearest the inbox root)."""
    parts = PurePosixPath(path.replace("!", "/")).parts
    for folder in parts[:-1]:
        unit = units.match(folder) or units.find_in(folder)
        if unit:
            return unit
    if not parts:
        return None
    name = PurePosixPath(parts[-1]).stem
    return units.match_bracketed(name) or units.match_start(name)


def _resolve_units(result: FileResult, path_unit: str | None, units: UnitMatcher) -> None:
    """Each record's unit: its own unit line, else the file's, else the folder's or name's."""
    content_units = []
    for record in result.records:
        unit = units.match(record.unit_text) if record.unit_text else None
        record.notes["unit"] = unit or ""
        if unit:
            content_units.append(unit)
    file_unit = max(set(content_units), key=content_units.count) if content_units else None
    for record in result.records:
        record.notes["unit"] = record.notes["unit"] or file_unit or path_unit or ""
    result.recommending_unit = file_unit or path_unit or ""
    if file_unit and path_unit and file_unit != path_unit:
        result.unit_issues.append(make_issue("UNIT_CONFLICT", file=result.file, recommending_unit=file_unit,
                                             value=file_unit, expected=path_unit))
    # Forms and materials may still get their unit by linking to a summary row (checks.units).
    needs_unit = [r for r in result.records if r.kind == "summary_row"]
    if any(not r.notes["unit"] for r in needs_unit):
        result.unit_issues.append(make_issue("UNKNOWN_UNIT", file=result.file,
                                             value=next((r.unit_text for r in needs_unit if r.unit_text), "")))
