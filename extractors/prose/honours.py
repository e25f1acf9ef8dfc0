"""Honours and skill levels of a studio leader (SPEC §3 LEADER_NOT_QUALIFIED, LEADER_SKILL_MISSING).

The qualification rules are data: ``honour_levels``, ``qualifying_honours`` and
``qualifying_skills`` of the campaign YAML (``schemas/campaign_2021.yaml`` by default).

Decisions:
- level: the most local authority named before the title wins (``国网辽宁省电力有限公司劳动模范``
  is 企业级, ``沈阳市和平区…`` 县区级); an industry union of the province (``省产业劳模``,
  ``辽宁省能源化学地质工会…``) is 省产业; a county-level city (``瓦房店市``) is 县区级;
  ``沈抚示范区`` is 市级; Beijing/Tianjin/Shanghai/Chongqing, other provinces and 中央企业 are 省级;
  ``享受国务院政府特殊津贴`` is kind 其他 at level 全国; nothing recognisable is 未知.
- ``锦州市劳动模范和五一劳动奖章`` and ``…、五一劳动奖章``: a title with nothing before it takes the
  level and year of the title it is listed with.
- ``劳模创新工作室`` (a studio's title) is not the person's 劳动模范 title.
- a year is the last one written before the title, else one in brackets right after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import cn2an
import yaml

from extractors.prose.mentions import Mention, fold_width

__all__ = [
    "KINDS",
    "LEVELS",
    "Honour",
    "default_rules",
    "has_qualifying_skill",
    "highest_honour",
    "honour_mentions",
    "leader_qualifies",
    "parse_honours",
    "parse_skills",
    "skill_mentions",
]

LIAONING_CITIES = (
    "沈阳",
    "大连",
    "鞍山",
    "抚顺",
    "本溪",
    "丹东",
    "锦州",
    "营口",
    "阜新",
    "辽阳",
    "盘锦",
    "铁岭",
    "朝阳",
    "葫芦岛",
)
# County-level cities of Liaoning: "海城市" is a county, not a city.
COUNTY_CITIES = (
    "新民",
    "瓦房店",
    "庄河",
    "海城",
    "东港",
    "凤城",
    "凌海",
    "北镇",
    "大石桥",
    "盖州",
    "灯塔",
    "调兵山",
    "开原",
    "北票",
    "凌源",
    "兴城",
)
# Short names of large employers whose own titles are enterprise level.
ENTERPRISES = ("鞍钢", "本钢", "华晨", "沈飞", "国网", "国家电网", "中石油", "中石化", "中国石油", "中国石化", "中车")

LEVELS = ("全国", "省级", "省产业", "市级", "县区级", "企业级", "未知")

# Kinds, most specific first; the regex of each is searched in one alternation.
KINDS: tuple[tuple[str, str], ...] = (
    ("五一劳动奖章", r"五一劳动(?:荣誉)?奖章|五一奖章"),
    ("五一巾帼奖", r"五一巾帼(?:奖|标兵)"),
    ("劳动模范", r"(?:特等|特级)?(?:劳动模范|劳模)(?!创新|工作室|精神|事迹|宣讲)"),
    ("先进工作者", r"先进工作者"),
    ("三八红旗手", r"三八红旗手(?:标兵)?"),
    ("优秀共产党员", r"优秀(?:共产)?党员"),
    ("技术能手", r"技术能手"),
    ("技能大师", r"(?:首席)?技能大师(?!工作室)"),
    ("岗位能手", r"(?:青年)?岗位能手"),
    ("工匠", r"(?:大)?工匠(?!精神|文化|学院|型|之)"),
)
_KIND_RE = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_kind, pattern) in enumerate(KINDS)))

_CITY = "|".join(LIAONING_CITIES)
_COUNTY = "|".join(COUNTY_CITIES)
# Level markers, most local first: the first level whose marker occurs before a title wins.
_LEVEL_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("企业级", re.compile(r"公司|集团|(?<!中央)企业(?!家)|厂|矿|车间|本单位|" + "|".join(ENTERPRISES))),
    ("县区级", re.compile(rf"县|(?<!示范|自治)(?<!地)区|{_COUNTY}")),
    ("市级", re.compile(rf"市|{_CITY}|盛京|沈抚")),
    ("省产业", re.compile(r"省产业|产业(?:工会)?|省(?!总)[\u4e00-\u9fff]{2,8}?工会")),
    ("省级", re.compile(r"省|自治区|中央企业|辽宁|北京|天津|上海|重庆")),
    ("全国", re.compile(r"全国|国家|中华|大国|国务院")),
)
_MUNICIPALITIES = re.compile(r"(北京|天津|上海|重庆)市")
_AWARD_VERBS = re.compile(r"授予|颁发|评为|评选为|获得|荣获|获评|获|当选|推荐")

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)|([〇零一二三四五六七八九]{4})(?=年)")
_YEAR_AFTER = re.compile(r"^\s*(?:荣誉称号|称号|获得者)?\s*[（(]\s*((?:19|20)\d{2})\s*年?度?\s*[)）]")
_SEPARATORS = re.compile(r"[，,、；;\n/|]|\s{1,}")
_ENUMERATION = re.compile(r"^\s*[、和及与]|^\s*以及")
_LEAD_WORDS = re.compile(
    r"^(?:\s|[（(]?(?:19|20)\d{2}[)）]?年?度?|[〇零一二三四五六七八九]{4}年度?|和(?!平)|及|与|以及|[“”\"]|曾|先后|"
    r"两次|多次|连续|被|荣获|获得|获评|获|评为|授予|当选|荣膺)+"
)
_NOISE = re.compile(r"[“”\"《》（）()\s]|荣誉称号|称号|获得者|(?:19|20)\d{2}年?度?|无|暂无")
_MIN_OTHER_CHARS = 3


@dataclass(frozen=True, slots=True)
class Honour:
    """One honour: kind (劳动模范 …, 其他), level (全国 … 未知), year or None, and its text."""

    kind: str
    level: str
    year: int | None
    text: str


# --- rules -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _default_yaml() -> dict[str, Any]:
    text = resources.files("schemas").joinpath("campaign_2021.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def default_rules() -> dict[str, Any]:
    """``honour_levels``, ``qualifying_honours`` and ``qualifying_skills`` of the 2021 campaign."""
    data = _default_yaml()
    return {key: data[key] for key in ("honour_levels", "qualifying_honours", "qualifying_skills")}


def _rules(rules: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return rules if rules is not None else default_rules()


# --- parsing honours -------------------------------------------------------------------------


def _kind_of(match: re.Match[str]) -> str:
    return KINDS[int(next(name for name, value in match.groupdict().items() if value)[1:])][0]


def _level_of(prefix: str) -> str:
    """The most local level named; words after the last 授予/获得/评为 (the title itself) win."""
    prefix = _MUNICIPALITIES.sub(r"\1", prefix)
    verbs = list(_AWARD_VERBS.finditer(prefix))
    parts = [prefix[verbs[-1].end() :], prefix] if verbs else [prefix]
    for part in parts:
        for level, marker in _LEVEL_MARKERS:
            if marker.search(part):
                return level
    return "未知"


def _year_in(text: str) -> int | None:
    years = [m.group(1) or cn2an.transform(m.group(2) + "年", "cn2an")[:4] for m in _YEAR.finditer(text)]
    return int(years[-1]) if years else None


def _year_after(text: str) -> int | None:
    match = _YEAR_AFTER.match(text)
    return int(match.group(1)) if match else None


def _honours_in_segment(segment: str, previous: Honour | None) -> list[Honour]:
    honours: list[Honour] = []
    matches = list(_KIND_RE.finditer(segment))
    for index, match in enumerate(matches):
        start = matches[index - 1].end() if index else 0
        end = matches[index + 1].start() if index + 1 < len(matches) else len(segment)
        prefix = segment[start : match.start()]
        before = honours[-1] if honours else previous
        honours.append(_honour(match, prefix, segment[match.end() : end], before))
    return honours


def _honour(match: re.Match[str], prefix: str, suffix: str, before: Honour | None) -> Honour:
    kind = _kind_of(match)
    after = _YEAR_AFTER.match(suffix)
    text = _clean(prefix + match.group() + (after.group() if after else ""))
    if before is not None and not _LEAD_WORDS.sub("", prefix) and not _year_in(prefix):
        return Honour(kind, before.level, _year_after(suffix) or before.year, text)
    level = _level_of(prefix + match.group().removesuffix("工匠") if kind == "工匠" else prefix)
    year = _year_in(prefix) or _year_after(suffix)
    return Honour(kind, level, year, text)


def _clean(text: str) -> str:
    return _ENUMERATION.sub("", text).strip(" ，,、；;")


def _other(segment: str) -> Honour | None:
    """A segment naming no known kind (``享受国务院政府特殊津贴``, ``阜新市技术标兵``)."""
    if len(_NOISE.sub("", segment)) < _MIN_OTHER_CHARS:
        return None
    return Honour("其他", _level_of(segment), _year_in(segment), segment.strip())


def parse_honours(text: str | None) -> list[Honour]:
    """Every honour in a free-text honours field, in order of writing."""
    if not text:
        return []
    text = fold_width(text)
    honours: list[Honour] = []
    position = 0
    for piece in [*_SEPARATORS.finditer(text), None]:
        end = piece.start() if piece else len(text)
        segment = text[position:end]
        separator = text[position - 1] if position else ""
        previous = honours[-1] if honours and separator in "、和及与" else None
        found = _honours_in_segment(segment, previous) if segment.strip() else []
        if not found and segment.strip():
            other = _other(segment)
            found = [other] if other else []
        honours.extend(found)
        position = piece.end() if piece else end
    return honours


def honour_mentions(text: str) -> list[Mention]:
    """HONOUR mentions for the spaCy component: level words and year right before a title."""
    found: list[Mention] = []
    lead = rf"(?:(?:19|20)\d{{2}}年度?)?(?:全国|国家级|辽宁省|辽宁|省产业|省|市|{_CITY}(?:市)?|大国)?"
    for match in re.finditer(rf"{lead}(?:{_KIND_RE.pattern})", text):
        found.append(Mention("HONOUR", match.start(), match.end(), match.group(), match.group()))
    return found


# --- qualification ---------------------------------------------------------------------------


def _rank(level: str, rules: Mapping[str, Any]) -> int:
    return int(rules["honour_levels"].get(level, -1))


def _meets(honour: Honour, rule: Mapping[str, Any], rules: Mapping[str, Any]) -> bool:
    """A rule by title (`辽宁工匠`) is met by an honour written with that title; a rule by kind by
    an honour of that kind at or above its level."""
    titles = rule.get("titles") or ()
    if titles:
        return any(fold_width(title) in honour.text for title in titles)
    return honour.kind == rule["kind"] and _rank(honour.level, rules) >= _rank(rule["min_level"], rules)


def _qualifying(honour: Honour, rules: Mapping[str, Any]) -> bool:
    return any(_meets(honour, rule, rules) for rule in rules["qualifying_honours"])


def _as_honours(honours: Sequence[Honour] | str | None) -> list[Honour]:
    return parse_honours(honours) if isinstance(honours, str) or honours is None else list(honours)


def leader_qualifies(honours: Sequence[Honour] | str | None, rules: Mapping[str, Any] | None = None) -> bool:
    """True when one honour meets one of ``rules["qualifying_honours"]`` (kind and min_level, or
    titles)."""
    rules = _rules(rules)
    return any(_qualifying(honour, rules) for honour in _as_honours(honours))


def _sort_key(honour: Honour, rules: Mapping[str, Any]) -> tuple[int, int, int, int]:
    kinds = [kind for kind, _pattern in KINDS]
    kind_rank = len(kinds) - kinds.index(honour.kind) if honour.kind in kinds else 0
    return (_qualifying(honour, rules), _rank(honour.level, rules), kind_rank, honour.year or 0)


def highest_honour(honours: Sequence[Honour] | str | None, rules: Mapping[str, Any] | None = None) -> str:
    """The honour to show in the master list, e.g. ``全国劳动模范（2020年）``, ``辽宁省五一劳动奖章``.

    Ranked by: qualifies for a labor-model studio, level, kind (劳动模范 first), latest year.
    """
    rules = _rules(rules)
    candidates = _as_honours(honours)
    if not candidates:
        return ""
    best = max(candidates, key=lambda honour: _sort_key(honour, rules))
    year = f"（{best.year}年）" if best.year else ""
    return f"{_display(best)}{year}"


def _place(honour: Honour) -> str:
    text = _MUNICIPALITIES.sub(r"\1市", honour.text)
    patterns = {
        "全国": r"全国",
        "省级": r"[\u4e00-\u9fff]{2,3}省|自治区|北京市|天津市|上海市|重庆市|中央企业",
        "省产业": r"(?:辽宁)?省(?!总)[\u4e00-\u9fff]{2,8}?工会",
        "市级": rf"(?:{_CITY})市|沈抚示范区|[\u4e00-\u9fff]{{2}}市",
        "县区级": rf"(?:{_COUNTY})市|(?:(?:{_CITY})市)?[\u4e00-\u9fff]{{2}}[区县]",
        "企业级": rf"^.*?(?={_KIND_RE.pattern})",
    }
    match = re.search(patterns.get(honour.level, r"$^"), _LEAD_WORDS.sub("", text))
    if match and match.group():
        return match.group()
    fallback = {
        "全国": "全国",
        "省级": "辽宁省",
        "省产业": "省产业",
        "市级": "市级",
        "县区级": "县区级",
        "企业级": "企业",
    }
    return fallback.get(honour.level, "")


def _display(honour: Honour) -> str:
    if honour.kind == "其他":
        return _LEAD_WORDS.sub("", honour.text)
    if honour.kind == "工匠":
        match = re.search(r"[\u4e00-\u9fff]{0,3}?大?工匠", _LEAD_WORDS.sub("", honour.text))
        return match.group() if match else "工匠"
    return f"{_place(honour)}{honour.kind}"


# --- skills ----------------------------------------------------------------------------------

# Titles and levels that never qualify, matched first so that 助理研究员 is not 研究员.
NON_QUALIFYING_SKILLS = (
    "技术员",
    "助理工程师",
    "工程师",
    "高级工",
    "中级工",
    "初级工",
    "预备技师",
    "助理研究员",
    "实习研究员",
    "助理讲师",
    "讲师",
    "助理经济师",
    "经济师",
    "助理会计师",
    "会计师",
    "助理农艺师",
    "农艺师",
    "医师",
    "主治医师",
    "中级职称",
    "初级职称",
    "技术能手",
)
_SKILL_ALIASES: tuple[tuple[str, str], ...] = (
    (r"副高(?!级)|副高级职称", "高级职称"),
    (r"正高(?!级)", "正高级职称"),
    (r"教授级高工", "教授级高级工程师"),
    (rf"(?:{_CITY}|辽宁|盛京)大?工匠", "工匠"),
)
_SKILL_GUARD = r"(?!学院|学校|工作站|协会|精神|文化)"


@lru_cache(maxsize=8)
def _skill_regex(vocabulary: tuple[str, ...]) -> re.Pattern[str]:
    aliases = "|".join(f"(?:{pattern})" for pattern, _canonical in _SKILL_ALIASES)
    terms = "|".join(re.escape(term) for term in sorted(vocabulary, key=len, reverse=True))
    return re.compile(rf"(?:{aliases}|{terms}){_SKILL_GUARD}")


def _canonical_skill(surface: str) -> str:
    for pattern, canonical in _SKILL_ALIASES:
        if re.fullmatch(pattern, surface):
            return canonical
    return surface


def _vocabulary(qualifying: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({*qualifying, *NON_QUALIFYING_SKILLS, "技师", "工匠", "技能大师"}))


def parse_skills(text: str | None, qualifying_skills: Sequence[str] | None = None) -> list[str]:
    """Skill levels and titles in ``text``, canonical (``数控车工高级技师`` → ``高级技师``).

    Non-qualifying ones (工程师, 技术员 …) are listed too; ``has_qualifying_skill`` decides.
    """
    if not text:
        return []
    qualifying = qualifying_skills if qualifying_skills is not None else default_rules()["qualifying_skills"]
    regex = _skill_regex(_vocabulary(qualifying))
    return [_canonical_skill(match.group()) for match in regex.finditer(fold_width(text))]


def _skill_qualifies(skill: str, qualifying: Sequence[str]) -> bool:
    if skill in qualifying:
        return True
    if skill in NON_QUALIFYING_SKILLS:
        return False
    # A higher grade of a listed one: 首席技能大师 for 技能大师, 正高级工程师 for 高级工程师.
    return any(skill.endswith(term) for term in qualifying)


def has_qualifying_skill(texts: Iterable[str | None], qualifying_skills: Sequence[str] | None = None) -> bool:
    """True when the leader's skill level, title or honours name a qualifying skill or title."""
    qualifying = list(qualifying_skills if qualifying_skills is not None else default_rules()["qualifying_skills"])
    return any(_skill_qualifies(skill, qualifying) for text in texts for skill in parse_skills(text, qualifying))


def skill_mentions(text: str) -> list[Mention]:
    """SKILL mentions for the spaCy component."""
    regex = _skill_regex(_vocabulary(default_rules()["qualifying_skills"]))
    return [
        Mention("SKILL", match.start(), match.end(), match.group(), _canonical_skill(match.group()))
        for match in regex.finditer(text)
    ]
