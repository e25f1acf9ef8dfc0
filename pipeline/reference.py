"""Reference inputs read with the same extractors as submissions: the quota table (附件1 layout)
and the registry of already-named studios."""

from __future__ import annotations

from pathlib import Path

from extractors.records import RawRecord
from pipeline.process import process_file
from schemas.normalize import to_int
from schemas.units import Quota, UnitMatcher, unit_kind

QUOTA_NUMBERS = ("labor_model_studio", "worker_studio", "worker_studio_tech_min", "training_base")
QUOTA_LABELS = {"labor_model_studio": "劳模创新工作室名额", "worker_studio": "职工创新工作室名额",
                "worker_studio_tech_min": "其中科技型企业名额", "training_base": "职工职业技能培训基地名额"}
WHAT = {"quota_row": "名额分配表（附件1 格式：序号、推荐单位、各类名额）",
        "registry_row": "已命名工作室名录（命名年份、类别、工作室名称、所在单位、领衔人）"}


class ReferenceInputError(ValueError):
    """A reference input (--quotas, --registry) cannot be used; the run cannot start."""


def _records(path: Path, kind: str, *, may_be_empty: bool = False) -> list[RawRecord]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReferenceInputError(f"文件 {path} 无法读取（{error.strerror or error}）") from error
    result = process_file(data, path.name, UnitMatcher([]))
    records = [r for r in result.records if r.kind == kind]
    table_found = any(e.doc_type == kind.removesuffix("_row") for e in result.extractions)
    if not records and not (may_be_empty and table_found):
        found = f"：{result.message}" if result.message else ""
        raise ReferenceInputError(f"文件 {path} 中找不到{WHAT[kind]}{found}")
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
                raise ReferenceInputError(f"文件 {path} 中“{unit}”的{QUOTA_LABELS[name]}不是数字（{error}）") from error
        quotas.append(Quota(unit, unit_kind(unit), **numbers))
    return quotas


def read_registry(path: Path) -> list[dict[str, str]]:
    return [{name: found.text.strip() for name, found in record.values.items()}
            for record in _records(path, "registry_row", may_be_empty=True)]
