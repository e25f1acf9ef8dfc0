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
    title: str = ""          # a short Chinese name, shown where clerks read the code
    in_letter: bool = True   # False: the office's own reading problem, never put to the unit as its fault


TITLES = {
    "OPERATION_UNDER_1_YEAR": "成立不满一年",
    "LEADER_NOT_QUALIFIED": "领衔人条件不符",
    "LEADER_SKILL_MISSING": "领衔人技能等级缺失",
    "ESTABLISHED_UNIT_NOT_ELIGIBLE": "疑似已有机构",
    "ALREADY_NAMED": "已被命名",
    "UPGRADE_FROM_WORKER_STUDIO": "职工创新工作室升级推荐",
    "NOT_TECH_ENTERPRISE": "非科技型企业",
    "TRAINING_SYSTEM_INCOMPLETE": "培训制度不全",
    "QUOTA_EXCEEDED": "超出名额",
    "TECH_SHARE_BELOW_QUOTA": "科技型数量不足",
    "JOINT_RECOMMENDATION_MISSING": "缺少市总工会意见",
    "LATE_SUBMISSION": "晚于截止日期",
    "MISSING_FIELD": "必填项缺失",
    "INVALID_CREDIT_CODE": "信用代码有误",
    "INVALID_PHONE": "电话格式有误",
    "INVALID_DATE": "日期有误",
    "INVALID_NUMBER": "数字有误",
    "INVALID_VALUE": "取值无法识别",
    "CATEGORY_MISMATCH": "类别不一致",
    "SUMMARY_FORM_MISMATCH": "汇总表与申报表不一致",
    "MISSING_FORM": "缺少申报表",
    "NOT_IN_SUMMARY": "未列入汇总表",
    "MISSING_MATERIAL": "缺少申报材料",
    "NARRATIVE_MISMATCH": "申报材料与申报表不一致",
    "DUPLICATE_RECOMMENDATION": "重复推荐",
    "DUPLICATE_LEADER": "领衔人重复",
    "TOTAL_MISMATCH": "合计不符",
    "UNIT_CONFLICT": "推荐单位不一致",
    "UNKNOWN_UNIT": "推荐单位不明",
    "UNREADABLE_FILE": "文件无法读取",
    "ENCRYPTED_FILE": "文件加密",
    "UNKNOWN_DOCUMENT": "非申报附件",
    "LOW_CONFIDENCE_OCR": "扫描识别存疑",
    "CORRECTION_INVALID": "审核更正有误",
    "DUPLICATE_FILE": "重复文件",
    "NOT_RECOGNISED": "未能识别",
    "UNLINKED_MATERIAL": "材料未能对应",
    "PROCESSING_FAILED": "程序未能处理",
}


ISSUE_TYPES: dict[str, IssueType] = {}


def _declare(code: str, severity: str, template: str, description: str, *, in_letter: bool = True) -> None:
    ISSUE_TYPES[code] = IssueType(code, severity, template, description, TITLES[code], in_letter)


# Rules from the notice
_declare("OPERATION_UNDER_1_YEAR", "error", "成立时间为{value}，不满一年（应不晚于{expected}）",
         "工作室成立时间须在截止日期前满一年。")
_declare("LEADER_NOT_QUALIFIED", "warning", "领衔人荣誉“{value}”不符合劳模创新工作室领衔人条件（{expected}）",
         "劳模创新工作室领衔人原则上应具备活动配置（qualifying_honours）所列荣誉之一，"
         "如 2021 年通知的市级以上劳动模范/先进工作者或省级以上五一劳动奖章。")
_declare("LEADER_SKILL_MISSING", "warning", "未填写领衔人的高技能等级或高级职称（{expected}）",
         "职工创新工作室领衔人应为工匠或高技能人才。")
_declare("ESTABLISHED_UNIT_NOT_ELIGIBLE", "warning", "名称“{value}”像是已有研发机构或班组，而非创新工作室",
         "研发中心、研究所、技术中心、班组、车间等不宜作为创新工作室申报。")
_declare("ALREADY_NAMED", "error", "该劳模创新工作室已于{expected}被命名，不得重复推荐",
         "已命名的省级劳模创新工作室不得重复推荐。")
_declare("UPGRADE_FROM_WORKER_STUDIO", "info", "该工作室已于{expected}被命名为职工创新工作室，本次推荐为劳模创新工作室",
         "已命名的职工创新工作室可推荐为劳模创新工作室。")
_declare("NOT_TECH_ENTERPRISE", "error", "所在企业的科技型企业类别为“{value}”，不是{expected}之一",
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
_declare("INVALID_DATE", "error", "“{field_label}”的值“{value}”不是有效日期（{expected}）",
         "日期无法识别，或晚于活动截止日期或本表自己的填报日期（该年度不可能出现的日期，与哪天运行无关）。")
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
_declare("UNKNOWN_DOCUMENT", "warning", "文件可以读取，但不是本次申报的任何附件", "不是任何附件类型的文件。",
         in_letter=False)
_declare("LOW_CONFIDENCE_OCR", "warning", "扫描件中“{field_label}”识别为“{value}”，把握不大（{expected}），请核对原件",
         "扫描件识别置信度低的值，或依据扫描识别结果得出的问题（可能是识别有误），须先核对原件。", in_letter=False)
_declare("CORRECTION_INVALID", "warning", "审核更正无法应用：{expected}",
         "审核人员填写的更正或豁免有误（记录编号、字段、取值或理由）。", in_letter=False)
_declare("DUPLICATE_FILE", "info", "与“{expected}”内容完全相同", "与收件箱中另一文件字节完全相同。")
# What the pipeline itself could not read or link: for the office to look at, never the unit's fault.
_declare("NOT_RECOGNISED", "warning", "未能识别{field_label}（{expected}），请人工核对原件",
         "程序未能从文件中识别出该项内容，可能是版式特殊；不是单位的错误，请人工核对。", in_letter=False)
_declare("UNLINKED_MATERIAL", "info", "申报材料“{value}”未能对应到任何推荐的工作室（{expected}）",
         "申报材料无法与任何工作室对应（标题、领衔人、单位均未匹配），请人工核对。", in_letter=False)
_declare("PROCESSING_FAILED", "error", "程序未能处理该文件：{value}",
         "程序读取该文件时超时或出错（例如机器繁忙、转换程序卡住），不是单位的错误；请重新运行，"
         "仍失败时请人工查看原件。", in_letter=False)


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
