"""PDF → Document with pdfplumber: ruled tables as grids with merged cells resolved, the text
around them as paragraphs, in reading order. Pages without any text (scans) go to OCR.

A table continued on the next page with the same column edges is joined to the one before
(a long summary printed over two pages), so that its later rows keep their header.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.backends.base import EncryptedError, UnreadableError, register
from extractors.backends.bounded import note_unread
from extractors.backends.ocr.backend import ocr_pages
from extractors.model import Document, Paragraph, Table

if TYPE_CHECKING:
    import pdfplumber
    from PIL import Image

MAX_PAGES = 300                  # pages read at all; past this the rest is noted as unread
MAX_SCANNED_PAGES = 50           # pages without text sent to OCR (seconds each)
SCAN_DPI = 200
# A scanned page is at most A0 (about 2384 × 3370 pt); a larger declared page is not rendered.
MAX_PAGE_POINTS = 2400 * 3400
SNAP = 2.0                       # points: cell edges closer than this are one grid line
PAGE_NUMBER = re.compile(r"^[-—\s]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*[/共]\s*\d{1,3}\s*页?)?[-—\s]*$")


@register("pdf")
def read_pdf(data: bytes, name: str) -> Document:
    import pdfplumber  # imported here: it is heavy, and most inboxes hold few PDFs
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedError(str(cause)) from error
        raise UnreadableError(f"PDF 文件损坏，无法读取：{cause}") from error
    except Exception as error:
        raise UnreadableError(f"PDF 文件损坏，无法读取：{error}") from error
    with pdf:
        try:
            return _read_pages(pdf, name)
        except (EncryptedError, UnreadableError):
            raise
        except Exception as error:  # pdfminer fails lazily on broken content streams
            raise UnreadableError(f"PDF 内容损坏：{error}") from error


def _read_pages(pdf: pdfplumber.PDF, name: str) -> Document:
    total = len(pdf.pages)
    pages = pdf.pages[:MAX_PAGES]
    if total > MAX_PAGES:
        note_unread(f"PDF 共 {total} 页，只读取了前 {MAX_PAGES} 页，第 {MAX_PAGES + 1}–{total} 页未读取")
    if pages and not any(page.chars for page in pages):
        return _ocr(_scans_within_limit(pages), name)
    document = Document(file=name, format="pdf")
    continued: _Continued | None = None
    scanned = [page for page in pages if not page.chars]
    to_read = {id(page) for page in _scans_within_limit(scanned)}
    for page in pages:
        if not page.chars:
            continued = None
            if id(page) not in to_read:
                continue
            ocr = _ocr([page], name)
            document.blocks.extend(ocr.blocks)
            document.source_kind = "mixed"
            continue
        continued = _read_page(document, page.dedupe_chars(), continued)
    return document


def _scans_within_limit(pages: list) -> list:
    """The scanned pages OCR will read; the page numbers of the rest are noted as unread."""
    if len(pages) <= MAX_SCANNED_PAGES:
        return pages
    skipped = pages[MAX_SCANNED_PAGES:]
    note_unread(f"PDF 中有 {len(pages)} 页是扫描图像，只识别了前 {MAX_SCANNED_PAGES} 页，"
                f"第 {skipped[0].page_number}–{skipped[-1].page_number} 页中的 {len(skipped)} 页扫描页未识别")
    return pages[:MAX_SCANNED_PAGES]


def _ocr(pages: Iterable[pdfplumber.page.Page], name: str) -> Document:
    pages = list(pages)
    if any(float(page.width) * float(page.height) > MAX_PAGE_POINTS for page in pages):
        raise UnreadableError("PDF 页面尺寸异常（远大于A0），未作图像识别")
    renders = [functools.partial(_render, page) for page in pages]   # (not rendered when read before)
    document = ocr_pages(renders, name, [f"pdf/{page.page_number}" for page in pages])
    document.format = "pdf"
    return document


def _render(page: pdfplumber.page.Page) -> Image.Image:
    return page.to_image(resolution=SCAN_DPI).original


@dataclass(slots=True)
class _Item:
    top: float
    block: Table | Paragraph | None
    edges: tuple[float, ...] = ()


_Continued = tuple[Table, tuple[float, ...]]   # a page's last table and its column edges


def _read_page(document: Document, page, continued: _Continued | None) -> _Continued | None:
    """Append a page's blocks; return its last table when nothing follows it on the page."""
    items: list[_Item] = []
    table_boxes = []
    for found in page.find_tables():
        table, edges = _grid(page, found)
        if table is not None:
            items.append(_Item(found.bbox[1], table, edges))
            table_boxes.append(found.bbox)
    outside = [c for c in page.chars if not any(_inside(c, box) for box in table_boxes)]
    for top, text in _paragraphs(outside):
        if not PAGE_NUMBER.match(text):
            items.append(_Item(top, Paragraph(text, 0)))
    items.sort(key=lambda item: item.top)
    last: _Continued | None = None
    for position, item in enumerate(items):
        block = item.block
        if isinstance(block, Table):
            if position == 0 and continued is not None and _same_columns(continued[1], item.edges):
                _append_rows(continued[0], block)
                last = continued
                continue
            block.index = len(document.tables) + 1
            block.name = f"table {block.index}"
            document.blocks.append(block)
            last = (block, item.edges)
        elif block is not None:
            block.index = len(document.paragraphs)
            document.blocks.append(block)
            last = None
    return last


def _same_columns(known: tuple[float, ...], edges: tuple[float, ...]) -> bool:
    return len(known) == len(edges) and all(abs(a - b) <= SNAP for a, b in zip(known, edges, strict=True))


def _append_rows(table: Table, more: Table) -> None:
    offset = table.height
    for row, origins in zip(more.rows, more.origins, strict=True):
        table.rows.append(row)
        table.origins.append([(r + offset, c) for r, c in origins])


def _inside(char: dict, box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


# --- tables -------------------------------------------------------------------------------------


def _grid(page, found) -> tuple[Table | None, tuple[float, ...]]:
    """The table's cells on one grid: every distinct cell edge is a grid line; a cell covering
    several grid positions repeats its text there with one origin."""
    cells = [tuple(cell) for cell in found.cells]
    if not cells:
        return None, ()
    xs = _snap([x for cell in cells for x in (cell[0], cell[2])])
    ys = _snap([y for cell in cells for y in (cell[1], cell[3])])
    height, width = len(ys) - 1, len(xs) - 1
    if height < 1 or width < 1:
        return None, ()
    rows = [[""] * width for _ in range(height)]
    origins = [[(r, c) for c in range(width)] for r in range(height)]
    box = found.bbox
    chars = [c for c in page.chars if _inside(c, box)]  # (page.crop would clip chars into the box)
    for cell in sorted(cells, key=lambda b: (b[1], b[0])):
        left, right = _index(xs, cell[0]), _index(xs, cell[2])
        top, bottom = _index(ys, cell[1]), _index(ys, cell[3])
        if right <= left or bottom <= top:
            continue
        text = _cell_text([c for c in chars if _inside(c, cell)], cell)
        for r in range(top, bottom):
            for c in range(left, right):
                rows[r][c] = text
                origins[r][c] = (top, left)
    return Table(name="", rows=rows, origins=origins), tuple(xs)


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SNAP:
            out.append(value)
    return out


def _index(grid: list[float], value: float) -> int:
    return min(range(len(grid)), key=lambda i: abs(grid[i] - value))


def _cell_text(chars: list[dict], box: tuple[float, float, float, float]) -> str:
    lines = _lines(chars)
    if not lines:
        return ""
    padding = min(max(min(line.x0 for line in lines) - box[0], 1.0), 10.0)  # as much right as left
    return _join(lines, right_edge=box[2] - padding).strip()


# --- text lines -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float


def _lines(chars: list[dict]) -> list[_Line]:
    """Characters grouped into lines (by vertical overlap), each read left to right; a gap wider
    than half a character is a space, wider than two characters two spaces."""
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if not char["text"].strip() and char["text"] != " ":
            continue
        for row in rows:
            ref = row[0]
            middle = (char["top"] + char["bottom"]) / 2
            if ref["top"] - 1 <= middle <= ref["bottom"] + 1:
                row.append(char)
                break
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        lines.append(_line_of(row))
    lines.sort(key=lambda line: line.top)
    return [line for line in lines if line.text.strip()]


def _line_of(row: list[dict]) -> _Line:
    size = max(c["bottom"] - c["top"] for c in row) or 10.0
    parts: list[str] = []
    previous = None
    for char in row:
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if gap > 2 * size:
                parts.append("  ")
            elif gap > 0.5 * size and char["text"] != " " and not parts[-1].endswith(" "):
                parts.append(" ")
        parts.append(char["text"])
        previous = char
    text = re.sub(r" {3,}", "  ", "".join(parts)).strip()
    return _Line(text, row[0]["x0"], row[-1]["x1"], row[0]["top"], size)


def _wraps(line: _Line, following: _Line, right_edge: float) -> bool:
    """A line that runs to the right edge continues in the next line of the same size, right
    below it."""
    # 2.2: a closing bracket may not start a line, so the last character and it move down together
    return (right_edge - line.x1 <= 2.2 * line.size and abs(following.size - line.size) <= 0.25 * line.size
            and following.top - line.top <= 2.2 * line.size)


def _join(lines: list[_Line], right_edge: float) -> str:
    parts: list[str] = []
    for index, line in enumerate(lines):
        parts.append(line.text)
        if index + 1 < len(lines):
            parts.append("" if _wraps(line, lines[index + 1], right_edge) else "\n")
    return "".join(parts)


def _paragraphs(chars: list[dict]) -> list[tuple[float, str]]:
    """Text outside tables: one paragraph per line, wrapped lines joined."""
    lines = _lines(chars)
    if not lines:
        return []
    sizes = sorted(line.size for line in lines)
    body = sizes[len(sizes) // 2]
    edge = max((line.x1 for line in lines if abs(line.size - body) <= 0.25 * body), default=lines[0].x1)
    out: list[tuple[float, str]] = []
    group: list[_Line] = []
    for index, line in enumerate(lines):
        group.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or not _wraps(line, following, edge):
            out.append((group[0].top, "".join(g.text for g in group)))
            group = []
    return out
