"""A full-scale inbox with a provincial season's format mix, for the benchmark.

`build_inbox(root, copies=1)` writes ROOT/inbox holding `copies` batches (第1批, 第2批 …), each
about 980 files counting archive members: .docx forms and materials, Word 97 .doc and WPS .wps,
text PDFs exported from Word and Excel, .xlsx/.xls/.et summaries, scanned forms and two unit
folders sent as .zip. Each batch is drawn from its own pair of seeds, so no two batches share
bytes (a 4× inbox is four times the work, not four copies the cache reads once). ROOT/quotas.xlsx
and ROOT/registry.xlsx come with it.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from samples.archives import pack_folders
from samples.formats import Job, candidates, place, read_csv, run_jobs, write_csv
from samples.generate import generate_inbox

# Files converted per batch, by target (the rest stay .docx / .xlsx).
DOCX_MIX = {"doc": 110, "wps": 37, "pdf": 53, "scan_png": 10}
XLSX_MIX = {"xls": 12, "et": 8, "pdf": 17}
LATE_FOLDER = "补报材料"     # the second seed's forms and materials, sent later without summaries
SCANNED_TYPES = ("studio_form", "training_base_form")


def build_inbox(root: Path, *, copies: int = 1, seed: int = 1, mixed: bool = True) -> dict[str, int]:
    """Write ROOT/inbox with `copies` batches; the number of files per extension (members included).
    `mixed=False`: only the .docx and .xlsx files as generated (no conversions, no archives)."""
    inbox = root / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    for copy in range(copies):
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
            batch = Path(folder)
            _one_batch(batch, seed + 2 * copy, mixed)
            shutil.move(str(batch / "inbox"), str(inbox / f"第{copy + 1}批"))
            if copy == 0:
                for name in ("quotas.xlsx", "registry.xlsx"):
                    shutil.copyfile(batch / name, root / name)
    return format_counts(inbox)


def _one_batch(root: Path, seed: int, mixed: bool) -> None:
    _generate(root, seed, studios_per_unit=(8, 10), bases_per_unit=(2, 3))
    _add_late_submissions(root, seed + 1)
    if mixed:
        _convert(root, seed)
        pack_folders(root, count=2, seed=seed)


def _add_late_submissions(root: Path, seed: int) -> None:
    """The .docx files of a second, smaller inbox, as forms and materials sent after the summaries."""
    with tempfile.TemporaryDirectory(prefix="bench-late-") as folder:
        late = Path(folder)
        _generate(late, seed, studios_per_unit=(6, 8), bases_per_unit=(1, 2), problems=False)
        rows = read_csv(root / "truth" / "files.csv")
        for row in read_csv(late / "truth" / "files.csv"):
            if not row["file"].endswith(".docx"):
                continue
            target = root / "inbox" / LATE_FOLDER / row["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(late / "inbox" / row["file"], target)
            rows.append({**row, "file": f"{LATE_FOLDER}/{row['file']}"})
        write_csv(root / "truth" / "files.csv", list(rows[0]), rows)


def _generate(root: Path, seed: int, **settings: object) -> None:
    """`generate_inbox` at a size where the planted problems of some seeds run out of studio names:
    the next seed of the series is drawn then (deterministically)."""
    for attempt in range(20):
        try:
            generate_inbox(root, seed=seed * 1000 + attempt, **settings)
            return
        except RuntimeError:
            continue
    raise RuntimeError("no seed of the series generates an inbox of this size")


def _convert(root: Path, seed: int) -> None:
    """Turn the chosen number of files into each target format, in place (truth follows)."""
    inbox, truth = root / "inbox", root / "truth" / "files.csv"
    rows = read_csv(truth)
    doc_types = {row["file"]: row["doc_type"] for row in rows}
    pool = sorted(candidates(inbox, rows))
    random.Random(seed).shuffle(pool)
    jobs = _jobs(inbox, pool, doc_types)
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as folder:
        run_jobs(jobs, Path(folder), random.Random(seed * 7919 + 1))
        renames = {job.relative: place(job, inbox) for job in jobs}
    for row in rows:
        row["file"] = renames.get(row["file"], row["file"])
    write_csv(truth, list(rows[0]), rows)


def _jobs(inbox: Path, pool: list[tuple[str, str]], doc_types: dict[str, str]) -> list[Job]:
    scans = [rel for rel, kind in pool if kind == "docx" and doc_types.get(rel) in SCANNED_TYPES]
    scans = scans[:DOCX_MIX["scan_png"]]
    jobs = [Job(inbox / rel, rel, "scan_png") for rel in scans]
    for kind, mix in (("docx", DOCX_MIX), ("xlsx", XLSX_MIX)):
        rest = iter(rel for rel, k in pool if k == kind and rel not in scans)
        for target, count in mix.items():
            if target != "scan_png":
                jobs += [Job(inbox / rel, rel, target) for rel, _ in zip(rest, range(count), strict=False)]
    return jobs


def format_counts(inbox: Path) -> dict[str, int]:
    """Files per extension, archive members counted by theirs (nested archives opened)."""
    import io
    import zipfile

    counts: Counter[str] = Counter()

    def count_zip(data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                suffix = Path(info.filename).suffix.lower().lstrip(".")
                counts[suffix] += 1
                if suffix == "zip":
                    count_zip(archive.read(info))

    for path in inbox.rglob("*"):
        if path.is_file():
            suffix = path.suffix.lower().lstrip(".")
            counts[suffix] += 1
            if suffix == "zip":
                count_zip(path.read_bytes())
    return dict(sorted(counts.items()))
