"""Scanned forms (.png, .jpeg, .tiff, .bmp, .gif; image-only PDF pages) → Document, by offline OCR.

One module per step: `page` prepares a page (grayscale, upscaled, deskewed); `grid` finds its
ruled table and merged cells; `layout` cuts the text around and inside the table into lines and
pieces and turns what was read back into blocks; `recognise` reads the lines with `rapid`
(RapidOCR's PP-OCRv4 recogniser, whose model ships in its wheel) or `tesseract`; `repair` mends
what the recogniser misreads; `kept` keeps a page's reading between runs; `backend` registers
the image formats and ties the steps together. The result is the same Document shape as a
digital file, with `source_kind="ocr"` and a per-position confidence.
"""
