"""Column layouts of the master list's category sheets (the official summary tables).

Each `Column` says what a sheet column shows and which record fields it stands for; the same
mapping places the values and the cell marks. Extra columns of the frames (after the SPEC
columns) add a column where the layout asks for one (`layout_for`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pipeline.writers.values import Record, Typed, integral, text, typed_value


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str = ""                                   # the record field shown as is
    compute: Callable[[Record], Typed] | None = None  # or a value computed from the record
    sources: tuple[str, ...] = ()                     # fields behind a computed value

    def value(self, record: Record) -> Typed:
        if self.compute is not None:
            return self.compute(record)
        return typed_value(self.field, record.get(self.field))

    def shows(self, field: str) -> bool:
        """Whether a mark on this record field belongs on this column's cell."""
        return field in (self.sources or (self.field,))


def _skill_or_title(record: Record) -> Typed:
    skill = typed_value("leader_skill_level", record.get("leader_skill_level"))
    return skill if skill is not None else typed_value("leader_title", record.get("leader_title"))


def _teachers(record: Record) -> Typed:
    counts = [typed_value(c, record.get(c)) for c in ("full_time_teachers", "part_time_teachers")]
    found = [c for c in counts if isinstance(c, int | float) and not isinstance(c, bool)]
    return integral(sum(found)) if found else None


SOURCE_KIND_LABELS = {"ocr": "扫描件", "digital": "电子文件"}


def _source_kind(record: Record) -> Typed:
    kind = text(record.get("source_kind"))
    return SOURCE_KIND_LABELS.get(kind, typed_value("source_kind", kind))


_NAME = Column("工作室名称", "studio_name")
_ORG = Column("所在单位", "organization")
_CREDIT = Column("统一社会信用代码", "credit_code")
_TECH = Column("科技型企业类别", "tech_category")
_LEADER = [Column("领衔人", "leader_name"), Column("性别", "leader_gender"), Column("出生年月", "leader_birth")]
_HONORS = Column("荣誉称号", "leader_honors")
_SKILL = Column("技能等级或职称", compute=_skill_or_title, sources=("leader_skill_level", "leader_title"))
_TAIL = [Column("团队人数", "team_size"), Column("成立时间", "established"), Column("联系电话", "leader_phone"),
         Column("备注", "remarks")]

UNIT_COLUMN = Column("推荐单位", "recommending_unit")
TOP_HONOUR_COLUMN = Column("最高荣誉", "leader_top_honour")
SOURCE_COLUMN = Column("来源", compute=_source_kind, sources=("source_kind",))

SHEET_LAYOUTS: dict[str, tuple[str, list[Column]]] = {
    "labor_model_studio": ("辽宁省劳模创新工作室推荐汇总表（全省）",
                           [_NAME, _ORG, *_LEADER, _HONORS, Column("职务/职称", "leader_title"), *_TAIL]),
    "worker_studio_tech": ("辽宁省职工创新工作室推荐汇总表（科技型企业）（全省）",
                           [_NAME, _ORG, _CREDIT, _TECH, *_LEADER, _SKILL, _HONORS, *_TAIL]),
    "worker_studio_other": ("辽宁省职工创新工作室推荐汇总表（其他类型企业）（全省）",
                            [_NAME, _ORG, Column("单位性质", "org_nature"), *_LEADER, _SKILL, _HONORS, *_TAIL]),
    "training_base": ("辽宁省工会职工职业技能培训基地申报汇总表（全省）",
                      [Column("企业名称", "enterprise_name"), _CREDIT, _TECH, Column("职工人数", "employees"),
                       Column("培训场所面积（平方米）", "training_area_m2"),
                       Column("专兼职教师人数", compute=_teachers,
                              sources=("full_time_teachers", "part_time_teachers")),
                       Column("上年度实名制培训人次", "trainees_2020"),
                       Column("主要培训专业（工种）", "training_programs"), Column("联系人", "contact_name"),
                       Column("联系电话", "contact_phone"), Column("备注", "remarks")]),
}


def layout_for(category: str, frame: pd.DataFrame, records: list[Record]) -> tuple[str, list[Column]]:
    """Title and columns of one category sheet, with the extra columns the data calls for.

    `最高荣誉` follows 荣誉称号 on the labor-model sheet when the frame has `leader_top_honour`;
    `来源` ends the official columns when any of the sheet's records was read from a scan.
    """
    title, columns = SHEET_LAYOUTS[category]
    columns = list(columns)
    if category == "labor_model_studio" and "leader_top_honour" in frame.columns:
        columns.insert(columns.index(_HONORS) + 1, TOP_HONOUR_COLUMN)
    if "source_kind" in frame.columns and any(text(r.get("source_kind")) == "ocr" for r in records):
        columns.append(SOURCE_COLUMN)
    return title, columns
