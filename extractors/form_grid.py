"""Form tables: which cells are labels, which are values, and how they pair up.

A form table is read row by row, with what stands around each cell:
- a *section row* (one cell across the table: `一、工作室基本情况`, `领衔人基本情况`, `主要成员`)
  sets the context of the rows below it;
- a *group cell* (a tall merged cell on the left, often one character per line: `领\\n衔\\n人`)
  sets the context of the rows it spans;
- a *label row* (every cell a label) takes its values from the row below (`获得专利 | 技术攻关 | …`
  over the numbers; `2018年 | 2019年 | 2020年` over trainee counts);
- a *member table* (a label row of person columns — 姓名, 性别, 职务 … — over rows of people)
  lists people and is skipped: it is never the leader, nor the team size;
- otherwise a label's value is the next cell to its right that is not a label; `标签：值` inside
  a cell is a pair by itself, and so is a label on the first line of a cell (`所在单位意见⏎同意`).
A bare label (`姓名`, `电话`) is read in its context: `领衔人` + `姓名` names the leader,
`联系人` + `电话` the contact's phone; under a member section no label is the nominee's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.layout import Found, found_at, inline_pairs, spaced_pairs, split_label_value
from extractors.model import Table
from extractors.ticks import has_marks
from schemas.labels import LabelMatcher, base_key, label_core, label_key

PERSON_COLUMNS = frozenset({
    "姓名", "性别", "年龄", "出生年月", "出生日期", "职务", "职称", "职务/职称", "职务职称", "学历", "文化程度",
    "技能等级", "职业资格", "工种", "岗位", "专业", "承担工作", "分工", "身份证号", "政治面貌", "民族", "工作单位",
    "所在单位", "序号", "备注", "联系电话", "职称/技能等级", "技能等级/职称", "在工作室承担的工作", "从事专业",
    "专业特长", "特长", "工作岗位", "岗位/工种", "从事工作", "学历/学位", "身份证号码", "承担任务",
})
MEMBER_WORDS = ("成员", "团队组成", "人员构成", "骨干")
COUNT_WORDS = ("人数", "数量", "总数")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]"
                        r"|\d{1,2}[、.．])")
_SECTION_SUFFIX = re.compile(r"(?:基本情况|主要情况|情况|基本信息|信息|概况|简况)$")
_BLOCK_HEADING = re.compile(r"(?:基本情况|基本信息|概况|简况)$")
_PHOTO = re.compile(r"^[(（]?(?:近期)?(?:免冠|一寸|二寸|彩色)?(?:照片|相片)(?:粘贴处)?[)）]?$")
SECTION_MAX = 16
_YEAR = re.compile(r"^((?:19|20)\d{2})年?度?$")
TOTAL_WORDS = frozenset({"合计", "总计", "小计", "累计", "三年合计", "近三年合计", "合 计"})
_TRAINEES = re.compile(r"培训人次|实名制")
TRAINEE_FIELDS = frozenset({"trainees_header", "trainees_2018", "trainees_2019", "trainees_2020"})
_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NUMBER_ONLY = re.compile(r"^\d+(?:\.\d+)?$")
# Fields answered by ticking options, which some forms spread over several cells.
TICK_FIELDS = frozenset({"category", "training_system", "tech_category", "enterprise_type"})
# `工作室名称    张三工作室`: a label, a wide gap, the value, in one cell without a colon.
_GAP_PAIR = re.compile(r"^(\S{2,12}?)(?:\s{2,}|\t|\u3000)+(\S.*)$", re.S)
LABEL_MAX = 24
WIDE_SHARE = 0.8


@dataclass(slots=True)
class _Context:
    text: str = ""
    members: bool = False


@dataclass(slots=True)
class FormPairs:
    """The pairs of one table, and the context words it found (for the form's category)."""

    pairs: list[tuple[str, Found]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)   # locations of values computed, not read


_NOTE = re.compile(r"\([^()]*\)")


def section_key(text: str) -> str:
    """A section's words without numbering and bracketed notes (`三、主要成员（限填5人）` → 主要成员)."""
    return _NOTE.sub("", _NUMBERING.sub("", label_key(text)))


def section_context(text: str) -> _Context:
    """`二、领衔人基本情况` → 领衔人; `三、工作室成员情况` / `主要成员` → a member section."""
    key = section_key(text)
    core = _SECTION_SUFFIX.sub("", key) or key
    members = any(word in core for word in MEMBER_WORDS) and not any(word in core for word in COUNT_WORDS)
    return _Context(core, members)


class FormGrid:
    """Reads one table with one vocabulary."""

    def __init__(self, table: Table, matcher: LabelMatcher) -> None:
        self.table = table
        self.matcher = matcher
        self.result = FormPairs()
        self.columns: list[tuple[int, int, _Context]] = []   # side-by-side blocks: (first, last column, context)

    # --- cell roles ---------------------------------------------------------------------------

    def starts_here(self, row: int, col: int) -> bool:
        return self.table.origin(row, col)[0] == row

    def cells(self, row: int, skip: int | None = None) -> list[int]:
        """Columns of the cells that start in this row (a cell merged down from above is not
        part of the row), without the group column and without a photo box (`照片`)."""
        return [c for c in self.table.distinct_cells(row)
                if self.starts_here(row, c) and c != skip and not _PHOTO.match(label_key(self.table.text(row, c)))]

    def field(self, text: str, context: _Context) -> str | None:
        """The field a label names in its context, None when the text is not a label."""
        key = label_core(text)
        if not key or len(key) > LABEL_MAX:
            return None
        if context.text:
            combined = self.matcher.exact.get(context.text + key) or self.matcher.exact.get(
                base_key(context.text + key))
            if combined:
                return combined
        found = self.matcher.match(text)
        if found and context.members and not any(word in key for word in COUNT_WORDS):
            return None
        if found and _BLOCK_HEADING.search(key) and not self.matcher.exact.get(key):
            return None  # `领衔人基本情况` heads a block; it is not the leader's name
        return found

    def is_label(self, text: str, context: _Context) -> bool:
        if context.members and label_key(text) in PERSON_COLUMNS:
            return True
        return self.field(text, context) is not None or self.is_pair_cell(text, context)

    def is_pair_cell(self, text: str, context: _Context) -> bool:
        """`标签：值` in one cell (a bare `标签：` is a label whose value is beside it)."""
        pair = split_label_value(text)
        return bool(pair and pair[1] and self.field(pair[0], context))

    def section_row(self, row: int) -> _Context | None:
        """A row of one non-empty cell spanning (almost) the whole width, short, no value in it."""
        cells = [c for c in self.cells(row) if self.table.text(row, c).strip()]
        if len(cells) != 1:
            return None
        col = cells[0]
        text = self.table.text(row, col).strip()
        span = sum(1 for c in range(self.table.width) if self.table.same_cell((row, c), (row, col)))
        key = label_key(text)
        core = section_key(text)
        if span < max(2, WIDE_SHARE * self.table.width) or not core or len(core) > SECTION_MAX or ":" in core:
            return None
        if (self.matcher.exact.get(key) or self.matcher.exact.get(base_key(key))) and self.value_row_below(row):
            return None  # a label over a full-width value (`工作室简介` above its text)
        if any(ch.isdigit() for ch in core):
            return None
        gap = _GAP_PAIR.match(text)
        if gap and self.field(gap.group(1), _Context()):
            return None  # `工作室名称    张三工作室`: a label and its value, not a section
        return section_context(text)

    def value_row_below(self, row: int) -> bool:
        """The next row is one wide cell that is not a label: the value of a full-width label."""
        below = row + 1
        if below >= self.table.height:
            return False
        cells = [c for c in self.cells(below) if self.table.text(below, c).strip()]
        return len(cells) == 1 and not self.is_label(self.table.text(below, cells[0]), _Context())

    def group_cell(self, row: int) -> tuple[int, _Context] | None:
        """A tall merged cell at the left whose right neighbour is a label: a group of rows."""
        cells = self.cells(row)
        if len(cells) < 2:
            return None
        col = cells[0]
        text = self.table.text(row, col)
        below = self.table.next_below(row, col)
        spans_rows = (below or self.table.height) - row >= 2
        if not spans_rows or not text.strip() or split_label_value(text):
            return None
        right = self.table.text(row, cells[1])
        context = section_context(text)
        if not self.is_label(right, context) or len(label_key(text)) > SECTION_MAX:
            return None  # (the group's own word counts: `工作室` + `名称` is a label)
        return col, context

    # --- reading ------------------------------------------------------------------------------

    def read(self) -> FormPairs:
        context = _Context()
        group: tuple[int, int, _Context] | None = None   # (column, last row, context)
        row = 0
        while row < self.table.height:
            section = self.section_row(row)
            if section is not None:
                context, group, self.columns = section, None, []
                self.result.sections.append(section.text)
                row += 1
                continue
            columns = self.side_by_side_sections(row)
            if columns:
                self.columns = columns
                self.result.sections.extend(c.text for _, _, c in columns)
                row += 1
                continue
            if group is not None and row > group[1]:
                group = None
            found_group = self.group_cell(row)
            if found_group is not None:
                col, group_context = found_group
                below = self.table.next_below(row, col)
                group = (col, (below or self.table.height) - 1, group_context)
                self.result.sections.append(group_context.text)
            here = group[2] if group is not None else context
            skip = group[0] if group is not None else None
            row, members_done = self.read_row(row, here, skip)
            if members_done:
                context = _Context()  # what follows a member table is no longer about members
        return self.result

    def side_by_side_sections(self, row: int) -> list[tuple[int, int, _Context]]:
        """`工作室基本情况 | 领衔人基本情况` over two blocks of label/value pairs: one context per block."""
        cells = [c for c in self.cells(row) if self.table.text(row, c).strip()]
        if len(cells) < 2:
            return []
        blocks = []
        for col in cells:
            text = self.table.text(row, col)
            key = section_key(text)
            if not key or len(key) > SECTION_MAX or not _SECTION_SUFFIX.search(key) or self.matcher.exact.get(key):
                return []
            last = max(c for c in range(self.table.width) if self.table.same_cell((row, c), (row, col)))
            blocks.append((col, last, section_context(text)))
        return blocks

    def context_at(self, col: int, context: _Context) -> _Context:
        return next((c for first, last, c in self.columns if first <= col <= last), context)

    def read_row(self, row: int, context: _Context, skip: int | None) -> tuple[int, bool]:
        """Read one row (or a label row with its value rows): the next row to read, and whether a
        member table was just passed."""
        cells = self.cells(row, skip)
        if self.is_year_header(row, cells):
            return self.read_matrix(row, cells, context), False
        if self.is_member_header(row, cells, context):
            return self.skip_members(row, cells), True
        if self.is_label_row(row, cells, context) and self.pair_below(row, cells, context):
            return row + 2, False
        for col in cells:
            self.read_cell(row, col, self.context_at(col, context))
        return row + 1, False

    # --- a table of years ---------------------------------------------------------------------

    def is_year_header(self, row: int, cells: list[int]) -> bool:
        """`项目 | 2018年 | 2019年 | 2020年 | 合计`: a row label, then only years (and a total)."""
        texts = [label_key(self.table.text(row, c)) for c in cells]
        if len(texts) < 3 or _YEAR.match(texts[0]):
            return False
        rest = texts[1:]
        return sum(1 for t in rest if _YEAR.match(t)) >= 2 and all(_YEAR.match(t) or t in TOTAL_WORDS for t in rest)

    def read_matrix(self, row: int, cells: list[int], context: _Context) -> int:
        """Rows under a year header: the yearly trainee counts by year; any other count is the
        total column's (or, with no total column, the years' sum, noted as inferred)."""
        years = {c: _YEAR.match(label_key(self.table.text(row, c))).group(1) for c in cells[1:]
                 if _YEAR.match(label_key(self.table.text(row, c)))}
        total = next((c for c in cells[1:] if label_key(self.table.text(row, c)) in TOTAL_WORDS), None)
        below = row + 1
        while below < self.table.height and self.cells(below) == cells:
            label = self.table.text(below, cells[0])
            name = self.field(label, context)
            if name is None and not _TRAINEES.search(label_key(label)):
                break
            if name in TRAINEE_FIELDS or _TRAINEES.search(label_key(label)):
                for col, year in years.items():
                    self.result.pairs.append((f"trainees_{year}", found_at(self.table, below, col)))
            elif total is not None:
                self.result.pairs.append((name, found_at(self.table, below, total)))
            else:
                self.result.pairs.append((name, self.year_sum(below, list(years))))
            below += 1
        return below

    def year_sum(self, row: int, cols: list[int]) -> Found:
        numbers = [_FIRST_NUMBER.search(self.table.text(row, c).replace(",", "")) for c in cols]
        location = found_at(self.table, row, cols[0])
        if not all(numbers):
            return Found("", location.location)
        total = sum(float(n.group()) for n in numbers)  # type: ignore[union-attr]
        self.result.inferred.append(location.location)
        return Found(f"{total:g}", location.location, location.confidence)

    def is_label_row(self, row: int, cells: list[int], context: _Context) -> bool:
        texts = [self.table.text(row, c) for c in cells]
        return len(texts) >= 2 and all(t.strip() for t in texts) and all(
            self.is_label(t, context) and not self.is_pair_cell(t, context) for t in texts)

    def is_member_header(self, row: int, cells: list[int], context: _Context) -> bool:
        """A row of person columns (姓名, 性别, 职务 …) over rows of people: a member list."""
        keys = [base_key(label_key(self.table.text(row, c))) for c in cells]
        people = sum(1 for key in keys if key in PERSON_COLUMNS)
        if len(keys) < 3 or "姓名" not in keys or people * 3 < len(keys) * 2:
            return False
        return context.members or "序号" in keys or self.value_rows_below(row, cells) >= 2

    def value_rows_below(self, row: int, cells: list[int]) -> int:
        count = 0
        for below in range(row + 1, self.table.height):
            if self.cells(below) != cells or any(self.matcher.exact.get(label_key(self.table.text(below, c)))
                                                  for c in cells[:1]):
                break
            count += 1
        return count

    def skip_members(self, row: int, cells: list[int]) -> int:
        return row + 1 + self.value_rows_below(row, cells)

    def pair_below(self, row: int, cells: list[int], context: _Context) -> bool:
        """Labels in this row, their values in the same columns of the next row."""
        below = row + 1
        if below >= self.table.height:
            return False
        below_cells = self.cells(below)
        if any(c not in below_cells for c in cells):
            return False
        texts = [self.table.text(below, c) for c in cells]
        labels = [t for t in texts if t.strip() and not _NUMBER_ONLY.match(label_key(t)) and self.is_label(t, context)]
        if labels or not any(t.strip() for t in texts):
            return False  # (a bare number is a value, even `2020` that could name a year)
        for col in cells:
            name = self.field(self.table.text(row, col), context)
            if name:
                self.result.pairs.append((name, found_at(self.table, below, col)))
        return True

    def read_cell(self, row: int, col: int, context: _Context) -> None:
        text = self.table.text(row, col)
        if not text.strip():
            return
        pair = split_label_value(text)
        if pair and self.field(pair[0], context) and pair[1]:
            origin = found_at(self.table, row, col)
            self.result.pairs.extend(inline_pairs(text, self.matcher, origin.location, origin.confidence))
            return
        name = self.field(pair[0] if pair and not pair[1] else text, context)  # `标签：` with the value beside
        if name is not None:
            across = name in TICK_FIELDS
            value = self.value_across(row, col, context) if across else self.value_beside(row, col, context)
            inside = spaced_pairs(value.text, self.matcher, value.location, value.confidence)
            if inside:  # `领衔人 | 姓名 张三 性别 男 …`: the value cell holds pairs of its own
                self.result.pairs.extend(inside)
                if name not in {field for field, _ in inside}:
                    self.result.pairs.append((name, Found("", value.location)))
            else:
                self.result.pairs.append((name, value))
            return
        gap = _GAP_PAIR.match(text.strip())
        if gap and (name := self.field(gap.group(1), context)):
            location = found_at(self.table, row, col)
            self.result.pairs.append((name, Found(gap.group(2).strip(), location.location, location.confidence)))
            return
        first, _, rest = text.strip().partition("\n")
        name = self.matcher.exact.get(label_key(first)) if rest.strip() else None
        if name is not None:
            location = found_at(self.table, row, col)
            self.result.pairs.append((name, Found(rest.strip(), location.location, location.confidence)))

    def value_beside(self, row: int, col: int, context: _Context) -> Found:
        right = self.table.next_right(row, col)
        if right is None:
            if self.value_row_below(row):
                below = row + 1
                value_col = next(c for c in self.cells(below) if self.table.text(below, c).strip())
                return found_at(self.table, below, value_col)
            return Found("", self.table.location(row, col))
        text = self.table.text(row, right)
        if not self.is_label(text, context):
            return found_at(self.table, row, right)
        below = self.table.next_below(row, col)
        if below is not None and not self.is_pair_cell(text, context) and self.below_is_value(below, col, context):
            return found_at(self.table, below, col)
        return Found("", self.table.location(row, right))

    def value_across(self, row: int, col: int, context: _Context) -> Found:
        """A tick list whose options (and ticks) sit in several cells to the right of its label."""
        first = self.value_beside(row, col, context)
        parts, right = [], self.table.next_right(row, col)
        while right is not None and not self.is_label(self.table.text(row, right), context):
            parts.append(self.table.text(row, right).strip())
            right = self.table.next_right(row, right)
        if not any(len(part) <= 3 and has_marks(part) for part in parts):
            return first  # no cell of its own holds a mark: the value is the cell beside the label
        # In a row of option cells and mark cells, an empty mark cell is an open box.
        return Found(" ".join(part or "□" for part in parts), first.location, first.confidence)

    def below_is_value(self, row: int, col: int, context: _Context) -> bool:
        """A transposed form's value: not a label, not wider than its label, in a row that is
        not itself a row of labels."""
        table = self.table
        text = table.text(row, col)
        if not text.strip() or self.is_label(text, context):
            return False
        if table.origin(row, col)[1] != col or (col + 1 < table.width and table.same_cell((row, col), (row, col + 1))):
            return False
        first = next(table.distinct_cells(row))
        return not self.is_label(table.text(row, first), context)


def form_pairs(table: Table, matcher: LabelMatcher) -> FormPairs:
    return FormGrid(table, matcher).read()
