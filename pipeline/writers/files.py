"""Writing output files atomically, and replacing a folder of files a writer owns.

Every output is built in memory first; `atomic_write` puts it in place through a temporary file
in the same folder and `os.replace`, so a reader never sees a half-written file. (A whole run's
outputs are swapped in as one set by `pipeline.outputs.publish`.)
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

MANIFEST_NAME = ".written_by_pipeline.json"
PUBLISHED_NAME = ".published.json"   # in OUT: the files of the output set published last


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to path atomically (temporary file + fsync + os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def fsync_folder(folder: Path) -> None:
    """Make the renames inside a folder durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def replace_owned_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Make `files` (name -> bytes) the set of files this writer owns in folder.

    A manifest in the folder lists the names written last time; those no longer in `files` are
    removed. Files the manifest does not list (a reviewer's own copies) are never touched. The
    manifest is widened before writing and narrowed after removing, so an interrupted run leaves
    no file unaccounted for.
    """
    manifest = folder / MANIFEST_NAME
    previous = _read_manifest(manifest)
    if not files and not previous:
        return
    _write_manifest(manifest, previous | set(files))
    for name, data in files.items():
        atomic_write(folder / name, data)
    for name in previous - set(files):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    _write_manifest(manifest, set(files))


def _read_manifest(manifest: Path) -> set[str]:
    try:
        names = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return set()
    # Only plain names inside the folder: a damaged manifest must not delete anything elsewhere.
    return {n for n in names if isinstance(n, str) and n and Path(n).name == n and n != MANIFEST_NAME}


def _write_manifest(manifest: Path, names: set[str]) -> None:
    payload = {"files": sorted(names)}
    atomic_write(manifest, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
