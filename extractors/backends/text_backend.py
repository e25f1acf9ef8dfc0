"""Plain text (.txt, .csv) → Document: one paragraph per line, so `标签：值` text is read too."""

from __future__ import annotations

from extractors.backends.base import UnreadableError, register
from extractors.model import Document, Paragraph

ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


@register("text")
def read_text(data: bytes, name: str) -> Document:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableError("文本文件编码无法识别")
    lines = [line.strip() for line in text.splitlines()]
    return Document(file=name, format="text",
                    blocks=[Paragraph(line, index) for index, line in enumerate(lines) if line])
