"""Texts shared by family C's documents: unit lines, opinions, category ticks, and one studio's or
base's values rendered for one document."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..records import Studio, TrainingBase
from . import values as v
from .plan import CITY_UNION_FOR_DIRECT, Office

CATEGORY_WORDS = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室（科技型企业）",
    "worker_studio_other": "职工创新工作室（其他类型企业）",
}
TITLE_BY_CATEGORY = {
    "labor_model_studio": ["辽宁省劳模创新工作室推荐表", "劳模创新工作室申报表", "辽宁省劳模创新工作室基本情况表"],
    "worker_studio_tech": ["辽宁省职工创新工作室（科技型企业）申报表", "职工创新工作室（科技型企业）基本情况表"],
    "worker_studio_other": ["辽宁省职工创新工作室（其他类型企业）申报表", "职工创新工作室（其他类型企业）基本情况表"],
}
GENERIC_TITLES = ["辽宁省劳模创新工作室和职工创新工作室基本情况表", "创新工作室基本情况表",
                  "辽宁省劳模（职工）创新工作室申报表"]


def fill_date(office: Office) -> str:
    return f"2021年7月{office.fill_day}日"


def opinion(rng: random.Random, text: str, signer: str, day: int, *, blank: bool = False) -> str:
    if blank:
        return "\n\n（盖章）\n年    月    日"
    lines = [text, ""]
    lines.append(f"{signer}（盖章）" if signer else "（盖章）")
    lines.append(f"2021年7月{day}日")
    return "\n".join(lines)


def studio_opinions(rng: random.Random, office: Office, studio: Studio) -> list[tuple[str, str]]:
    """(label, text) of the opinion blocks: the enterprise union, the unit, and for direct units the city."""
    day = office.fill_day
    org_label = rng.choice(["所在单位工会意见", "所在单位\n工会意见", "基层工会意见"])
    unit_label = rng.choice(["推荐单位意见", "推荐单位\n意见", "推荐单位工会意见"])
    blocks = [
        (org_label, opinion(rng, rng.choice(["同意推荐。", "情况属实，同意推荐。", "经研究，同意申报。"]),
                            "", max(1, day - rng.randint(3, 8)), blank=rng.random() < 0.2)),
        (unit_label, opinion(rng, rng.choice(["同意推荐。", "经审核，同意推荐。"]), office.self_name,
                             max(1, day - rng.randint(0, 2)), blank=rng.random() < 0.15)),
    ]
    if office.unit.kind == "direct":
        blocks.append((rng.choice(["市总工会意见", "所在地市总工会意见", "市总工会\n意见"]),
                       opinion(rng, "同意联合推荐。", CITY_UNION_FOR_DIRECT, max(1, day - rng.randint(1, 4)))))
    return blocks


def category_rows(rng: random.Random, category: str, style: tuple[str, str, str], two_rows: bool) -> list[
        tuple[str, str]]:
    """The category as one tick row, or as two rows (studio type, enterprise type)."""
    if not two_rows:
        label = rng.choice(["工作室类别", "申报类别", "推荐类别"])
        options = list(CATEGORY_WORDS.values())
        return [(label, v.tick_line(style, options, [CATEGORY_WORDS[category]], sep="   "))]
    studio_kind = "劳模创新工作室" if category == "labor_model_studio" else "职工创新工作室"
    enterprise = {"worker_studio_tech": ["科技型企业"], "worker_studio_other": ["其他类型企业"]}.get(category, [])
    return [
        (rng.choice(["申报类别", "工作室类型"]), v.tick_line(style, ["劳模创新工作室", "职工创新工作室"], [studio_kind])),
        (rng.choice(["企业类型", "企业类别（职工创新工作室填写）"]),
         v.tick_line(style, ["科技型企业", "其他类型企业"], enterprise)),
    ]


def optional(rng: random.Random, text: str) -> str:
    return text if text else v.blank_mark(rng)


@dataclass
class StudioText:
    """One studio's values as typed on one document."""

    name: str
    organization: str
    credit_code: str
    org_nature: str
    tech: str
    leader: str
    gender: str
    birth: str
    ethnicity: str
    politics: str
    education: str
    title: str
    skill: str
    phone: str
    honours: str
    team: str
    established: str
    area: str
    equipment: str
    funding: str
    benefit: str
    patents: str
    tackled: str
    suggestions: str
    trained: str
    apprentices: str
    introduction: str


def studio_text(rng: random.Random, s: Studio, *, tech_ticks: tuple[str, str, str] | None = None) -> StudioText:
    return StudioText(
        name=s.studio_name,
        organization=s.organization,
        credit_code=s.credit_code,
        org_nature=s.org_nature,
        tech=v.tech_text(rng, s.tech_category, tech_ticks),
        leader=s.leader_name,
        gender=s.leader_gender,
        birth=v.month_text(rng, *s.leader_birth),
        ethnicity=s.ethnicity,
        politics=s.politics,
        education=s.education,
        title=optional(rng, s.leader_title),
        skill=optional(rng, s.leader_skill_level),
        phone=v.phone_text(rng, s.leader_phone),
        honours=optional(rng, s.leader_honors),
        team=v.count_text(rng, int(s.team_size), "人") if s.team_size is not None else "",
        established=v.month_or_day(rng, s.established),
        area=v.area_text(rng, s.venue_area_m2),
        equipment=s.equipment,
        funding=v.money_text(rng, s.annual_funding_wan),
        benefit=v.money_text(rng, s.economic_benefit_wan),
        patents=v.count_text(rng, s.patents, "项"),
        tackled=v.count_text(rng, s.tackled_projects, "项"),
        suggestions=v.count_text(rng, s.suggestions, "条"),
        trained=v.count_text(rng, s.trained_workers, "人次"),
        apprentices=v.count_text(rng, s.apprentices, "对"),
        introduction=s.introduction,
    )


@dataclass
class BaseText:
    name: str
    credit_code: str
    tech: str
    cert_no: str
    cert_date: str
    address: str
    legal_rep: str
    employees: str
    contact: str
    phone: str
    area: str
    equipment: str
    full_time: str
    part_time: str
    programs: str
    trainees: list[str]
    satisfaction: str
    introduction: str


def base_text(rng: random.Random, b: TrainingBase, *, tech_ticks: tuple[str, str, str] | None = None) -> BaseText:
    return BaseText(
        name=b.enterprise_name,
        credit_code=b.credit_code,
        tech=v.tech_text(rng, b.tech_category, tech_ticks),
        cert_no=b.cert_no,
        cert_date=v.month_or_day(rng, b.cert_date),
        address=b.address,
        legal_rep=b.legal_rep,
        employees=v.count_text(rng, b.employees, "人"),
        contact=b.contact_name,
        phone=v.phone_text(rng, b.contact_phone),
        area=v.area_text(rng, b.training_area_m2),
        equipment=v.count_text(rng, b.equipment_sets, "台套"),
        full_time=v.count_text(rng, b.full_time_teachers, "人"),
        part_time=v.count_text(rng, b.part_time_teachers, "人"),
        programs=b.training_programs,
        trainees=[v.count_text(rng, n, "人次") for n in (b.trainees_2018, b.trainees_2019, b.trainees_2020)],
        satisfaction=v.rate_text(rng, b.satisfaction_rate),
        introduction=b.introduction,
    )


def base_opinions(rng: random.Random, office: Office) -> list[tuple[str, str]]:
    day = office.fill_day
    return [
        (rng.choice(["企业工会意见", "企业工会\n意见"]),
         opinion(rng, "同意申报。", "", max(1, day - rng.randint(2, 6)), blank=rng.random() < 0.2)),
        (rng.choice(["推荐单位意见", "推荐单位\n意见"]),
         opinion(rng, rng.choice(["同意推荐。", "经审核，同意推荐。"]), office.self_name, day,
                 blank=rng.random() < 0.15)),
    ]


TRAINING_SYSTEM = ["培训记录台账", "培训后跟踪服务", "培训激励办法"]


def training_system_chosen(b: TrainingBase) -> list[str]:
    flags = [b.has_training_records, b.has_followup_service, b.has_incentives]
    return [label for label, flag in zip(TRAINING_SYSTEM, flags, strict=True) if flag]
