"""Season guard: do the submissions belong to the configured campaign's season?

Every summary states its 填报日期 and every form the dates its opinions were signed. When most
of these dates lie outside the campaign's season (`Campaign.in_season`: about half a year before
its deadline to a quarter after), the inbox is most likely another year's, read with the wrong
campaign file: the deadline, one-year and impossible-date rules then misfire on every nominee.
The run says so above everything else, in the command's output and at the top of the report,
with the year the files look like and how to pass the right campaign.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.loader import OWN_DATE_FIELDS, read_day
from pipeline.process import FileResult
from schemas.campaign import Campaign, default_campaign

MIN_DATES = 3   # fewer dates than this say too little about the season


@dataclass(frozen=True, slots=True)
class SeasonCheck:
    """How many submission dates were read, how many lie outside the season, and the year most
    of those belong to."""

    dates: int
    outside: int
    year: int

    @property
    def fires(self) -> bool:
        return self.dates >= MIN_DATES and 2 * self.outside > self.dates


def submission_dates(results: Iterable[FileResult]) -> list[date]:
    """The 填报日期 of the summaries and the opinion dates of the forms that can be read."""
    texts: list[str] = []
    for result in results:
        for extraction in result.extractions:
            texts += [found.text for found in extraction.dates]
        for record in result.records:
            if record.kind == "form":
                texts += [record.values[name].text for name in OWN_DATE_FIELDS if name in record.values]
    return [day for day in map(read_day, texts) if day is not None]


def check_season(results: Iterable[FileResult], campaign: Campaign) -> SeasonCheck:
    dates = submission_dates(results)
    outside = [day for day in dates if not campaign.in_season(day)]
    years = Counter(day.year for day in outside)
    year = years.most_common(1)[0][0] if years else campaign.year
    return SeasonCheck(len(dates), len(outside), year)


def season_warning(check: SeasonCheck, campaign: Campaign, campaign_file: Path | None, late: int = 0) -> str:
    """The warning in Chinese: what the files look like, what is configured, what to do."""
    source = (f"活动配置文件 {campaign_file}" if campaign_file is not None
              else f"未指定 --campaign，使用的是内置的 {campaign.name} 年默认配置")
    looks = (f"收件箱中的材料看起来属于 {check.year} 年" if check.year != campaign.year
             else "收件箱中的材料日期大多不在本次活动的时间范围内")
    consequence = "按这份配置核对，截止日期、成立满一年、日期是否可能等规则都会误判"
    if late:
        consequence += f"（本次报告中的 {late} 条“晚于截止日期”多半由此而来）"
    return (f"{looks}：读到的 {check.dates} 个填报日期和意见日期中，有 {check.outside} 个不在所用活动配置的时间范围内"
            f"（{campaign.name} 年，{campaign.notice}，截止日期 {campaign.deadline.isoformat()}；{source}）。"
            f"{consequence}。{_advice(check, campaign, campaign_file)}")


def _advice(check: SeasonCheck, campaign: Campaign, campaign_file: Path | None) -> str:
    built_in = default_campaign()
    if campaign_file is not None and check.year == built_in.year:
        return f"如果这些是 {check.year} 年的材料，请去掉 --campaign（使用内置的 {built_in.name} 年配置）重新运行。"
    year = check.year if check.year != campaign.year else campaign.year + 1
    return (f"如果这些是 {year} 年的材料，请先运行 python -m pipeline init 配置文件夹 --year {year}，"
            f"按当年通知修改生成的 campaign_{year}.yaml 和名额分配表 quotas_{year}.xlsx，再加 "
            f"--campaign 配置文件夹/campaign_{year}.yaml --quotas 配置文件夹/quotas_{year}.xlsx 重新运行。")
