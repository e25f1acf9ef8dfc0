"""Campaign settings: the 2021 defaults shipped in `campaign_2021.yaml`, overridable key by key
with `--campaign FILE`. An invalid file fails fast with one Chinese message naming the file and
the key (and, for a misspelt key, the nearest known ones)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from pipeline.issues import ISSUE_TYPES
from pipeline.results import ProvinceTargets

SEVERITIES = ("error", "warning", "info")


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


@dataclass(frozen=True, slots=True)
class QualifyingHonour:
    kind: str
    min_level: str


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

    @property
    def today(self) -> dt.date:
        return self.reference_date or dt.date.today()

    @property
    def latest_established(self) -> str:
        """The last month a studio may have been set up in (`2020-07` for 2021-07-23)."""
        months = self.deadline.year * 12 + self.deadline.month - 1 - self.min_operation_months
        return f"{months // 12:04d}-{months % 12 + 1:02d}"

    def honour_rules(self) -> dict[str, Any]:
        """The qualification rules in the plain shape the prose readers take."""
        return {
            "honour_levels": dict(self.honour_levels),
            "qualifying_honours": [{"kind": q.kind, "min_level": q.min_level} for q in self.qualifying_honours],
        }


def _default_data() -> dict[str, Any]:
    text = resources.files("schemas").joinpath("campaign_2021.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)


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
    return Campaign(
        name=str(data.get("name", "")),
        notice=str(data.get("notice", "")),
        deadline=_date(data, "deadline", required=True),
        reference_date=_date(data, "reference_date", required=False),
        min_operation_months=_whole(data.get("min_operation_months"), "min_operation_months"),
        targets=_targets(_mapping(data, "province_targets")),
        honour_levels=levels,
        qualifying_honours=_qualifying(data, levels),
        qualifying_skills=_words(data, "qualifying_skills"),
        tech_categories=_words(data, "tech_categories"),
        established_unit_words=_words(data, "established_unit_words"),
        required_fields=_required(data),
        training_system_items=_words(data, "training_system_items"),
        severities=_severities(data),
        max_file_mb=_positive(limits.get("max_file_mb", 200), "limits.max_file_mb"),
        file_timeout_seconds=_positive(limits.get("file_timeout_seconds", 120), "limits.file_timeout_seconds"),
    )


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
    result = []
    for index, item in enumerate(data.get("qualifying_honours") or []):
        key = f"qualifying_honours[{index}]"
        if not isinstance(item, dict) or not item.get("kind") or not item.get("min_level"):
            raise CampaignError(f"键“{key}”需要 kind 和 min_level 两项")
        if item["min_level"] not in levels:
            raise CampaignError(f"键“{key}.min_level”应为 {'、'.join(levels)} 之一，而不是 {_shown(item['min_level'])}")
        result.append(QualifyingHonour(str(item["kind"]), str(item["min_level"])))
    return result


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
