"""Next season by configuration alone (issue 13).

A 2022 season — new notice and deadline, every date a year later, a new tech category
(专精特新中小企业), a new qualifying honour (辽宁工匠), new targets and quotas — is run by writing
only a campaign file (`init`, then edited as an office would) and a quota table; the same inbox
without them shows the season guard. Also: the campaign file's new keys and their validation,
impossible dates judged against the campaign (not the day of the run), `init`, the 2022 generator.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from extractors.layout import Found
from extractors.prose.honours import KINDS, leader_qualifies
from extractors.records import RawRecord
from pipeline.corrections import Correction, apply_corrections
from pipeline.loader import load_record
from pipeline.process import process_file
from pipeline.season import default_year
from pipeline.season_guard import SeasonCheck, check_season, season_warning
from samples.evaluate import evaluate
from samples.generate import generate_inbox
from samples.season import SEASON_2022
from schemas.campaign import HONOUR_KINDS, CampaignError, load_campaign
from schemas.normalize import TechVocabulary, to_tech_categories
from schemas.units import UnitMatcher

ROOT = Path(__file__).resolve().parents[1]
NEW_CATEGORY, NEW_HONOUR = "专精特新中小企业", "辽宁工匠"


def cli(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, check=False)


def campaign_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "campaign.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the campaign file ----------------------------------------------------------------------------


def test_built_in_campaign_words_come_from_the_file():
    campaign = load_campaign()
    assert campaign.tech_categories == ["高新技术企业", "科技型中小企业", "雏鹰企业", "瞪羚企业", "独角兽企业"]
    assert "高企" in campaign.tech_synonyms["高新技术企业"]
    assert campaign.yearly_trainee_years == (2018, 2019, 2020)
    assert campaign.latest_date == dt.date(2021, 7, 23)
    assert to_tech_categories("独角兽/雏鹰,高企") == "高新技术企业；雏鹰企业；独角兽企业"


def test_honour_kinds_agree_with_the_honours_reader():
    assert tuple(kind for kind, _ in KINDS) == HONOUR_KINDS


def test_a_listed_new_category_is_read_with_its_short_form(tmp_path):
    campaign = load_campaign(campaign_file(tmp_path, "tech_categories: [高新技术企业, 专精特新中小企业]\n"))
    assert campaign.tech_categories == ["高新技术企业", NEW_CATEGORY]
    assert campaign.tech_synonyms["高新技术企业"][:2] == ["高新技术企业", "高新技术"]   # built-in words kept
    vocabulary = campaign.tech_vocabulary
    assert vocabulary.find("专精特新中小企业、高企") == ["高新技术企业", NEW_CATEGORY]
    assert vocabulary.find("专精特新中小") == [NEW_CATEGORY]
    assert vocabulary.find("非专精特新中小企业") == []
    assert to_tech_categories("专精特新中小企业") == ""   # the built-in campaign does not know it


@pytest.mark.parametrize(("text", "expected"), [
    ("专精特新", [NEW_CATEGORY]), ("专精特新企业；瞪羚", ["瞪羚企业", NEW_CATEGORY]), ("位于高新区", []),
    ("不是专精特新企业", []),
])
def test_category_words_from_a_mapping(text, expected):
    vocabulary = TechVocabulary.build({"瞪羚企业": ["瞪羚"], NEW_CATEGORY: ["专精特新企业", "专精特新"],
                                       "高新技术企业": ["高新"]}, ["高新区"])
    assert vocabulary.find(text) == [c for c in ["瞪羚企业", NEW_CATEGORY, "高新技术企业"] if c in expected]


@pytest.mark.parametrize(("text", "key"), [
    ("deadline: 2022-07-22\n", "name"),                                   # last season's name kept
    ("name: '2022'\ndeadline: 2022-07-22\n", "notice"),                   # last season's notice kept
    ("tech_categories: {专精特新中小企业: 专精特新}\n", "tech_categories.专精特新中小企业"),
    ("trainee_years: [2021, 2020, 2019]\n", "trainee_years"),
    ("qualifying_honours: [{kind: 劳模, min_level: 市级}]\n", "qualifying_honours[0].kind"),
    ("qualifying_honours: [{title: ''}]\n", "qualifying_honours[0]"),
])
def test_invalid_season_keys_are_named(tmp_path, text, key):
    with pytest.raises(CampaignError, match=re.escape(f"“{key}")):
        load_campaign(campaign_file(tmp_path, text))


def test_unknown_honour_kind_suggests_the_near_one(tmp_path):
    with pytest.raises(CampaignError, match="是否是指 劳动模范"):
        load_campaign(campaign_file(tmp_path, "qualifying_honours: [{kind: 劳动模范s, min_level: 市级}]\n"))


def test_honour_by_title_qualifies_only_when_the_campaign_says_so(tmp_path):
    text = "qualifying_honours:\n  - {kind: 劳动模范, min_level: 市级}\n  - {title: [辽宁工匠, 辽宁省工匠]}\n"
    campaign = load_campaign(campaign_file(tmp_path, text))
    assert leader_qualifies("2021年辽宁工匠、沈阳市技术能手", campaign.honour_rules())
    assert not leader_qualifies("2021年辽宁工匠", load_campaign().honour_rules())
    assert not leader_qualifies("2021年沈阳工匠", campaign.honour_rules())
    assert campaign.qualifying_text() == "市级以上劳动模范或辽宁工匠或辽宁省工匠"


# --- impossible dates, judged against the campaign ----------------------------------------------------


def summary_row(established: str, filled: str = "") -> RawRecord:
    record = RawRecord(kind="summary_row", category="labor_model_studio", file="s.xlsx", anchor="A3",
                       values={"studio_name": Found("张三劳模创新工作室", "A3"), "established": Found(established, "J3")})
    if filled:
        record.notes["filled_date"] = filled
    return record


def invalid_dates(record: RawRecord, campaign=None) -> list:
    campaign = campaign or load_campaign()
    _entry, issues = load_record(record, campaign.latest_date, campaign)
    return [issue for issue in issues if issue.code == "INVALID_DATE"]


@pytest.mark.parametrize(("established", "filled", "bound"), [
    ("2021年8月", "", "截止日期 2021-07-23"),
    ("2021年7月", "2021年6月20日", "本表填报日期 2021-06-20"),
    ("2021年8月", "2021年7月30日", "截止日期 2021-07-23"),      # a late 填报日期 is no later bound
])
def test_a_date_after_the_deadline_or_the_own_date_is_impossible(established, filled, bound):
    found = invalid_dates(summary_row(established, filled))
    assert len(found) == 1 and bound in found[0].message


@pytest.mark.parametrize(("established", "filled"), [
    ("2021年7月", ""),                  # the deadline's own month
    ("2021年6月", "2021年6月20日"),
    ("2021年7月", "2019年6月20日"),      # a 填报日期 of another season (a typo) bounds nothing
])
def test_dates_up_to_the_bound_are_possible(established, filled):
    assert invalid_dates(summary_row(established, filled)) == []


def test_a_form_is_bounded_by_its_opinion_dates():
    form = RawRecord(kind="form", category="labor_model_studio", file="f.docx", anchor="table 1",
                     values={"studio_name": Found("张三劳模创新工作室", "t"), "established": Found("2021年7月", "t"),
                             "opinion_recommender": Found("同意推荐。\n（盖章）\n2021年6月10日", "t")})
    found = invalid_dates(form)
    assert len(found) == 1 and "本表意见签署日期 2021-06-10" in found[0].message


def test_the_day_of_the_run_does_not_matter_and_reference_date_overrides():
    late = summary_row("2021年9月")
    assert invalid_dates(late)            # today is years after 2021: still impossible for that season
    assert invalid_dates(late, dataclasses.replace(load_campaign(), reference_date=dt.date(2021, 12, 31))) == []


def test_corrections_name_the_trainee_years_and_new_category_of_the_season():
    season = load_campaign()
    season = dataclasses.replace(season, deadline=dt.date(2022, 7, 22), name="2022", notice="",
                                 tech_categories=[*season.tech_categories, NEW_CATEGORY],
                                 tech_synonyms={**season.tech_synonyms, NEW_CATEGORY: ["专精特新"]})
    base = {"T-1": {"record_id": "T-1", "enterprise_name": "沈阳某科技有限公司", "trainees_2020": 100,
                    "tech_category": None}}
    rows = [Correction(2, "T-1", "2021年实名制培训人次", "300", "correct"),
            Correction(3, "T-1", "科技型企业类别", "专精特新", "correct")]
    outcome = apply_corrections(base, rows, is_base=lambda rid: True, today=season.latest_date, campaign=season)
    assert outcome.changed["T-1"] == {"trainees_2020": 300, "tech_category": NEW_CATEGORY}
    outcome = apply_corrections(base, rows[:1], is_base=lambda rid: True, today=season.latest_date)
    assert outcome.changed == {} and outcome.problems   # without the season, no such column


# --- annex titles of any year --------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "doc_type"), [
    ("2022年度辽宁省劳模创新工作室推荐汇总表", "summary_labor_model"),
    ("2022年辽宁省职工创新工作室推荐汇总表（科技型企业）", "summary_worker_tech"),
    ("2023年度辽宁省工会职工职业技能培训基地申报汇总表", "summary_training_base"),
])
def test_summaries_of_another_year_are_recognised(title, doc_type):
    book = openpyxl.Workbook()
    sheet = book.active
    header = (["序号", "企业名称", "统一社会信用代码", "科技型企业类别", "职工人数", "上年度实名制培训人次"]
              if "基地" in title else ["序号", "工作室名称", "所在单位", "领衔人", "团队人数", "成立时间"])
    row = ([1, "沈阳某科技有限公司", "91210100MA0XXXXXX1", "专精特新中小企业", 300, 800] if "基地" in title
           else [1, "张三劳模创新工作室", "沈阳某公司", "张三", 12, "2019年5月"])
    for line in (["附件2"], [title], ["推荐单位（盖章）：沈阳市总工会    填报日期：2022年7月12日"], header, row):
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    result = process_file(buffer.getvalue(), "汇总表.xlsx", UnitMatcher(["沈阳市总工会"]))
    assert result.doc_type == doc_type and len(result.records) == 1


def test_forms_of_another_year_are_recognised():
    document = Document()
    document.add_paragraph("2022年度辽宁省工会职工职业技能培训基地申报表")
    document.add_paragraph("推荐单位（盖章）：沈阳市总工会")
    rows = [("企业名称", "沈阳某科技有限公司"), ("科技型企业类别", "专精特新中小企业"), ("培训场所面积（平方米）", "500"),
            ("主要培训专业（工种）", "焊工"), ("近三年实名制培训人次", "2019年1870人次、2020年2140人次、2021年2300人次")]
    table = document.add_table(rows=len(rows), cols=2)
    for index, (label, value) in enumerate(rows):
        table.cell(index, 0).text, table.cell(index, 1).text = label, value
    buffer = io.BytesIO()
    document.save(buffer)
    result = process_file(buffer.getvalue(), "基地.docx", UnitMatcher(["沈阳市总工会"]))
    assert result.doc_type == "training_base_form"
    season = dataclasses.replace(load_campaign(), deadline=dt.date(2022, 7, 22), name="2022", notice="")
    entry, _ = load_record(result.records[0], season.latest_date, season)
    assert [entry.values.get(c) for c in ("trainees_2018", "trainees_2019", "trainees_2020")] == [1870, 2140, 2300]
    entry, _ = load_record(result.records[0], load_campaign().latest_date)   # read as 2021: 2018 is not there
    assert [entry.values.get(c) for c in ("trainees_2018", "trainees_2019", "trainees_2020")] == [None, 1870, 2140]


# --- the season guard -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("dates", "outside", "fires"), [(3, 2, True), (4, 2, False), (2, 2, False), (40, 21, True)])
def test_the_guard_fires_when_most_dates_are_outside(dates, outside, fires):
    assert SeasonCheck(dates, outside, 2022).fires is fires


def test_a_2021_inbox_read_with_a_2022_file_is_told_to_drop_it(tmp_path):
    season = load_campaign(campaign_file(tmp_path, "name: '2022'\nnotice: 辽工办发〔2022〕28号\ndeadline: 2022-07-22\n"))
    inbox = ROOT / "samples" / "inbox"
    results = [process_file(path.read_bytes(), path.name, UnitMatcher([])) for path in sorted(inbox.rglob("*.xlsx"))]
    check = check_season(results, season)
    assert check.fires and check.year == 2021
    warning = season_warning(check, season, tmp_path / "campaign.yaml")
    assert "看起来属于 2021 年" in warning and "辽工办发〔2022〕28号" in warning and "请去掉 --campaign" in warning


def test_the_committed_2021_sample_is_in_season():
    inbox = ROOT / "samples" / "inbox"
    results = [process_file(path.read_bytes(), path.relative_to(inbox).as_posix(), UnitMatcher([]))
               for path in sorted(inbox.rglob("*.xlsx"))]
    check = check_season(results, load_campaign())
    assert check.dates >= 3 and check.outside == 0 and not check.fires


# --- init ---------------------------------------------------------------------------------------------------


def test_init_writes_next_seasons_files(tmp_path):
    completed = cli("init", tmp_path / "cfg", "--year", "2022")
    assert completed.returncode == 0, completed.stderr
    assert "campaign_2022.yaml" in completed.stdout and "--campaign" in completed.stdout
    text = (tmp_path / "cfg" / "campaign_2022.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 2022 年度活动配置") and "tech_categories:" in text and "# " in text
    campaign = load_campaign(tmp_path / "cfg" / "campaign_2022.yaml")
    assert (campaign.name, campaign.notice, campaign.deadline) == ("2022", "辽工办发〔2022〕36号", dt.date(2022, 7, 23))
    assert campaign.yearly_trainee_years == (2019, 2020, 2021)
    assert campaign.tech_synonyms == load_campaign().tech_synonyms
    quotas = openpyxl.load_workbook(tmp_path / "cfg" / "quotas_2022.xlsx").active
    assert [c.value for c in quotas[1]][:1] == ["附件1"] and "2022年度" in quotas["A2"].value
    assert quotas["B4"].value == "沈阳市总工会" and quotas.cell(quotas.max_row, 1).value == "合计"
    registry = openpyxl.load_workbook(tmp_path / "cfg" / "registry.xlsx").active
    assert registry.max_row == 1 and registry["A1"].value == "命名年份"


@pytest.mark.parametrize(("today", "expected"), [(dt.date(2021, 5, 1), 2022), (dt.date(2025, 3, 1), 2025)])
def test_init_defaults_to_the_next_season(today, expected):
    assert default_year(load_campaign(), today) == expected


def test_init_never_overwrites(tmp_path):
    assert cli("init", tmp_path, "--year", "2022").returncode == 0
    before = (tmp_path / "campaign_2022.yaml").read_bytes()
    completed = cli("init", tmp_path, "--year", "2022")
    assert completed.returncode == 2 and "已存在" in completed.stderr and "Traceback" not in completed.stderr
    assert (tmp_path / "campaign_2022.yaml").read_bytes() == before


# --- a 2022 season end to end ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def season_2022(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("season2022")
    generate_inbox(root, seed=2, units=6, season=SEASON_2022)
    return root


@pytest.fixture(scope="module")
def configuration(season_2022: Path, tmp_path_factory) -> Path:
    """What the office writes for 2022: `init`, then the notice's changes, and nothing else."""
    directory = tmp_path_factory.mktemp("config")
    assert cli("init", directory, "--year", "2022").returncode == 0
    path = directory / "campaign_2022.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("notice: 辽工办发〔2022〕36号", "notice: 辽工办发〔2022〕28号")
    text = text.replace("deadline: 2022-07-23", "deadline: 2022-07-22")
    text = text.replace("  独角兽企业: [独角兽]\n", "  独角兽企业: [独角兽]\n  专精特新中小企业: [专精特新中小企业, 专精特新企业, 专精特新]\n")
    text = text.replace("  - {kind: 五一劳动奖章, min_level: 省级}\n", "  - {kind: 五一劳动奖章, min_level: 省级}\n  - {title: 辽宁工匠}\n")
    text = text.replace("  labor_model_studio: 30\n", "  labor_model_studio: 32\n")
    path.write_text(text, encoding="utf-8")
    book = openpyxl.load_workbook(directory / "quotas_2022.xlsx")
    sheet = book.active
    columns = {"labor_model_studio": 3, "training_base": 6}
    for unit, quota, number in SEASON_2022.quota_changes:
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == unit)
        sheet.cell(row, columns[quota]).value = number
    book.save(directory / "quotas_2022.xlsx")
    return directory


@pytest.fixture(scope="module")
def with_campaign(season_2022: Path, configuration: Path, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("with")
    completed = cli("run", season_2022 / "inbox", "--out", out, "--campaign", configuration / "campaign_2022.yaml",
                    "--quotas", configuration / "quotas_2022.xlsx", "--registry", season_2022 / "registry.xlsx",
                    "--workers", "2")
    assert completed.returncode == 0, completed.stderr
    return out, completed.stderr


@pytest.fixture(scope="module")
def without_campaign(season_2022: Path, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("without")
    completed = cli("run", season_2022 / "inbox", "--out", out, "--registry", season_2022 / "registry.xlsx",
                    "--workers", "2")
    assert completed.returncode == 0, completed.stderr
    return out, completed.stderr


def new_season_nominees(root: Path) -> tuple[set[str], set[str]]:
    """Nominees whose only tech category is the new one; labor-model leaders holding 辽宁工匠."""
    studios = read_csv(root / "truth" / "studios.csv")
    bases = read_csv(root / "truth" / "training_bases.csv")
    only_new = ({s["studio_name"] for s in studios if s["tech_category"] == NEW_CATEGORY
                 and s["category"] == "worker_studio_tech"}
                | {b["enterprise_name"] for b in bases if b["tech_category"] == NEW_CATEGORY})
    honour = {s["studio_name"] for s in studios if NEW_HONOUR in s["leader_honors"]
              and s["category"] == "labor_model_studio"}
    return only_new, honour


def test_the_2022_generator_writes_that_season(season_2022: Path):
    only_new, honour = new_season_nominees(season_2022)
    assert len(only_new) >= 2 and honour
    campaign = load_campaign(season_2022 / "campaign.yaml")
    assert (campaign.deadline, campaign.notice) == (SEASON_2022.deadline, SEASON_2022.notice)
    assert NEW_CATEGORY in campaign.tech_categories and campaign.yearly_trainee_years == (2019, 2020, 2021)
    summaries = [p for p in (season_2022 / "inbox").rglob("*.xlsx")]
    dates = check_season([process_file(p.read_bytes(), p.name, UnitMatcher([])) for p in summaries], campaign)
    assert dates.dates >= 3 and dates.outside == 0


def test_2022_by_configuration_alone_matches_the_truth(season_2022: Path, with_campaign):
    out, stderr = with_campaign
    result = evaluate(season_2022 / "truth", out)
    assert result.missing == [] and result.nominees_extra == 0
    assert result.field_accuracy == 1.0, result.summary()
    assert result.planted_missed == [] and result.unexpected_issues == [], result.summary()
    assert "年度不符" not in stderr


def test_2022_new_category_and_honour_are_accepted(season_2022: Path, with_campaign):
    out, _ = with_campaign
    only_new, honour = new_season_nominees(season_2022)
    issues = read_csv(out / "data" / "issues.csv")
    flagged = {(i["code"], i["entity"]) for i in issues}
    assert not {("NOT_TECH_ENTERPRISE", name) for name in only_new} & flagged
    assert not {("LEADER_NOT_QUALIFIED", name) for name in honour} & flagged
    tech = {row["studio_name"]: row["tech_category"] for row in read_csv(out / "data" / "studios.csv")}
    tech |= {row["enterprise_name"]: row["tech_category"] for row in read_csv(out / "data" / "training_bases.csv")}
    assert all(tech[name] == NEW_CATEGORY for name in only_new)


def test_2022_titles_name_the_season_and_notice(with_campaign):
    out, _ = with_campaign
    report = (out / "discrepancy_report.html").read_text(encoding="utf-8")
    assert "<h1>2022年度辽宁省工会推荐材料审核报告</h1>" in report and "辽工办发〔2022〕28号" in report
    book = openpyxl.load_workbook(out / "master_list.xlsx")
    assert book.worksheets[0]["A1"].value == "2022年度辽宁省劳模创新工作室推荐汇总表（全省）"
    assert book.properties.subject == "辽工办发〔2022〕28号"
    letter = Document(next((out / "feedback").glob("*.docx")))
    texts = [p.text for p in letter.paragraphs]
    assert texts[0] == "关于2022年度创新工作室和培训基地推荐材料的反馈意见"
    assert "辽工办发〔2022〕28号" in texts[2]


def test_without_the_campaign_the_guard_says_so(season_2022: Path, without_campaign):
    out, stderr = without_campaign
    first = stderr.index("年度不符")
    assert first < stderr.index("处理完成")   # above the summary
    for words in ("看起来属于 2022 年", "内置的 2021 年默认配置", "init", "--year 2022", "--campaign"):
        assert words in stderr
    report = (out / "discrepancy_report.html").read_text(encoding="utf-8")
    assert 'id="season"' in report and report.index('id="season"') < report.index('class="run-info"')
    assert "看起来属于 2022 年" in report
    issues = read_csv(out / "data" / "issues.csv")
    only_new, _ = new_season_nominees(season_2022)
    flagged = {(i["code"], i["entity"]) for i in issues}
    assert {("NOT_TECH_ENTERPRISE", name) for name in only_new} <= flagged   # what the campaign file prevents
    assert sum(i["code"] == "LATE_SUBMISSION" for i in issues) > 10
