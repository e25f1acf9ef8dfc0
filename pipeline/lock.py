"""One run at a time per output folder: an advisory lock on `OUT/.lock`.

The lock is an `flock` on an open file, so the kernel releases it whenever its run ends, even by
`kill -9`; there is never a stale lock to remove by hand. The file holds who has the lock (process,
user, machine, start time, command) so that a second run can say so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import json
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

LOCK_NAME = ".lock"


class LockHeld(Exception):
    """Another run holds the lock; the message (Chinese) says who."""


class OutputLock:
    def __init__(self, out: Path) -> None:
        self.path = Path(out) / LOCK_NAME
        self._descriptor: int | None = None
        self.unsupported = False      # the file system has no locks: the run goes on unguarded

    def acquire(self, *, wait: bool = False, waiting: Callable[[str], None] = lambda holder: None) -> None:
        """Take the lock, or raise LockHeld; with `wait`, block until it is free."""
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self.holder()
            if not wait:
                os.close(descriptor)
                raise LockHeld(holder) from None
            waiting(holder)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            except BaseException:
                os.close(descriptor)
                raise
        except OSError:   # ENOLCK and the like: a file system without locks
            self.unsupported = True
        self._descriptor = descriptor
        self._describe_self()

    def release(self) -> None:
        if self._descriptor is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._descriptor, 0)
        os.close(self._descriptor)   # closing releases the flock
        self._descriptor = None

    def holder(self) -> str:
        """Who holds the lock, in Chinese."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            return (f"进程 {info['pid']}（用户 {info['user']}，计算机 {info['host']}，"
                    f"{info['started']} 开始：{info['command']}）")
        except (OSError, ValueError, KeyError, TypeError):
            return "另一个进程"

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def _describe_self(self) -> None:
        info = {"pid": os.getpid(), "user": _user(), "host": socket.gethostname(),
                "started": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"), "command": " ".join(sys.argv[1:])[:300]}
        with contextlib.suppress(OSError):
            os.ftruncate(self._descriptor, 0)
            os.pwrite(self._descriptor, json.dumps(info, ensure_ascii=False).encode("utf-8", "backslashreplace"), 0)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
