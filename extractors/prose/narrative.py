"""Narrative material (附件5): its five sections and the studio facts its prose states.

``narrative_facts(text)`` returns every ``Fact(field, value, sentence, span)`` for the fields
the form also carries (SPEC §3 NARRATIVE_MISMATCH): ``established`` (``YYYY-MM``, or ``YYYY`` when
only the year is written), ``team_size``, ``patents``, ``economic_benefit_wan``,
``trained_workers``; and, for a form's achievement cell written as a sentence, the other counts
``tackled_projects``, ``suggestions`` and ``apprentices``. ``span`` is the value's character range.

Decisions (see ``tests/prose_eval/facts.yaml`` for examples):
- a sub-count after 其中 (same measure as the count before it) never replaces the total;
- patent kinds listed without a total (``发明专利5项、实用新型专利12项``) are summed (17); when a
  total is written as well, the total is the fact;
- applied-for patents (申请, 申报, 受理, 实审) are not patents obtained;
- a figure for one year or per year (``2020年实现…``, ``年创效``, ``年均``, ``每年``) is not the
  form's cumulative figure and is left out; a range (``2017年以来``, ``近三年``) is kept;
- savings, investment, output value, funding, losses avoided and 间接 benefit are not economic
  benefit; 创效, 节创价值, 经济效益 are;
- a team count of the start (最初, 之初, 成立时), a change (新增, 吸纳, 加入) or a subgroup
  (高级技师8人, 成员中有8人) is not the team size; ages, percentages and years are never counts;
- sentences that state plans (下一步, 计划, 力争 …) give no facts;
- ``fact_values`` keeps the first fact of each field (the material usually opens with the summary).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from extractors.prose.mentions import Mention, fold_width
from extractors.prose.nlp import get_nlp, mentions_of

__all__ = [
    "FACT_FIELDS",
    "SECTION_KEYS",
    "Fact",
    "Section",
    "fact_values",
    "narrative_facts",
    "section_key",
    "split_sections",
]

FACT_FIELDS = ("established", "team_size", "patents", "economic_benefit_wan", "trained_workers")
# Counts a form's achievement cell states in a sentence as well; not compared with the material.
ACHIEVEMENT_ONLY_FIELDS = ("tackled_projects", "suggestions", "apprentices")

# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------

# Canonical 附件5 sections and the words that identify their headings (checked in this order).
SECTION_KEYS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("下一步工作计划", re.compile(r"下一步|工作计划|打算|今后|规划|展望|努力方向")),
    ("示范引领和人才培养", re.compile(r"示范引领|人才培养|传帮带|带徒|育人|示范带动|培养人才")),
    ("工作室基本情况", re.compile(r"基本情况|基本概况|概况|简介|基本信息")),
    ("创新工作开展情况", re.compile(r"开展情况|工作开展|主要做法|创新工作|创新活动|工作情况|运行情况|主要工作")),
    ("主要创新成果及效益", re.compile(r"成果|效益|成效|业绩")),
)
_NUMBERING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(r"^第[一二三四五六七八九十\d]{1,3}\s*(?:部分|章|节|篇)\s*[、.．:：]?\s*")),
    ("cn", re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*")),
    ("paren_cn", re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[、.．]?\s*")),
    ("num", re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))\s*")),
    ("paren_num", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
)
_MAX_TITLE = 24
_MAX_PLAIN_TITLE = 16
_INLINE_END = re.compile(r"[：:。]")
_TITLE_TRIM = " \t：:。.；;"
_DOCUMENT_TITLE = re.compile(r"申报材料|事迹材料|推荐材料|申报书")


@dataclass(frozen=True, slots=True)
class Section:
    """One section: its heading without numbering, its body, and the canonical 附件5 name."""

    title: str
    text: str
    key: str = ""


@dataclass(frozen=True, slots=True)
class _Heading:
    line: int
    style: str
    title: str
    body: str  # text after an inline heading (``一、基本情况：工作室成立于…``)
    key: str


def section_key(title: str) -> str:
    """The canonical 附件5 section a heading names, or ``""``."""
    return next((key for key, words in SECTION_KEYS if words.search(title)), "")


def _numbered(line: str) -> tuple[str, str] | None:
    for style, pattern in _NUMBERING:
        match = pattern.match(line)
        if match and line[match.end() :].strip():
            return style, line[match.end() :]
    return None


def _heading(index: int, line: str) -> _Heading | None:
    line = fold_width(line).strip()
    numbered = _numbered(line)
    style, rest = numbered if numbered else ("plain", line)
    limit = _MAX_TITLE if numbered else _MAX_PLAIN_TITLE
    title, body = rest.strip(_TITLE_TRIM), ""
    inline = _INLINE_END.search(rest)
    if numbered and inline and rest[inline.end() :].strip():
        # 一、基本情况：工作室成立于… — a heading run into its first sentence.
        title, body = rest[: inline.start()].strip(_TITLE_TRIM), rest[inline.end() :].strip()
        if len(title) > limit or not section_key(title):
            return None
    elif len(title) > limit or "，" in title:
        return None
    key = section_key(title)
    if style == "plain" and (not key or _DOCUMENT_TITLE.search(title) or re.search(r"[，。；,]", title)):
        return None
    return _Heading(index, style, title, body, key)


def _top_style(candidates: list[_Heading]) -> str | None:
    keyed = [h.style for h in candidates if h.key]
    numbered = [style for style in keyed if style != "plain"]
    pool = numbered or keyed
    if not pool:
        return None
    return max(dict.fromkeys(pool), key=pool.count)  # most frequent; ties → first seen


def split_sections(text: str) -> list[Section]:
    """The material's top-level sections (headings like ``一、``, ``（一）``, ``第一部分``, ``1.``
    or a short unnumbered line naming a 附件5 section). Text before the first heading is left out."""
    lines = text.splitlines()
    candidates = [h for i, line in enumerate(lines) if (h := _heading(i, line))]
    style = _top_style(candidates)
    headings = [h for h in candidates if h.style == style and (h.key or style != "plain")]
    sections: list[Section] = []
    for position, heading in enumerate(headings):
        end = headings[position + 1].line if position + 1 < len(headings) else len(lines)
        body = [heading.body, *lines[heading.line + 1 : end]]
        sections.append(Section(heading.title, "\n".join(part for part in body if part.strip()).strip(), heading.key))
    return sections


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact of the narrative: form field, normalised value, the sentence, the value's span."""

    field: str
    value: str | int | float
    sentence: str
    span: tuple[int, int]


_CLAUSE_BREAK = re.compile(r"[，,、（）()\n]")
_PLAN = re.compile(
    r"下一步|今后|未来|计划(?!管理)|力争|争取|预计|(?<!模)拟(?:于|在|将|申报|开展)|目标(?:是|为)|将继续|将进一步"
)
_PER_YEAR = re.compile(
    r"每年|年均|年平均|(?<![\d〇一二三四五六七八九十两几多来近今去前余])年(?:可|创|增|节约|培训|实现|产生|新增)"
)
_RANGE_BEFORE = re.compile(r"(?:截至|截止|至|到|自|从)$")
_RANGE_AFTER = re.compile(r"^(?:底|末)?(?:以来|至今|起|至|到|-|—|~|～)")
_PERSON_UNITS = ("人", "名", "位")
_OPENING_WORDS = re.compile(r"^\s*(?:早在|于|在)?\s*")
_CLAUSE_NEXT = re.compile(r"^\s*[，,]")
_QUANTITIES = ("DATE", "COUNT", "MONEY", "AREA")


@dataclass(frozen=True, slots=True)
class _Context:
    """A mention inside its sentence, with the text around it (spaces removed)."""

    mention: Mention  # offsets relative to the sentence
    sentence_left: str
    clause_left: str
    near_left: str  # since the previous mention in the clause
    right: str  # to the end of the clause
    sub_count: bool  # after 其中, of the same measure as the count before 其中
    single_year: bool  # a single year (2020年…) in the clause before it


def _family(mention: Mention) -> str:
    if mention.label == "COUNT":
        return "person" if mention.unit in (*_PERSON_UNITS, "人次") else mention.unit
    return mention.label


def _sub_counted(sentence: str, mentions: list[Mention]) -> set[int]:
    """Indexes of mentions that are sub-counts of a 其中."""
    subs: set[int] = set()
    for match in re.finditer("其中", sentence):
        before = [m for m in mentions if m.end <= match.start()]
        family = _family(before[-1]) if before else None
        subs |= {i for i, m in enumerate(mentions) if m.start >= match.end() and family in (None, _family(m))}
    return subs


def _single_year(sentence: str, clause_start: int, mention: Mention, mentions: list[Mention]) -> bool:
    """A date of one year or month before the mention: in its clause, or opening the sentence."""
    for date in mentions:
        if date.label != "DATE" or date.start >= mention.start:
            continue
        opening = not _OPENING_WORDS.sub("", sentence[: date.start]) and _CLAUSE_NEXT.match(sentence[date.end :])
        if date.start < clause_start and not opening:
            continue
        if not _RANGE_BEFORE.search(sentence[: date.start].rstrip()) and not _RANGE_AFTER.match(
            sentence[date.end :].lstrip()
        ):
            return True
    return False


def _contexts(sentence: str, mentions: list[Mention]) -> Iterator[_Context]:
    subs = _sub_counted(sentence, mentions)
    for index, mention in enumerate(mentions):
        clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, mention.start)), default=0)
        clause_end = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, mention.end)), len(sentence))
        previous_end = max([m.end for m in mentions[:index] if m.end > clause_start] + [clause_start])
        yield _Context(
            mention=mention,
            sentence_left=_squeeze(sentence[: mention.start]),
            clause_left=_squeeze(sentence[clause_start : mention.start]),
            near_left=_squeeze(sentence[previous_end : mention.start]),
            right=_squeeze(sentence[mention.end : clause_end]),
            sub_count=index in subs,
            single_year=_single_year(sentence, clause_start, mention, mentions),
        )


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- established -----------------------------------------------------------------------------

_SET_UP = r"(?:成立|组建|始建|创建|建立|创立|挂牌|揭牌)"
_EST_LEFT = re.compile(rf"{_SET_UP}(?:时间|日期)?(?:于|在|为|是|:|：)?$")
_EST_RIGHT = re.compile(rf"^(?:正式|经[^，。；]{{0,10}}?批准|由[^，。；]{{0,12}}?)?(?:挂牌|揭牌)?{_SET_UP}")
# `工作室成立专项攻关小组`: the studio set something up; that is not when the studio was set up.
_SET_UP_OTHER = r"(?![^，。；]{0,10}(?:小组|课题组|项目组|攻关组|攻关队|团队|分室|联盟|协会|基地|服务站|突击队))"
_EST_OPENING = re.compile(
    rf"^[，,](?!.*重新).*?(?:{_SET_UP}了?[^，。；]{{0,15}}工作室|工作室[^，。；]{{0,8}}{_SET_UP}{_SET_UP_OTHER})"
)


_ORG_SUBJECT = re.compile(r"公司|集团|企业|工厂|厂|医院|学校|大学|中心|单位")


def _established(ctx: _Context, sentence: str) -> bool:
    if ctx.mention.label != "DATE":
        return False
    if _ORG_SUBJECT.search(ctx.clause_left) and "工作室" not in ctx.clause_left:
        return False  # `北方重工集团有限公司始建于1959年`: the company's founding, not the studio's
    if _EST_LEFT.search(ctx.clause_left) or _EST_RIGHT.match(ctx.right):
        return True
    opening = re.sub(r"^(?:早在|于|在|自)", "", ctx.sentence_left) == ""
    return opening and bool(_EST_OPENING.match(_squeeze(sentence[ctx.mention.end :])))


# --- team size -------------------------------------------------------------------------------

_TEAM_LEFT = re.compile(r"成员|团队|骨干|人员构成|组成人员|人数|队伍")
# "现有技术人员14名" names the team only when no company is the subject (公司现有技术人员500人).
_TEAM_STAFF = re.compile(r"(?:技术|专业|科研|攻关|创新)人员")
_TEAM_COMPANY = re.compile(r"公司|企业|集团|单位|全厂|全矿")
# "成员由最初的5人，发展到现在的18人": the grown-to count carries the cue of the sentence.
_TEAM_GROWN = re.compile(r"(?:发展|增加|增至|壮大|扩大|扩充|达到)[^，]{0,6}?(?:到|至)?(?:现在|目前|如今)?的?$")
_TEAM_RIGHT = re.compile(r"^(?:的)?(?:正式|核心|技术|创新|攻关|青年|专业|科研)*(?:骨干|成员|团队|队伍)")
_TEAM_TOTAL = re.compile(r"^(?:共计|合计|总计|共)$")
_TEAM_NEVER = re.compile(
    r"最初|之初|初期|起初|开始的|开始时|起步|成立时|原有|新增|增加(?!到|至)|吸纳|加入|平均|外聘|顾问|中有|成员中|团队中"
)
_TEAM_SUBGROUP = re.compile(
    r"技师|工程师|高级工|中级工|技术员|职称|党员|博士|硕士|研究生|本科|大专|学历|女|男|徒弟|学员|教师|讲师|专家|"
    r"劳模|劳动模范|工匠|能手|培训|培养|以下|以上"
)
_TEAM_RIGHT_NEVER = re.compile(r"^(?:晋升|获|被|取得|考取|通过|参加|入选|加入|参与)")


def _team_size(ctx: _Context, _sentence: str) -> bool:
    mention = ctx.mention
    if mention.label != "COUNT" or mention.unit not in _PERSON_UNITS or ctx.sub_count:
        return False
    if _TEAM_NEVER.search(ctx.near_left) or _TEAM_RIGHT_NEVER.match(ctx.right):
        return False
    if _TEAM_RIGHT.match(ctx.right):
        return True
    if _TEAM_SUBGROUP.search(ctx.near_left):
        return False
    if _TEAM_LEFT.search(ctx.clause_left):
        return True
    if _TEAM_STAFF.search(ctx.clause_left) and not _TEAM_COMPANY.search(ctx.clause_left):
        return True
    carried = _TEAM_TOTAL.match(ctx.clause_left) or _TEAM_GROWN.search(ctx.clause_left)
    return bool(carried and _TEAM_LEFT.search(ctx.sentence_left))


# --- patents ---------------------------------------------------------------------------------

_PATENT_KIND = r"(?:发明|实用新型|外观设计)"
_PATENT_RIGHT = re.compile(rf"^(?:国家)?(?:授权)?({_PATENT_KIND})?专利")
_PATENT_LEFT = re.compile(rf"({_PATENT_KIND})?专利(?!(?:成果)?(?:转化|应用|实施))")
_PATENT_APPLIED = re.compile(r"(?:申请|申报|受理|实审|在审)(?!.*(?:授权|获得|取得|获))")
_PATENT_PENDING = re.compile(r"实审|受理|在审|审查|申请中")


def _patent_kind(ctx: _Context) -> str | None:
    """``""`` for a total, the kind (发明 …) for a kind's count, None when not about patents."""
    right = _PATENT_RIGHT.match(ctx.right)
    if right:
        return right.group(1) or ""
    left = list(_PATENT_LEFT.finditer(ctx.clause_left))
    if left:
        return left[-1].group(1) or ""
    if "授权" in ctx.clause_left and "专利" in ctx.sentence_left:
        return ""
    return None


def _patents(ctx: _Context, _sentence: str) -> bool:
    mention = ctx.mention
    if mention.label != "COUNT" or mention.unit not in ("项", "件") or ctx.sub_count or ctx.single_year:
        return False
    if _PATENT_APPLIED.search(ctx.clause_left) or _PATENT_PENDING.search(ctx.right):
        return False
    return _patent_kind(ctx) is not None


# --- economic benefit ------------------------------------------------------------------------

_BENEFIT = re.compile(r"效益|创效|创收|节创|增效|创造[^，。；]{0,4}价值")
_BENEFIT_NOT = re.compile(r"间接|节约|节省|投资|投入|经费|产值|收入|利税|损失|奖励|奖金|资金|成本|销售|营业|合同|费用")
_BENEFIT_CARRY = re.compile(r"^(?:近?[三3]年(?:来)?)?(?:累计|合计|共计|总计|共)?(?:达到?|为|实现)?$")


def _benefit(ctx: _Context, _sentence: str) -> bool:
    if ctx.mention.label != "MONEY" or ctx.sub_count or ctx.single_year:
        return False
    if _BENEFIT_NOT.search(ctx.clause_left) or _PER_YEAR.search(ctx.clause_left):
        return False
    if _BENEFIT.search(ctx.clause_left):
        return True
    return bool(_BENEFIT_CARRY.match(ctx.clause_left) and _BENEFIT.search(ctx.sentence_left))


# --- trained workers -------------------------------------------------------------------------

_TRAINED = re.compile(r"培训|受训|参训")
_TRAINED_NOT = re.compile(r"教师|讲师|师资|培训中心|培训基地|合格|能力|培训师")
# "1360余人次职工参加了工作室组织的技能培训"
_TRAINED_RIGHT = re.compile(r"^(?:的)?(?:职工|员工|人员|学员|青工)?(?:参加|参与|接受)了?[^，。；]{0,12}培训")


def _trained(ctx: _Context, _sentence: str) -> bool:
    mention = ctx.mention
    if mention.label != "COUNT" or mention.unit not in ("人次", *_PERSON_UNITS):
        return False
    if ctx.sub_count or ctx.single_year or _PER_YEAR.search(ctx.clause_left):
        return False
    if _TRAINED_NOT.search(ctx.clause_left):
        return False
    return bool(_TRAINED.search(ctx.clause_left) or _TRAINED_RIGHT.match(ctx.right))


# --- tackled projects, suggestions, apprentices (achievement cells of forms) --------------------

_TACKLED = re.compile(r"攻关")
_SUGGESTION = re.compile(r"建议")
_APPRENTICE = re.compile(r"带徒|师徒|徒弟")


def _tackled(ctx: _Context, _sentence: str) -> bool:
    mention = ctx.mention
    return (mention.label == "COUNT" and mention.unit in ("项", "个") and not ctx.sub_count and not ctx.single_year
            and bool(_TACKLED.search(ctx.clause_left)) and "专利" not in ctx.clause_left)


def _suggestions(ctx: _Context, _sentence: str) -> bool:
    mention = ctx.mention
    return (mention.label == "COUNT" and mention.unit in ("条", "项", "件") and not ctx.sub_count
            and not ctx.single_year and bool(_SUGGESTION.search(ctx.clause_left)))


def _apprentices(ctx: _Context, _sentence: str) -> bool:
    mention = ctx.mention
    return (mention.label == "COUNT" and mention.unit in ("对", *_PERSON_UNITS) and not ctx.sub_count
            and not ctx.single_year and bool(_APPRENTICE.search(ctx.clause_left)))


_RULES: tuple[tuple[str, Callable[[_Context, str], bool]], ...] = (
    ("established", _established),
    ("apprentices", _apprentices),
    ("team_size", _team_size),
    ("patents", _patents),
    ("tackled_projects", _tackled),
    ("suggestions", _suggestions),
    ("economic_benefit_wan", _benefit),
    ("trained_workers", _trained),
)


def _sentence_facts(sentence: str, offset: int, mentions: list[Mention]) -> list[Fact]:
    folded = fold_width(sentence)
    if _PLAN.search(_squeeze(folded)):
        return []
    local = [m._replace(start=m.start - offset, end=m.end - offset) for m in mentions if m.label in _QUANTITIES]
    facts: list[Fact] = []
    kinds: list[tuple[str, Mention]] = []
    respective = bool(_RESPECTIVELY.search(folded))
    last: tuple[str, Mention] | None = None
    for ctx in _contexts(folded, local):
        matched = next((field for field, rule in _RULES if rule(ctx, folded)), None)
        if matched is None and respective and last and _continues(ctx, last[1]):
            matched = last[0]  # 分别…800人次、900人次和1000人次: the list goes on
        if matched is None:
            continue
        last = (matched, ctx.mention)
        if matched == "patents":
            kinds.append((_patent_kind(ctx) or "", ctx.mention))
            continue
        facts.append(Fact(matched, ctx.mention.value, sentence.strip(), _span(ctx.mention, offset)))
    facts.extend(_patent_facts(kinds, sentence, offset))
    if _RESPECTIVELY.search(folded):
        facts = _respective_totals(facts, folded, offset)
    return sorted(facts, key=lambda fact: fact.span)


_RESPECTIVELY = re.compile(r"分别")
_LIST_JOINERS = re.compile(r"^(?:和|及|与|以及|、)?$")


def _continues(ctx: _Context, previous: Mention) -> bool:
    """A mention right after another of the same measure, joined by 、/和 only."""
    return (ctx.mention.label == previous.label and ctx.mention.unit == previous.unit
            and bool(_LIST_JOINERS.match(ctx.near_left)))
_TOTAL_CUE = re.compile(r"(?:累计|合计|共计|总计|共|总共)(?:达到?|为|实现)?$")


def _respective_totals(facts: list[Fact], sentence: str, offset: int) -> list[Fact]:
    """`2018年至2020年分别创效200万元、300万元、400万元，累计900万元`: yearly parts are not the
    figure; the written total is, else their sum."""
    kept: list[Fact] = []
    for field in dict.fromkeys(fact.field for fact in facts):
        same = [fact for fact in facts if fact.field == field]
        if len(same) < 2 or field == "established":
            kept += same
            continue
        totals = [f for f in same if _TOTAL_CUE.search(_squeeze(sentence[: f.span[0] - offset]))]
        if totals:
            kept.append(totals[-1])
        elif all(isinstance(f.value, int | float) for f in same):
            total = sum(f.value for f in same)  # type: ignore[misc]
            kept.append(Fact(field, total, same[0].sentence, (same[0].span[0], same[-1].span[1])))
        else:
            kept += same
    return kept


def _patent_facts(kinds: list[tuple[str, Mention]], sentence: str, offset: int) -> list[Fact]:
    """Totals when written; else the kinds summed (发明5项、实用新型12项 → 17)."""
    totals = [m for kind, m in kinds if not kind]
    if totals:
        return [Fact("patents", m.value, sentence.strip(), _span(m, offset)) for m in totals]
    if not kinds:
        return []
    first, last = kinds[0][1], kinds[-1][1]
    total = sum(int(m.value) for _kind, m in kinds)
    return [Fact("patents", total, sentence.strip(), (first.start + offset, last.end + offset))]


def _span(mention: Mention, offset: int) -> tuple[int, int]:
    return (mention.start + offset, mention.end + offset)


def narrative_facts(text: str) -> list[Fact]:
    """All facts of the five form fields stated in ``text``, in text order."""
    if not text or not text.strip():
        return []
    doc = get_nlp()(text)
    mentions = mentions_of(doc)
    facts: list[Fact] = []
    for sent in doc.sents:
        inside = [m for m in mentions if sent.start_char <= m.start and m.end <= sent.end_char]
        if inside:
            facts.extend(_sentence_facts(sent.text, sent.start_char, inside))
    return facts


def fact_values(facts: list[Fact]) -> dict[str, str | int | float]:
    """The first value of each field (to compare with the form)."""
    values: dict[str, str | int | float] = {}
    for fact in facts:
        values.setdefault(fact.field, fact.value)
    return values
