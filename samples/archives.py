"""Pack some unit folders of a generated inbox into .zip archives, the way units e-mail them.

`python -m samples.archives ROOT [--count 2] [--seed 1]` replaces `count` unit folders of
ROOT/inbox by `<folder>.zip`: the first with GBK member names and no UTF-8 flag (as Windows
zips them), the next with UTF-8 names and one nested zip inside. `truth/files.csv` follows: its
rows become `<folder>.zip!<folder>/<file>` and the archive gets a row of its own."""

from __future__ import annotations

import argparse
import io
import random
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path

from samples.formats import read_csv, write_csv
from samples.season import year

FILE_COLUMNS = ["file", "doc_type", "recommending_unit"]


class _GbkInfo(zipfile.ZipInfo):
    """A member whose name is stored as GBK bytes without the UTF-8 flag (zipfile itself always
    writes non-ASCII names as flagged UTF-8)."""

    __slots__ = ()

    def _encodeFilenameFlags(self):  # zipfile's own hook, hence the name
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _gbk_info(name: str) -> zipfile.ZipInfo:
    info = _GbkInfo(name, date_time=(year(2021), 7, 20, 9, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _zip(files: list[tuple[str, bytes]], *, gbk: bool) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            if gbk:
                archive.writestr(_gbk_info(name), data)
            else:
                archive.writestr(zipfile.ZipInfo(name, date_time=(year(2021), 7, 20, 9, 0, 0)), data,
                                 compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def pack_folders(root: Path, *, count: int = 2, seed: int = 1) -> list[str]:
    inbox, truth_path = root / "inbox", root / "truth" / "files.csv"
    rows = read_csv(truth_path)
    folders = sorted(p.name for p in inbox.iterdir() if p.is_dir())
    random.Random(seed).shuffle(folders)
    packed = []
    for index, folder in enumerate(folders[:count]):
        files = sorted(p for p in (inbox / folder).rglob("*") if p.is_file())
        entries = [(p.relative_to(inbox).as_posix(), p.read_bytes()) for p in files]
        nested = index == 1 and len(entries) > 2
        rename = {}
        if nested:  # the last two files travel in a zip inside the zip
            inner = _zip(entries[-2:], gbk=False)
            inner_name = f"{folder}/补充材料.zip"
            rename = {name: f"{folder}.zip!{inner_name}!{name}" for name, _ in entries[-2:]}
            entries = [*entries[:-2], (inner_name, inner)]
        (inbox / f"{folder}.zip").write_bytes(_zip(entries, gbk=index == 0))
        shutil.rmtree(inbox / folder)
        unit = next((r["recommending_unit"] for r in rows if r["file"].startswith(f"{folder}/")), "")
        for row in rows:
            if row["file"].startswith(f"{folder}/"):
                row["file"] = rename.get(row["file"], f"{folder}.zip!{row['file']}")
        rows.append({"file": f"{folder}.zip", "doc_type": "archive", "recommending_unit": unit})
        if nested:
            rows.append({"file": f"{folder}.zip!{folder}/补充材料.zip", "doc_type": "archive",
                         "recommending_unit": unit})
        packed.append(folder)
    write_csv(truth_path, FILE_COLUMNS, rows)
    return packed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.archives", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print("packed:", ", ".join(pack_folders(args.root, count=args.count, seed=args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
