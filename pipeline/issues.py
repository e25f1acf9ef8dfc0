"""Issue types (stable codes, severities, Chinese message templates) and the Issue record.

Every problem the pipeline finds is an `Issue`; nothing is raised to the user. Each code of
SPEC §3 is declared once here; checks build issues with `make_issue`, which fills the template.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from string import Formatter

ISSUE_COLUMNS = [
    "code", "severity", "recommending_unit", "category", "entity", "field",
    "message", "file", "location", "value", "expected",
]


@dataclass(frozen=True, slots=True)
class IssueType:
    code: str
    severity: str
    template: str
    description: str


ISSUE_TYPES: dict[str, IssueType] = {}


def _declare(code: str, severity: str, template: str, description: str) -> None:
    ISSUE_TYPES[code] = IssueType(code, severity, template, description)


# Rules from the notice
_declare("OPERATION_UNDER_1_YEAR", "error", "成立时间为{value}，不满一年（应不晚于{expected}）",
         "工作室成立时间须在截止日期前满一年。")
_declare("LEADER_NOT_QUALIFIED", "warning", "领衔人荣誉“{value}”不符合劳模创新工作室领衔人条件（{expected}）",
         "劳模创新工作室领衔人原则上应为市级以上劳动模范/先进工作者或省级以上五一劳动奖章获得者。")
_declare("LEADER_SKILL_MISSING", "warning", "未填写领衔人的高技能等级或高级职称（{expected}）",
         "职工创新工作室领衔人应为工匠或高技能人才。")
_declare("ESTABLISHED_UNIT_NOT_ELIGIBLE", "warning", "名称“{value}”像是已有研发机构或班组，而非创新工作室",
         "研发中心、研究所、技术中心、班组、车间等不宜作为创新工作室申报。")
_declare("ALREADY_NAMED", "error", "该劳模创新工作室已于{expected}被命名，不得重复推荐",
         "已命名的省级劳模创新工作室不得重复推荐。")
_declare("UPGRADE_FROM_WORKER_STUDIO", "info", "该工作室已于{expected}被命名为职工创新工作室，本次推荐为劳模创新工作室",
         "已命名的职工创新工作室可推荐为劳模创新工作室。")
_declare("NOT_TECH_ENTERPRISE", "error", "所在企业未填写科技型企业类别（{expected}）",
         "科技型企业类工作室和培训基地须为科技型企业。")
_declare("TRAINING_SYSTEM_INCOMPLETE", "warning", "培训制度建设缺少：{expected}",
         "培训基地应具备培训记录台账、培训后跟踪服务、培训激励办法。")
_declare("QUOTA_EXCEEDED", "error", "推荐数量{value}超过名额{expected}", "推荐数量不得超过分配名额。")
_declare("TECH_SHARE_BELOW_QUOTA", "warning", "科技型企业职工创新工作室{value}个，少于要求的{expected}个",
         "科技型企业职工创新工作室数量应不少于名额表中“其中”数。")
_declare("JOINT_RECOMMENDATION_MISSING", "error", "省直单位推荐的工作室缺少市总工会意见",
         "省直推荐单位的工作室须经所在地市总工会联合推荐。")
_declare("LATE_SUBMISSION", "warning", "日期{value}晚于截止日期{expected}", "材料日期晚于截止日期。")
# Completeness and consistency
_declare("MISSING_FIELD", "error", "未填写“{field_label}”", "必填项缺失。")
_declare("INVALID_CREDIT_CODE", "error", "统一社会信用代码“{value}”校验不通过",
         "统一社会信用代码应符合 GB 32100-2015。")
_declare("INVALID_PHONE", "warning", "联系电话“{value}”不是有效的手机号或带区号的固定电话", "电话号码格式不正确。")
_declare("INVALID_DATE", "error", "“{field_label}”的值“{value}”无法识别为日期或晚于今天",
         "日期无法识别或在未来。")
_declare("INVALID_NUMBER", "error", "“{field_label}”的值“{value}”无法识别为数字或为负数",
         "数量、面积、金额无法识别或为负数。")
_declare("INVALID_VALUE", "warning", "“{field_label}”的值“{value}”无法识别（{expected}）", "取值无法识别。")
_declare("CATEGORY_MISMATCH", "error", "工作室类别“{value}”与所在汇总表“{expected}”不一致",
         "基本情况表勾选的类别与汇总表不一致，或未勾选/多选。")
_declare("SUMMARY_FORM_MISMATCH", "error", "“{field_label}”汇总表为“{expected}”，申报表为“{value}”",
         "汇总表与申报表同一字段不一致。")
_declare("MISSING_FORM", "error", "汇总表列出的“{entity}”没有对应的申报表", "汇总表中的推荐对象缺少申报表。")
_declare("NOT_IN_SUMMARY", "error", "申报表“{entity}”未列入任何汇总表", "申报表未列入汇总表。")
_declare("MISSING_MATERIAL", "warning", "“{entity}”没有申报材料", "工作室缺少申报材料。")
_declare("NARRATIVE_MISMATCH", "warning", "申报材料中“{field_label}”为{value}，申报表为{expected}",
         "申报材料所述事实与申报表不一致。")
_declare("DUPLICATE_RECOMMENDATION", "error", "“{entity}”被重复推荐（{expected}）", "同一推荐对象被重复推荐。")
_declare("DUPLICATE_LEADER", "warning", "领衔人“{value}”同时领衔多个被推荐工作室（{expected}）",
         "同一人领衔两个及以上被推荐工作室。")
_declare("TOTAL_MISMATCH", "warning", "合计行为{value}，实际合计为{expected}", "合计行与明细不符。")
_declare("UNIT_CONFLICT", "warning", "文件位置/名称显示为“{expected}”，内容显示为“{value}”",
         "文件夹或文件名中的推荐单位与内容不一致。")
_declare("UNKNOWN_UNIT", "error", "无法确定推荐单位", "无法确定推荐单位。")
_declare("UNREADABLE_FILE", "error", "文件无法读取：{value}", "文件损坏、截断或格式与扩展名不符。")
_declare("ENCRYPTED_FILE", "error", "文件设有密码，无法读取", "文件受密码保护。")
_declare("UNKNOWN_DOCUMENT", "warning", "文件可以读取，但不是本次申报的任何附件", "不是任何附件类型的文件。")
_declare("LOW_CONFIDENCE_OCR", "warning", "扫描件中“{field_label}”识别为“{value}”，把握不大（{expected}），请核对原件",
         "扫描件识别置信度低的值，需人工核对。")
_declare("CORRECTION_INVALID", "warning", "审核更正无法应用：{expected}",
         "审核人员填写的更正或豁免有误（记录编号、字段、取值或理由）。")
_declare("DUPLICATE_FILE", "info", "与“{expected}”内容完全相同", "与收件箱中另一文件字节完全相同。")


@dataclass(slots=True)
class Issue:
    code: str
    severity: str
    message: str
    recommending_unit: str = ""
    category: str = ""
    entity: str = ""
    field: str = ""
    file: str = ""
    location: str = ""
    value: str = ""
    expected: str = ""

    def as_row(self) -> dict[str, str]:
        row = asdict(self)
        return {column: _text(row[column]) for column in ISSUE_COLUMNS}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def make_issue(code: str, *, severity: str | None = None, field_label: str = "", **fields: object) -> Issue:
    """Build an issue of a declared code, its message filled from the given fields."""
    issue_type = ISSUE_TYPES[code]
    names = {name for _, name, _, _ in Formatter().parse(issue_type.template) if name}
    values = {name: _text(fields.get(name, "")) for name in names}
    if "field_label" in names:
        values["field_label"] = field_label or _text(fields.get("field", ""))
    known = {k: _text(v) for k, v in fields.items() if k in Issue.__dataclass_fields__}
    return Issue(code=code, severity=severity or issue_type.severity,
                 message=issue_type.template.format(**values), **known)
