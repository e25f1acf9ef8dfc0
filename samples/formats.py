"""Turn part of a generated inbox into the other formats offices really receive.

    python -m samples.formats ROOT [--seed 1] [--fraction 0.5] [--report]

takes a folder written by `samples.generate` and converts a seeded random subset of its .docx
and .xlsx files in place: .docx → .doc (Word 97), .wps (a .doc renamed), text .pdf, scans
(.png, or an image-only .pdf, rendered at 200 dpi, slightly rotated and noisy); .xlsx → .xls
(Excel 97), .et (an .xls renamed), .pdf; and one .docx renamed .doc (the extension lies). The
planted corrupt file and byte-duplicate files are left alone. `truth/files.csv` follows the
renames and `truth/formats.csv` records each converted file's target, so that `report_by_format`
can break field accuracy down by format. LibreOffice runs once per batch with a private profile.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import openpyxl
from PIL import Image

from extractors.backends.libreoffice_backend import convert
from extractors.sniff import sniff_format

DOCX_TARGETS = ["doc", "wps", "pdf", "scan_png", "scan_pdf"]
XLSX_TARGETS = ["xls", "et", "pdf"]
LYING = "docx_as_doc"
SCAN_DPI = 200
FORMAT_COLUMNS = ["file", "original", "target", "nominees"]


@dataclass(slots=True)
class Job:
    source: Path        # the inbox file
    relative: str       # its path in truth/files.csv
    target: str
    staged: Path | None = None
    result: Path | None = None


# --- choosing --------------------------------------------------------------------------------------


def candidates(inbox: Path, rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(relative path, kind) of the files that may be converted: real .docx/.xlsx files whose
    bytes no other file shares."""
    hashes = Counter()
    found = []
    for row in rows:
        path = inbox / row["file"]
        if "!" in row["file"] or not path.is_file():
            continue
        data = path.read_bytes()
        hashes[hashlib.sha256(data).hexdigest()] += 1
        kind = sniff_format(data, path.name)
        if path.suffix.lower() == f".{kind}" and kind in ("docx", "xlsx"):
            found.append((row["file"], kind, hashlib.sha256(data).hexdigest()))
    return [(relative, kind) for relative, kind, digest in found if hashes[digest] == 1]


def plan(inbox: Path, rows: list[dict[str, str]], seed: int, fraction: float,
         targets: Sequence[str] | None = None) -> list[Job]:
    rng = random.Random(seed)
    allowed = {kind: [t for t in options if targets is None or t in targets]
               for kind, options in (("docx", DOCX_TARGETS), ("xlsx", XLSX_TARGETS))}
    pool = sorted(candidates(inbox, rows))
    rng.shuffle(pool)
    jobs: list[Job] = []
    lying = next((relative for relative, kind in pool if kind == "docx"), None)
    chosen = [item for item in pool if item[0] != lying and allowed[item[1]]][: round(len(pool) * fraction)]
    cycles = {kind: _cycle(rng, options) for kind, options in allowed.items() if options}
    for relative, kind in chosen:
        jobs.append(Job(inbox / relative, relative, next(cycles[kind])))
    if lying is not None:
        jobs.append(Job(inbox / lying, lying, LYING))
    return jobs


def _cycle(rng: random.Random, targets: list[str]):
    """Every target once in a shuffled round, round after round (so each format occurs)."""
    while True:
        order = list(targets)
        rng.shuffle(order)
        yield from order


# --- converting ------------------------------------------------------------------------------------


def convert_inbox(root: Path, *, seed: int = 1, fraction: float = 0.5,
                  targets: Sequence[str] | None = None) -> dict[str, int]:
    """Convert a seeded subset of ROOT/inbox in place; returns the number of files per target.
    `targets` limits the formats drawn (e.g. no scans, for a quick run)."""
    inbox, truth = root / "inbox", root / "truth" / "files.csv"
    rows = read_csv(truth)
    jobs = plan(inbox, rows, seed, fraction, targets)
    nominees = {job.relative: nominees_in(job.source) for job in jobs}
    rng = random.Random(seed * 7919 + 1)
    with tempfile.TemporaryDirectory(prefix="formats-") as folder:
        run_jobs(jobs, Path(folder), rng)
        renames = {job.relative: place(job, inbox) for job in jobs}
    for row in rows:
        row["file"] = renames.get(row["file"], row["file"])
    write_csv(truth, list(rows[0]) if rows else ["file"], rows)
    write_csv(root / "truth" / "formats.csv", FORMAT_COLUMNS,
              [{"file": renames[j.relative], "original": j.relative, "target": j.target,
                "nominees": ";".join(nominees[j.relative])} for j in jobs])
    return dict(Counter(job.target for job in jobs))


def nominees_in(path: Path) -> list[str]:
    """The studios and enterprises whose fields the original file carries: its forms and summary
    rows (a narrative material names its studio but gives none of the compared fields)."""
    from pipeline.process import process_file
    from schemas.units import UnitMatcher, default_quotas

    result = process_file(path.read_bytes(), path.name, UnitMatcher([q.unit for q in default_quotas()]))
    names = (record.values.get(key) for record in result.records if record.kind in ("form", "summary_row")
             for key in ("studio_name", "enterprise_name"))
    return sorted({found.text.strip() for found in names if found is not None and found.text.strip()})


def run_jobs(jobs: list[Job], work: Path, rng: random.Random) -> None:
    stage = work / "stage"
    stage.mkdir()
    for number, job in enumerate(jobs):
        job.staged = stage / f"f{number:04d}{job.source.suffix.lower()}"
        shutil.copyfile(job.source, job.staged)
    by_target: dict[str, list[Job]] = defaultdict(list)
    for job in jobs:
        by_target[job.target].append(job)
    word_binary = [j for t in ("doc", "wps") for j in by_target[t]]
    to_pdf = [j for t in ("pdf", "scan_png", "scan_pdf") for j in by_target[t]]
    if word_binary:
        to_word_97(word_binary, work)
    if to_pdf:
        to_pdf_files(to_pdf, work)
    if by_target["xls"] or by_target["et"]:
        to_excel_97(by_target["xls"] + by_target["et"], work)
    for job in by_target["scan_png"] + by_target["scan_pdf"]:
        job.result = scan(job, work, rng)
    for job in by_target[LYING]:
        job.result = job.staged


def _staged(jobs: list[Job]) -> list[Path]:
    return [job.staged for job in jobs if job.staged is not None]


def to_word_97(jobs: list[Job], work: Path) -> None:
    """.docx → .odt → .doc: LibreOffice 7.4 drops the tables when it writes Word 97 straight
    from a .docx it has just read, but keeps them when the document passed through .odt."""
    convert(_staged(jobs), "odt", work / "odt")
    convert([work / "odt" / f"{j.staged.stem}.odt" for j in jobs], "doc:MS Word 97", work / "doc")
    for job in jobs:
        job.result = work / "doc" / f"{job.staged.stem}.doc"


def to_pdf_files(jobs: list[Job], work: Path) -> None:
    for job in jobs:
        if job.staged.suffix == ".xlsx":
            printable(job.staged)
    convert(_staged(jobs), "pdf", work / "pdf")
    for job in jobs:
        job.result = work / "pdf" / f"{job.staged.stem}.pdf"


def to_excel_97(jobs: list[Job], work: Path) -> None:
    convert(_staged(jobs), "xls:MS Excel 97", work / "xls")
    for job in jobs:
        job.result = work / "xls" / f"{job.staged.stem}.xls"


def printable(path: Path) -> None:
    """Set a sheet up as a unit printing it would: landscape, one page wide, rows tall enough
    for their wrapped text (LibreOffice does not grow rows of an imported sheet by itself)."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        for row in sheet.iter_rows():
            lines = max((_wrapped_lines(sheet, cell) for cell in row), default=1)
            if lines > 1:
                sheet.row_dimensions[row[0].row].height = 15 * lines + 3
    book.save(path)


def _wrapped_lines(sheet, cell) -> int:
    if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
        return 1
    width = sheet.column_dimensions[cell.column_letter].width or 8.43
    units = sum(2.0 if ord(ch) > 0x2E80 else 1.1 for ch in str(cell.value))
    return max(1, -int(-units // max(1.0, width - 1)))


# --- scans -------------------------------------------------------------------------------------------


def scan(job: Job, work: Path, rng: random.Random) -> Path:
    """Render the PDF at 200 dpi, tilt and soil each page; one page → .png (unless an image
    PDF was asked for), several → an image-only .pdf."""
    pdf = job.result
    pages_dir = work / "pages" / pdf.stem
    pages_dir.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", str(pdf), str(pages_dir / "p")],
                   check=True, capture_output=True, timeout=120)
    pages = [degrade(Image.open(p), rng) for p in sorted(pages_dir.glob("p*.png"))]
    if job.target == "scan_png" and len(pages) == 1:
        out = work / "scans" / f"{pdf.stem}.png"
        out.parent.mkdir(exist_ok=True)
        pages[0].save(out, dpi=(SCAN_DPI, SCAN_DPI))
        return out
    job.target = "scan_pdf"
    out = work / "scans" / f"{pdf.stem}.pdf"
    out.parent.mkdir(exist_ok=True)
    pages[0].save(out, "PDF", resolution=SCAN_DPI, save_all=True, append_images=pages[1:])
    return out


def degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    """A mild scan: 0.5–1.5° of tilt either way, sensor noise and a few specks of dust."""
    angle = rng.uniform(0.5, 1.5) * rng.choice((-1, 1))
    tilted = page.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noise = np.random.default_rng(rng.getrandbits(32))
    pixels = np.asarray(tilted).astype(np.int16) + noise.normal(0, 8, (tilted.height, tilted.width)).astype(np.int16)
    pixels[noise.random(pixels.shape) < 0.0003] = 40
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


# --- placing results ------------------------------------------------------------------------------


SUFFIXES = {"doc": ".doc", "wps": ".wps", "pdf": ".pdf", "scan_png": ".png", "scan_pdf": ".pdf", "xls": ".xls",
            "et": ".et", LYING: ".doc"}


def place(job: Job, inbox: Path) -> str:
    """Move the converted file next to its source under the new suffix; return its new path."""
    if job.result is None or not job.result.is_file():
        raise RuntimeError(f"conversion produced nothing for {job.relative} → {job.target}")
    target = job.source.with_suffix(SUFFIXES[job.target])
    counter = 2
    while target.exists():
        target = job.source.with_name(f"{job.source.stem}({counter}){SUFFIXES[job.target]}")
        counter += 1
    shutil.copyfile(job.result, target)
    job.source.unlink()
    return target.relative_to(inbox).as_posix()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


# --- accuracy by format ------------------------------------------------------------------------


@dataclass(slots=True)
class FormatScore:
    files: int = 0
    doc_types_equal: int = 0
    nominees: int = 0
    nominees_found: int = 0
    fields_compared: int = 0
    fields_equal: int = 0

    @property
    def accuracy(self) -> float:
        return self.fields_equal / self.fields_compared if self.fields_compared else 1.0


def report_by_format(root: Path, out: Path) -> dict[str, FormatScore]:
    """Field accuracy of the nominees each format carried (a nominee counts under the target
    format of every converted file that held its form or summary row, scans taking precedence,
    else under `original`), and doc_type accuracy of each format's files."""
    from samples.evaluate import IGNORED, KEYS, same

    converted = read_csv(root / "truth" / "formats.csv")
    formats = {row["file"]: row["target"] for row in converted}
    carriers: dict[str, set[str]] = defaultdict(set)
    for row in converted:
        for name in filter(None, row.get("nominees", "").split(";")):
            carriers[name].add(row["target"])
    scores: dict[str, FormatScore] = defaultdict(FormatScore)
    actual_files = {row["file"]: row for row in read_csv(out / "data" / "files.csv")}
    for row in read_csv(root / "truth" / "files.csv"):
        score = scores[formats.get(row["file"], "original")]
        score.files += 1
        score.doc_types_equal += actual_files.get(row["file"], {}).get("doc_type") == row["doc_type"]
    for name, key in KEYS.items():
        found = {tuple(r[k] for k in key): r for r in read_csv(out / "data" / f"{name}.csv")}
        for row in read_csv(root / "truth" / f"{name}.csv"):
            got = found.get(tuple(row[k] for k in key))
            for kind in _weakest(carriers.get(row[key[1]], set())):
                _score_nominee(scores[kind], row, got, IGNORED, same)
    return dict(sorted(scores.items()))


def _weakest(kinds: set[str]) -> set[str]:
    """A nominee carried by a scan and by a digital file counts under the scan only (its errors
    are the scan's); a nominee no converted file carried counts under `original`."""
    scans = {kind for kind in kinds if kind.startswith("scan")}
    return scans or kinds or {"original"}


def _score_nominee(score: FormatScore, row: dict[str, str], got: dict[str, str] | None, ignored, same) -> None:
    score.nominees += 1
    if got is None:
        return
    score.nominees_found += 1
    for column, value in row.items():
        if column in ignored or column not in got:
            continue
        score.fields_compared += 1
        score.fields_equal += same(value, got[column])


def format_table(scores: dict[str, FormatScore]) -> str:
    lines = [f"{'format':<12}{'files':>6}{'doc_type':>10}{'nominees':>10}{'fields':>14}{'accuracy':>10}"]
    for kind, s in scores.items():
        lines.append(f"{kind:<12}{s.files:>6}{s.doc_types_equal:>10}{f'{s.nominees_found}/{s.nominees}':>10}"
                     f"{f'{s.fields_equal}/{s.fields_compared}':>14}{s.accuracy:>10.2%}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.formats", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a folder written by samples.generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fraction", type=float, default=0.5)
    parser.add_argument("--report", type=Path, metavar="OUT",
                        help="do not convert; break down the run in OUT (e.g. ROOT/out) by format")
    args = parser.parse_args(argv)
    if args.report:
        print(format_table(report_by_format(args.root, args.report)))
        return 0
    counts = convert_inbox(args.root, seed=args.seed, fraction=args.fraction)
    print(", ".join(f"{kind}: {count}" for kind, count in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
