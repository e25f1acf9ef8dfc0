"""Campaign settings: the 2021 defaults shipped in `campaign_2021.yaml`, overridable key by key
with `--campaign FILE`. An invalid file fails fast with one Chinese message naming the file and
the key (and, for a misspelt key, the nearest known ones).

Everything that changes from one season to the next lives here: the notice and its deadline,
the tech-enterprise categories and the words that name them, honours and levels, skills, the
words of established units, the years of the three yearly trainee counts. `pipeline.season`
writes next season's file (`python -m pipeline init`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from schemas.issues import ISSUE_TYPES
from schemas.tech import TechVocabulary

SEVERITIES = ("error", "warning", "info")
# The season of a campaign: submission and opinion dates fall between about half a year before
# its deadline and a quarter after it (late ones included). Dates outside are another season's.
SEASON_BEFORE = dt.timedelta(days=183)
SEASON_AFTER = dt.timedelta(days=92)
# Kinds of honour the honours reader tells apart (extractors.prose.honours.KINDS); a qualifying
# honour of any other name is given by its title.
HONOUR_KINDS = ("五一劳动奖章", "五一巾帼奖", "劳动模范", "先进工作者", "三八红旗手", "优秀共产党员", "技术能手",
                "技能大师", "岗位能手", "工匠")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NOTICE_YEAR = re.compile(r"[〔\[(（【]\s*((?:19|20)\d{2})\s*[〕\])）】]")


class CampaignError(ValueError):
    """The campaign file is invalid; the message (Chinese) names the key."""


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: `2021-13-45` stays text and is judged here, in Chinese."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """“，是否是指 …？” with the nearest known keys, or ""."""
    matches = [name for name, score, _ in process.extract(key, list(known), scorer=fuzz.WRatio, limit=3) if score >= 60]
    return f"，是否是指 {'、'.join(matches)}？" if matches else ""


@dataclass(slots=True)
class ProvinceTargets:
    labor_model_studio: int = 30
    worker_studio: int = 335
    worker_studio_tech_more_than: int = 200
    training_base: int = 100


@dataclass(frozen=True, slots=True)
class QualifyingHonour:
    """A kind of honour from a level up (`劳动模范` from `市级`), or an honour by its title
    (`辽宁工匠`; `titles` holds the ways it is written, `kind` is empty)."""

    kind: str
    min_level: str
    titles: tuple[str, ...] = ()

    def shown(self) -> str:
        return "或".join(self.titles) if self.titles else f"{self.min_level}以上{self.kind}"


@dataclass(frozen=True)
class Campaign:
    name: str
    notice: str
    deadline: dt.date
    reference_date: dt.date | None
    min_operation_months: int
    targets: ProvinceTargets
    honour_levels: dict[str, int]
    qualifying_honours: list[QualifyingHonour]
    qualifying_skills: list[str]
    tech_categories: list[str]
    established_unit_words: list[str]
    required_fields: dict[str, list[str]]
    training_system_items: list[str]
    severities: dict[str, str] = field(default_factory=dict)
    max_file_mb: int = 200
    file_timeout_seconds: int = 120
    tech_synonyms: dict[str, list[str]] = field(default_factory=dict)
    tech_exclusions: list[str] = field(default_factory=list)
    trainee_years: tuple[int, int, int] | None = None

    @property
    def year(self) -> int:
        return self.deadline.year

    @property
    def latest_date(self) -> dt.date:
        """The last day a date in a submission can be (INVALID_DATE after it): `reference_date`
        when set, else the deadline — the same whatever day the run happens."""
        return self.reference_date or self.deadline

    @property
    def yearly_trainee_years(self) -> tuple[int, int, int]:
        """The years of the columns trainees_2018/2019/2020: the three years before the campaign's
        year unless the file says otherwise (2018–2020 for 2021, 2019–2021 for 2022)."""
        return self.trainee_years or (self.year - 3, self.year - 2, self.year - 1)

    def in_season(self, day: dt.date) -> bool:
        return self.deadline - SEASON_BEFORE <= day <= self.deadline + SEASON_AFTER

    @cached_property
    def tech_vocabulary(self) -> TechVocabulary:
        return TechVocabulary.build({name: self.tech_synonyms.get(name, []) for name in self.tech_categories},
                                    self.tech_exclusions)

    @cached_property
    def field_labels(self) -> dict[str, str]:
        """FIELD_LABELS with the yearly trainee columns named by this season's years."""
        from schemas.columns import FIELD_LABELS, trainee_labels

        return {**FIELD_LABELS, **trainee_labels(self.yearly_trainee_years)}

    def qualifying_text(self) -> str:
        """The labor-model leader rule in words, e.g. `市级以上劳动模范、…或辽宁工匠`."""
        parts = [rule.shown() for rule in self.qualifying_honours]
        return "、".join(parts[:-1]) + f"或{parts[-1]}" if len(parts) > 1 else "".join(parts)

    @property
    def latest_established(self) -> str:
        """The last month a studio may have been set up in (`2020-07` for 2021-07-23)."""
        months = self.deadline.year * 12 + self.deadline.month - 1 - self.min_operation_months
        return f"{months // 12:04d}-{months % 12 + 1:02d}"

    def honour_rules(self) -> dict[str, Any]:
        """The qualification rules in the plain shape the prose readers take."""
        return {
            "honour_levels": dict(self.honour_levels),
            "qualifying_honours": [{"kind": q.kind, "min_level": q.min_level, "titles": list(q.titles)}
                                   for q in self.qualifying_honours],
        }


def _default_data() -> dict[str, Any]:
    text = resources.files("schemas").joinpath("campaign_2021.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)


@lru_cache(maxsize=1)
def default_campaign() -> Campaign:
    """The built-in campaign, read once (for callers handed no campaign)."""
    return load_campaign()


def load_campaign(path: Path | None = None) -> Campaign:
    data = _default_data()
    try:
        if path is not None:
            data.update(_read_override(path))
        return _build(data)
    except CampaignError as error:
        where = f"活动配置文件 {path}" if path is not None else "内置活动配置"
        raise CampaignError(f"{where}：{error}") from error


def _read_override(path: Path) -> dict[str, Any]:
    try:
        override = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise CampaignError(f"无法读取（{error.strerror or error}）") from error
    except UnicodeDecodeError as error:
        raise CampaignError("不是 UTF-8 编码的文本文件") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else "位置不明"
        raise CampaignError(f"不是有效的 YAML（{where}：{getattr(error, 'problem', None) or error}）") from error
    if override is None:
        return {}
    if not isinstance(override, dict):
        raise CampaignError("内容应为“键: 值”的映射")
    known = _default_data()
    for key in override:
        if key not in known:
            raise CampaignError(f"未知的键“{key}”{did_you_mean(str(key), known)}")
    return override


def _build(data: dict[str, Any]) -> Campaign:
    limits = _mapping(data, "limits")
    _known_keys(limits, ("max_file_mb", "file_timeout_seconds"), "limits")
    levels = {str(k): _whole(v, f"honour_levels.{k}") for k, v in _mapping(data, "honour_levels").items()}
    deadline = _date(data, "deadline", required=True)
    tech = _tech_categories(data)
    return Campaign(
        name=_season_word(data, "name", deadline, _YEAR, (0,)),
        notice=_season_word(data, "notice", deadline, _NOTICE_YEAR, (0, 1) if deadline.month <= 3 else (0,)),
        deadline=deadline,
        reference_date=_date(data, "reference_date", required=False),
        min_operation_months=_whole(data.get("min_operation_months"), "min_operation_months"),
        targets=_targets(_mapping(data, "province_targets")),
        honour_levels=levels,
        qualifying_honours=_qualifying(data, levels),
        qualifying_skills=_words(data, "qualifying_skills"),
        tech_categories=list(tech),
        tech_synonyms=tech,
        tech_exclusions=_words(data, "tech_category_exclusions"),
        trainee_years=_trainee_years(data),
        established_unit_words=_words(data, "established_unit_words"),
        required_fields=_required(data),
        training_system_items=_words(data, "training_system_items"),
        severities=_severities(data),
        max_file_mb=_positive(limits.get("max_file_mb", 200), "limits.max_file_mb"),
        file_timeout_seconds=_positive(limits.get("file_timeout_seconds", 120), "limits.file_timeout_seconds"),
    )


def _season_word(data: dict[str, Any], key: str, deadline: dt.date | None, year: re.Pattern[str],
                 lags: tuple[int, ...]) -> str:
    """`name` / `notice`; a year written in it must be the deadline's (`lags`: how many years earlier
    it may be — a notice of December for a deadline in the first quarter), so a file for a new
    season cannot keep last season's title by mistake."""
    text = str(data.get(key) or "")
    match = year.search(text)
    if match and deadline and deadline.year - int(match.group(1)) not in lags:
        raise CampaignError(f"键“{key}”（{text}）中的年份 {match.group(1)} 与截止日期 {deadline.isoformat()} 不符"
                            "（新的年度请同时修改 name、notice 和 deadline）")
    return text


def _tech_categories(data: dict[str, Any]) -> dict[str, list[str]]:
    """`tech_categories` as category → the words that name it. A plain list (the older form) gives
    each category the built-in words when it is a built-in one, else its name and its name
    without a final 企业 (`专精特新中小企业` → `专精特新中小`)."""
    value = data.get("tech_categories") or {}
    if isinstance(value, list):
        _words(data, "tech_categories")
        known = _default_data().get("tech_categories") or {}
        return {name: list(known.get(name) or _derived_words(name)) for name in value}
    if not isinstance(value, dict):
        raise CampaignError(f"键“tech_categories”应为“类别: [写法, …]”的映射，而不是 {_shown(value)}")
    result = {}
    for name, words in value.items():
        if not isinstance(name, str) or not name.strip():
            raise CampaignError(f"键“tech_categories”中的类别名称不能为空（{_shown(name)}）")
        if not isinstance(words, list | None) or not all(isinstance(w, str) and w for w in words or []):
            raise CampaignError(f"键“tech_categories.{name}”应为写法列表（如 [{name}]），而不是 {_shown(words)}")
        result[name.strip()] = list(words or []) or _derived_words(name.strip())
    return result


def _derived_words(name: str) -> list[str]:
    short = name.removesuffix("企业")
    return [name, short] if short != name and len(short) >= 2 else [name]


def _trainee_years(data: dict[str, Any]) -> tuple[int, int, int] | None:
    value = data.get("trainee_years")
    if value in (None, "", []):
        return None
    if (not isinstance(value, list) or len(value) != 3 or not all(isinstance(y, int) and not isinstance(y, bool)
                                                                   and 1990 <= y <= 2100 for y in value)
            or not value[0] < value[1] < value[2]):
        raise CampaignError(f"键“trainee_years”应为三个递增的年份（如 [2018, 2019, 2020]），而不是 {_shown(value)}")
    return (value[0], value[1], value[2])


def _known_keys(values: dict[str, Any], known: Iterable[str], parent: str) -> None:
    known = list(known)
    for key in values:
        if key not in known:
            raise CampaignError(f"未知的键“{parent}.{key}”{did_you_mean(str(key), known)}")


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise CampaignError(f"键“{key}”应为“键: 值”的映射，而不是 {_shown(value)}")
    return value


def _words(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise CampaignError(f"键“{key}”应为词语列表（如 [高新技术企业, 科技型中小企业]），而不是 {_shown(value)}")
    return list(value)


def _whole(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CampaignError(f"键“{key}”应为不小于 0 的整数，而不是 {_shown(value)}")
    return value


def _positive(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise CampaignError(f"键“{key}”应为正整数，而不是 {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    return f"“{value}”" if value is not None else "空值"


def _date(data: dict[str, Any], key: str, *, required: bool) -> dt.date | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise CampaignError(f"缺少键“{key}”（应为日期，如 2021-07-23）")
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise CampaignError(f"键“{key}”应为实际存在的日期（如 2021-07-23），而不是 {_shown(value)}") from error


def _targets(values: dict[str, Any]) -> ProvinceTargets:
    _known_keys(values, ProvinceTargets.__dataclass_fields__, "province_targets")
    return ProvinceTargets(**{k: _whole(v, f"province_targets.{k}") for k, v in values.items()})


def _qualifying(data: dict[str, Any], levels: dict[str, int]) -> list[QualifyingHonour]:
    """Each item is `{kind: 劳动模范, min_level: 市级}` (a kind the honours reader knows) or
    `{title: 辽宁工匠}` / `{title: [辽宁工匠, 辽宁省工匠]}` (an honour by its name)."""
    items = data.get("qualifying_honours") or []
    if not isinstance(items, list):
        raise CampaignError(f"键“qualifying_honours”应为列表，而不是 {_shown(items)}")
    return [_qualifying_item(item, f"qualifying_honours[{index}]", levels) for index, item in enumerate(items)]


def _qualifying_item(item: Any, key: str, levels: dict[str, int]) -> QualifyingHonour:
    if isinstance(item, dict) and item.get("title"):
        _known_keys(item, ("title",), key)
        titles = item["title"] if isinstance(item["title"], list) else [item["title"]]
        if not all(isinstance(t, str) and t.strip() for t in titles):
            raise CampaignError(f"键“{key}.title”应为荣誉称号（如 辽宁工匠）或其写法列表，"
                                f"而不是 {_shown(item['title'])}")
        return QualifyingHonour("", "", tuple(t.strip() for t in titles))
    if not isinstance(item, dict) or not item.get("kind") or not item.get("min_level"):
        raise CampaignError(f"键“{key}”需要 kind 和 min_level 两项（或用 title 写出荣誉称号，如 {{title: 辽宁工匠}}）")
    _known_keys(item, ("kind", "min_level"), key)
    if item["kind"] not in HONOUR_KINDS:
        raise CampaignError(f"键“{key}.kind”应为 {'、'.join(HONOUR_KINDS)} 之一，而不是 {_shown(item['kind'])}"
                            f"{did_you_mean(str(item['kind']), HONOUR_KINDS)}（其他荣誉请用 title 写出称号）")
    if item["min_level"] not in levels:
        raise CampaignError(f"键“{key}.min_level”应为 {'、'.join(levels)} 之一，而不是 {_shown(item['min_level'])}")
    return QualifyingHonour(str(item["kind"]), str(item["min_level"]))


def _required(data: dict[str, Any]) -> dict[str, list[str]]:
    from schemas.columns import STUDIO_COLUMNS, TRAINING_BASE_COLUMNS

    value = _mapping(data, "required_fields")
    allowed = {"studio": set(STUDIO_COLUMNS), "training_base": set(TRAINING_BASE_COLUMNS)}
    result = {}
    _known_keys(value, allowed, "required_fields")
    for kind, fields in value.items():
        if not isinstance(fields, list | None):
            raise CampaignError(f"键“required_fields.{kind}”应为字段名列表，而不是 {_shown(fields)}")
        unknown = [f for f in fields or [] if f not in allowed[kind]]
        if unknown:
            raise CampaignError(f"键“required_fields.{kind}”中的字段“{unknown[0]}”不存在"
                                f"{did_you_mean(str(unknown[0]), sorted(allowed[kind]))}")
        result[kind] = list(fields or [])
    return result


def _severities(data: dict[str, Any]) -> dict[str, str]:
    value = _mapping(data, "severities")
    for code, severity in value.items():
        if code not in ISSUE_TYPES:
            raise CampaignError(f"键“severities.{code}”不是问题代码{did_you_mean(str(code), ISSUE_TYPES)}")
        if severity not in SEVERITIES:
            raise CampaignError(f"键“severities.{code}”应为 {'、'.join(SEVERITIES)} 之一，而不是 {_shown(severity)}")
    return dict(value)
