"""Feedback letters: `feedback/<unit>.docx`, one per unit with at least one error or warning.

Each letter lists the unit's errors (to be corrected) and warnings (to be checked), grouped per
nominee as in the report, each with its file and location in Chinese (`表1 第5行第2列`), then the
unit's quota use (from `pipeline.quota_figures`). Info issues are left out, and so are the
office's own reading problems (issue types with `in_letter` False). Issues with no unit go to
`未确定推荐单位.docx`. The folder is replaced through a manifest
(`files.replace_owned_files`): letters of units that no longer have issues are removed, files
the pipeline did not write are left alone.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Cm, Pt
from docx.text.font import Font
from docx.text.paragraph import Paragraph

from pipeline.quota_figures import GROUPS, UnitQuota
from pipeline.results import RunResult
from pipeline.writers.files import replace_owned_files
from pipeline.writers.grouping import IssueGroup, IssueView, group_issues, issue_views
from pipeline.writers.labels import in_letter, notice_suffix, season_label
from pipeline.writers.unit_status import unit_quotas

FOLDER = "feedback"
UNKNOWN_UNIT_NAME = "未确定推荐单位"
SIGNATURE = "辽宁省总工会（办公室）"
DATE_LINE = "年  月  日"
SECTIONS = [("error", "一、需要修改的问题（错误）"), ("warning", "二、需要核实的问题（警告）")]
QUOTA_HEADING = "三、名额使用情况"
ORDINALS = "一二三四五六七八九十"
BODY_FONT, HEADING_FONT, TITLE_FONT, GROUP_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体", "楷体_GB2312"
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ILLEGAL_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def write(result: RunResult, out_dir: Path) -> None:
    replace_owned_files(out_dir / FOLDER, build_letters(result))


def build_letters(result: RunResult) -> dict[str, bytes]:
    """File name -> letter bytes, for every unit with an error or warning."""
    by_unit: dict[str, list[IssueView]] = {}
    for view in issue_views(result.issues):
        if view["severity"] in ("error", "warning") and in_letter(view["code"]):
            by_unit.setdefault(view["recommending_unit"], []).append(view)
    quotas = {q.unit: q for q in unit_quotas(result) if q.listed}
    letters: dict[str, bytes] = {}
    for unit, views in by_unit.items():
        letters[_file_name(unit, letters)] = build_letter(unit, views, result.campaign_name, quotas.get(unit),
                                                          notice=result.campaign_notice)
    return letters


def build_letter(unit: str, views: list[IssueView], campaign: str, quota: UnitQuota | None = None, *,
                 notice: str = "") -> bytes:
    document = Document()
    _page_and_styles(document)
    document.core_properties.author = SIGNATURE
    document.core_properties.title = letter_title(campaign)
    document.core_properties.subject = notice
    _title(document, letter_title(campaign))
    _paragraph(document, f"{unit or '有关单位'}：", indent=False)
    _paragraph(document, _opening(unit, campaign, notice))
    for severity, heading in SECTIONS:
        _section(document, heading, [v for v in views if v["severity"] == severity])
    if quota is not None:
        _paragraph(document, QUOTA_HEADING, font=HEADING_FONT)
        _paragraph(document, quota_text(quota))
    _paragraph(document, _closing(unit))
    _signature(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_title(campaign: str) -> str:
    return f"关于{_year(campaign)}创新工作室和培训基地推荐材料的反馈意见"


def item_text(number: int, view: IssueView) -> str:
    """One numbered line: the message, where it was found, and what it should be."""
    found = (_labelled("文件", view["file_label"]), _labelled("位置", view["where"]))
    where = "；".join(part for part in found if part)
    parts = [view["message"].rstrip("。；; "), where, _labelled("应为", view["expected"])]
    return f"{number}. " + "".join(f"{part}。" for part in parts if part)


def quota_text(quota: UnitQuota) -> str:
    """`劳模创新工作室名额3个，推荐2个；……` for one unit, from the one quota computation."""
    parts = []
    for key, label, minimum in GROUPS:
        allowance = quota.allowances[key]
        name = "其中科技型企业职工创新工作室至少" if minimum else f"{label}名额"
        status = f"，{allowance.status()}" if allowance.status() else ""
        parts.append(f"{name}{allowance.quota}个，推荐{allowance.nominated}个{status}")
    return "贵单位" + "；".join(parts) + "。"


# --- letter parts -------------------------------------------------------------------------------

def _opening(unit: str, campaign: str, notice: str = "") -> str:
    materials = f"{_year(campaign)}劳模和职工创新工作室、职工职业技能培训基地推荐材料"
    basis = f"按照通知{notice_suffix(notice)}要求，" if notice.strip() else ""
    if not unit:
        return (f"{basis}在{materials}中，有部分材料无法确定推荐单位。经审核，发现以下问题，"
                "请报送这些材料的单位核实，并注明推荐单位后重新报送。")
    return f"{basis}贵单位报送的{materials}已收悉，感谢贵单位的认真组织。经审核，发现以下问题，现反馈如下。"


def _closing(unit: str) -> str:
    subject = "请有关单位" if not unit else "请贵单位"
    return (f"{subject}对照以上问题逐项核实。“需要修改的问题”请修改后，将更正后的材料重新报送；"
            "“需要核实的问题”请核实，如确无问题，请附简要说明。如有疑问，请与省总工会办公室联系。"
            "感谢支持与配合！")


def _section(document: DocumentObject, heading: str, views: list[IssueView]) -> None:
    _paragraph(document, heading, font=HEADING_FONT)
    if not views:
        _paragraph(document, "无。")
        return
    for index, group in enumerate(group_issues(views)):
        _paragraph(document, f"（{_ordinal(index)}）{_group_title(group)}", font=GROUP_FONT)
        for number, view in enumerate(group.issues, start=1):
            _paragraph(document, item_text(number, view))


def _group_title(group: IssueGroup) -> str:
    """`张三劳模创新工作室（劳模创新工作室）`; inner brackets of the label become a comma."""
    if not group.category:
        return group.title
    return f"{group.title}（{group.category.replace('（', '，').replace('）', '')}）"


def _signature(document: DocumentObject) -> None:
    document.add_paragraph()
    for line in (SIGNATURE, DATE_LINE):
        paragraph = _paragraph(document, line, indent=False)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


# --- formatting ---------------------------------------------------------------------------------

def _page_and_styles(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    _set_font(normal.font, normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)


def _title(document: DocumentObject, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(16)
    run = paragraph.add_run(_clean(text))
    run.font.size = Pt(22)
    _set_font(run.font, run._element.get_or_add_rPr(), TITLE_FONT)


def _paragraph(document: DocumentObject, text: str, *, indent: bool = True, font: str = "") -> Paragraph:
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
    run = paragraph.add_run(_clean(text))
    if font:
        _set_font(run.font, run._element.get_or_add_rPr(), font)
    return paragraph


def _set_font(font: Font, rpr: CT_RPr, name: str) -> None:
    """Set the font for Latin and East Asian text (Word uses `w:eastAsia` for Chinese)."""
    font.name = name
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


# --- text helpers -------------------------------------------------------------------------------

def _year(campaign: str) -> str:
    return season_label(campaign)


def _labelled(label: str, value: str) -> str:
    return f"{label}：{value}" if value else ""


def _ordinal(index: int) -> str:
    """Chinese ordinal of a 0-based index: 一 … 十, 十一 … 九十九, then digits."""
    if index >= 99:
        return str(index + 1)
    if index < 10:
        return ORDINALS[index]
    tens, ones = divmod(index + 1, 10)
    return f"{'' if tens == 1 else ORDINALS[tens - 1]}十{ORDINALS[ones - 1] if ones else ''}"


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


def _file_name(unit: str, taken: dict[str, bytes]) -> str:
    stem = _ILLEGAL_NAME.sub("_", unit).strip(" ._")[:100] or UNKNOWN_UNIT_NAME
    name, copy = f"{stem}.docx", 2
    while name in taken:
        name, copy = f"{stem}（{copy}）.docx", copy + 1
    return name
