"""The OCR backend: image files and image-only PDF pages, page by page through preparation,
layout and recognition (see the package's docstring); a page read before is taken from `kept`."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterable, Sequence

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractors.backends.base import UnreadableError, register
from extractors.backends.bounded import note_unread
from extractors.backends.ocr.kept import keep_layout, kept_layout
from extractors.backends.ocr.layout import PageLayout, page_layout
from extractors.backends.ocr.page import MAX_PIXELS, prepare
from extractors.backends.ocr.recognise import recognise_crops
from extractors.backends.timing import stage
from extractors.model import Document

MAX_PAGES = 50
RAPID_PAGES = int(os.environ.get("OCR_RAPID_PAGES", "8"))  # pages of a file read by RapidOCR
MIN_SIDE = 16              # pixels: a narrower image holds no legible text line

@register("png", "jpeg", "tiff", "bmp", "gif")
def read_image(data: bytes, name: str) -> Document:
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise UnreadableError(f"图片过大（{image.width}×{image.height} 像素），未识别")
        pages = [frame.copy() for frame, _ in zip(ImageSequence.Iterator(image), range(MAX_PAGES), strict=False)]
        frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as error:
        # Pillow refuses images of over ~179 million pixels before decoding them (a header can
        # claim ten billion pixels in a few bytes)
        raise UnreadableError("图片尺寸异常（声称的像素数远超扫描件），可能是恶意构造的文件，未识别") from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as error:
        raise UnreadableError(f"图片无法打开（文件损坏或格式不符）：{error}") from error
    if frames > MAX_PAGES:
        rest = f"{MAX_PAGES + 1}" if frames == MAX_PAGES + 1 else f"{MAX_PAGES + 1}–{frames}"
        note_unread(f"图片共 {frames} 页，只识别了前 {MAX_PAGES} 页，第 {rest} 页未识别")
    document = ocr_pages(pages, name, [f"image/{number}" for number in range(len(pages))])
    document.format = name.rsplit(".", 1)[-1].lower() if "." in name else "image"
    return document


Page = Image.Image | Callable[[], Image.Image]   # an image, or what renders it (not needed when kept)


def ocr_pages(pages: Iterable[Page], name: str, keys: Sequence[str] | None = None) -> Document:
    """OCR page images (a scan, or the pages of an image-only PDF) into one Document. A page
    whose `key` (its place in the file) was read before by this OCR (`derived`) is not read again."""
    document = Document(file=name, format="image", source_kind="ocr")
    pages = list(pages)
    keys = list(keys) if keys is not None else [""] * len(pages)
    layouts: list[PageLayout] = []
    fresh: list[tuple[int, str]] = []
    for number, (page, key) in enumerate(zip(pages, keys, strict=True)):
        kept = kept_layout(key)
        if kept is None:
            kept = _layout(page() if callable(page) else page)
            fresh.append((number, key))
        layouts.append(kept)
    # RapidOCR reads better but ~3× slower than tesseract: the first pages (the forms) get it, the
    # rest of a long scan (narrative material) tesseract, to stay within the per-file time limit
    with stage("OCR recognition") if fresh else contextlib.nullcontext():
        recognise_crops([crop for n, _ in fresh if n < RAPID_PAGES for crop in layouts[n].crops()])
        recognise_crops([crop for n, _ in fresh if n >= RAPID_PAGES for crop in layouts[n].crops()], use_rapid=False)
    for number, key in fresh:
        keep_layout(key, layouts[number])
    for layout in layouts:
        layout.emit(document)
    return document


def _layout(page: Image.Image) -> PageLayout:
    if page.width * page.height > MAX_PIXELS:
        raise UnreadableError(f"扫描页过大（{page.width}×{page.height} 像素），未识别")
    if min(page.size) < MIN_SIDE:  # a sliver (a spacer image, a rule): nothing to read
        return PageLayout(above=None, below=None)
    with stage("OCR layout"):
        return page_layout(prepare(page))

