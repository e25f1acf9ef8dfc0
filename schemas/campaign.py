"""Campaign settings: the 2021 defaults shipped in `campaign_2021.yaml`, overridable key by key
with `--campaign FILE`. An invalid file fails fast with a message naming the key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from pipeline.issues import ISSUE_TYPES
from pipeline.results import ProvinceTargets

SEVERITIES = ("error", "warning", "info")


class CampaignError(ValueError):
    """The campaign file is invalid; the message names the key."""


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
    return yaml.safe_load(text)


def load_campaign(path: Path | None = None) -> Campaign:
    data = _default_data()
    if path is not None:
        data.update(_read_override(path))
    return _build(data)


def _read_override(path: Path) -> dict[str, Any]:
    try:
        override = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CampaignError(f"campaign file cannot be read: {error}") from error
    except yaml.YAMLError as error:
        raise CampaignError(f"campaign file is not valid YAML: {error}") from error
    if override is None:
        return {}
    if not isinstance(override, dict):
        raise CampaignError("campaign file must be a mapping of keys to values")
    unknown = sorted(set(override) - set(_default_data()))
    if unknown:
        raise CampaignError(f"campaign key '{unknown[0]}' is not known")
    return override


def _build(data: dict[str, Any]) -> Campaign:
    limits = _mapping(data, "limits")
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
        max_file_mb=_whole(limits.get("max_file_mb", 200), "limits.max_file_mb"),
        file_timeout_seconds=_whole(limits.get("file_timeout_seconds", 120), "limits.file_timeout_seconds"),
    )


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise CampaignError(f"campaign key '{key}' must be a mapping")
    return value


def _words(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise CampaignError(f"campaign key '{key}' must be a list of words")
    return list(value)


def _whole(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CampaignError(f"campaign key '{key}' must be a non-negative whole number, got {value!r}")
    return value


def _date(data: dict[str, Any], key: str, *, required: bool) -> dt.date | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise CampaignError(f"campaign key '{key}' is required (a date like 2021-07-23)")
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise CampaignError(f"campaign key '{key}' must be a date like 2021-07-23, got {value!r}") from error


def _targets(values: dict[str, Any]) -> ProvinceTargets:
    known = set(ProvinceTargets.__dataclass_fields__)
    for key in values:
        if key not in known:
            raise CampaignError(f"campaign key 'province_targets.{key}' is not known")
    return ProvinceTargets(**{k: _whole(v, f"province_targets.{k}") for k, v in values.items()})


def _qualifying(data: dict[str, Any], levels: dict[str, int]) -> list[QualifyingHonour]:
    result = []
    for index, item in enumerate(data.get("qualifying_honours") or []):
        key = f"qualifying_honours[{index}]"
        if not isinstance(item, dict) or not item.get("kind") or not item.get("min_level"):
            raise CampaignError(f"campaign key '{key}' needs 'kind' and 'min_level'")
        if item["min_level"] not in levels:
            raise CampaignError(f"campaign key '{key}.min_level' must be one of {sorted(levels)}")
        result.append(QualifyingHonour(str(item["kind"]), str(item["min_level"])))
    return result


def _required(data: dict[str, Any]) -> dict[str, list[str]]:
    from schemas.columns import STUDIO_COLUMNS, TRAINING_BASE_COLUMNS

    value = _mapping(data, "required_fields")
    allowed = {"studio": set(STUDIO_COLUMNS), "training_base": set(TRAINING_BASE_COLUMNS)}
    result = {}
    for kind, fields in value.items():
        if kind not in allowed:
            raise CampaignError(f"campaign key 'required_fields.{kind}' is not known (studio, training_base)")
        unknown = [f for f in fields or [] if f not in allowed[kind]]
        if unknown:
            raise CampaignError(f"campaign key 'required_fields.{kind}' names unknown field '{unknown[0]}'")
        result[kind] = list(fields or [])
    return result


def _severities(data: dict[str, Any]) -> dict[str, str]:
    value = _mapping(data, "severities")
    for code, severity in value.items():
        if code not in ISSUE_TYPES:
            raise CampaignError(f"campaign key 'severities.{code}' is not an issue code")
        if severity not in SEVERITIES:
            raise CampaignError(f"campaign key 'severities.{code}' must be one of {', '.join(SEVERITIES)}")
    return dict(value)
