"""The one document model every format backend fills and every field extractor reads.

A document is an ordered list of blocks: tables (a worksheet or a Word table, as a grid with
merged regions resolved) and paragraphs. Field extractors never ask which format a block came
from; they use `Table.location` / `Paragraph.location` for provenance.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


@dataclass(slots=True)
class Table:
    """A grid of cell texts. A merged region repeats its text in every covered position and
    shares one origin, so `same_cell` tells a spanning value from two separate cells."""

    name: str
    rows: list[list[str]]
    origins: list[list[tuple[int, int]]] = field(default_factory=list)
    is_sheet: bool = False
    hidden: bool = False
    index: int = 0
    # OCR only: the recogniser's confidence (0–100) per position; None for digital files.
    confidence: list[list[float]] | None = None

    def __post_init__(self) -> None:
        width = max((len(row) for row in self.rows), default=0)
        for row in self.rows:
            row.extend([""] * (width - len(row)))
        if not self.origins:
            self.origins = [[(r, c) for c in range(width)] for r in range(len(self.rows))]

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def text(self, row: int, col: int) -> str:
        return self.rows[row][col]

    def origin(self, row: int, col: int) -> tuple[int, int]:
        return self.origins[row][col]

    def same_cell(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        return self.origins[a[0]][a[1]] == self.origins[b[0]][b[1]]

    def next_right(self, row: int, col: int) -> int | None:
        """Column of the first cell right of (row, col) that is not part of the same merge."""
        here = self.origins[row][col]
        for c in range(col + 1, self.width):
            if self.origins[row][c] != here:
                return c
        return None

    def next_below(self, row: int, col: int) -> int | None:
        here = self.origins[row][col]
        for r in range(row + 1, self.height):
            if self.origins[r][col] != here:
                return r
        return None

    def distinct_cells(self, row: int) -> Iterator[int]:
        """Columns of the distinct cells of a row (first column of each merged region)."""
        seen: set[tuple[int, int]] = set()
        for c in range(self.width):
            origin = self.origins[row][c]
            if origin not in seen:
                seen.add(origin)
                yield c

    def location(self, row: int, col: int) -> str:
        origin_row, origin_col = self.origins[row][col] if self.rows else (row, col)
        if self.is_sheet:
            return f"{self.name}!{get_column_letter(origin_col + 1)}{origin_row + 1}"
        return f"{self.name}, row {origin_row + 1}, col {origin_col + 1}"


@dataclass(slots=True)
class Paragraph:
    text: str
    index: int

    def location(self) -> str:
        return f"paragraph {self.index + 1}"


Block = Table | Paragraph


@dataclass(slots=True)
class Document:
    file: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    source_kind: str = "digital"

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def all_text(self, limit: int = 20000) -> str:
        parts: list[str] = []
        size = 0
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(" ".join(row) for row in block.rows[:60])
            size += len(parts[-1]) if parts else 0
            if size > limit:
                break
        return "\n".join(parts)
