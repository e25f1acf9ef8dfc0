"""Walking the inbox: every regular file below it, read-only, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class InboxFile:
    path: str        # relative to the inbox, posix separators
    absolute: Path
    size: int
    modified: float = 0.0


def scan_inbox(root: Path) -> Iterator[InboxFile]:
    """Files in sorted order; links are listed but never followed out of the inbox."""
    for directory, folders, files in os.walk(root, followlinks=False):
        folders.sort()
        for name in sorted(files):
            absolute = Path(directory, name)
            relative = absolute.relative_to(root).as_posix()
            try:
                stat = absolute.lstat()
                size, modified = stat.st_size, stat.st_mtime
            except OSError:
                size, modified = -1, 0.0
            yield InboxFile(relative, absolute, size, modified)


def read_bytes(item: InboxFile, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; raises OSError for links, unreadable or over-large files."""
    if item.absolute.is_symlink():
        raise OSError("符号链接未读取")
    if item.size > limit:
        raise OSError(f"文件过大（{item.size // (1024 * 1024)} MB，上限 {limit // (1024 * 1024)} MB）")
    with item.absolute.open("rb") as handle:
        return handle.read(limit + 1)
