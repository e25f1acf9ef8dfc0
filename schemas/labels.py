"""Label vocabularies: the words people write in headers and form labels, per document family.

Each vocabulary maps a canonical field to its synonyms. `LabelMatcher` compares labels after
`label_key` (no spaces, half-width brackets, no trailing colon, units in brackets dropped), so
`性  别：`, `培训场所面积(平方米)` and `培训场所面积（㎡）` all find their field.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

# Trainee counts are read per year (`trainees_2019` from a `2019年` label, any year of this range);
# `pipeline.loader` puts the campaign's three years into the contract's columns
# trainees_2018/2019/2020. `trainees_last_year` is the 上年度 count (the last of the three).
TRAINEE_YEARS = range(2000, 2100)


# A bare year (`2019` over a count) only for these: a bare number of another year is too often a count.
BARE_TRAINEE_YEARS = (2018, 2019, 2020)


def _trainee_labels(*forms: str, bare: tuple[int, ...] = ()) -> dict[str, list[str]]:
    return {f"trainees_{year}": [form.format(year=year) for form in forms] + ([str(year)] if year in bare else [])
            for year in TRAINEE_YEARS}


SUMMARY_STUDIO = {
    "seq": ["序号", "编号", "序"],
    "category": ["类别", "工作室类别", "申报类别", "推荐类别", "工作室类型"],
    "studio_name": ["工作室名称", "创新工作室名称", "工作室全称", "名称"],
    "organization": ["所在单位", "所在企业", "所在单位名称", "工作单位", "单位名称", "所属单位", "依托单位"],
    "credit_code": ["统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码", "所在单位统一社会信用代码"],
    "tech_category": ["科技型企业类别", "科技型企业类型", "科技企业类别", "企业类别", "科技型企业认定类别"],
    "org_nature": ["单位性质", "企业性质", "所在单位性质"],
    "leader_name": ["领衔人", "领衔人姓名", "工作室领衔人", "姓名", "领衔人员", "带头人", "工作室带头人"],
    "leader_gender": ["性别"],
    "leader_birth": ["出生年月", "出生日期", "出生年月日", "出生时间"],
    "leader_honors": ["荣誉称号", "获得荣誉", "所获荣誉", "荣誉", "领衔人荣誉称号", "获得荣誉称号", "所获主要荣誉",
                      "主要荣誉"],
    "leader_title": ["职务/职称", "职务职称", "职务", "职务及职称", "职务、职称"],
    "leader_skill_level": ["技能等级或职称", "技能等级", "技术等级", "技能等级/职称", "职称/技能等级",
                           "技能等级(职称)", "技能等级或专业技术职称"],
    "team_size": ["团队人数", "团队成员人数", "成员人数", "工作室人数", "团队成员数", "团队人员数", "人数", "工作室成员数",
                  "工作室成员人数"],
    "established": ["成立时间", "成立日期", "组建时间", "创建时间", "成立年月", "组建日期", "创建年月", "创建日期"],
    "leader_phone": ["联系电话", "电话", "手机", "联系方式", "手机号码", "手机号", "联系电话(手机)"],
    "email": ["邮箱", "电子邮箱", "电子信箱", "联系邮箱", "email", "e-mail", "Email", "E-mail", "EMAIL", "E-MAIL"],
    "remarks": ["备注"],
}

SUMMARY_BASE = {
    "seq": ["序号", "编号"],
    "enterprise_name": ["企业名称", "单位名称", "申报单位", "申报企业", "企业(单位)名称"],
    "credit_code": SUMMARY_STUDIO["credit_code"],
    "tech_category": SUMMARY_STUDIO["tech_category"],
    "employees": ["职工人数", "职工总数", "在职职工人数", "职工数"],
    "training_area_m2": ["培训场所面积", "培训场地面积", "培训面积", "培训场所面积(平方米)"],
    "teachers_total": ["专兼职教师人数", "教师人数", "专兼职教师", "师资人数", "专兼职教师数"],
    "full_time_teachers": ["专职教师", "专职", "专职教师人数", "专职教师(人)"],
    "part_time_teachers": ["兼职教师", "兼职", "兼职教师人数", "兼职教师(人)"],
    **_trainee_labels("{year}年", "{year}年度", "{year}年实名制培训人次", "{year}年培训人次"),
    "trainees_last_year": ["上年度实名制培训人次", "上年度培训人次", "实名制培训人次"],
    "training_programs": ["主要培训专业(工种)", "主要培训专业", "培训专业", "培训工种", "主要培训工种", "职业(工种)",
                          "培训职业(工种)"],
    "contact_name": ["联系人", "联系人姓名", "姓名"],
    "contact_phone": ["联系电话", "电话", "手机", "联系方式"],
    "email": ["邮箱", "电子邮箱", "电子信箱", "联系邮箱", "email", "e-mail", "Email", "E-mail", "EMAIL", "E-MAIL"],
    "remarks": ["备注"],
}

QUOTA = {
    "seq": ["序号"],
    "unit": ["推荐单位", "单位", "单位名称"],
    "labor_model_studio": ["劳模创新工作室(个)", "劳模创新工作室"],
    "worker_studio": ["职工创新工作室(个)", "职工创新工作室"],
    "worker_studio_tech_min": ["其中:科技型企业(个)", "其中:科技型企业", "其中科技型企业", "科技型企业"],
    "training_base": ["职工职业技能培训基地(个)", "职工职业技能培训基地", "培训基地"],
    "remarks": ["备注"],
}

REGISTRY = {
    "year": ["命名年份", "年份", "命名年度"],
    "kind": ["类别", "类型"],
    "studio_name": ["工作室名称", "名称"],
    "organization": ["所在单位", "单位"],
    "leader_name": ["领衔人", "领衔人姓名"],
}

STUDIO_FORM = {
    "studio_name": ["工作室名称", "创新工作室名称", "名称"],
    "category": ["工作室类别", "工作室类型", "类别", "申报类别", "申报类型", "推荐类别", "推荐类型"],
    "enterprise_type": ["企业类型", "企业类别"],
    "organization": ["所在单位", "所在企业", "所在单位名称", "工作单位", "单位名称", "企业名称", "依托单位", "依托企业", "单位"],
    "credit_code": SUMMARY_STUDIO["credit_code"],
    "org_nature": ["单位性质", "企业性质", "性质"],
    "tech_category": SUMMARY_STUDIO["tech_category"],
    "leader_name": ["领衔人姓名", "领衔人", "工作室领衔人", "姓名", "领衔人员", "工作室带头人", "带头人", "带头人姓名"],
    "leader_gender": ["性别"],
    "leader_birth": SUMMARY_STUDIO["leader_birth"],
    "ethnicity": ["民族"],
    "political_status": ["政治面貌"],
    "education": ["文化程度", "学历"],
    "leader_title": ["职务/职称", "职务职称", "职务", "职务及职称", "职务、职称"],
    "leader_skill_level": ["技能等级", "技术等级", "技能等级或职称", "职业技能等级"],
    "leader_phone": SUMMARY_STUDIO["leader_phone"],
    "leader_honors": SUMMARY_STUDIO["leader_honors"],
    "team_size": SUMMARY_STUDIO["team_size"],
    "established": SUMMARY_STUDIO["established"],
    "venue_area_m2": ["活动场所面积", "场所面积", "活动场所面积(平方米)", "工作室面积", "活动场地面积"],
    "venue_combined": ["活动场所及设施", "活动场所及设备", "场所及设施", "活动场所及设备设施", "场地及设备"],
    "equipment": ["设备设施", "设施设备", "主要设备设施"],
    "annual_funding_wan": ["年度经费", "年度经费(万元)", "年经费", "每年经费"],
    "economic_benefit_wan": ["近三年经济效益", "近三年经济效益(万元)", "经济效益", "近三年创造经济效益", "近三年创效",
                             "创造经济效益"],
    "patents": ["获得专利", "获得专利(项)", "专利", "专利数", "获得专利数"],
    "tackled_projects": ["完成技术攻关", "完成技术攻关(项)", "技术攻关", "技术攻关项目"],
    "suggestions": ["合理化建议", "合理化建议(条)", "提出合理化建议"],
    "trained_workers": ["培训职工", "培训职工(人次)", "培训职工人次"],
    "apprentices": ["师带徒", "师带徒(对)", "师徒结对"],
    "introduction": ["工作室简介", "简介"],
    "achievements": ["主要创新成果", "创新成果", "主要成果", "主要业绩", "取得成果", "主要创新成果及效益", "近三年主要成果",
                     "近三年主要创新成果"],
    "opinion_org_union": ["所在单位工会意见", "单位工会意见", "所在单位意见", "所在单位党组织意见"],
    "opinion_recommender": ["推荐单位意见", "推荐意见", "推荐意见及盖章", "推荐单位意见及盖章", "推荐单位推荐意见"],
    "opinion_city_union": ["市总工会意见", "所在市总工会意见", "市总意见"],
    "recommending_unit": ["推荐单位", "推荐单位名称", "报送单位", "推荐单位(盖章)"],
    "remarks": ["备注", "说明", "其他说明"],
}

BASE_FORM = {
    "enterprise_name": ["企业名称", "单位名称", "申报单位"],
    "credit_code": SUMMARY_STUDIO["credit_code"],
    "tech_category": SUMMARY_STUDIO["tech_category"],
    "enterprise_type": ["企业类型"],
    "cert_no": ["认定证书编号", "证书编号", "认定编号"],
    "cert_combined": ["高新技术企业证书编号及认定时间", "证书编号及认定时间", "认定证书编号及认定时间", "认定证书编号及时间",
                      "科技型企业证书编号及认定时间"],
    "cert_date": ["认定时间", "认定日期", "发证时间", "认定年月"],
    "address": ["企业地址", "地址", "通讯地址", "单位地址"],
    "legal_rep": ["法定代表人", "法人代表", "法人"],
    "employees": ["职工人数", "职工总数", "在职职工人数"],
    "contact_name": ["联系人", "联系人姓名"],
    "contact_combined": ["联系人及电话", "联系人及联系方式", "联系人及联系电话", "联系人/电话"],
    "contact_phone": ["联系电话", "电话", "手机", "联系方式"],
    "training_area_m2": SUMMARY_BASE["training_area_m2"],
    "equipment_sets": ["教学设备", "教学设备(台套)", "教学设备台套数", "培训设备"],
    "full_time_teachers": ["专职教师", "专职教师(人)", "专职教师人数"],
    "part_time_teachers": ["兼职教师", "兼职教师(人)", "兼职教师人数"],
    "teachers_combined": ["师资情况", "师资力量", "教师情况", "专兼职教师"],
    "training_programs": SUMMARY_BASE["training_programs"],
    "trainees_header": ["近三年实名制培训人次", "实名制培训人次", "近三年培训人次", "近三年实名制培训情况"],
    **_trainee_labels("{year}年", "{year}年度", "{year}年实名制培训人次", "{year}年培训人次", bare=BARE_TRAINEE_YEARS),
    "trainees_last_year": ["上年度实名制培训人次", "上年度培训人次"],
    "satisfaction_rate": ["学员满意率", "满意率", "培训满意率"],
    "training_system": ["培训制度建设", "培训制度", "制度建设", "培训制度建设情况"],
    "has_training_records": ["培训记录台账", "培训台账"],
    "has_followup_service": ["培训后跟踪服务", "跟踪服务"],
    "has_incentives": ["培训激励办法", "激励办法"],
    "introduction": ["基地简介", "简介", "企业简介"],
    "opinion_org_union": ["企业工会意见", "所在单位工会意见", "单位工会意见"],
    "opinion_recommender": ["推荐单位意见", "推荐意见", "推荐意见及盖章", "推荐单位意见及盖章"],
    "recommending_unit": ["推荐单位", "推荐单位名称", "报送单位", "推荐单位(盖章)"],
    "remarks": ["备注", "说明", "其他说明"],
}

# Fallback when no synonym fits: every word of one tuple inside a short label names the field.
# Checked in order, so the more specific fields come first.
STUDIO_KEYWORDS = {
    "credit_code": [("信用代码",), ("统一代码",)],
    "tech_category": [("科技", "类")],
    "studio_name": [("工作室", "名"), ("工作室", "称")],
    "leader_gender": [("性别",)],
    "leader_birth": [("出生",)],
    "leader_honors": [("荣誉",), ("称号",)],
    "leader_phone": [("电话",), ("手机",), ("联系方式",)],
    "leader_skill_level": [("技能",), ("技术等级",)],
    "leader_title": [("职务",), ("职称",)],
    "leader_name": [("领衔",), ("带头人",)],
    "org_nature": [("性质",)],
    "organization": [("所在", "单位"), ("所在", "企业"), ("工作单位",), ("单位", "称"), ("企业", "称")],
    "team_size": [("团队",), ("成员",)],
    "established": [("成立",), ("组建",), ("创建",), ("创立",)],
    "venue_area_m2": [("面积",)],
    "annual_funding_wan": [("经费",)],
    "economic_benefit_wan": [("效益",), ("创效",)],
    "patents": [("专利",)],
    "tackled_projects": [("攻关",)],
    "suggestions": [("建议",)],
    "apprentices": [("师带徒",), ("带徒",), ("徒弟",)],
    "trained_workers": [("培训",)],
    "equipment": [("设备",), ("设施",)],
    "introduction": [("简介",), ("简要",)],
}
BASE_KEYWORDS = {
    "credit_code": [("信用代码",), ("统一代码",)],
    "tech_category": [("科技", "类")],
    "cert_combined": [("编号", "时间"), ("编号", "日期")],
    "cert_date": [("认定", "时间"), ("认定", "日期"), ("认定", "年"), ("证书", "时间"), ("发证", "时间")],
    "cert_no": [("证书",), ("认定", "编号")],
    "enterprise_name": [("企业", "称"), ("单位", "称"), ("企业", "名")],
    "address": [("地址",), ("住所",)],
    "legal_rep": [("法定",), ("法人",)],
    "employees": [("职工", "数"), ("员工", "数")],
    "contact_phone": [("电话",), ("手机",), ("联系方式",)],
    "contact_name": [("联系人",)],
    "training_area_m2": [("面积",)],
    "equipment_sets": [("设备",)],
    "full_time_teachers": [("专职",)],
    "part_time_teachers": [("兼职",)],
    "teachers_combined": [("师资",)],
    "teachers_total": [("教师",)],
    "training_programs": [("专业",), ("工种",)],
    "satisfaction_rate": [("满意",)],
    "training_system": [("制度",)],
    "trainees_last_year": [("培训", "人次")],
    "introduction": [("简介",)],
}
KEYWORD_MAX_LENGTH = 12
# A cell ending like a name is a value, however many label words it holds (`设备维修创新工作室`).
NAME_ENDINGS = ("工作室", "公司", "集团", "企业", "工厂", "厂", "中心", "站", "所", "院", "局", "队", "基地", "学校")

_BRACKETED = re.compile(r"\([^()]*\)$")
_ALL_BRACKETED = re.compile(r"\([^()]*\)")
_LATIN = re.compile(r"[A-Za-z][A-Za-z.&/'-]*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEADING_NUMBER = re.compile(r"^(?:\d{1,2}[、.)]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\))")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """The comparable form of a label: half-width, no spaces, no trailing colon or asterisk."""
    key = unicodedata.normalize("NFKC", text)
    key = _SPACES.sub("", key).strip("*:：").replace("（", "(").replace("）", ")")
    return key


def label_core(text: str) -> str:
    """The label key without an English gloss (`工作室名称 Studio name`) or a leading number (`1、`)."""
    key = label_key(text)
    if _LATIN.search(key) and _CJK.search(key):
        key = _LATIN.sub("", key)
    numbered = _LEADING_NUMBER.match(key)
    return key[numbered.end():] if numbered and len(key) > numbered.end() else key


def base_key(key: str) -> str:
    """A label key without a trailing bracketed unit: `培训场所面积(平方米)` → `培训场所面积`."""
    stripped = _BRACKETED.sub("", key)
    return stripped or key


class LabelMatcher:
    """Finds the field a label names, exactly first, then by close spelling."""

    def __init__(self, vocabulary: dict[str, list[str]], *, fuzzy_cutoff: float = 90.0,
                 keywords: dict[str, list[tuple[str, ...]]] | None = None) -> None:
        self.keywords = [(field, words) for field, options in (keywords or {}).items()
                         if field in vocabulary for words in options]
        self.exact: dict[str, str] = {}
        for field, synonyms in vocabulary.items():
            for synonym in synonyms:
                key = label_key(synonym)
                self.exact.setdefault(key, field)
                self.exact.setdefault(base_key(key), field)
        self.keys = list(self.exact)
        self.fuzzy_cutoff = fuzzy_cutoff
        self._cache: dict[str, str | None] = {}

    def match(self, text: str) -> str | None:
        if not text or len(text) > 40:
            return None
        cached = self._cache.get(text, "")
        if cached != "":
            return cached
        field = self._match(label_key(text))
        self._cache[text] = field
        return field

    def _match(self, key: str) -> str | None:
        if not key:
            return None
        key = label_core(key)  # `工作室名称 Studio name`, `1、工作室名称` → the label itself
        for candidate in (key, base_key(key), _ALL_BRACKETED.sub("", key)):
            if candidate in self.exact:
                return self.exact[candidate]
        if any(ch.isdigit() for ch in key) or ":" in key:
            return None
        core = _ALL_BRACKETED.sub("", key) or key  # `科技型企业认定(入库)编号` → `科技型企业认定编号`
        if len(core) <= KEYWORD_MAX_LENGTH and "意见" not in core and not core.endswith(NAME_ENDINGS):
            for field, words in self.keywords:
                if all(word in core for word in words):
                    return field
        if len(key) < 4:
            return None
        best = process.extractOne(core, self.keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
        return self.exact[best[0]] if best else None


@lru_cache(maxsize=1)
def _all_label_keys() -> frozenset[str]:
    vocabularies = (SUMMARY_STUDIO, SUMMARY_BASE, STUDIO_FORM, BASE_FORM)
    keys = {label_key(synonym) for vocabulary in vocabularies for synonyms in vocabulary.values() for synonym in synonyms}
    return frozenset(keys | {base_key(key) for key in keys})


def is_label_text(text: str) -> bool:
    """Whether a value read from a document is itself one of the labels (a misread layout)."""
    key = label_key(text or "")
    if len(key) < 2 or any(ch.isdigit() for ch in key):  # `2018年` is a label and a value
        return False
    return key in _all_label_keys() or base_key(key) in _all_label_keys()
