"""Next season by configuration alone: `python -m pipeline init DIR [--year YYYY]` writes

- `campaign_YYYY.yaml`: every key of the campaign file, with the values now in use (the built-in
  campaign, or `--campaign`) moved to the new year (name, notice number's year, deadline) and a
  Chinese comment on each, to be checked against that year's notice;
- `quotas_YYYY.xlsx`: the quota table in the 附件1 layout with the quotas now in use;
- `registry.xlsx`: an empty registry of already-named studios (命名年份, 类别, 工作室名称, …).

Nothing is overwritten: a file already there stops the command before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from schemas.campaign import Campaign
from schemas.units import Quota

QUOTA_HEADER = ["序号", "推荐单位", "劳模创新工作室（个）", "职工创新工作室（个）", "其中：科技型企业（个）",
                "职工职业技能培训基地（个）", "备注"]
REGISTRY_HEADER = ["命名年份", "类别", "工作室名称", "所在单位", "领衔人"]
_NOTICE_YEAR = re.compile(r"([〔\[(（【]\s*)((?:19|20)\d{2})(\s*[〕\])）】])")


class InitError(ValueError):
    """The season files cannot be written (Chinese message)."""


def season_files(directory: Path, year: int) -> dict[str, Path]:
    return {"campaign": directory / f"campaign_{year}.yaml", "quotas": directory / f"quotas_{year}.xlsx",
            "registry": directory / "registry.xlsx"}


def default_year(base: Campaign, today: dt.date | None = None) -> int:
    """This calendar year, or the year after the base campaign's when that is later."""
    return max((today or dt.date.today()).year, base.year + 1)


def init_season(directory: Path, year: int, base: Campaign, quotas: list[Quota]) -> dict[str, Path]:
    """Write the three files for `year` into `directory`; their paths. Raises InitError."""
    if not 2000 <= year <= 2099:
        raise InitError(f"年份 {year} 不合理（应为 2000–2099 之间的四位年份）")
    files = season_files(directory, year)
    taken = [str(path) for path in files.values() if path.exists()]
    if taken:
        raise InitError(f"文件已存在，未作任何改动：{'、'.join(taken)}（请换一个文件夹，或先移走这些文件）")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        files["campaign"].write_text(campaign_yaml(next_campaign(base, year)), encoding="utf-8")
        quota_workbook(quotas, year).save(files["quotas"])
        registry_workbook().save(files["registry"])
    except OSError as error:
        raise InitError(f"无法写入 {directory}（{error.strerror or error}）") from error
    return files


# --- the campaign file ------------------------------------------------------------------------------


def next_campaign(base: Campaign, year: int) -> dict[str, Any]:
    """The base campaign's values with its name, notice and deadline moved to `year`."""
    shift = year - base.year
    return {
        "name": str(year),
        "notice": _NOTICE_YEAR.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + shift}{m.group(3)}", base.notice),
        "deadline": _shifted(base.deadline, shift),
        "min_operation_months": base.min_operation_months,
        "province_targets": asdict(base.targets),
        "honour_levels": dict(base.honour_levels),
        "qualifying_honours": [{"title": list(q.titles)} if q.titles else {"kind": q.kind, "min_level": q.min_level}
                               for q in base.qualifying_honours],
        "qualifying_skills": list(base.qualifying_skills),
        "tech_categories": {name: list(base.tech_synonyms.get(name, [])) for name in base.tech_categories},
        "tech_category_exclusions": list(base.tech_exclusions),
        "established_unit_words": list(base.established_unit_words),
        "required_fields": {kind: list(fields) for kind, fields in base.required_fields.items()},
        "training_system_items": list(base.training_system_items),
        "severities": dict(base.severities),
        "limits": {"max_file_mb": base.max_file_mb, "file_timeout_seconds": base.file_timeout_seconds},
    }


def _shifted(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:   # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def campaign_yaml(values: dict[str, Any]) -> str:
    """The campaign file as text, every key with a comment saying what it is."""
    year = int(values["name"])
    lines = [
        f"# {year} 年度活动配置（由 python -m pipeline init 生成）。请对照当年的通知逐项核对、修改后使用：",
        f"#   python -m pipeline run 收件箱 --out 输出 --campaign campaign_{year}.yaml --quotas quotas_{year}.xlsx",
        "# 以 # 开头的行是说明，不影响配置。日期写成 2022-07-22 的形式。",
        "",
        "# 年度（出现在审核报告、总名单和反馈意见的标题中）、通知文号和报送截止日期。",
        "# name 和 notice 中的年份须与截止日期一致。文号中的序号沿用上一年，请按当年通知填写。",
        f"name: {_flow(values['name'])}",
        f"notice: {_flow(values['notice'])}",
        f"deadline: {values['deadline'].isoformat()}",
        "# 材料中的日期不可能晚于这一天（否则为“日期有误”）。留空：即截止日期（与哪天运行无关）。",
        "reference_date:",
        "# 工作室须在截止日期前成立满多少个月（“成立不满一年”）。",
        f"min_operation_months: {values['min_operation_months']}",
        "",
        "# 全省推荐名额：劳模创新工作室、职工创新工作室总数、其中科技型企业应多于的个数、培训基地。",
        "province_targets:",
        *_block(values["province_targets"]),
        "",
        "# 荣誉级别，数字越大级别越高（省产业工会的荣誉按市级计）。",
        "honour_levels:",
        *_block(values["honour_levels"]),
        "# 劳模创新工作室领衔人须具备其中之一（否则“领衔人条件不符”）：",
        "#   按种类和最低级别：{kind: 劳动模范, min_level: 市级}；种类可为 五一劳动奖章 五一巾帼奖 劳动模范",
        "#   先进工作者 三八红旗手 优秀共产党员 技术能手 技能大师 岗位能手 工匠；",
        "#   按称号：{title: 辽宁工匠}，有几种写法时 {title: [辽宁工匠, 辽宁省工匠]}。",
        "qualifying_honours:",
        *[f"  - {_flow(item)}" for item in values["qualifying_honours"]],
        "# 职工创新工作室领衔人应具备的技能等级或职称（否则“领衔人技能等级缺失”）。",
        f"qualifying_skills: {_flow(values['qualifying_skills'])}",
        "",
        "# 科技型企业类别（否则“非科技型企业”）及每一类在表格中的常见写法（类别名称本身总是算数）；",
        "# 新增类别时加一行，如",
        "#   专精特新中小企业: [专精特新中小企业, 专精特新企业, 专精特新]",
        "# 写法前有“非”“未”“不是”的不算。",
        "tech_categories:",
        *[f"  {name}: {_flow(words)}" for name, words in values["tech_categories"].items()],
        "# 含有上面的写法、但并不是科技型企业类别的词（如“高新区”是地名）。",
        f"tech_category_exclusions: {_flow(values['tech_category_exclusions'])}",
        "",
        "# 培训基地“近三年实名制培训人次”的三个年份，依次对应数据列 trainees_2018、trainees_2019、trainees_2020；",
        f"# 汇总表的“上年度实名制培训人次”对应最后一个。留空：截止日期所在年份的前三年（{year - 3}、{year - 2}、"
        f"{year - 1}）。",
        "trainee_years:",
        "",
        "# 名称中含有这些词的，像是已有的研发机构或班组，而非创新工作室。",
        f"established_unit_words: {_flow(values['established_unit_words'])}",
        "# 必填项（数据列名）。",
        "required_fields:",
        *[f"  {kind}: {_flow(fields)}" for kind, fields in values["required_fields"].items()],
        "# 培训基地应具备的三项培训制度（依次对应 has_training_records、has_followup_service、has_incentives）。",
        f"training_system_items: {_flow(values['training_system_items'])}",
        "",
        "# 调整问题级别（error、warning、info），如 {LEADER_NOT_QUALIFIED: error}。",
        f"severities: {_flow(values['severities'])}",
        "# 防止异常文件的限制：单个文件最大 MB 数、读取一个文件最多用多少秒。",
        "limits:",
        *_block(values["limits"]),
    ]
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    """One YAML value on one line (`[高新, 高企]`, `{kind: 劳动模范, min_level: 市级}`, `'2022'`)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def _block(mapping: dict[str, Any]) -> list[str]:
    return [f"  {key}: {_flow(value)}" for key, value in mapping.items()]


# --- the quota table and the registry -------------------------------------------------------------


def quota_workbook(quotas: Iterable[Quota], year: int) -> Workbook:
    """附件1: `附件1`, the title, the header, one row per unit, the 合计 row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "名额分配"
    sheet.append(["附件1"])
    sheet.append([f"{year}年度辽宁省劳模创新工作室等推荐名额分配表"])
    sheet.append(QUOTA_HEADER)
    rows = [[index, q.unit, q.labor_model_studio, q.worker_studio, q.worker_studio_tech_min, q.training_base,
             "省直推荐单位" if q.kind == "direct" else None] for index, q in enumerate(quotas, start=1)]
    for row in rows:
        sheet.append(row)
    sheet.append(["合计", None, *(sum(int(row[column]) for row in rows) for column in range(2, 6)), None])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(QUOTA_HEADER))
    _style(sheet, header_row=3, widths=[6, 28, 14, 14, 14, 16, 14])
    sheet["A2"].font = Font(bold=True, size=14)
    sheet["A2"].alignment = Alignment(horizontal="center")
    return book


def registry_workbook() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "已命名工作室"
    sheet.append(REGISTRY_HEADER)
    _style(sheet, header_row=1, widths=[10, 16, 36, 36, 10])
    return book


def _style(sheet, *, header_row: int, widths: list[int]) -> None:
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
