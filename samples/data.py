"""Pools of realistic values (names, organisations, honours…) and valid identifiers.

Everything here is pure: functions take a `random.Random` and return values, so a seed
fully determines the generated data.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from stdnum.cn import uscc

from .season import current, year

QUOTA_CSV = Path(__file__).resolve().parent.parent / "schemas" / "quotas_2021.csv"


@dataclass(frozen=True)
class Unit:
    """A recommending unit of the quota table (附件1)."""

    name: str
    kind: str  # city / demo_zone / industry / direct
    labor_model_studio: int
    worker_studio: int
    worker_studio_tech_min: int
    training_base: int


def load_units(path: Path = QUOTA_CSV) -> list[Unit]:
    with path.open(encoding="utf-8") as handle:
        return [
            Unit(
                name=row["unit"],
                kind=row["kind"],
                labor_model_studio=int(row["labor_model_studio"]),
                worker_studio=int(row["worker_studio"]),
                worker_studio_tech_min=int(row["worker_studio_tech_min"]),
                training_base=int(row["training_base"]),
            )
            for row in csv.DictReader(handle)
        ]


# --- unit short forms, cities, area codes -------------------------------------------------

UNIT_SHORT_NAMES = {
    "沈抚示范区工会": "沈抚示范区",
    "省退役军人事务厅": "辽宁省退役军人事务厅",
    "省国资委": "辽宁省国资委",
    "省卫生健康委员会": "省卫健委",
}

CITY_AREA_CODES = {
    "沈阳": "024", "大连": "0411", "鞍山": "0412", "抚顺": "0413", "本溪": "0414", "丹东": "0415",
    "锦州": "0416", "营口": "0417", "阜新": "0418", "辽阳": "0419", "盘锦": "0427", "铁岭": "0410",
    "朝阳": "0421", "葫芦岛": "0429",
}
CITY_DIVISION_CODES = {
    "沈阳": "210100", "大连": "210200", "鞍山": "210300", "抚顺": "210400", "本溪": "210500",
    "丹东": "210600", "锦州": "210700", "营口": "210800", "阜新": "210900", "辽阳": "211000",
    "盘锦": "211100", "铁岭": "211200", "朝阳": "211300", "葫芦岛": "211400",
}
CITY_DISTRICTS = {
    "沈阳": ["铁西区", "浑南区", "大东区", "皇姑区", "于洪区"],
    "大连": ["甘井子区", "沙河口区", "金州区", "旅顺口区", "中山区"],
}
DEFAULT_DISTRICTS = ["经济技术开发区", "高新技术产业开发区", "站前区", "新华区", "开发区"]
STREETS = ["北二东路", "建设大街", "工业路", "创新路", "黄河北大街", "滨海路", "长江路", "文化路", "兴工街"]


def unit_short_name(unit: str) -> str:
    """The short form a unit writes about itself (`大连市总工会` → `大连市总`)."""
    if unit in UNIT_SHORT_NAMES:
        return UNIT_SHORT_NAMES[unit]
    if unit.endswith("市总工会"):
        return unit[: -len("工会")]
    if unit.startswith("省") and unit.endswith("工会"):
        return "辽宁" + unit
    return unit


def unit_city(unit: Unit) -> str:
    """The city a unit's enterprises are located in (provincial units: mostly Shenyang)."""
    for city in CITY_AREA_CODES:
        if unit.name.startswith(city):
            return city
    if unit.kind == "demo_zone":
        return "沈阳"
    return "沈阳"


# --- people --------------------------------------------------------------------------------

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
GIVEN_NAME_CHARS_MALE = list("建国军伟强磊明涛海峰志刚鹏飞宏斌勇振华东亮超永辉春林成德庆文")
GIVEN_NAME_CHARS_FEMALE = list("丽红艳敏静娟霞芳燕玲秀英梅琳雪婷慧颖萍洁晶")
ETHNICITIES = ["汉族"] * 8 + ["满族", "蒙古族", "回族", "朝鲜族", "锡伯族"]
POLITICS = ["中共党员"] * 5 + ["群众", "群众", "中共预备党员", "民盟盟员"]
EDUCATION = ["大学本科", "大学本科", "大专", "研究生", "中专", "高中", "技校"]


def person_name(rng: random.Random, gender: str) -> str:
    pool = GIVEN_NAME_CHARS_MALE if gender == "男" else GIVEN_NAME_CHARS_FEMALE
    given = "".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(SURNAMES) + given


# --- honours, titles, skill levels ------------------------------------------------------------

QUALIFYING_HONOURS = [
    "{year}年辽宁省劳动模范", "全国五一劳动奖章", "{year}年全国劳动模范", "{year}年{city}市劳动模范",
    "辽宁省五一劳动奖章", "{year}年{city}市先进工作者", "{year}年辽宁省先进工作者",
]
OTHER_HONOURS = [
    "{year}年{city}市五一劳动奖章", "辽宁省技术能手", "{year}年{city}工匠", "{city}市技术标兵",
    "{year}年辽宁省青年岗位能手", "全国技术能手", "{year}年度优秀共产党员",
]
LEADER_TITLES = ["班组长", "车间主任", "工段长", "技术主管", "高级工程师", "工程师", "副总工程师", "主任技师"]
SKILL_LEVELS = ["高级技师", "高级技师", "技师", "特级技师", "首席技师"]
SENIOR_TITLES = ["正高级工程师", "高级工程师"]


def honour(rng: random.Random, templates: list[str], city: str) -> str:
    template = rng.choice(templates)
    return template.format(year=rng.randint(year(2008), year(2020)), city=city)


def honours_text(rng: random.Random, city: str, *, qualifying: bool, count: int) -> str:
    """Honours as written on a form, one line, separated by `；` or `、`."""
    items: list[str] = []
    if qualifying:
        items.append(honour(rng, QUALIFYING_HONOURS, city))
        new = current().new_honour
        if new and rng.random() < 0.3:   # a later season's honour, the leader's only qualifying one
            items[0] = f"{rng.randint(year(2018), year(2020))}年{new}"
    while len(items) < count:
        candidate = honour(rng, OTHER_HONOURS, city)
        if candidate not in items:
            items.append(candidate)
    rng.shuffle(items)
    return rng.choice(("；", "、", "，")).join(items)


# --- organisations -------------------------------------------------------------------------------

KNOWN_ORGANISATIONS = {
    "沈阳": [
        "沈阳鼓风机集团股份有限公司", "沈阳机床股份有限公司",
        "北方重工集团有限公司", "沈阳新松机器人自动化股份有限公司",
    ],
    "大连": [
        "大连船舶重工集团有限公司", "大连机车车辆有限公司",
        "大连冰山集团有限公司", "大连华锐重工集团股份有限公司",
    ],
    "鞍山": ["鞍钢股份有限公司鞍山钢铁厂"],
}
PROVINCIAL_ORGANISATIONS = {
    "省教科文卫体工会": ["辽宁省肿瘤医院", "东北大学", "辽宁省实验中学", "辽宁省体育事业发展中心"],
    "省能源化学地质工会": [
        "国网辽宁省电力有限公司", "辽宁省地质矿产调查院有限责任公司",
        "中国石油抚顺石化公司",
    ],
    "省机械冶金建材工会": ["本钢板材股份有限公司", "鞍钢集团矿业有限公司", "辽宁忠旺精制投资有限公司"],
    "省农林水利气象工会": ["辽宁省水资源管理集团有限责任公司", "辽宁省气象装备保障中心"],
    "省财贸轻纺烟草工会": ["辽宁省烟草公司沈阳市公司", "辽宁省粮食发展集团有限责任公司"],
    "省国防邮电工会": [
        "沈阳飞机工业（集团）有限公司", "中国移动通信集团辽宁有限公司",
        "中国邮政集团有限公司辽宁省分公司",
    ],
    "省交通运输工会": [
        "辽宁省交通建设投资集团有限责任公司", "辽宁港口集团有限公司",
        "沈阳地铁集团有限公司",
    ],
    "省建设工会": ["辽宁省建设集团有限公司", "中建三局东北分公司", "沈阳城市建设投资集团有限公司"],
    "省退役军人事务厅": [
        "辽宁省荣誉军人康复医院", "辽宁省军队离退休干部休养所服务中心",
        "辽宁省退役军人就业创业服务中心",
    ],
    "省国资委": [
        "辽宁能源投资（集团）有限责任公司", "辽宁省交通规划设计院有限责任公司",
        "辽宁日报传媒集团",
    ],
    "省卫生健康委员会": ["中国医科大学附属第一医院", "辽宁省人民医院", "辽宁省疾病预防控制中心"],
}
ORG_CORES = ["重型机器", "精密制造", "数控机床", "石化", "热电", "轨道交通装备", "特钢", "汽车零部件",
             "电子科技", "新材料", "燃气", "港务", "水泥", "药业", "电力设备", "化工", "智能装备", "环保科技"]
ORG_SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司"]
PUBLIC_INSTITUTION_MARKERS = ("医院", "大学", "中学", "中心", "休养所", "调查院")
ORG_NATURES_COMPANY = ["国有企业", "国有控股企业", "民营企业", "股份制企业", "外资企业", "集体企业"]


def organisation_name(rng: random.Random, unit: Unit) -> str:
    if unit.name in PROVINCIAL_ORGANISATIONS and rng.random() < 0.8:
        return rng.choice(PROVINCIAL_ORGANISATIONS[unit.name])
    city = unit_city(unit)
    if city in KNOWN_ORGANISATIONS and rng.random() < 0.4:
        return rng.choice(KNOWN_ORGANISATIONS[city])
    return f"{city}{rng.choice(ORG_CORES)}{rng.choice(ORG_SUFFIXES)}"


def is_public_institution(organisation: str) -> bool:
    return organisation.endswith(PUBLIC_INSTITUTION_MARKERS)


def org_nature(rng: random.Random, organisation: str) -> str:
    return "事业单位" if is_public_institution(organisation) else rng.choice(ORG_NATURES_COMPANY)


def address(rng: random.Random, city: str) -> str:
    district = rng.choice(CITY_DISTRICTS.get(city, DEFAULT_DISTRICTS))
    return f"辽宁省{city}市{district}{rng.choice(STREETS)}{rng.randint(1, 188)}号"


# --- studios ---------------------------------------------------------------------------------

SPECIALTIES = ["数控加工", "焊接工艺", "电气自动化", "精密装配", "设备维修", "智能制造", "质量检测", "工艺改进",
               "模具设计", "节能降耗", "安全生产", "机车检修", "护理技术", "软件研发", "电网运维", "轧钢技术",
               "铸造工艺", "热处理", "化工工艺", "信息通信"]
EQUIPMENT = ["数控车床{n}台、加工中心{m}台", "三维扫描仪、3D打印机等设备{n}台套", "焊接机器人{n}台、检测设备{m}套",
             "实训操作台{n}套、计算机{m}台", "多媒体教室1间、仿真实训设备{n}套"]
TRAINING_PROGRAMS = ["数控车工", "焊工", "电工", "钳工", "维修电工", "铣工", "装配钳工", "化学检验员",
                     "仪表维修工", "起重装卸机械操作工", "机床装调维修工", "工业机器人系统操作员"]


def labor_model_studio_name(rng: random.Random, leader: str) -> str:
    return rng.choice([f"{leader}劳模创新工作室", f"{leader}劳模创新工作室", f"{leader}劳动模范创新工作室"])


def worker_studio_name(rng: random.Random, leader: str, specialty: str) -> str:
    return rng.choice([f"{specialty}职工创新工作室", f"{leader}职工创新工作室", f"{specialty}创新工作室",
                       f"{leader}技能大师工作室"])


def equipment_text(rng: random.Random) -> str:
    return rng.choice(EQUIPMENT).format(n=rng.randint(3, 20), m=rng.randint(2, 12))


# --- identifiers --------------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organisation_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714) with its own check character."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    total = sum(int(ch) * weight for ch, weight in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    check_char = {10: "X", 11: "0"}.get(check, str(check))
    return body + check_char


def credit_code(rng: random.Random, city: str, *, public_institution: bool = False) -> str:
    """A valid 18-character unified social credit code (GB 32100-2015)."""
    prefix = "12" if public_institution else "91"
    division = CITY_DIVISION_CODES.get(city, "210000")
    base = prefix + division + organisation_code(rng)
    code = base + uscc.calc_check_digit(base)
    assert uscc.is_valid(code), code
    return code


def corrupt_credit_code(code: str) -> str:
    """The same code with a wrong check character."""
    correct = code[-1]
    wrong = USCC_ALPHABET[(USCC_ALPHABET.index(correct) + 7) % len(USCC_ALPHABET)]
    return code[:-1] + wrong


def mobile_phone(rng: random.Random) -> str:
    return rng.choice(["139", "138", "135", "186", "158", "150", "189", "137", "152"]) + "".join(
        rng.choice("0123456789") for _ in range(8)
    )


def landline_phone(rng: random.Random, city: str) -> str:
    area = CITY_AREA_CODES.get(city, "024")
    digits = 8 if area == "024" else 7
    first = rng.choice("2345678")
    return area + first + "".join(rng.choice("0123456789") for _ in range(digits - 1))


def phone(rng: random.Random, city: str) -> str:
    return mobile_phone(rng) if rng.random() < 0.7 else landline_phone(rng, city)


def high_tech_cert_no(rng: random.Random, year: int) -> str:
    return f"GR{year}21{rng.randint(0, 9999):06d}"


def sme_cert_no(rng: random.Random, year: int, city: str) -> str:
    division = CITY_DIVISION_CODES.get(city, "210100")
    return f"{year}{division}A{rng.randint(0, 9999999):07d}"
