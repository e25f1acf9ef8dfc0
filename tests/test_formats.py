"""Every format the office really receives gives the same fields as the .docx/.xlsx it was made from.

Real files are built here: a generated inbox's forms and summaries are converted by LibreOffice
(.doc, .wps, .rtf, .xls, .et, text .pdf) and rendered to scans (.png, image-only .pdf) as in
`samples.formats`; each is read by `pipeline.process.process_file` and its normalised values are
compared with those of the original file and with the generator's truth.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from extractors.backends import read_document
from extractors.backends.libreoffice_backend import convert
from extractors.backends.ocr import page as ocr_page
from extractors.backends.ocr import rapid as ocr_rapid
from extractors.model import Table
from pipeline.loader import load_record
from pipeline.process import FileResult, process_file
from samples.evaluate import evaluate
from samples.formats import SUFFIXES, Job, report_by_format, run_jobs
from samples.generate import generate_inbox
from schemas.units import UnitMatcher, default_quotas

TODAY = dt.date(2021, 7, 25)
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
HAS_OCR = shutil.which("tesseract") is not None and shutil.which("pdftoppm") is not None
HAS_CJK_FONT = shutil.which("fc-list") is not None and bool(
    subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout.strip())
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
# PDFs and scans are rendered by LibreOffice: without a Chinese font their text comes out as tofu.
needs_render = pytest.mark.skipif(not (HAS_SOFFICE and HAS_CJK_FONT), reason="no Chinese font (fonts-noto-cjk)")
needs_ocr = pytest.mark.skipif(not (HAS_SOFFICE and HAS_CJK_FONT and HAS_OCR),
                               reason="tesseract, pdftoppm or a Chinese font is not installed")

DOC_FORMATS = ["doc", "wps", "pdf", "rtf"]
SHEET_FORMATS = ["xls", "et", "pdf"]
SCAN_FORMATS = ["scan_png", "scan_pdf"]
# Scans: the share of a form's fields that must come out exactly as from the original file (RapidOCR
# reads every field of these forms; over a whole converted inbox the figure is ~99%). The tesseract
# fallback (RapidOCR not installed) reads fewer.
SCAN_MIN_ACCURACY = 0.95 if ocr_rapid.available() else 0.75
TESSERACT_MIN_ACCURACY = 0.75


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def units() -> UnitMatcher:
    return UnitMatcher([q.unit for q in default_quotas()])


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    generate_inbox(root, seed=3, units=2)
    return root


def pick(root: Path, doc_type: str, units: UnitMatcher) -> Path:
    """The first file of a doc_type that holds exactly one record (one form, one summary)."""
    for row in read_csv(root / "truth" / "files.csv"):
        path = root / "inbox" / row["file"]
        if row["doc_type"] == doc_type and path.is_file():
            result = process_file(path.read_bytes(), row["file"], units)
            if result.doc_type == doc_type and (len(result.records) == 1 or doc_type.startswith("summary")):
                return path
    raise LookupError(doc_type)


@pytest.fixture(scope="module")
def converted(generated: Path, units: UnitMatcher, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{"<original kind>:<format>": file}: one studio form, one training-base form and one
    summary in every format, converted in a few LibreOffice batches."""
    sources = {"studio": pick(generated, "studio_form", units),
               "base": pick(generated, "training_base_form", units),
               "summary": pick(generated, "summary_worker_tech", units)}
    if not HAS_SOFFICE:
        return {f"{kind}:original": path for kind, path in sources.items()}
    work = tmp_path_factory.mktemp("convert")
    jobs: dict[str, Job] = {}
    for kind, path in sources.items():
        formats = SHEET_FORMATS if kind == "summary" else [f for f in DOC_FORMATS if f != "rtf"]
        if kind != "summary" and HAS_OCR:
            formats = formats + SCAN_FORMATS
        for fmt in formats:
            jobs[f"{kind}:{fmt}"] = Job(path, path.name, fmt)
    run_jobs(list(jobs.values()), work, random.Random(3))
    final = work / "final"
    final.mkdir()
    files = {}
    for key, job in jobs.items():
        files[key] = final / f"{key.replace(':', '_')}{SUFFIXES[job.target]}"
        shutil.copyfile(job.result, files[key])
    convert([sources["studio"]], "rtf", work / "rtf")
    files["studio:rtf"] = work / "rtf" / f"{sources['studio'].stem}.rtf"
    files.update({f"{kind}:original": path for kind, path in sources.items()})
    return files


def read(path: Path, units: UnitMatcher, *, name: str | None = None) -> FileResult:
    return process_file(path.read_bytes(), name or f"省教科文卫体工会/file{path.suffix}", units)


def normalised(result: FileResult) -> list[dict[str, object]]:
    rows = []
    for record in result.records:
        entry, _ = load_record(record, TODAY)
        rows.append({"category": entry.category, "unit": entry.unit, **entry.values})
    return rows


def field_agreement(original: dict[str, object], other: dict[str, object]) -> tuple[int, int]:
    same = sum(1 for key, value in original.items() if other.get(key) == value)
    return same, len(original)


# --- digital formats: exactly the same fields -------------------------------------------------------


@needs_soffice
@pytest.mark.parametrize("kind", ["studio", "base"])
@pytest.mark.parametrize("fmt", DOC_FORMATS)
def test_word_formats_give_the_fields_of_the_docx(converted: dict[str, Path], units: UnitMatcher,
                                                  kind: str, fmt: str) -> None:
    if f"{kind}:{fmt}" not in converted:
        pytest.skip("rtf is made for the studio form only")
    if fmt == "pdf" and not HAS_CJK_FONT:
        pytest.skip("no Chinese font: LibreOffice cannot render the PDF's text")
    original = read(converted[f"{kind}:original"], units)
    result = read(converted[f"{kind}:{fmt}"], units)
    assert result.status == "ok", result.message
    assert result.doc_type == original.doc_type
    assert result.format == fmt
    assert normalised(result) == normalised(original)


@needs_soffice
@pytest.mark.parametrize("fmt", SHEET_FORMATS)
def test_sheet_formats_give_the_rows_of_the_xlsx(converted: dict[str, Path], units: UnitMatcher, fmt: str) -> None:
    if fmt == "pdf" and not HAS_CJK_FONT:
        pytest.skip("no Chinese font: LibreOffice cannot render the PDF's text")
    original = read(converted["summary:original"], units)
    result = read(converted[f"summary:{fmt}"], units)
    assert result.status == "ok", result.message
    assert result.doc_type == original.doc_type == "summary_worker_tech"
    assert len(result.records) == len(original.records) >= 1
    assert normalised(result) == normalised(original)


@needs_soffice
def test_xls_renamed_et_reads_the_same(converted: dict[str, Path], units: UnitMatcher, tmp_path: Path) -> None:
    xls = converted["summary:xls"]
    renamed = tmp_path / "汇总表.et"
    shutil.copyfile(xls, renamed)
    as_xls, as_et = read(xls, units, name="a/汇总表.xls"), read(renamed, units, name="a/汇总表.et")
    assert (as_xls.format, as_et.format) == ("xls", "et")
    assert normalised(as_et) == normalised(as_xls) != []


@needs_render
def test_text_pdf_keeps_title_unit_line_and_merged_cells(converted: dict[str, Path]) -> None:
    document = read_document(converted["studio:pdf"].read_bytes(), "form.pdf", "pdf")
    texts = [p.text for p in document.paragraphs]
    assert any("基本情况表" in t for t in texts)
    assert any(t.startswith("推荐单位") for t in texts)
    table = document.tables[0]
    spanning = [(r, c) for r in range(table.height) for c in range(table.width - 1)
                if table.same_cell((r, c), (r, c + 1))]
    assert spanning, "a value spanning several columns shares one origin"
    assert document.source_kind == "digital"


def test_docx_named_doc_is_read_as_docx(generated: Path, units: UnitMatcher, tmp_path: Path) -> None:
    source = pick(generated, "studio_form", units)
    lying = tmp_path / "基本情况表.doc"
    shutil.copyfile(source, lying)
    result = read(lying, units, name="省教科文卫体工会/基本情况表.doc")
    assert result.format == "docx"
    assert normalised(result) == normalised(read(source, units))


# --- broken and protected files -------------------------------------------------------------------


@needs_soffice
def test_broken_and_encrypted_files_are_reported(converted: dict[str, Path], units: UnitMatcher,
                                                 tmp_path: Path) -> None:
    doc = converted["studio:doc"].read_bytes()
    truncated_doc = process_file(doc[: len(doc) // 3], "a/表.doc", units)
    pdf = converted["studio:pdf"].read_bytes()
    truncated_pdf = process_file(pdf[:2000], "a/表.pdf", units)
    assert truncated_doc.status == truncated_pdf.status == "failed"
    assert {i.code for i in truncated_doc.issues + truncated_pdf.issues} == {"UNREADABLE_FILE"}
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    convert([converted["studio:original"]], options, tmp_path)
    locked = process_file(next(tmp_path.glob("*.pdf")).read_bytes(), "a/表.pdf", units)
    assert [i.code for i in locked.issues] == ["ENCRYPTED_FILE"]


# --- scans -----------------------------------------------------------------------------------------


@needs_ocr
@pytest.mark.parametrize("kind", ["studio", "base"])
@pytest.mark.parametrize("fmt", SCAN_FORMATS)
def test_scans_give_most_fields_of_the_docx(converted: dict[str, Path], units: UnitMatcher,
                                            kind: str, fmt: str) -> None:
    original = normalised(read(converted[f"{kind}:original"], units))[0]
    result = read(converted[f"{kind}:{fmt}"], units)
    assert result.doc_type == read(converted[f"{kind}:original"], units).doc_type
    scanned = normalised(result)[0]
    key = "enterprise_name" if kind == "base" else "studio_name"
    assert Levenshtein.distance(scanned[key], original[key]) <= 1  # the name: at most one character misread
    assert scanned["category"] == original["category"]
    same, total = field_agreement(original, scanned)
    assert same / total >= SCAN_MIN_ACCURACY, {k: (v, scanned.get(k)) for k, v in original.items()
                                              if scanned.get(k) != v}


@needs_ocr
def test_a_straight_black_and_white_scan_is_read_like_a_grey_one(converted: dict[str, Path], units: UnitMatcher,
                                                                 tmp_path: Path) -> None:
    """A 1-bit scan (fax mode, or a page straightened by the scanner) has only black and white:
    its ink must still be found, and its fields read as from the grey scan."""
    from PIL import Image

    grey = ocr_page.prepare(Image.open(converted["studio:scan_png"]))   # straightened, so no grey is added
    bilevel = tmp_path / "黑白扫描.tiff"
    grey.point(lambda level: 255 if level >= 160 else 0).convert("1").save(bilevel, compression="group4")
    original = normalised(read(converted["studio:original"], units))[0]
    result = read(bilevel, units)
    assert result.status == "ok" and result.doc_type == "studio_form", result.message
    same, total = field_agreement(original, normalised(result)[0])
    assert same / total >= SCAN_MIN_ACCURACY


@needs_ocr
def test_scan_document_carries_confidence(converted: dict[str, Path]) -> None:
    document = read_document(converted["studio:scan_png"].read_bytes(), "scan.png", "png")
    assert document.source_kind == "ocr"
    table = max(document.tables, key=lambda t: t.height)
    assert isinstance(table, Table) and table.confidence is not None
    assert len(table.confidence) == table.height and all(len(row) == table.width for row in table.confidence)
    assert all(0 <= value <= 100 for row in table.confidence for value in row)


@needs_ocr
def test_tesseract_reads_when_rapidocr_cannot(converted: dict[str, Path], units: UnitMatcher,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """RapidOCR missing (`available()` False) or failing to run: the same layout is read by tesseract."""
    def broken(images):
        raise ocr_rapid.RecogniserFailed("onnxruntime would not load")

    monkeypatch.setattr(ocr_rapid, "recognise", broken)
    original = normalised(read(converted["studio:original"], units))[0]
    result = read(converted["studio:scan_png"], units)
    assert result.doc_type == "studio_form"
    same, total = field_agreement(original, normalised(result)[0])
    assert same / total >= TESSERACT_MIN_ACCURACY


@pytest.mark.skipif(not ocr_rapid.available(), reason="rapidocr-onnxruntime is not installed")
def test_rapidocr_reads_its_packaged_model_without_network(tmp_path: Path) -> None:
    """The recogniser, in a process with every socket refused, loads the model shipped in the
    wheel (once) and reads a line."""
    import importlib.util
    import sys

    from PIL import Image, ImageDraw

    package = Path(importlib.util.find_spec("rapidocr_onnxruntime").origin).parent
    assert list((package / "models").glob("*rec*.onnx"))
    image = Image.new("L", (220, 48), 255)
    ImageDraw.Draw(image).text((10, 10), "2021 07 25", fill=0, font_size=24)
    image.save(tmp_path / "line.png")
    script = ("import socket, sys\n"
              "def refuse(*args, **kwargs):\n    raise OSError('network access attempted')\n"
              "socket.socket.connect = socket.socket.connect_ex = socket.create_connection = refuse\n"
              "socket.getaddrinfo = refuse\n"
              "from PIL import Image\n"
              "from extractors.backends.ocr import rapid as ocr_rapid\n"
              "line = Image.open(sys.argv[1])\n"
              "[(text, score)] = ocr_rapid.recognise([line])\n"
              "assert ocr_rapid.recogniser() is ocr_rapid.recogniser()\n"
              "print(text.replace(' ', ''), score)\n")
    completed = subprocess.run([sys.executable, "-c", script, str(tmp_path / "line.png")],
                               capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr[-500:]
    text, score = completed.stdout.split()
    assert text == "20210725" and 0 <= float(score) <= 100


@needs_ocr
def test_blank_pages_read_as_nothing(converted: dict[str, Path], units: UnitMatcher, tmp_path: Path) -> None:
    """A blank scan is an empty document; a blank page in an image PDF, or in a text PDF (read by
    OCR since it has no text), leaves the other pages' fields alone."""
    from io import BytesIO

    import docx
    from PIL import Image

    blank = Image.new("L", (1700, 2200), 255)
    buffer = BytesIO()
    blank.save(buffer, "PNG")
    assert read_document(buffer.getvalue(), "空白.png", "png").blocks == []
    scan = Image.open(converted["studio:scan_png"])
    buffer = BytesIO()
    scan.save(buffer, "PDF", resolution=200, save_all=True, append_images=[blank])
    with_blank = process_file(buffer.getvalue(), "省教科文卫体工会/扫描.pdf", units)
    assert with_blank.status == "ok" and with_blank.doc_type == "studio_form", with_blank.message
    same, total = field_agreement(normalised(read(converted["studio:original"], units))[0],
                                  normalised(with_blank)[0])
    assert same / total >= SCAN_MIN_ACCURACY
    source = docx.Document(str(converted["studio:original"]))
    source.add_page_break()
    source.add_paragraph("")
    padded = tmp_path / "padded.docx"
    source.save(str(padded))
    convert([padded], "pdf", tmp_path)
    text_pdf = read(tmp_path / "padded.pdf", units)
    assert text_pdf.status == "ok", text_pdf.message
    assert normalised(text_pdf) == normalised(read(converted["studio:original"], units))


def test_bad_images_are_unreadable_not_errors() -> None:
    import struct
    import zlib

    from extractors.backends import UnreadableError

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    bomb = b"\x89PNG\r\n\x1a\n" + chunk + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    for data in (bomb, b"\x89PNG\r\n\x1a\n" + b"\x00" * 40):
        with pytest.raises(UnreadableError) as raised:
            read_document(data, "x.png", "png")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(raised.value))
    assert ocr_page.otsu(np.full((5, 5), 255, dtype=np.uint8)) == 0  # a blank page: nothing is ink


# --- a converted inbox through the whole pipeline ----------------------------------------------------


@needs_soffice
def test_converted_inbox_matches_truth(generated: Path, tmp_path: Path) -> None:
    """Digital conversions only (scans are measured above): every nominee and field as in truth."""
    from pipeline.outputs import write_outputs
    from pipeline.run import Options, run
    from samples.formats import convert_inbox

    root = tmp_path / "root"
    shutil.copytree(generated, root)
    targets = ("doc", "wps", "pdf", "xls", "et") if HAS_CJK_FONT else ("doc", "wps", "xls", "et")
    counts = convert_inbox(root, seed=2, fraction=0.8, targets=targets)
    assert counts.get("docx_as_doc") == 1 and sum(counts.values()) >= 10
    out = tmp_path / "out"
    write_outputs(run(Options(root / "inbox", out, quotas=root / "quotas.xlsx", registry=root / "registry.xlsx",
                              workers=1)), out)
    evaluation = evaluate(root / "truth", out)
    assert evaluation.nominees_found == evaluation.nominees_expected
    assert evaluation.fields_equal == evaluation.fields_compared, evaluation.mismatches[:10]
    assert evaluation.doc_types_equal == evaluation.files_expected, evaluation.mismatches[:10]
    scores = report_by_format(root, out)
    assert {"doc", "wps", "xls"} <= set(scores)
    assert all(score.accuracy == 1.0 for score in scores.values())
