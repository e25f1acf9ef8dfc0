"""Our ruled-table detector against OpenCV morphology (and img2table), on scanned forms.

    python -m samples.grid_compare ROOT [--seed 1] [--units 4] [--families generate wild …]
                                   [--img2table-python PY] [--e2e generate wild …] [--e2e-forms 12]

For each family of generated inboxes (`samples.generate`, `samples.wild`, `samples.heldout_b|c|d`)
it writes ROOT/FAMILY/inbox, prints every .docx holding a table to PDF with LibreOffice, rasters
the pages at 200 dpi and soils them as `samples.formats.degrade` does (tilt 0.5–1.5°, noise,
specks). The truth of a page is the table of its .docx (`read_document`: rows, columns, merged
cells as `origins`). Pages are kept only when they hold exactly one table, whole: a one-table
document printed on one page, or a longer one whose table's cell texts (by `pdftotext`) all land
on one page; a document of several tables, or whose table splits over two pages, is excluded and
counted. Every detector gets the same prepared page (`prepare`: grayscale, deskewed) and is scored
on: table found, row and column count exact, merge structure (F1 of the merged-cell regions when
the shape is right, else 0; `exact` = every region right) and time per page (in-process).

`--img2table-python` names the Python of a separate environment with img2table installed (it
needs opencv-contrib-python, which must not share an environment with the project's
opencv-python); the pages are handed to it as files and it answers in JSON (`--img2table-worker`).

`--e2e FAMILY …` makes ROOT/e2e/FAMILY, an inbox (same seed) with about `--e2e-forms` of its
.docx turned into scans by `samples.formats.convert_inbox`, runs the pipeline once per detector
(our `find_grid` swapped at run time where `page_layout` looks it up; a fresh output folder, so
no OCR cache is shared) and prints field accuracy overall and on the scanned files' nominees.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FAMILIES = ("generate", "wild", "heldout_b", "heldout_c", "heldout_d")
TUNED_ON = "generate"     # the family grid_opencv's constants were tuned on (seed 7, 12 units); the others are held out
DETECTORS = ("ours", "opencv")


# --- our detector and where the OCR path looks it up: the one place that knows the module layout ------


def ocr_modules():
    """(grid module, page module, layout module) of the OCR backend."""
    import extractors.backends.ocr.grid as grid
    import extractors.backends.ocr.layout as layout
    import extractors.backends.ocr.page as page

    return grid, page, layout


def detectors() -> dict[str, object]:
    """name → find_grid(prepared gray page) -> (Grid | None, whitened page)."""
    grid, _, _ = ocr_modules()
    from samples import grid_opencv

    return {"ours": grid.find_grid, "opencv": grid_opencv.find_grid}


# --- the pages and their truth --------------------------------------------------------------------------


@dataclass(slots=True)
class Case:
    family: str
    source: str             # the .docx, relative to the inbox
    image: str              # the soiled page (PNG), relative to ROOT
    rows: int
    cols: int
    origins: list[list[list[int]]]


def build_family(root: Path, family: str, seed: int, units: int) -> tuple[list[Case], Counter]:
    """The family's inbox, its scanned table pages and their truth (kept in ROOT/FAMILY/cases.json)."""
    base = root / family
    listing = base / "cases.json"
    if listing.is_file():
        kept = json.loads(listing.read_text(encoding="utf-8"))
        return [Case(**case) for case in kept["cases"]], Counter(kept["excluded"])
    if not (base / "inbox").is_dir():
        subprocess.run([sys.executable, "-m", f"samples.{family}", str(base), "--seed", str(seed),
                        "--units", str(units)], check=True, capture_output=True)
    from extractors.backends import read_document
    from extractors.backends.libreoffice_backend import convert

    excluded: Counter = Counter()
    tables = {}
    staged = base / "stage"
    staged.mkdir(exist_ok=True)
    for number, path in enumerate(sorted((base / "inbox").rglob("*.docx"))):
        try:
            document = read_document(path.read_bytes(), path.name, "docx")
        except Exception:
            excluded["unreadable .docx"] += 1
            continue
        found = [t for t in document.tables if t.height and t.width]
        if not found:
            excluded["no table"] += 1
            continue
        if len(found) > 1:
            excluded["several tables"] += 1
            continue
        copy = staged / f"d{number:03d}.docx"
        copy.write_bytes(path.read_bytes())
        tables[copy.stem] = (path.relative_to(base / "inbox").as_posix(), found[0])
    convert(sorted(staged.glob("*.docx")), "pdf", base / "pdf")
    cases = []
    rng = random.Random(seed * 7919 + 1)
    from PIL import Image

    from samples.formats import SCAN_DPI, degrade
    for stem, (source, table) in sorted(tables.items()):
        pdf = base / "pdf" / f"{stem}.pdf"
        if not pdf.is_file():
            excluded["no PDF"] += 1
            continue
        page = table_page(pdf, table)
        if page is None:
            excluded["table split over pages"] += 1
            continue
        raster = base / "pages" / stem
        raster.parent.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", "-f", str(page), "-l", str(page),
                        str(pdf), str(raster)], check=True, capture_output=True, timeout=120)
        rendered = next(raster.parent.glob(f"{stem}-*.png"))
        image = base / "pages" / f"{stem}.png"
        degrade(Image.open(rendered), rng).save(image)
        rendered.unlink()
        cases.append(Case(family, source, image.relative_to(root).as_posix(), table.height, table.width,
                          [[list(o) for o in row] for row in table.origins]))
    listing.write_text(json.dumps({"cases": [case_dict(c) for c in cases], "excluded": excluded},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
    return cases, excluded


def case_dict(case: Case) -> dict:
    return {name: getattr(case, name) for name in Case.__slots__}


def table_page(pdf: Path, table) -> int | None:
    """The page (1-based) holding all of the table's cell texts, None when they spread over
    pages (a one-page PDF: page 1)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    if pages == 1:
        return 1
    texts = {"".join(cell.split())[:8] for row in table.rows for cell in row if len("".join(cell.split())) >= 2}
    if not texts:
        return None
    found = []
    for number in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        flat = "".join(text.split())
        found.append(sum(t in flat for t in texts))
    best = max(range(pages), key=found.__getitem__)
    others = sum(found) - found[best]
    # every cell on one page; a label repeated in prose on another page is allowed
    return best + 1 if found[best] == len(texts) and others <= 0.2 * len(texts) else None


# --- scoring ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Score:
    pages: int = 0
    found: int = 0
    rows: int = 0
    cols: int = 0
    shape: int = 0
    exact: int = 0
    f1: list[float] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def regions(origins) -> set[frozenset]:
    """The merged-cell regions of an origins matrix, as sets of grid positions."""
    grouped: dict[tuple[int, int], set] = defaultdict(set)
    for r, row in enumerate(origins):
        for c, origin in enumerate(row):
            grouped[tuple(origin)].add((r, c))
    return {frozenset(cells) for cells in grouped.values()}


def visible(origins) -> list[list[tuple[int, int]]]:
    """The origins matrix without the grid lines no cell edge uses (a .docx grid column that is
    merged in every row draws no rule; no detector can see it), origins renumbered."""
    height, width = len(origins), len(origins[0]) if origins else 0
    cells = [[tuple(o) for o in row] for row in origins]
    cols = [0] + [c for c in range(1, width) if any(cells[r][c - 1] != cells[r][c] for r in range(height))]
    rows = [0] + [r for r in range(1, height) if any(cells[r - 1][c] != cells[r][c] for c in range(width))]
    kept = [[cells[r][c] for c in cols] for r in rows]
    renumber: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(kept):
        for c, origin in enumerate(row):
            renumber.setdefault(origin, (r, c))
    return [[renumber[o] for o in row] for row in kept]


def score_page(score: Score, case: Case, shape: tuple[int, int] | None, origins, ms: float) -> None:
    """One page's result against its truth (the .docx table's visible grid)."""
    truth_origins = visible(case.origins)
    rows, cols = len(truth_origins), len(truth_origins[0])
    score.pages += 1
    score.ms.append(ms)
    if shape is None:
        score.f1.append(0.0)
        score.misses.append(f"{case.source}: no table (truth {rows}×{cols})")
        return
    score.found += 1
    rows_ok, cols_ok = shape[0] == rows, shape[1] == cols
    score.rows += rows_ok
    score.cols += cols_ok
    if not (rows_ok and cols_ok):
        score.f1.append(0.0)
        score.misses.append(f"{case.source}: {shape[0]}×{shape[1]} (truth {rows}×{cols})")
        return
    score.shape += 1
    truth, got = regions(truth_origins), regions(origins)
    common = len(truth & got)
    score.f1.append(2 * common / (len(truth) + len(got)))
    score.exact += truth == got
    if truth != got:
        score.misses.append(f"{case.source}: merges differ ({len(truth - got)} regions missed, "
                            f"{len(got - truth)} wrong)")


def grid_origins(grid) -> tuple[tuple[int, int], list[list[tuple[int, int]]]]:
    height, width = len(grid.ys) - 1, len(grid.xs) - 1
    return (height, width), [[grid.cells[(r, c)] for c in range(width)] for r in range(height)]


def measure(root: Path, cases: list[Case], names: list[str], repeat: int = 3) -> dict[str, Score]:
    """Run each detector on every page (prepared once); the time is the best of `repeat` calls."""
    from PIL import Image

    _, page, _ = ocr_modules()
    found = detectors()
    scores = {name: Score() for name in names if name in found}
    for case in cases:
        prepared = page.prepare(Image.open(root / case.image))
        prepared.save(prepared_path(root, case))
        for name in scores:
            best, grid = float("inf"), None
            for _ in range(repeat):
                start = time.perf_counter()
                grid, _ = found[name](prepared)
                best = min(best, (time.perf_counter() - start) * 1000)
            shape, origins = grid_origins(grid) if grid is not None else (None, None)
            score_page(scores[name], case, shape, origins, best)
    return scores


def prepared_path(root: Path, case: Case) -> Path:
    return (root / case.image).with_suffix(".prepared.png")


# --- img2table, in an environment of its own ----------------------------------------------------------


def measure_img2table(root: Path, cases: list[Case], python: str) -> Score:
    request = root / "img2table-request.json"
    answer = root / "img2table-answer.json"
    request.write_text(json.dumps([str(prepared_path(root, case)) for case in cases]), encoding="utf-8")
    subprocess.run([python, str(Path(__file__).resolve()), "--img2table-worker", str(request), str(answer)],
                   check=True)
    results = json.loads(answer.read_text(encoding="utf-8"))
    score = Score()
    for case, result in zip(cases, results, strict=True):
        shape = tuple(result["shape"]) if result["shape"] else None
        score_page(score, case, shape, result["origins"], result["ms"])
    return score


def img2table_worker(request: Path, answer: Path) -> None:
    """Runs under the img2table environment: for each page, its largest bordered table as
    (shape, origins), and the time taken."""
    from img2table.document import Image as Img2TableImage

    results = []
    for path in json.loads(request.read_text(encoding="utf-8")):
        data = Path(path).read_bytes()
        best, tables = float("inf"), []
        for _ in range(3):
            start = time.perf_counter()
            tables = Img2TableImage(src=data).extract_tables(implicit_rows=False, implicit_columns=False,
                                                             borderless_tables=False)
            best = min(best, (time.perf_counter() - start) * 1000)
        results.append({"ms": best, **img2table_structure(tables)})
    answer.write_text(json.dumps(results), encoding="utf-8")


def img2table_structure(tables) -> dict:
    """The largest table's shape and origins: a merged cell is one TableCell repeated over the
    positions it covers (its origin is the first of them)."""
    if not tables:
        return {"shape": None, "origins": None}
    table = max(tables, key=lambda t: (t.bbox.x2 - t.bbox.x1) * (t.bbox.y2 - t.bbox.y1))
    rows = list(table.content.values())
    width = max(len(row) for row in rows)
    first: dict[tuple, list[int]] = {}
    origins = []
    for r, row in enumerate(rows):
        line = []
        for c in range(width):
            cell = row[c] if c < len(row) else None
            key = (cell.bbox.x1, cell.bbox.y1, cell.bbox.x2, cell.bbox.y2) if cell is not None else (r, c)
            line.append(first.setdefault(key, [r, c]))
        origins.append(line)
    return {"shape": [len(rows), width], "origins": origins}


# --- end to end -------------------------------------------------------------------------------------------


def end_to_end(root: Path, family: str, seed: int, units: int, forms: int, names: list[str]) -> dict[str, dict]:
    """Field accuracy of a pipeline run per detector, on an inbox with `forms` .docx scanned."""
    base = root / "e2e" / family
    if not (base / "truth" / "formats.csv").is_file():
        if not (base / "inbox").is_dir():
            subprocess.run([sys.executable, "-m", f"samples.{family}", str(base), "--seed", str(seed),
                            "--units", str(units)], check=True, capture_output=True)
        from samples.formats import candidates, convert_inbox, read_csv

        pool = candidates(base / "inbox", read_csv(base / "truth" / "files.csv"))
        convert_inbox(base, seed=seed, fraction=min(1.0, forms / max(1, len(pool))),
                      targets=["scan_png", "scan_pdf"])
    from pipeline.outputs import write_outputs
    from pipeline.run import Options, run
    from samples.evaluate import evaluate
    from samples.formats import report_by_format

    _, _, layout = ocr_modules()
    found = detectors()
    original = layout.find_grid
    results = {}
    for name in names:
        out = base / f"out-{name}"
        if not (out / "data" / "studios.csv").is_file():
            layout.find_grid = found[name]   # forked workers inherit the swap
            try:
                start = time.perf_counter()
                campaign = base / "campaign.yaml"
                write_outputs(run(Options(base / "inbox", out, quotas=base / "quotas.xlsx",
                                          registry=base / "registry.xlsx",
                                          campaign=campaign if campaign.exists() else None)), out)
                (out / "seconds.txt").write_text(f"{time.perf_counter() - start:.1f}")
            finally:
                layout.find_grid = original
        overall = evaluate(base / "truth", out)
        by_format = report_by_format(base, out)
        scans = [s for kind, s in by_format.items() if kind.startswith("scan")]
        results[name] = {
            "fields": (overall.fields_equal, overall.fields_compared),
            "nominees": (overall.nominees_found, overall.nominees_expected),
            "scan_files": sum(s.files for s in scans),
            "scan_fields": (sum(s.fields_equal for s in scans), sum(s.fields_compared for s in scans)),
            "scan_nominees": (sum(s.nominees_found for s in scans), sum(s.nominees for s in scans)),
            "seconds": (out / "seconds.txt").read_text() if (out / "seconds.txt").is_file() else "?",
        }
    return results


# --- report -------------------------------------------------------------------------------------------------


def table_lines(family: str, scores: dict[str, Score]) -> list[str]:
    lines = []
    for name, s in scores.items():
        f1 = statistics.mean(s.f1) if s.f1 else 0.0
        ms = statistics.median(s.ms) if s.ms else 0.0
        lines.append(f"| {family} | {name} | {s.pages} | {s.found} | {s.rows} | {s.cols} | {s.shape} | {s.exact} "
                     f"| {f1:.3f} | {ms:.0f} |")
    return lines


def ratio(pair: tuple[int, int]) -> str:
    equal, total = pair
    return f"{equal}/{total} ({equal / total:.1%})" if total else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.grid_compare", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", type=int, default=4)
    parser.add_argument("--families", nargs="*", default=list(FAMILIES), choices=FAMILIES)
    parser.add_argument("--detectors", nargs="*", default=list(DETECTORS), choices=DETECTORS)
    parser.add_argument("--img2table-python", help="a Python with img2table installed (a separate venv)")
    parser.add_argument("--e2e", nargs="*", default=[], choices=FAMILIES, help="families to run end to end")
    parser.add_argument("--e2e-forms", type=int, default=12, help=".docx files scanned per end-to-end inbox")
    parser.add_argument("--misses", action="store_true", help="list the pages each detector got wrong")
    parser.add_argument("--img2table-worker", nargs=2, type=Path, metavar=("REQUEST", "ANSWER"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.img2table_worker:
        img2table_worker(*args.img2table_worker)
        return 0
    if args.root is None:
        parser.error("ROOT is required")
    root = args.root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    print(f"grid_opencv tuned on: {TUNED_ON} --seed 7 --units 12; measured here: --seed {args.seed}, "
          f"{args.units} units per inbox")
    print("| family | detector | pages | found | rows exact | cols exact | shape exact | merges exact "
          "| merge F1 | ms/page |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    excluded_all = {}
    misses = []
    for family in args.families:
        cases, excluded = build_family(root, family, args.seed, args.units)
        excluded_all[family] = dict(excluded)
        scores = measure(root, cases, args.detectors)
        if args.img2table_python:
            scores["img2table"] = measure_img2table(root, cases, args.img2table_python)
        for line in table_lines(family + (" (tuning family)" if family == TUNED_ON else ""), scores):
            print(line, flush=True)
        misses += [f"{family} {name}: {m}" for name, s in scores.items() for m in s.misses]
    print("excluded .docx:", json.dumps(excluded_all, ensure_ascii=False))
    if args.misses:
        print("\n".join(misses))
    if args.e2e:
        print("\n| family | detector | fields (all) | nominees | scanned files | fields of scanned nominees "
              "| scanned nominees found | run s |")
        print("|---|---|---|---|---|---|---|---|")
    for family in args.e2e:
        for name, r in end_to_end(root, family, args.seed, args.units, args.e2e_forms, args.detectors).items():
            print(f"| {family} | {name} | {ratio(r['fields'])} | {ratio(r['nominees'])} | {r['scan_files']} "
                  f"| {ratio(r['scan_fields'])} | {ratio(r['scan_nominees'])} | {r['seconds']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
