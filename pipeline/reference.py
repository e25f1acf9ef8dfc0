"""Reference inputs read with the same extractors as submissions: the quota table (附件1 layout)
and the registry of already-named studios."""

from __future__ import annotations

from pathlib import Path

from extractors.records import RawRecord
from pipeline.process import process_file
from schemas.normalize import to_int
from schemas.units import Quota, UnitMatcher, unit_kind

QUOTA_NUMBERS = ("labor_model_studio", "worker_studio", "worker_studio_tech_min", "training_base")


class ReferenceInputError(ValueError):
    """A reference input (--quotas, --registry) cannot be used; the run cannot start."""


def _records(path: Path, kind: str, *, may_be_empty: bool = False) -> list[RawRecord]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReferenceInputError(f"{path}: {error}") from error
    result = process_file(data, path.name, UnitMatcher([]))
    records = [r for r in result.records if r.kind == kind]
    table_found = any(e.doc_type == kind.removesuffix("_row") for e in result.extractions)
    if not records and not (may_be_empty and table_found):
        what = kind.removesuffix("_row")
        raise ReferenceInputError(f"{path}: no {what} table found ({result.message or result.doc_type})")
    return records


def read_quotas(path: Path) -> list[Quota]:
    quotas = []
    for record in _records(path, "quota_row"):
        unit = record.text("unit").strip()
        if not unit:
            continue
        numbers = {}
        for name in QUOTA_NUMBERS:
            try:
                numbers[name] = to_int(record.text(name)) if record.text(name).strip() else 0
            except ValueError as error:
                raise ReferenceInputError(f"{path}: {unit} {name}: {error}") from error
        quotas.append(Quota(unit, unit_kind(unit), **numbers))
    return quotas


def read_registry(path: Path) -> list[dict[str, str]]:
    return [{name: found.text.strip() for name, found in record.values.items()}
            for record in _records(path, "registry_row", may_be_empty=True)]
