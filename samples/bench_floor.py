"""The floor: the least any reader of the same files must spend, measured on the benchmark inbox.

- .docx: unzip and parse `word/document.xml` with lxml; .xlsx/.xls/.et: open with calamine and
  read every sheet;
- .doc/.wps: ONE batched LibreOffice call converting all of them to .docx;
- text PDFs: pdfplumber's text of every page;
- scans: OCR recognition alone — the RapidOCR recognition model loaded once and run on the text
  pieces of every page (finding the pieces is not counted).

Archive members are measured like loose files. Each stage runs in one process, one after the
other; wall and CPU seconds are measured per stage (CPU includes LibreOffice's).
"""

from __future__ import annotations

import io
import resource
import tempfile
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from extractors.sniff import sniff_format

Measured = dict[str, float]


def inbox_files(inbox: Path) -> dict[str, list[tuple[str, bytes]]]:
    """(name, bytes) per sniffed format, archive members included (nested archives opened)."""
    found: dict[str, list[tuple[str, bytes]]] = defaultdict(list)

    def add(name: str, data: bytes) -> None:
        fmt = sniff_format(data, name)
        if fmt == "zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    if not info.is_dir():
                        add(f"{name}!{info.filename}", archive.read(info))
        else:
            found[fmt].append((name, data))

    for path in sorted(inbox.rglob("*")):
        if path.is_file():
            add(path.relative_to(inbox).as_posix(), path.read_bytes())
    return found


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(action: Callable[[], int]) -> Measured:
    wall, cpu = time.perf_counter(), _cpu()
    files = action()
    return {"wall": time.perf_counter() - wall, "cpu": _cpu() - cpu, "files": files}


def parse_office(files: dict[str, list[tuple[str, bytes]]]) -> int:
    from lxml import etree
    from python_calamine import CalamineWorkbook

    count = 0
    for _, data in files.get("docx", []):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            etree.fromstring(package.read("word/document.xml"))
        count += 1
    for fmt in ("xlsx", "xls", "et"):
        for _, data in files.get(fmt, []):
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python()
            count += 1
    return count


def convert_legacy(files: dict[str, list[tuple[str, bytes]]]) -> int:
    from extractors.backends.libreoffice_backend import convert

    legacy = [data for fmt in ("doc", "wps") for _, data in files.get(fmt, [])]
    if not legacy:
        return 0
    with tempfile.TemporaryDirectory(prefix="floor-lo-") as folder:
        inputs = []
        for number, data in enumerate(legacy):
            path = Path(folder) / f"{number:05d}.doc"
            path.write_bytes(data)
            inputs.append(path)
        convert(inputs, "docx", Path(folder) / "out", timeout=3600)
        return sum(1 for _ in (Path(folder) / "out").glob("*.docx"))


def pdf_text(files: dict[str, list[tuple[str, bytes]]]) -> int:
    import pdfplumber

    count = 0
    for _, data in files.get("pdf", []):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if any(page.chars for page in pdf.pages):
                for page in pdf.pages:
                    page.extract_text()
                count += 1
    return count


def scan_pages(files: dict[str, list[tuple[str, bytes]]]) -> Iterator:
    """The page images of the scans (image files, and PDFs without text)."""
    import pdfplumber
    from PIL import Image

    for fmt in ("png", "jpeg", "tiff"):
        for _, data in files.get(fmt, []):
            yield Image.open(io.BytesIO(data))
    for _, data in files.get("pdf", []):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not any(page.chars for page in pdf.pages):
                for page in pdf.pages:
                    yield page.to_image(resolution=200).original


def ocr_pieces(files: dict[str, list[tuple[str, bytes]]]) -> tuple[list, int]:
    """The text pieces our layout cuts from every scanned page (not timed), and the page count."""
    from extractors.backends.ocr.layout import page_layout
    from extractors.backends.ocr.page import prepare

    pieces, pages = [], 0
    for page in scan_pages(files):
        pages += 1
        for crop in page_layout(prepare(page)).crops():
            pieces += [piece for band in crop.bands for piece in band.pieces]
    return pieces, pages


def recognise(pieces: list) -> int:
    from extractors.backends.ocr import rapid as ocr_rapid

    ocr_rapid.recogniser.cache_clear()
    ocr_rapid.recognise(pieces)   # (loads the model once, then reads every piece)
    return len(pieces)


def measure_floor(inbox: Path) -> dict[str, Measured]:
    files = inbox_files(inbox)
    floor = {"docx/xlsx parse (lxml, calamine)": measured(lambda: parse_office(files)),
             "legacy: one batched LibreOffice call": measured(lambda: convert_legacy(files)),
             "text PDFs (pdfplumber text)": measured(lambda: pdf_text(files))}
    pieces, pages = ocr_pieces(files)
    floor[f"OCR recognition alone ({pages} pages)"] = measured(lambda: recognise(pieces))
    return floor
