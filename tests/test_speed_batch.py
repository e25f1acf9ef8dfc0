"""Reading a season's inbox fast, without changing what is read (issue 11): one LibreOffice for
all legacy files, a file that LibreOffice cannot take in a batch read on its own, identical bytes
read once, scans first, and what LibreOffice and OCR derived kept apart from the extractions.

Real files throughout: .doc files made by LibreOffice from generated forms, a scan drawn with
Pillow. Speed itself is measured by `python -m samples.benchmark`, not here."""

from __future__ import annotations

import io
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from cli_support import UNIT, form_docx, studio_name

from extractors.backends.libreoffice_backend import convert
from extractors.backends.lo_batch import Legacy, convert_batch
from extractors.backends.ocr import rapid as ocr_rapid
from extractors.backends.ocr.kept import ocr_version
from pipeline.batch import Batch, BatchStats, Cache, WorkItem, _cost
from pipeline.inbox import scan_inbox
from pipeline.process import FileResult
from schemas.issues import ISSUE_TYPES
from schemas.units import UnitMatcher, default_quotas

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
UNITS = [q.unit for q in default_quotas()]


class MemoryCache:
    """The run's two caches in dicts: extractions (dropped on an 'extractor change') and derived."""

    def __init__(self) -> None:
        self.extractions: dict[str, bytes] = {}
        self.derived: dict[str, dict[str, tuple[str, bytes]]] = {}

    def cache(self) -> Cache:
        return Cache(get=self.extractions.get, put=self.extractions.__setitem__,
                     drop=lambda sha: self.extractions.pop(sha, None),
                     get_derived=lambda sha: dict(self.derived.get(sha, {})),
                     put_derived=lambda sha, entries: self.derived.setdefault(sha, {}).update(entries))


def read_inbox(inbox: Path, memory: MemoryCache, timeout: float = 120.0) -> tuple[dict[str, FileResult], BatchStats]:
    batch = Batch(UnitMatcher(UNITS), memory.cache(), {}, 2, timeout, 50 * 1024 * 1024, _Quiet())
    results, stats = batch.run(list(scan_inbox(inbox)))
    return {r.file: r for r in results}, stats


class _Quiet:
    def found(self, count: int = 1) -> None:
        pass

    def done(self, path: str, unit: str, *, cached: bool) -> None:
        pass


@pytest.fixture(scope="module")
def word97(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """Four forms as Word 97 .doc files (through .odt: LibreOffice keeps the tables that way)."""
    work = tmp_path_factory.mktemp("word97")
    sources = []
    for index in range(4):
        path = work / f"f{index}.docx"
        path.write_bytes(form_docx(index))
        sources.append(path)
    convert(sources, "odt", work / "odt")
    convert([work / "odt" / f"f{i}.odt" for i in range(4)], "doc:MS Word 97", work / "doc")
    return [(work / "doc" / f"f{i}.doc").read_bytes() for i in range(4)]


# --- one LibreOffice --------------------------------------------------------------------------------------


@needs_soffice
def test_one_libreoffice_converts_every_legacy_file_archive_members_included(tmp_path: Path, word97) -> None:
    inbox = tmp_path / "inbox"
    (inbox / UNIT).mkdir(parents=True)
    for index, data in enumerate(word97[:3]):
        (inbox / UNIT / f"附件6-{index}.{'wps' if index == 2 else 'doc'}").write_bytes(data)
    with zipfile.ZipFile(inbox / f"{UNIT}.zip", "w") as archive:
        archive.writestr("附件6-3.doc", word97[3])
    results, stats = read_inbox(inbox, MemoryCache())
    forms = {path: r for path, r in results.items() if r.format in ("doc", "wps")}
    assert len(forms) == 4 and all(r.status == "ok" and r.doc_type == "studio_form" for r in forms.values())
    assert stats.lo_batches == 1 and stats.lo_alone == 0   # one LibreOffice process for all four
    names = sorted(record.values["studio_name"].text for r in forms.values() for record in r.records)
    assert names == sorted(studio_name(i) for i in range(4))


@needs_soffice
def test_a_file_libreoffice_cannot_take_in_a_batch_is_read_alone_and_the_rest_stay_batched(
        tmp_path: Path, word97) -> None:
    """A damaged .doc among good ones: the good ones come from the one batch; the damaged one is
    read on its own and reported as the unit's unreadable file (not as our failure)."""
    inbox = tmp_path / "inbox"
    (inbox / UNIT).mkdir(parents=True)
    for index, data in enumerate(word97[:2]):
        (inbox / UNIT / f"附件6-{index}.doc").write_bytes(data)
    (inbox / UNIT / "附件6-坏.doc").write_bytes(word97[2][:3000])   # cut short: a broken compound file
    results, stats = read_inbox(inbox, MemoryCache())
    broken = results[f"{UNIT}/附件6-坏.doc"]
    assert broken.status == "failed" and [i.code for i in broken.issues] == ["UNREADABLE_FILE"]
    assert all(results[f"{UNIT}/附件6-{i}.doc"].status == "ok" for i in range(2))
    assert stats.lo_batches == 1 and not stats.unread


@needs_soffice
def test_a_batch_that_stalls_is_killed_and_names_the_file_in_flight(tmp_path: Path, word97) -> None:
    """LibreOffice silent past a file's limit: its process group is killed, the file it was on is a
    suspect (to be read alone), the files not reached come back for the next batch."""
    files = [Legacy(f"f{i}", data, ".doc") for i, data in enumerate(word97[:3])]
    handed: list[str] = []
    # 0.05 s is less than LibreOffice needs to start, so it "stalls" on the first file
    outcome = convert_batch(files, per_file_timeout=0.05, on_converted=lambda key, _: handed.append(key),
                            startup_seconds=0)
    assert outcome.suspects == ["f0"] and outcome.rest == ["f1", "f2"] and not handed
    assert "超时" in outcome.reason
    assert not _soffice_children()


@needs_soffice
def test_a_batch_stopped_by_ctrl_c_leaves_no_libreoffice(word97) -> None:
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    outcome = convert_batch([Legacy("a", word97[0], ".doc")], per_file_timeout=60, on_converted=lambda *_: None,
                            stop=stop)
    assert outcome.reason == "stopped" and not _soffice_children()


def _soffice_children() -> list[int]:
    import os

    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            if "soffice" in stat.split(")")[0] and int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.append(int(entry.name))
    return found


# --- read once ----------------------------------------------------------------------------------------------


def test_identical_bytes_under_several_names_are_read_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / UNIT).mkdir(parents=True)
    data = form_docx(1)
    (inbox / UNIT / "附件6-原件.docx").write_bytes(data)
    (inbox / UNIT / "附件6-副本.docx").write_bytes(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("附件6-再发.docx", data)
    (inbox / f"{UNIT}.zip").write_bytes(buffer.getvalue())
    results, stats = read_inbox(inbox, MemoryCache())
    copies = [r for r in results.values() if r.format == "docx"]
    assert len(copies) == 3 and stats.read == 1 and stats.duplicates == 2
    assert {r.file for r in copies} == {f"{UNIT}/附件6-原件.docx", f"{UNIT}/附件6-副本.docx",
                                        f"{UNIT}.zip!附件6-再发.docx"}
    assert all(record.file == r.file for r in copies for record in r.records)   # each copy is placed anew
    assert all(r.records and r.records[0] is not copies[0].records[0] for r in copies[1:])


def test_scans_go_to_the_pool_first_then_pdfs_then_the_rest() -> None:
    items = [WorkItem("a.docx", 1, "1", "docx"), WorkItem("b.pdf", 1, "2", "pdf"),
             WorkItem("c.png", 1, "3", "png"), WorkItem("d.pdf", 1, "4", "pdf", likely_scan=True),
             WorkItem("e.xlsx", 1, "5", "xlsx")]
    assert [i.path for i in sorted(items, key=_cost)] == ["c.png", "d.pdf", "b.pdf", "a.docx", "e.xlsx"]


def test_a_file_we_failed_to_process_is_our_issue_not_the_units() -> None:
    issue_type = ISSUE_TYPES["PROCESSING_FAILED"]
    assert issue_type.severity == "error" and not issue_type.in_letter and issue_type.title


# --- what LibreOffice and OCR derived survives an extractor change -------------------------------------------


def scan_png() -> bytes:
    """A one-table form page drawn like a scan: ruled cells with a label and a value."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc") if Path(p).exists()), None)
    if font_path is None:
        pytest.skip("no CJK font to draw a scan")
    font = ImageFont.truetype(font_path, 36)
    image = Image.new("L", (1700, 700), 255)
    draw = ImageDraw.Draw(image)
    rows = [("工作室名称", studio_name(7)), ("领衔人姓名", "黄涛"), ("团队人数", "12")]
    for number, (label, value) in enumerate(rows):
        top = 100 + number * 120
        draw.rectangle((100, top, 1600, top + 120), outline=0, width=3)
        draw.line((600, top, 600, top + 120), fill=0, width=3)
        draw.text((130, top + 38), label, font=font, fill=0)
        draw.text((630, top + 38), value, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@needs_soffice
def test_after_an_extractor_change_nothing_is_converted_or_recognised_again(tmp_path: Path, word97) -> None:
    if not ocr_rapid.available():
        pytest.skip("RapidOCR is not installed")
    inbox = tmp_path / "inbox"
    (inbox / UNIT).mkdir(parents=True)
    (inbox / UNIT / "附件6-0.doc").write_bytes(word97[0])
    (inbox / UNIT / "扫描件.png").write_bytes(scan_png())
    memory = MemoryCache()
    first, stats = read_inbox(inbox, memory)
    assert stats.lo_batches == 1 and stats.timings["OCR recognition"][2] == 1
    assert {name.split("/")[0] for entries in memory.derived.values() for name in entries} == {"docx", "ocr"}
    assert all(version in (ocr_version(),) or "/" in version
               for entries in memory.derived.values() for version, _ in entries.values())
    memory.extractions.clear()   # what an extractor change does: every extraction is stale
    again, stats = read_inbox(inbox, memory)
    assert stats.read == 2 and stats.derived_reused == 2
    assert stats.lo_batches == 0 and stats.lo_alone == 0 and "OCR recognition" not in stats.timings
    for path, result in first.items():
        assert [r.values for r in again[path].records] == [r.values for r in result.records]


def test_workers_are_not_forked_while_a_thread_starts_a_helper() -> None:
    """A worker forked while LibreOffice is being started would inherit that Popen's pipes and
    keep them open (the run then waits forever): forks wait for the lock helpers start under."""
    import multiprocessing

    from extractors.backends.bounded import FORK_LOCK, LOCKED_FORK

    forked = threading.Event()
    exits: list[int | None] = []

    def fork() -> None:
        process = LOCKED_FORK.Process(target=_lock_is_free_in_the_worker)
        process.start()
        forked.set()
        process.join()
        exits.append(process.exitcode)

    with FORK_LOCK:
        thread = threading.Thread(target=fork)
        thread.start()
        assert not forked.wait(0.5)
    assert forked.wait(30)
    thread.join(timeout=30)
    assert exits == [0]   # in the worker the lock is free: it can start helpers itself
    assert isinstance(LOCKED_FORK, type(multiprocessing.get_context("fork")))


def _lock_is_free_in_the_worker() -> None:
    from extractors.backends.bounded import FORK_LOCK

    if not FORK_LOCK.acquire(timeout=5):
        raise SystemExit(3)
