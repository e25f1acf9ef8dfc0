"""Links from the outputs to the inbox files they talk about."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def file_link(file: str, inbox_dir: str, out_dir: Path | None) -> str:
    """The URL of an inbox file relative to the output folder (`` when the inbox is unknown); an
    archive member (`a.zip!inner/x.docx`) links to its archive."""
    if not file or not inbox_dir or out_dir is None:
        return ""
    target = Path(os.path.abspath(inbox_dir)) / file.split("!", 1)[0]
    relative = os.path.relpath(target, os.path.abspath(out_dir))
    return quote(Path(relative).as_posix(), safe="/")
