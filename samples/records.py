"""The nominee records a generated inbox is made of, and how to draw clean ones at random.

A record holds the canonical (normalised) values of SPEC §4; documents render them with
drift, and the truth files write them back out. Flags on the record say how its documents
deviate when a problem is planted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from schemas.columns import STUDIO_COLUMNS, TRAINING_BASE_COLUMNS

from . import data
from .season import current, tech_categories, year

Month = tuple[int, int]
Day = tuple[int, int, int]


@dataclass
class Studio:
    """One studio nominee: the values its form states (which win over its summary row)."""

    category: str
    recommending_unit: str
    studio_name: str
    organization: str
    credit_code: str
    org_nature: str
    tech_category: list[str]
    leader_name: str
    leader_gender: str
    leader_birth: Month
    leader_title: str
    leader_skill_level: str
    leader_honors: str
    leader_phone: str
    team_size: int | None
    established: Day
    venue_area_m2: float
    annual_funding_wan: float
    economic_benefit_wan: float
    patents: int
    tackled_projects: int
    suggestions: int
    trained_workers: int
    apprentices: int
    # form-only details that are not part of the output contract
    ethnicity: str = "汉族"
    politics: str = "中共党员"
    education: str = "大学本科"
    equipment: str = ""
    introduction: str = ""
    city: str = "沈阳"
    # how the documents deviate (planted problems)
    has_form: bool = True
    has_material: bool = True
    in_summary: bool = True
    ticked_category: str | None = None
    summary_overrides: dict[str, object] = field(default_factory=dict)
    narrative_overrides: dict[str, object] = field(default_factory=dict)
    city_union_opinion: bool = False
    tainted: bool = False

    @property
    def form_category(self) -> str:
        return self.ticked_category or self.category

    def summary_value(self, name: str) -> object:
        return self.summary_overrides.get(name, getattr(self, name))


@dataclass
class TrainingBase:
    recommending_unit: str
    enterprise_name: str
    credit_code: str
    tech_category: list[str]
    cert_no: str
    cert_date: Day
    address: str
    legal_rep: str
    employees: int
    contact_name: str
    contact_phone: str
    training_area_m2: float
    equipment_sets: int
    full_time_teachers: int
    part_time_teachers: int
    training_programs: str
    trainees_2018: int
    trainees_2019: int
    trainees_2020: int
    satisfaction_rate: float
    has_training_records: bool = True
    has_followup_service: bool = True
    has_incentives: bool = True
    introduction: str = ""
    city: str = "沈阳"
    tainted: bool = False

    @property
    def category(self) -> str:
        return "training_base"


# --- drawing clean records ---------------------------------------------------------------------


@dataclass
class OrganisationBook:
    """Keeps one credit code, nature and tech category per organisation across the inbox."""

    codes: dict[str, str] = field(default_factory=dict)
    natures: dict[str, str] = field(default_factory=dict)
    tech: dict[str, list[str]] = field(default_factory=dict)

    def credit_code(self, rng: random.Random, organisation: str, city: str) -> str:
        if organisation not in self.codes:
            public = data.is_public_institution(organisation)
            self.codes[organisation] = data.credit_code(rng, city, public_institution=public)
        return self.codes[organisation]

    def nature(self, rng: random.Random, organisation: str) -> str:
        return self.natures.setdefault(organisation, data.org_nature(rng, organisation))

    def tech_category(self, rng: random.Random, organisation: str) -> list[str]:
        if organisation not in self.tech:
            self.tech[organisation] = random_tech_categories(rng)
        return self.tech[organisation]


def random_tech_categories(rng: random.Random) -> list[str]:
    chosen = {"高新技术企业"} if rng.random() < 0.8 else {"科技型中小企业"}
    for extra in ("科技型中小企业", "雏鹰企业", "瞪羚企业", "独角兽企业"):
        if rng.random() < (0.3 if extra == "科技型中小企业" else 0.1):
            chosen.add(extra)
    new = current().new_tech_category
    if new:   # a later season's category: alone for some enterprises, besides others for some
        roll = rng.random()
        chosen = {new} if roll < 0.25 else (chosen | {new} if roll < 0.4 else chosen)
    return [name for name in tech_categories() if name in chosen]


def random_day(rng: random.Random, first_year: int, last: Month) -> Day:
    year = rng.randint(first_year, last[0])
    month = rng.randint(1, 12 if year < last[0] else last[1])
    return year, month, rng.randint(1, 28)


def studio_organisation(rng: random.Random, unit: data.Unit, category: str) -> str:
    """Tech categories need a company; other worker studios may sit in a public institution."""
    for _ in range(20):
        organisation = data.organisation_name(rng, unit)
        if category == "labor_model_studio" or category == "worker_studio_other":
            return organisation
        if not data.is_public_institution(organisation):
            return organisation
    return f"{data.unit_city(unit)}{rng.choice(data.ORG_CORES)}有限公司"


def make_studio(rng: random.Random, unit: data.Unit, category: str, book: OrganisationBook) -> Studio:
    city = data.unit_city(unit)
    gender = "男" if rng.random() < 0.78 else "女"
    leader = data.person_name(rng, gender)
    organisation = studio_organisation(rng, unit, category)
    is_labor = category == "labor_model_studio"
    specialty = rng.choice(data.SPECIALTIES)
    name = data.labor_model_studio_name(rng, leader) if is_labor else data.worker_studio_name(rng, leader, specialty)
    tech = book.tech_category(rng, organisation) if category == "worker_studio_tech" else []
    if category == "labor_model_studio" and not data.is_public_institution(organisation) and rng.random() < 0.4:
        tech = book.tech_category(rng, organisation)
    team_size = rng.randint(6, 40)
    return Studio(
        category=category,
        recommending_unit=unit.name,
        studio_name=name,
        organization=organisation,
        credit_code=book.credit_code(rng, organisation, city),
        org_nature=book.nature(rng, organisation),
        tech_category=tech,
        leader_name=leader,
        leader_gender=gender,
        leader_birth=(rng.randint(year(1965), year(1990)), rng.randint(1, 12)),
        leader_title=rng.choice(data.LEADER_TITLES) if rng.random() < 0.7 else "",
        leader_skill_level=rng.choice(data.SKILL_LEVELS) if (not is_labor or rng.random() < 0.6) else "",
        leader_honors=data.honours_text(rng, city, qualifying=is_labor, count=rng.randint(1, 3))
        if is_labor or rng.random() < 0.7 else "",
        leader_phone=data.phone(rng, city),
        team_size=team_size,
        established=random_day(rng, year(2010), (year(2020), 5)),
        venue_area_m2=float(rng.choice((rng.randint(40, 600), rng.randint(40, 300) + 0.5))),
        annual_funding_wan=float(rng.choice((rng.randint(5, 200), rng.randint(50, 400) / 10))),
        economic_benefit_wan=float(rng.choice((rng.randint(50, 5000), rng.randint(10, 300) * 100))),
        patents=rng.randint(0, 30),
        tackled_projects=rng.randint(3, 60),
        suggestions=rng.randint(10, 500),
        trained_workers=rng.randint(100, 6000),
        apprentices=rng.randint(3, 40),
        ethnicity=rng.choice(data.ETHNICITIES),
        politics=rng.choice(data.POLITICS),
        education=rng.choice(data.EDUCATION),
        equipment=data.equipment_text(rng),
        introduction=studio_introduction(name, specialty, team_size),
        city=city,
        city_union_opinion=unit.kind == "direct",
    )


def studio_introduction(name: str, specialty: str, team_size: int) -> str:
    return (f"{name}立足{specialty}领域，围绕生产一线难题开展技术攻关、技术革新和技能培训，"
            f"形成了一支结构合理、技术过硬的创新团队，在提质增效、节能降耗方面发挥了示范引领作用。")


def make_training_base(rng: random.Random, unit: data.Unit, book: OrganisationBook) -> TrainingBase:
    city = data.unit_city(unit)
    organisation = studio_organisation(rng, unit, "training_base")
    tech = book.tech_category(rng, organisation)
    cert_year = rng.randint(year(2016), year(2020))
    cert_no = (data.high_tech_cert_no(rng, cert_year) if "高新技术企业" in tech
               else data.sme_cert_no(rng, cert_year, city))
    programs = rng.sample(data.TRAINING_PROGRAMS, rng.randint(2, 5))
    trainees = [rng.randint(200, 5000) for _ in range(3)]
    return TrainingBase(
        recommending_unit=unit.name,
        enterprise_name=organisation,
        credit_code=book.credit_code(rng, organisation, city),
        tech_category=tech,
        cert_no=cert_no,
        cert_date=(cert_year, rng.randint(9, 12), rng.randint(1, 28)),
        address=data.address(rng, city),
        legal_rep=data.person_name(rng, "男" if rng.random() < 0.8 else "女"),
        employees=rng.randint(150, 12000),
        contact_name=data.person_name(rng, "男" if rng.random() < 0.5 else "女"),
        contact_phone=data.phone(rng, city),
        training_area_m2=float(rng.randint(300, 5000)),
        equipment_sets=rng.randint(20, 400),
        full_time_teachers=rng.randint(3, 30),
        part_time_teachers=rng.randint(5, 60),
        training_programs="、".join(programs),
        trainees_2018=trainees[0],
        trainees_2019=trainees[1],
        trainees_2020=trainees[2],
        satisfaction_rate=rng.choice((0.95, 0.96, 0.98, 0.97, 0.99, 0.965, 0.92)),
        introduction=(f"{organisation}职工培训中心建有理论教室和实训车间，常年开展"
                      f"{programs[0]}等工种的技能培训和职业技能等级认定。"),
        city=city,
    )


# --- truth rows --------------------------------------------------------------------------------

SUMMARY_FIELDS = {
    "labor_model_studio": {"studio_name", "organization", "leader_name", "leader_gender", "leader_birth",
                           "leader_honors", "leader_title", "team_size", "established", "leader_phone"},
    "worker_studio_tech": {"studio_name", "organization", "credit_code", "tech_category", "leader_name",
                           "leader_gender", "leader_birth", "leader_skill_level", "leader_honors", "team_size",
                           "established", "leader_phone"},
    "worker_studio_other": {"studio_name", "organization", "org_nature", "leader_name", "leader_gender",
                            "leader_birth", "leader_skill_level", "leader_honors", "team_size", "established",
                            "leader_phone"},
}


def format_number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(int(value))


def format_value(name: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if name == "tech_category":
        return "；".join(name for name in tech_categories() if name in value)  # type: ignore[operator]
    if isinstance(value, tuple):
        return f"{value[0]:04d}-{value[1]:02d}"
    if isinstance(value, int | float):
        return format_number(value)
    if name == "credit_code":
        return str(value).upper()
    return str(value)


def studio_truth_row(studio: Studio) -> dict[str, str]:
    columns = [c for c in STUDIO_COLUMNS if c not in ("record_id", "source_files")]
    category = studio.category if studio.in_summary else studio.form_category
    row: dict[str, str] = {}
    for column in columns:
        if column == "category":
            row[column] = category
        elif column == "recommending_unit":
            row[column] = studio.recommending_unit
        elif studio.has_form:
            row[column] = format_value(column, getattr(studio, column))
        elif column in SUMMARY_FIELDS[category]:
            row[column] = format_value(column, studio.summary_value(column))
        else:
            row[column] = ""
    return row


def base_truth_row(base: TrainingBase) -> dict[str, str]:
    columns = [c for c in TRAINING_BASE_COLUMNS if c not in ("record_id", "source_files")]
    return {column: format_value(column, getattr(base, column)) for column in columns}
