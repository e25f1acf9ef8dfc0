"""Output columns of SPEC §6 and the canonical type of every field (the contract's names)."""

from __future__ import annotations

STUDIO_COLUMNS = [
    "record_id", "category", "recommending_unit", "studio_name", "organization", "credit_code",
    "org_nature", "tech_category", "leader_name", "leader_gender", "leader_birth", "leader_title",
    "leader_skill_level", "leader_honors", "leader_phone", "team_size", "established",
    "venue_area_m2", "annual_funding_wan", "economic_benefit_wan", "patents", "tackled_projects",
    "suggestions", "trained_workers", "apprentices", "source_files",
]
TRAINING_BASE_COLUMNS = [
    "record_id", "recommending_unit", "enterprise_name", "credit_code", "tech_category", "cert_no",
    "cert_date", "address", "legal_rep", "employees", "contact_name", "contact_phone",
    "training_area_m2", "equipment_sets", "full_time_teachers", "part_time_teachers",
    "training_programs", "trainees_2018", "trainees_2019", "trainees_2020", "satisfaction_rate",
    "has_training_records", "has_followup_service", "has_incentives", "source_files",
]
FILE_COLUMNS = ["file", "sha256", "format", "doc_type", "recommending_unit", "status", "records", "message"]

INTEGER_FIELDS = frozenset({
    "team_size", "patents", "tackled_projects", "suggestions", "trained_workers", "apprentices",
    "employees", "equipment_sets", "full_time_teachers", "part_time_teachers",
    "trainees_2018", "trainees_2019", "trainees_2020", "records",
    "teachers_total",  # 附件7's one column for full- and part-time teachers
})
FLOAT_FIELDS = frozenset({
    "venue_area_m2", "annual_funding_wan", "economic_benefit_wan", "training_area_m2", "satisfaction_rate",
})
MONTH_FIELDS = frozenset({"leader_birth", "established", "cert_date"})
BOOL_FIELDS = frozenset({"has_training_records", "has_followup_service", "has_incentives"})
PHONE_FIELDS = frozenset({"leader_phone", "contact_phone"})

CATEGORIES = ["labor_model_studio", "worker_studio_tech", "worker_studio_other", "training_base"]
STUDIO_CATEGORIES = CATEGORIES[:3]
CATEGORY_LABELS = {
    "labor_model_studio": "劳模创新工作室",
    "worker_studio_tech": "职工创新工作室（科技型企业）",
    "worker_studio_other": "职工创新工作室（其他类型企业）",
    "training_base": "职工职业技能培训基地",
}
DOC_TYPES = [
    "quota_table", "summary_labor_model", "summary_worker_tech", "summary_worker_other",
    "summary_training_base", "studio_form", "training_base_form", "material", "archive", "unknown",
]
SUMMARY_DOC_TYPE = {
    "labor_model_studio": "summary_labor_model",
    "worker_studio_tech": "summary_worker_tech",
    "worker_studio_other": "summary_worker_other",
    "training_base": "summary_training_base",
}

# The yearly trainee columns keep their contract names in every season; they hold the three years
# before the campaign's year (`Campaign.yearly_trainee_years`), so their labels name no year.
TRAINEE_COLUMNS = ("trainees_2018", "trainees_2019", "trainees_2020")


def trainee_labels(years: tuple[int, int, int]) -> dict[str, str]:
    """`{"trainees_2018": "2019年实名制培训人次", …}` for a season whose three years are `years`."""
    return {column: f"{year}年实名制培训人次" for column, year in zip(TRAINEE_COLUMNS, years, strict=True)}


FIELD_LABELS = {
    "category": "工作室类别", "recommending_unit": "推荐单位", "studio_name": "工作室名称",
    "organization": "所在单位", "credit_code": "统一社会信用代码", "org_nature": "单位性质",
    "tech_category": "科技型企业类别", "leader_name": "领衔人", "leader_gender": "性别",
    "leader_birth": "出生年月", "leader_title": "职务/职称", "leader_skill_level": "技能等级",
    "leader_honors": "荣誉称号", "leader_phone": "联系电话", "team_size": "团队人数",
    "established": "成立时间", "venue_area_m2": "活动场所面积（平方米）", "annual_funding_wan": "年度经费（万元）",
    "economic_benefit_wan": "近三年经济效益（万元）", "patents": "获得专利（项）",
    "tackled_projects": "完成技术攻关（项）", "suggestions": "合理化建议（条）",
    "trained_workers": "培训职工（人次）", "apprentices": "师带徒（对）",
    "enterprise_name": "企业名称", "cert_no": "认定证书编号", "cert_date": "认定时间", "address": "企业地址",
    "legal_rep": "法定代表人", "employees": "职工人数", "contact_name": "联系人", "contact_phone": "联系电话",
    "training_area_m2": "培训场所面积（平方米）", "equipment_sets": "教学设备（台套）",
    "full_time_teachers": "专职教师（人）", "part_time_teachers": "兼职教师（人）",
    "training_programs": "主要培训专业（工种）", "trainees_2018": "近三年中第一年实名制培训人次",
    "trainees_2019": "近三年中第二年实名制培训人次", "trainees_2020": "上年度实名制培训人次",
    "satisfaction_rate": "学员满意率", "teachers_total": "专兼职教师人数",
    "has_training_records": "培训记录台账", "has_followup_service": "培训后跟踪服务", "has_incentives": "培训激励办法",
    "opinion_city_union": "市总工会意见",
}
