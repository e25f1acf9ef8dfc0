"""Running a helper program (LibreOffice, an OCR engine) with a time limit that kills it and
everything it started, so a hanging converter never outlives its file."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


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
                               stderr=subprocess.PIPE, env=dict(env) if env is not None else None,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise Overtime(f"{command[0]} ran past {timeout:g} s") from error
    return Finished(process.returncode, out or b"", err or b"")
