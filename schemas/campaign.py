"""Campaign settings: the 2021 defaults shipped here, overridable by `--campaign FILE`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml


class CampaignError(ValueError):
    """The campaign file is invalid; the message names the key."""


@dataclass(frozen=True, slots=True)
class Campaign:
    name: str
    notice: str
    deadline: dt.date
    reference_date: dt.date | None
    min_operation_months: int

    @property
    def today(self) -> dt.date:
        return self.reference_date or dt.date.today()


def load_campaign(path: Path | None = None) -> Campaign:
    text = (path.read_text(encoding="utf-8") if path
            else resources.files("schemas").joinpath("campaign_2021.yaml").read_text(encoding="utf-8"))
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise CampaignError(f"campaign file is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise CampaignError("campaign file must be a mapping of keys to values")
    return Campaign(
        name=str(data.get("name", "")),
        notice=str(data.get("notice", "")),
        deadline=_date(data, "deadline", required=True),
        reference_date=_date(data, "reference_date", required=False),
        min_operation_months=_int(data, "min_operation_months", 12),
    )


def _date(data: dict, key: str, *, required: bool) -> dt.date | None:
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


def _int(data: dict, key: str, default: int) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or value < 0:
        raise CampaignError(f"campaign key '{key}' must be a non-negative whole number, got {value!r}")
    return value
