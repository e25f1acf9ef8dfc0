"""Bounds on reading one file: helper programs (LibreOffice, an OCR engine, 7-Zip) that never
outlive their file or their run, and a record of what a backend deliberately left unread.

A helper runs in its own process group, so a time-out kills it and everything it started. A
small guardian shell waits on a pipe held by the process that started the helper: when that
process ends in any way (finished, killed by a time-out, by Ctrl-C, or by `kill -9`), the pipe
closes and the guardian kills the helper's whole group, so no LibreOffice or OCR process goes on
after its run is gone.
"""

from __future__ import annotations

import contextlib
import multiprocessing.context
import os
import signal
import subprocess
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

# Held while a thread of the run starts a helper (LibreOffice, its guardian) and while a worker
# process is forked. A fork made while another thread is inside `subprocess.Popen` copies that
# Popen's pipes into the worker, which then keeps them open: the Popen waits for an end that
# never comes. (Worker pools get `LOCKED_FORK` as their multiprocessing context.)
FORK_LOCK = threading.Lock()


def _unlock_in_child() -> None:
    """A forked worker starts with the lock as its parent held it (the fork is made under it),
    and has no other thread that could release it."""
    if FORK_LOCK.locked():
        FORK_LOCK.release()


os.register_at_fork(after_in_child=_unlock_in_child)


class _LockedForkProcess(multiprocessing.context.ForkProcess):
    def start(self) -> None:
        with FORK_LOCK:
            super().start()


class _LockedForkContext(multiprocessing.context.ForkContext):
    Process = _LockedForkProcess


LOCKED_FORK = _LockedForkContext()

# Ignores the signals a terminal or a stopping pool sends, and kills the helper's group once
# the pipe on its stdin closes without the word "done" having been written.
GUARDIAN = ("trap '' INT TERM HUP QUIT; "
            "if read -r word && [ \"$word\" = done ]; then exit 0; fi; kill -9 -$1 2>/dev/null")


class Overtime(Exception):
    """The program ran past its time limit and was killed."""


@dataclass(frozen=True, slots=True)
class Finished:
    returncode: int
    stdout: bytes
    stderr: bytes


def run_bounded(command: Sequence[str], *, timeout: float, env: Mapping[str, str] | None = None,
                capture_stdout: bool = True) -> Finished:
    process = subprocess.Popen(list(command), stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env=dict(env) if env is not None else None, start_new_session=True)
    with guarded(process.pid):
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            kill_group(process.pid)
            process.communicate()
            raise Overtime(f"{command[0]} ran past {timeout:g} s") from error
        except BaseException:
            kill_group(process.pid)
            process.wait()
            raise
    return Finished(process.returncode, out or b"", err or b"")


@contextlib.contextmanager
def guarded(group: int) -> Iterator[None]:
    """A guardian that kills `group` if this process dies before the block ends."""
    with FORK_LOCK:
        read_end, write_end = os.pipe()
        try:
            guardian = subprocess.Popen(["sh", "-c", GUARDIAN, "guardian", str(group)], stdin=read_end,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            os.close(write_end)
            guardian = None
        finally:
            os.close(read_end)
    try:
        yield
    finally:
        if guardian is not None:
            with contextlib.suppress(OSError):
                os.write(write_end, b"done\n")
            os.close(write_end)
            guardian.wait()


def kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


# --- what a backend left unread --------------------------------------------------------------------

_unread: list[str] | None = None


@contextlib.contextmanager
def unread_parts() -> Iterator[list[str]]:
    """Collect, while one file is read, the notes of the parts a backend did not read."""
    global _unread
    previous, _unread = _unread, []
    try:
        yield _unread
    finally:
        _unread = previous


def note_unread(text: str) -> None:
    """A backend read only part of a file (rows, pages past a limit): say so, in Chinese."""
    if _unread is not None:
        _unread.append(text)
