"""Archives in the inbox (.zip, .rar, .7z): their members as (path, bytes), never written into the inbox.

`expand_archive` turns one archive's bytes into `Member`s named `archive.zip!inner/path.docx`,
so that each member can go through `pipeline.process.process_file` like a loose file. Zips are
read in memory with `zipfile`; .rar/.7z go through the `7z` binary into a private temporary
directory. Hostile archives are bounded by `ArchiveLimits` (member count, total and per-member
size, compression ratio, nesting depth) before and while reading; what is refused or unreadable
is reported as issues and as members with a status, so that every member still gets its row.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from extractors.backends.bounded import Finished, Overtime, run_bounded
from extractors.sniff import sniff_format
from schemas.issues import Issue, make_issue

MB = 1024 * 1024
ARCHIVE_FORMATS = frozenset({"zip", "rar", "7z"})
RATIO_FLOOR_BYTES = 1 * MB          # below this, a high compression ratio is harmless
UTF8_FLAG = 0x800
ENCRYPTED_FLAG = 0x1
UNICODE_PATH_EXTRA = 0x7075         # Info-ZIP Unicode Path extra field
MACOS_JUNK = "__MACOSX/"
DUMMY_PASSWORD = "-pnomination-pipeline-no-password"  # never prompt; encrypted members fail to open
SEVEN_ZIP_NAMES = ("7z", "7za", "7zz")


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    max_members: int = 2000
    max_total_bytes: int = 500 * MB
    max_member_bytes: int = 200 * MB
    max_ratio: float = 200
    max_depth: int = 2               # depth 0 and 1 are expanded: a zip inside a zip, not deeper
    timeout_seconds: float = 120     # per call of the 7z binary


@dataclass(slots=True)
class Member:
    """One file inside an archive.

    status "" means: process `data` as a file and append `message` (a note, e.g. a renamed
    path) to the result's message. Otherwise the member could not be read: its row has this
    status, message and `issues` (ENCRYPTED_FILE / UNREADABLE_FILE about `path`; members left
    unread because a limit stopped the archive have none: the archive's issue says why).
    `nested` is set when the member is itself an archive: its row is a doc_type `archive` row
    built from `nested` (and `data` for the checksum), followed by `nested.members`.
    `modified` is the time stored in the archive (POSIX seconds, 0 when unknown).
    """

    path: str
    data: bytes
    status: str = ""
    message: str = ""
    nested: ArchiveResult | None = None
    issues: list[Issue] = field(default_factory=list)
    modified: float = 0.0


@dataclass(slots=True)
class ArchiveResult:
    members: list[Member] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # about the archive itself (file = its path)
    status: str = "ok"                                  # ok | partial | failed | skipped
    message: str = ""


class LimitExceeded(Exception):
    """An archive limit was hit; the message says which, in Chinese."""


@dataclass(slots=True)
class _Budget:
    """What is left for the whole archive tree (nested archives share their parent's budget)."""

    bytes_left: int
    members_left: int


@dataclass(slots=True)
class _Entry:
    """A member as declared by the archive's directory, before it is read."""

    raw_name: str
    size: int
    packed: int | None
    encrypted: bool
    modified: float = 0.0


# --- public API ------------------------------------------------------------------------------------

def is_archive(fmt: str) -> bool:
    return fmt in ARCHIVE_FORMATS


def expand_archive(data: bytes, path: str, fmt: str, limits: ArchiveLimits | None = None,
                   depth: int = 0) -> ArchiveResult:
    """The members of one archive (nested archives expanded below `limits.max_depth`)."""
    limits = limits or ArchiveLimits()
    budget = _Budget(limits.max_total_bytes, limits.max_members)
    return _expand(data, path, fmt, limits, depth, budget)


def safe_member_name(name: str) -> tuple[str, bool]:
    """A display name without `..`, absolute roots or drive letters, and whether it had any."""
    text = name.replace("\\", "/")
    unsafe = text.startswith("/") or bool(re.match(r"^[A-Za-z]:", text))
    text = re.sub(r"^[A-Za-z]:", "", text)
    parts = []
    for part in text.split("/"):
        if part == "..":
            unsafe = True
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts), unsafe


def decode_zip_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author saw it: UTF-8 flag, Info-ZIP Unicode path, else GBK."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    unicode_path = _unicode_path_extra(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


# --- dispatch ---------------------------------------------------------------------------------------

def _expand(data: bytes, path: str, fmt: str, limits: ArchiveLimits, depth: int,
            budget: _Budget) -> ArchiveResult:
    if depth >= limits.max_depth:
        return _refused(path, "skipped", f"压缩包嵌套超过 {limits.max_depth} 层，未解压")
    if fmt == "zip":
        result = _expand_zip(data, path, limits, budget)
    elif fmt in ("rar", "7z"):
        result = _expand_with_7z(data, path, limits, budget)
    else:
        return _refused(path, "failed", f"不是压缩包格式（{fmt}）")
    _expand_nested(result, limits, depth, budget)
    return result


def _expand_nested(result: ArchiveResult, limits: ArchiveLimits, depth: int, budget: _Budget) -> None:
    for member in result.members:
        if member.status or not member.data:
            continue
        fmt = sniff_format(member.data, member.path)
        if fmt in ARCHIVE_FORMATS:
            member.nested = _expand(member.data, member.path, fmt, limits, depth + 1, budget)


def _refused(path: str, status: str, reason: str, code: str = "UNREADABLE_FILE") -> ArchiveResult:
    issue = make_issue(code, file=path, value=reason)
    return ArchiveResult(issues=[issue], status=status, message=reason)


def _finish(result: ArchiveResult, notes: list[str], stop: str | None) -> ArchiveResult:
    """Status and message from what was read, what was not, and why the reading stopped."""
    unread = sum(1 for m in result.members if m.status)
    read = len(result.members) - unread
    if stop is not None:
        result.status = "partial" if read else "failed"
    elif unread:
        result.status = "partial"
    summary = f"压缩包内 {len(result.members)} 个文件" if result.members else "压缩包为空"
    if unread:
        summary += f"，其中 {unread} 个未能读取"
    result.message = "；".join([summary, *([stop] if stop else []), *notes])
    return result


def _unique_path(path: str, taken: set[str]) -> str:
    candidate, number = path, 1
    while candidate in taken:
        number += 1
        stem, dot, suffix = path.rpartition(".")
        candidate = f"{stem} ({number}).{suffix}" if dot and "/" not in suffix else f"{path} ({number})"
    taken.add(candidate)
    return candidate


class _Namer:
    """Member paths `archive!inner`, unique, with a note for names that had to be made safe."""

    def __init__(self, archive_path: str) -> None:
        self.archive_path = archive_path
        self.taken: set[str] = set()
        self.unsafe: list[str] = []

    def name(self, raw: str) -> tuple[str, str]:
        safe, unsafe = safe_member_name(raw)
        path = _unique_path(f"{self.archive_path}!{safe or '（无名文件）'}", self.taken)
        if not unsafe:
            return path, ""
        self.unsafe.append(raw)
        return path, f"压缩包内原文件名“{raw}”含上级目录或绝对路径，已改为安全名称"

    def notes(self) -> list[str]:
        if not self.unsafe:
            return []
        return [f"{len(self.unsafe)} 个文件名含上级目录或绝对路径（{'、'.join(self.unsafe[:3])}），已改为安全名称"]


# --- limits -----------------------------------------------------------------------------------------

def _check_declared(entry: _Entry, limits: ArchiveLimits, budget: _Budget) -> None:
    """Refuse a member on its declared sizes, before anything is decompressed."""
    if budget.members_left <= 0:
        raise LimitExceeded(f"内含文件数超过上限（{limits.max_members} 个）")
    if entry.size > limits.max_member_bytes:
        raise LimitExceeded(f"单个文件解压后超过上限（{_mb(entry.size)}，上限 {_mb(limits.max_member_bytes)}），"
                            "疑似压缩炸弹")
    if entry.size > budget.bytes_left:
        raise LimitExceeded(f"解压总大小超过上限（{_mb(limits.max_total_bytes)}）")
    if entry.packed is not None and entry.size > RATIO_FLOOR_BYTES and entry.size > limits.max_ratio * max(
            entry.packed, 1):
        raise LimitExceeded(f"压缩比超过上限（{entry.size // max(entry.packed, 1)}:1，上限 {limits.max_ratio:g}:1），"
                            "疑似压缩炸弹")


def _read_cap(entry: _Entry, limits: ArchiveLimits, budget: _Budget) -> int:
    """The most bytes a member may yield: its declared size, and never more than the limits allow."""
    cap = min(entry.size, limits.max_member_bytes, budget.bytes_left)
    if entry.packed is not None:
        cap = min(cap, max(RATIO_FLOOR_BYTES, int(limits.max_ratio * max(entry.packed, 1))))
    return cap


def _spend(budget: _Budget, size: int) -> None:
    budget.bytes_left -= size
    budget.members_left -= 1


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size} 字节"


def package_limit_reason(data: bytes, limits: ArchiveLimits | None = None) -> str | None:
    """Why a zip-based Office file (.docx/.xlsx/…) must not be opened, judged on declared sizes only.

    A few kilobytes of deflated XML can inflate to gigabytes in a backend that reads whole parts;
    zipfile never yields more than a member's declared size, so checking declared sizes is enough
    for zipfile-based readers. None when the package is within the limits or is not a readable zip
    (the backend reports corruption itself).
    """
    limits = limits or ArchiveLimits()
    declared = _declared_zip_entries(data)
    if declared is not None and declared > limits.max_members:
        return f"文件内部部件数（{declared}）超过上限（{limits.max_members} 个），未读取"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception:  # not a readable zip: not this function's concern
        return None
    budget = _Budget(limits.max_total_bytes, limits.max_members)
    for info in infos:
        try:
            _check_declared(_Entry(info.filename, info.file_size, info.compress_size, False), limits, budget)
        except LimitExceeded as error:
            return f"文件内部“{info.filename}”{error}，未读取"
        _spend(budget, info.file_size)
    return None


# --- zip --------------------------------------------------------------------------------------------

def _expand_zip(data: bytes, path: str, limits: ArchiveLimits, budget: _Budget) -> ArchiveResult:
    declared = _declared_zip_entries(data)
    if declared is not None and declared > min(limits.max_members, budget.members_left):
        return _refused(path, "failed", f"压缩包内文件数（{declared}）超过上限（{limits.max_members} 个），未解压")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, struct.error) as error:
        return _refused(path, "failed", f"压缩包损坏或不完整（{error}）")
    with archive:
        return _read_zip_members(archive, path, limits, budget)


def _read_zip_members(archive: zipfile.ZipFile, path: str, limits: ArchiveLimits,
                      budget: _Budget) -> ArchiveResult:
    result, namer = ArchiveResult(), _Namer(path)
    junk, stop = 0, None
    for info in archive.infolist():
        raw = decode_zip_name(info)
        normalised = raw.replace("\\", "/")
        if normalised.endswith("/") or info.is_dir():
            continue
        if normalised.startswith(MACOS_JUNK) or f"/{MACOS_JUNK}" in normalised:
            junk += 1
            continue
        member_path, note = namer.name(raw)
        member = Member(member_path, b"", "skipped", "超过解压上限，未读取")
        if stop is None:
            entry = _Entry(raw, info.file_size, info.compress_size, bool(info.flag_bits & ENCRYPTED_FLAG))
            try:
                member = _read_zip_member(archive, info, entry, member_path, limits, budget)
            except LimitExceeded as error:
                stop = str(error)
        member.modified = _zip_time(info.date_time)
        _note(member, note)
        _member_issue(member)
        result.members.append(member)
    if stop is not None:
        unread = sum(1 for m in result.members if m.status == "skipped")
        stop = f"{stop}，其余 {unread} 个文件未读取"
        result.issues.append(make_issue("UNREADABLE_FILE", file=path, value=stop))
    notes = namer.notes() + ([f"已忽略 {junk} 个 macOS 资源文件（__MACOSX/）"] if junk else [])
    return _finish(result, notes, stop)


def _read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: _Entry, member_path: str,
                     limits: ArchiveLimits, budget: _Budget) -> Member:
    if entry.encrypted:
        return Member(member_path, b"", "failed", "文件设有密码")
    _check_declared(entry, limits, budget)
    cap = _read_cap(entry, limits, budget)
    try:
        with archive.open(info) as handle:
            payload = handle.read(cap + 1)
    except Exception as error:  # zipfile raises many types for corrupt or unsupported members
        _spend(budget, 0)
        return Member(member_path, b"", "failed", f"无法解压：{type(error).__name__}: {error}")
    if len(payload) > cap:
        raise LimitExceeded(f"文件“{entry.raw_name}”解压后超过声明大小或上限（{_mb(cap)}），疑似压缩炸弹")
    _spend(budget, len(payload))
    return Member(member_path, payload)


def _note(member: Member, note: str) -> None:
    if note:
        member.message = "；".join(filter(None, [member.message, note]))


def _member_issue(member: Member) -> None:
    """The issue of a member that could not be read (encrypted or corrupt)."""
    if member.status != "failed":
        return
    if member.message.startswith("文件设有密码"):
        member.issues.append(make_issue("ENCRYPTED_FILE", file=member.path))
    else:
        member.issues.append(make_issue("UNREADABLE_FILE", file=member.path, value=member.message))


def _zip_time(date_time: tuple[int, int, int, int, int, int]) -> float:
    try:
        return datetime(*date_time).timestamp()
    except (ValueError, OverflowError, OSError):
        return 0.0


def _listing_time(text: str) -> float:
    try:
        return datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S").timestamp()
    except ValueError:
        return 0.0


def _declared_zip_entries(data: bytes) -> int | None:
    """The entry count of the end-of-central-directory record (zip64 aware), read without parsing."""
    start = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if start < 0 or start + 22 > len(data):
        return None
    count = struct.unpack_from("<H", data, start + 10)[0]
    if count != 0xFFFF:
        return count
    locator = start - 20
    if locator < 0 or data[locator:locator + 4] != b"PK\x06\x07":
        return None
    offset = struct.unpack_from("<Q", data, locator + 8)[0]
    if offset + 56 > len(data) or data[offset:offset + 4] != b"PK\x06\x06":
        return None
    return struct.unpack_from("<Q", data, offset + 32)[0]


def _unicode_path_extra(extra: bytes, raw: bytes) -> str | None:
    position = 0
    while position + 4 <= len(extra):
        header, size = struct.unpack_from("<HH", extra, position)
        body = extra[position + 4:position + 4 + size]
        matches = header == UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1
        if matches and struct.unpack_from("<I", body, 1)[0] == zlib.crc32(raw):
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        position += 4 + size
    return None


# --- rar / 7z through the 7z binary -----------------------------------------------------------------

def seven_zip() -> str | None:
    """The 7z executable, if installed."""
    return next((found for name in SEVEN_ZIP_NAMES if (found := shutil.which(name))), None)


def _expand_with_7z(data: bytes, path: str, limits: ArchiveLimits, budget: _Budget) -> ArchiveResult:
    executable = seven_zip()
    if executable is None:
        return _refused(path, "skipped", "未安装 7z 程序，无法解压 .rar/.7z 压缩包")
    with tempfile.TemporaryDirectory(prefix="nomination-archive-") as temp:
        root = Path(temp)
        archive_file, out_dir = root / "archive.bin", root / "out"
        archive_file.write_bytes(data)
        out_dir.mkdir()
        try:
            return _list_and_extract(executable, archive_file, out_dir, path, limits, budget)
        except Overtime:
            return _refused(path, "failed", f"解压超时（{limits.timeout_seconds:g} 秒），未读取")
        except OSError as error:
            return _refused(path, "failed", f"无法运行 7z 程序（{error}）")


def _run_7z(executable: str, arguments: list[str], limits: ArchiveLimits) -> Finished:
    """7z under a time limit, killed with its run (see `run_bounded`)."""
    environment = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    return run_bounded([executable, *arguments], timeout=limits.timeout_seconds, env=environment)


def _list_and_extract(executable: str, archive_file: Path, out_dir: Path, path: str, limits: ArchiveLimits,
                      budget: _Budget) -> ArchiveResult:
    listing = _run_7z(executable, ["l", "-slt", "-bd", DUMMY_PASSWORD, str(archive_file)], limits)
    text = listing.stdout.decode("utf-8", "replace") + listing.stderr.decode("utf-8", "replace")
    if listing.returncode != 0:
        if "encrypted archive" in text.lower() or "wrong password" in text.lower():
            return _refused(path, "failed", "压缩包设有密码", code="ENCRYPTED_FILE")
        return _refused(path, "failed", f"压缩包损坏或不完整（{_first_error(text)}）")
    entries = _parse_listing(listing.stdout.decode("utf-8", "replace"))
    stop = _check_listing(entries, limits, budget, archive_file.stat().st_size)
    if stop is not None:
        result = _refused(path, "failed", f"{stop}（{len(entries)} 个文件均未读取）")
        namer = _Namer(path)
        result.members = [Member(namer.name(e.raw_name)[0], b"", "skipped", "超过解压上限，未读取") for e in entries]
        return _finish(result, [], stop)
    extraction = _run_7z(executable, ["x", "-y", "-bd", DUMMY_PASSWORD, f"-o{out_dir}", str(archive_file)], limits)
    errors = _extraction_errors(extraction.stdout.decode("utf-8", "replace")
                                + extraction.stderr.decode("utf-8", "replace"))
    return _collect_extracted(entries, out_dir, path, limits, budget, errors)


def _extraction_errors(text: str) -> dict[str, str]:
    """Member name → 7z's complaint (`ERROR: CRC Failed : a.docx`, `Unsupported Method`, …)."""
    errors = {}
    for line in text.splitlines():
        label, separator, name = line.removeprefix("ERROR:").strip().rpartition(" : ")
        if line.startswith("ERROR:") and separator and label:
            errors[name.strip().replace("\\", "/")] = label.strip()
    return errors


def _first_error(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if "error" in line.lower() or "cannot" in line.lower()]
    return lines[-1] if lines else "7z 无法打开"


def _parse_listing(stdout: str) -> list[_Entry]:
    """Files (not folders) of `7z l -slt` output, after its `----------` separator."""
    _, _, body = stdout.partition("\n----------\n")
    entries = []
    for block in re.split(r"\n\s*\n", body):
        fields = dict(line.split(" = ", 1) for line in block.splitlines() if " = " in line)
        if "Path" not in fields:
            continue
        if fields.get("Folder") == "+" or fields.get("Attributes", "").startswith("D"):
            continue
        entries.append(_Entry(fields["Path"], _int(fields.get("Size")), None,
                              fields.get("Encrypted") == "+", _listing_time(fields.get("Modified", ""))))
    return entries


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _check_listing(entries: list[_Entry], limits: ArchiveLimits, budget: _Budget, packed: int) -> str | None:
    """Why the whole archive is refused on its listing, or None."""
    total = sum(entry.size for entry in entries)
    if len(entries) > min(limits.max_members, budget.members_left):
        return f"压缩包内文件数（{len(entries)}）超过上限（{limits.max_members} 个），未解压"
    if total > budget.bytes_left:
        return f"解压总大小（{_mb(total)}）超过上限（{_mb(limits.max_total_bytes)}），未解压"
    biggest = max((entry.size for entry in entries), default=0)
    if biggest > limits.max_member_bytes:
        return f"单个文件解压后超过上限（{_mb(biggest)}，上限 {_mb(limits.max_member_bytes)}），疑似压缩炸弹，未解压"
    if total > RATIO_FLOOR_BYTES and total > limits.max_ratio * max(packed, 1):
        return f"压缩比超过上限（{total // max(packed, 1)}:1，上限 {limits.max_ratio:g}:1），疑似压缩炸弹，未解压"
    return None


def _collect_extracted(entries: list[_Entry], out_dir: Path, path: str, limits: ArchiveLimits,
                       budget: _Budget, errors: dict[str, str]) -> ArchiveResult:
    result, namer = ArchiveResult(), _Namer(path)
    on_disk = dict(_extracted_files(out_dir))
    used: set[str] = set()
    for entry in entries:
        key = _disk_key(entry.raw_name, on_disk)
        used.add(key)
        member_path, note = namer.name(entry.raw_name)
        error = errors.get(entry.raw_name.replace("\\", "/"))
        member = _extracted_member(entry, None if error else on_disk.get(key), member_path, limits, budget, error)
        _note(member, note)
        _member_issue(member)
        result.members.append(member)
    for relative in sorted(set(on_disk) - used):   # names 7z rewrote while extracting
        member_path, note = namer.name(relative)
        stat = on_disk[relative].stat()
        entry = _Entry(relative, stat.st_size, None, False, stat.st_mtime)
        member = _extracted_member(entry, on_disk[relative], member_path, limits, budget, errors.get(relative))
        _note(member, note)
        _member_issue(member)
        result.members.append(member)
    return _finish(result, namer.notes(), None)


def _disk_key(raw_name: str, on_disk: dict[str, Path]) -> str:
    """Where 7z put a listed member: its own name, or the safe name 7z rewrote it to."""
    key = raw_name.replace("\\", "/")
    return key if key in on_disk else safe_member_name(raw_name)[0]


def _extracted_member(entry: _Entry, file: Path | None, member_path: str, limits: ArchiveLimits,
                      budget: _Budget, error: str | None = None) -> Member:
    member = _extracted_payload(entry, file, member_path, limits, budget, error)
    member.modified = entry.modified
    return member


def _extracted_payload(entry: _Entry, file: Path | None, member_path: str, limits: ArchiveLimits,
                       budget: _Budget, error: str | None) -> Member:
    if entry.encrypted:
        return Member(member_path, b"", "failed", "文件设有密码")
    if error is not None or file is None:
        return Member(member_path, b"", "failed", f"无法解压：{error or '压缩包内该文件损坏或为链接'}")
    size = file.stat().st_size
    if size > min(limits.max_member_bytes, budget.bytes_left):
        return Member(member_path, b"", "skipped", "超过解压上限，未读取")
    payload = file.read_bytes()
    _spend(budget, len(payload))
    return Member(member_path, payload)


def _extracted_files(out_dir: Path) -> Iterator[tuple[str, Path]]:
    """Regular files below `out_dir`, by relative posix path; links and escapes are never read."""
    root = out_dir.resolve()
    for directory, folders, files in os.walk(out_dir, followlinks=False):
        folders.sort()
        for name in sorted(files):
            candidate = Path(directory, name)
            if candidate.is_symlink() or not candidate.is_file():
                continue
            real = candidate.resolve()
            if not real.is_relative_to(root):
                continue
            yield candidate.relative_to(out_dir).as_posix(), real
