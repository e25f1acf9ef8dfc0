"""Tests of extractors.prose: the spaCy pipeline, narrative facts, sections, honours, skills, links."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extractors.prose.evaluate import evaluate_facts, evaluate_honours, evaluate_skills
from extractors.prose.honours import (
    default_rules,
    has_qualifying_skill,
    highest_honour,
    leader_qualifies,
    parse_honours,
    parse_skills,
)
from extractors.prose.link import material_leader_name, material_studio_name
from extractors.prose.narrative import fact_values, narrative_facts, split_sections
from extractors.prose.nlp import get_nlp

MIN_SCORE = 0.95


@pytest.fixture(scope="session")
def nlp() -> Language:
    return get_nlp()


def _ents(nlp: Language, text: str) -> list[tuple[str, str, object]]:
    return [(ent.label_, ent.text, ent._.value) for ent in nlp(text).ents]


def _values(text: str) -> dict[str, object]:
    return fact_values(narrative_facts(text))


# --- the pipeline ----------------------------------------------------------------------------


def test_pipeline_components(nlp: Language) -> None:
    assert nlp.lang == "zh"
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"
    assert nlp.pipe_names == ["sentencizer", "prose_entities"]
    assert get_nlp() is nlp


def test_round_trip_to_disk(nlp: Language, tmp_path: Path) -> None:
    text = "工作室成立于2015年3月，现有成员十二名；创造经济效益1.81亿元。"
    nlp.to_disk(tmp_path / "prose")
    started = time.perf_counter()
    loaded = spacy.load(tmp_path / "prose")
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"loading took {elapsed:.2f}s"
    assert loaded.pipe_names == nlp.pipe_names
    assert _ents(loaded, text) == _ents(nlp, text)
    assert [s.text for s in loaded(text).sents] == [s.text for s in nlp(text).sents]


def test_sentences_split_on_chinese_punctuation(nlp: Language) -> None:
    sentences = [s.text for s in nlp("工作室成立于2015年。成员12人；专利5项！效益如何？好").sents]
    assert sentences == ["工作室成立于2015年。", "成员12人；", "专利5项！", "效益如何？", "好"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2018年3月", "2018-03"),
        ("2018.3", "2018-03"),
        ("2018-03-15", "2018-03"),
        ("2018/3", "2018-03"),
        ("二〇一八年三月", "2018-03"),
        ("2018年03月15日", "2018-03"),
        ("２０１８年３月", "2018-03"),
        ("2018年", "2018"),
    ],
)
def test_date_entities(nlp: Language, text: str, value: str) -> None:
    assert _ents(nlp, f"工作室于{text}成立。") == [("DATE", text, value)]


@pytest.mark.parametrize(
    "text", ["成立三年来成效显著。", "近三年工作室发展迅速。", "今年3月开展活动。", "营收增长2015.3万元。"]
)
def test_relative_phrases_are_not_dates(nlp: Language, text: str) -> None:
    assert [ent.label_ for ent in nlp(text).ents if ent.label_ == "DATE"] == []


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("12人", "COUNT", 12),
        ("十五名", "COUNT", 15),
        ("1,374人次", "COUNT", 1374),
        ("32对", "COUNT", 32),
        ("320条", "COUNT", 320),
        ("28项", "COUNT", 28),
        ("1.2万人次", "COUNT", 12000),
        ("1.81亿元", "MONEY", 18100),
        ("一点二亿元", "MONEY", 12000),
        ("1,200万元", "MONEY", 1200),
        ("壹佰贰拾万元", "MONEY", 120),
        ("1,200,000元", "MONEY", 120),
        ("260平方米", "AREA", 260),
        ("180㎡", "AREA", 180),
        ("95m²", "AREA", 95),
        ("辽宁省劳动模范", "HONOUR", "辽宁省劳动模范"),
        ("高级技师", "SKILL", "高级技师"),
    ],
)
def test_quantity_entities(nlp: Language, text: str, label: str, value: object) -> None:
    assert _ents(nlp, f"共有{text}。") == [(label, text, value)]


def test_ages_percentages_and_years_are_not_counts(nlp: Language) -> None:
    labels = [ent.label_ for ent in nlp("平均年龄33岁，占比60%，2020年同比增长15%。").ents]
    assert "COUNT" not in labels and "MONEY" not in labels


# --- narrative facts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("found", "near_miss", "field", "value"),
    [
        ("工作室成立于2015年3月。", "工作室2015年3月被命名为市级劳模创新工作室。", "established", "2015-03"),
        ("工作室2016年5月组建。", "工作室成立三年来完成攻关34项。", "established", "2016-05"),
        ("现有成员12人，平均年龄33岁。", "平均年龄33岁，高级技师8人。", "team_size", 12),
        ("由15名骨干组成。", "成员中有8人晋升为高级技师。", "team_size", 15),
        ("获得国家专利28项，其中发明专利7项。", "申请专利12项，其中发明专利5项。", "patents", 28),
        ("取得发明专利5项、实用新型专利12项。", "另有3件发明专利处于实审阶段。", "patents", 17),
        ("创造经济效益1.81亿元。", "项目总投资1.5亿元。", "economic_benefit_wan", 18100),
        ("累计创效3131万元。", "年创经济效益800万元。", "economic_benefit_wan", 3131),
        ("培训职工1374人次。", "现有专兼职教师25人。", "trained_workers", 1374),
        ("参训人员9600人次。", "年均培训职工400余人次。", "trained_workers", 9600),
    ],
)
def test_fact_found_and_near_miss(found: str, near_miss: str, field: str, value: object) -> None:
    assert _values(found).get(field) == value
    assert field not in _values(near_miss)


def test_sub_count_never_replaces_the_total() -> None:
    facts = narrative_facts("近三年，工作室获得国家专利28项，其中发明专利7项。")
    assert [(f.field, f.value) for f in facts] == [("patents", 28)]


def test_fact_keeps_sentence_and_span() -> None:
    text = "一、工作室基本情况\n工作室成立于2015年3月。团队共有成员十二名，平均年龄36岁。"
    facts = narrative_facts(text)
    assert [(f.field, f.value) for f in facts] == [("established", "2015-03"), ("team_size", 12)]
    team = facts[1]
    assert team.sentence == "团队共有成员十二名，平均年龄36岁。"
    assert text[team.span[0] : team.span[1]] == "十二名"


def test_plans_are_not_facts() -> None:
    assert narrative_facts("下一步，工作室力争再申报国家专利10项，培训职工1000人次以上。") == []


def test_empty_text() -> None:
    assert narrative_facts("") == [] and split_sections("") == []


@pytest.mark.parametrize("split", ["facts", "honours"])
def test_evaluation_set_scores(split: str) -> None:
    scores = evaluate_facts() if split == "facts" else evaluate_honours()[0]
    overall = scores.overall
    assert overall.precision >= MIN_SCORE and overall.recall >= MIN_SCORE, scores.errors
    assert scores.items >= (80 if split == "facts" else 20)


def test_qualification_and_skill_answers() -> None:
    qualification = evaluate_honours()[1]
    skills, errors = evaluate_skills()
    assert qualification.precision >= MIN_SCORE and qualification.recall >= MIN_SCORE
    assert skills.precision >= MIN_SCORE and skills.recall >= MIN_SCORE, errors


# --- sections --------------------------------------------------------------------------------

_BODY = ["工作室成立于2015年3月。", "开展攻关。", "获得专利5项。", "培训职工300人次。", "继续创新。"]
_TITLES = ["工作室基本情况", "创新工作开展情况", "主要创新成果及效益", "示范引领和人才培养", "下一步工作计划"]
_KEYS = list(_TITLES)


@pytest.mark.parametrize(
    "numbers",
    [
        ["一、", "二、", "三、", "四、", "五、"],
        ["（一）", "（二）", "（三）", "（四）", "（五）"],
        ["第一部分 ", "第二部分 ", "第三部分 ", "第四部分 ", "第五部分 "],
        ["1.", "2.", "3.", "4.", "5."],
        ["", "", "", "", ""],
    ],
)
def test_split_sections_heading_styles(numbers: list[str]) -> None:
    lines = ["XX劳模创新工作室申报材料"]
    for number, title, body in zip(numbers, _TITLES, _BODY, strict=True):
        lines += [f"{number}{title}", body]
    sections = split_sections("\n".join(lines))
    assert [(s.title, s.text, s.key) for s in sections] == list(zip(_TITLES, _BODY, _KEYS, strict=True))


def test_split_sections_keeps_sub_headings_inside() -> None:
    text = "\n".join(
        [
            "一、工作室概况",
            "工作室成立于2015年。",
            "二、主要做法",
            "（一）建立制度",
            "制度健全。",
            "（二）技术攻关",
            "攻关20项。",
            "三、取得成效：创造经济效益500万元。",
        ]
    )
    sections = split_sections(text)
    assert [s.key for s in sections] == ["工作室基本情况", "创新工作开展情况", "主要创新成果及效益"]
    assert sections[1].text == "（一）建立制度\n制度健全。\n（二）技术攻关\n攻关20项。"
    assert sections[2].title == "取得成效" and sections[2].text == "创造经济效益500万元。"


# --- honours ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifies"),
    [
        ("沈阳市五一劳动奖章", False),
        ("辽宁省五一劳动奖章", True),
        ("省产业劳模", True),
        ("沈阳工匠", False),
        ("全国技术能手", False),
        ("2016年获辽宁省劳动模范", True),
        ("大连市先进工作者", True),
        ("铁西区劳动模范", False),
        ("沈阳市劳模创新工作室领衔人", False),
        ("", False),
    ],
)
def test_leader_qualifies(text: str, qualifies: bool) -> None:
    assert leader_qualifies(parse_honours(text), default_rules()) is qualifies


def test_rules_come_from_the_campaign_data() -> None:
    rules = default_rules()
    lenient = {
        **rules,
        "qualifying_honours": [*rules["qualifying_honours"], {"kind": "五一劳动奖章", "min_level": "市级"}],
    }
    honours = parse_honours("沈阳市五一劳动奖章")
    assert not leader_qualifies(honours, rules)
    assert leader_qualifies(honours, lenient)


def test_parse_several_honours() -> None:
    honours = parse_honours("2015年沈阳市劳动模范；2018年辽宁省五一劳动奖章、全国技术能手和五一巾帼奖")
    assert [(h.kind, h.level, h.year) for h in honours] == [
        ("劳动模范", "市级", 2015),
        ("五一劳动奖章", "省级", 2018),
        ("技术能手", "全国", None),
        ("五一巾帼奖", "全国", None),
    ]


def test_parse_special_forms() -> None:
    assert [(h.kind, h.level) for h in parse_honours("全国五一劳动奖章获得者")] == [("五一劳动奖章", "全国")]
    assert [(h.kind, h.level) for h in parse_honours("享受国务院政府特殊津贴")] == [("其他", "全国")]
    assert [(h.kind, h.level) for h in parse_honours("辽宁省能源化学地质工会授予的劳动模范")] == [
        ("劳动模范", "省产业")
    ]
    assert [(h.kind, h.level) for h in parse_honours("大国工匠")] == [("工匠", "全国")]
    assert [(h.kind, h.level) for h in parse_honours("辽宁省总工会授予的全国五一劳动奖章")] == [
        ("五一劳动奖章", "全国")
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2020年全国劳动模范、辽宁省五一劳动奖章", "全国劳动模范（2020年）"),
        ("辽宁省五一劳动奖章；全国技术能手", "辽宁省五一劳动奖章"),
        ("2014年获全国劳模", "全国劳动模范（2014年）"),
        ("省产业劳模", "省产业劳动模范"),
        ("大连市劳动模范（2015年）", "大连市劳动模范（2015年）"),
        ("沈阳工匠", "沈阳工匠"),
        ("", ""),
    ],
)
def test_highest_honour(text: str, shown: str) -> None:
    assert highest_honour(parse_honours(text), default_rules()) == shown


# --- skills ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "qualifies"),
    [
        (["高级技师"], True),
        (["技术员"], False),
        (["助理工程师"], False),
        (["工程师"], False),
        (["高级工程师"], True),
        (["", "班组长", "沈阳工匠"], True),
        (["技师学院教师"], False),
        (["助理研究员"], False),
        ([None, "高级工"], False),
    ],
)
def test_has_qualifying_skill(texts: list[str | None], qualifies: bool) -> None:
    assert has_qualifying_skill(texts, default_rules()["qualifying_skills"]) is qualifies


def test_parse_skills_is_canonical() -> None:
    assert parse_skills("数控车工高级技师、教授级高工、2019年沈阳工匠") == ["高级技师", "教授级高级工程师", "工匠"]


# --- linking ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("卢伟明劳模创新工作室申报材料", "卢伟明劳模创新工作室"),
        ("大连 附件5-卢伟明劳模创新工作室申报材料(1).docx", "卢伟明劳模创新工作室"),
        ("关于推荐《设备维修职工创新工作室》的申报材料", "设备维修职工创新工作室"),
        ("2021年度辽宁省劳模创新工作室申报材料——王洪军劳模创新工作室", "王洪军劳模创新工作室"),
        ("辽宁省劳模创新工作室申报材料", ""),
    ],
)
def test_material_studio_name(title: str, name: str) -> None:
    assert material_studio_name(title) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("工作室成立于2015年，由卢伟明同志领衔。", "卢伟明"),
        ("工作室由全国劳动模范、高级技师卢伟明同志领衔。", "卢伟明"),
        ("工作室领衔人：张宏伟，男，1975年出生。", "张宏伟"),
        ("以全国劳动模范王洪军的名字命名。", "王洪军"),
        ("工作室由公司首席技师王海涛领衔。", "王海涛"),
        ("工作室成员由一线骨干组成。", None),
    ],
)
def test_material_leader_name(text: str, name: str | None) -> None:
    assert material_leader_name(text) == name
