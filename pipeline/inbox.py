"""Walking the inbox: every entry below it, read-only, in a stable order, nothing opened.

Every entry becomes an `InboxFile`, including what is never read: symbolic links (never
followed), FIFOs, sockets and devices (opening a FIFO would block the run), and folders that
cannot be listed. Names that are not valid UTF-8 (a Windows zip unpacked on Linux) keep their
real bytes in `absolute` (surrogate-escaped) and get a readable `path`, GBK-decoded where the
bytes decode.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024

# What kind of entry an InboxFile is; only "file" is ever opened.
FILE, SYMLINK, SPECIAL, UNREADABLE_FOLDER = "file", "symlink", "special", "unreadable_folder"
SPECIAL_KINDS = {stat.S_IFIFO: "命名管道（FIFO）", stat.S_IFSOCK: "套接字（socket）",
                 stat.S_IFCHR: "字符设备", stat.S_IFBLK: "块设备"}


@dataclass(frozen=True, slots=True)
class InboxFile:
    path: str        # relative to the inbox, posix separators, always valid UTF-8 (shown to users)
    absolute: Path   # the real path (may hold surrogate escapes for non-UTF-8 names)
    size: int
    modified: float = 0.0
    kind: str = FILE
    note: str = ""   # why it is not read, or how its name was made readable

    @property
    def readable(self) -> bool:
        return self.kind == FILE


def display_name(name: str) -> tuple[str, str]:
    """A name fit to show and to write as UTF-8, and a note when it had to be decoded."""
    try:
        name.encode("utf-8")
        return name, ""
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030"), "文件名不是 UTF-8 编码，已按 GBK 解码显示"
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), "文件名不是 UTF-8 编码，无法解码的字节以 \\x.. 表示"


def scan_inbox(root: Path) -> Iterator[InboxFile]:
    """Every entry below root, folders first-to-last in name order; raises OSError only when
    root itself cannot be listed."""
    yield from _walk(Path(root), "", top=True)


def _walk(folder: Path, prefix: str, *, top: bool = False) -> Iterator[InboxFile]:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as error:
        if top:
            raise
        yield InboxFile(prefix, folder, -1, 0.0, UNREADABLE_FOLDER,
                        f"文件夹无法打开（{_reason(error)}），其中的文件未能列出和读取")
        return
    named, taken = [], set()
    for entry in entries:
        shown, note = display_name(entry.name)
        named.append((_unique(shown, taken), note, entry))
    for shown, note, entry in sorted(named, key=lambda item: item[0]):
        yield from _entry(entry, f"{prefix}{shown}", note)


def _entry(entry: os.DirEntry, relative: str, note: str) -> Iterator[InboxFile]:
    absolute = Path(entry.path)
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError as error:
        yield InboxFile(relative, absolute, -1, 0.0, FILE, _joined(note, f"无法读取文件信息（{_reason(error)}）"))
        return
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        yield from _walk(absolute, f"{relative}/")
    elif stat.S_ISLNK(mode):
        yield InboxFile(relative, absolute, info.st_size, info.st_mtime, SYMLINK,
                        _joined(note, f"符号链接（指向“{_link_target(absolute)}”），未跟随读取；"
                                      "如需处理，请把实际文件复制到收件箱"))
    elif stat.S_ISREG(mode):
        yield InboxFile(relative, absolute, info.st_size, info.st_mtime, FILE, note)
    else:
        what = SPECIAL_KINDS.get(stat.S_IFMT(mode), "特殊文件")
        yield InboxFile(relative, absolute, 0, info.st_mtime, SPECIAL, _joined(note, f"{what}，不是文档，未读取"))


def _unique(name: str, taken: set[str]) -> str:
    """Two raw names may decode to one readable name: the second gets a number."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        stem, dot, suffix = name.rpartition(".")
        candidate = f"{stem} ({number}).{suffix}" if dot and stem else f"{name} ({number})"
    taken.add(candidate)
    return candidate


def _link_target(path: Path) -> str:
    try:
        return display_name(os.readlink(path))[0]
    except OSError:
        return "?"


def _joined(*notes: str) -> str:
    return "；".join(note for note in notes if note)


def _reason(error: OSError) -> str:
    return {13: "没有权限", 2: "已不存在", 5: "读写错误"}.get(error.errno or 0, error.strerror or str(error))


def read_bytes(item: InboxFile, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; raises OSError (with a Chinese reason) for anything but a regular file
    within the limit. Opened without following links and without blocking, and checked again
    after opening, so an entry swapped for a FIFO or a link since the scan is not read."""
    if not item.readable:
        raise OSError(item.note or "不是普通文件，未读取")
    if item.size > limit:
        raise OSError(f"文件过大（{item.size // (1024 * 1024)} MB，上限 {limit // (1024 * 1024)} MB）")
    try:
        descriptor = os.open(item.absolute, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise OSError(f"无法打开（{_reason(error)}）") from error
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError("不是普通文件，未读取")
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise OSError(f"读取出错（{_reason(error)}）") from error
    if len(data) > limit:
        raise OSError(f"文件过大（超过上限 {limit // (1024 * 1024)} MB）")
    return data
