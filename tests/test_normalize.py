"""Table-driven tests of schemas.normalize (SPEC §4)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from schemas import normalize as n

TODAY = date(2021, 7, 23)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  大连市总工会  ", "大连市总工会"),
        ("大连市\n总工会", "大连市总工会"),
        ("张　三", "张三"),
        ("ＡＢＣ１２３", "ABC123"),
        ("大连市总工会（盖章）", "大连市总工会（盖章）"),
        ("数控 车工  高级技师", "数控车工高级技师"),
        ("CNC  lathe\n\tteam", "CNC lathe team"),
        ("工会 （盖章）", "工会（盖章）"),
        (15.0, "15"),
        (15, "15"),
        (1.5, "1.5"),
        (date(2018, 3, 15), "2018-03-15"),
        ("abc\u200bdef", "abcdef"),
    ],
)
def test_clean_text(raw, expected):
    assert n.clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, True),
        ("", True),
        ("   ", True),
        ("/", True),
        ("／", True),
        ("-", True),
        ("—", True),
        ("——", True),
        (float("nan"), True),
        ("无", False),
        ("0", False),
        (0, False),
    ],
)
def test_is_blank(raw, expected):
    assert n.is_blank(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018年3月", "2018-03"),
        ("2018年3月15日", "2018-03"),
        ("2018年03月", "2018-03"),
        ("2018年3月份", "2018-03"),
        ("2018.3", "2018-03"),
        ("1977·03", "1977-03"),   # a middle dot, as typed or read from a scan
        ("2018.03.15", "2018-03"),
        ("2018-03-15", "2018-03"),
        ("2018/3", "2018-03"),
        ("2018/3/15", "2018-03"),
        ("201803", "2018-03"),
        ("20180315", "2018-03"),
        ("２０１８年３月", "2018-03"),
        ("约2018年3月", "2018-03"),
        ("于2018年3月成立", "2018-03"),
        ("2018. 3", "2018-03"),
        ("2018.12", "2018-12"),
        ("二〇一八年三月", "2018-03"),
        ("二零一八年三月十五日", "2018-03"),
        ("一九八二年十月", "1982-10"),
        ("2018年十二月", "2018-12"),
        (43174, "2018-03"),
        (43174.0, "2018-03"),
        ("43174", "2018-03"),
        (2018.3, "2018-03"),
        (201803, "2018-03"),
        (datetime(2018, 3, 15, 0, 0), "2018-03"),
        (date(1975, 11, 2), "1975-11"),
        ("2021年7月", "2021-07"),
        ("2018.3-2019.5", "2018-03"),
    ],
)
def test_to_month(raw, expected):
    assert n.to_month(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2018年13月",
        "2018.0",
        "2018年",
        "2018",
        2018,
        "2021年8月",
        "2030-01-01",
        date(2022, 1, 1),
        "abc",
        "",
        "2018-03-45",
        "1850年3月",
    ],
)
def test_to_month_rejects(raw):
    with pytest.raises(ValueError):
        n.to_month(raw, today=TODAY)


def test_to_month_bare_year_message():
    with pytest.raises(ValueError, match="缺少月份"):
        n.to_month("2018年", today=TODAY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15", 15),
        ("15人", 15),
        ("十五人", 15),
        ("共计15人", 15),
        ("一共十五人", 15),
        ("约200", 200),
        ("1,200", 1200),
        ("１５", 15),
        ("１，２００人", 1200),
        (15.0, 15),
        (15, 15),
        ("15.0", 15),
        ("12项", 12),
        ("30人次", 30),
        ("20对", 20),
        ("15人（含）以上", 15),
        ("200余人", 200),
        ("两百人", 200),
        ("1万2千", 12000),
        ("一千二百人", 1200),
        ("0", 0),
        ("零", 0),
    ],
)
def test_to_int(raw, expected):
    assert n.to_int(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "-5", -5, "3.5人", 3.5, "人", "负3人", True])
def test_to_int_rejects(raw):
    with pytest.raises(ValueError):
        n.to_int(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("约200平方米", 200.0),
        ("1,200.5㎡", 1200.5),
        ("二百平方米", 200.0),
        ("十二点五", 12.5),
        (3.25, 3.25),
    ],
)
def test_to_number(raw, expected):
    assert n.to_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("200平方米", 200.0),
        ("200㎡", 200.0),
        ("200m2", 200.0),
        ("200 m²", 200.0),
        ("200M2", 200.0),
        ("0.2万平方米", 2000.0),
        ("约1,500平米", 1500.0),
        ("200", 200.0),
        (200, 200.0),
        ("1公顷", 10000.0),
        ("3亩", 2000.0),
    ],
)
def test_to_area(raw, expected):
    assert n.to_area(raw) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("120万元", 120.0),
        ("120万", 120.0),
        ("120 万元", 120.0),
        ("120（万元）", 120.0),
        ("1.2亿元", 12000.0),
        ("1.2亿", 12000.0),
        ("1,200,000元", 120.0),
        ("壹佰贰拾万元", 120.0),
        ("十二万", 12.0),
        ("120", 120.0),
        (120, 120.0),
        (35.5, 35.5),
        ("3000千元", 300.0),
        ("约50.5万元", 50.5),
        ("0.3万元", 0.3),
        ("12345元", 1.2345),
    ],
)
def test_to_wan(raw, expected):
    assert n.to_wan(raw) == expected


def test_to_wan_default_unit():
    assert n.to_wan("1200000", default_unit="元") == 120.0
    assert n.to_wan("5万元", default_unit="元") == 5.0


@pytest.mark.parametrize("raw", ["abc", "-5万元", "万元"])
def test_to_wan_rejects(raw):
    with pytest.raises(ValueError):
        n.to_wan(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("96%", 0.96),
        ("96％", 0.96),
        ("96", 0.96),
        (96, 0.96),
        ("0.96", 0.96),
        (0.96, 0.96),
        ("百分之九十六", 0.96),
        ("98.5%", 0.985),
        ("100%", 1.0),
        ("1", 1.0),
        ("满意率96%", 0.96),
        ("0", 0.0),
    ],
)
def test_to_rate(raw, expected):
    assert n.to_rate(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["150%", "150", 101, "abc", "-5%"])
def test_to_rate_rejects(raw):
    with pytest.raises(ValueError):
        n.to_rate(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("024-22581160", "02422581160"),
        ("(024)22581160", "02422581160"),
        ("（024）22581160", "02422581160"),
        ("+86 138 0000 0000", "13800000000"),
        ("138-0000-0000", "13800000000"),
        (13800000000.0, "13800000000"),
        (13800000000, "13800000000"),
        ("024-22581160转123", "02422581160"),
        ("024-22581160/13800000000", "02422581160"),
        ("13800000000、024-22581160", "13800000000"),
        ("024-22581160 13800000000", "02422581160"),
        ("１３８００００００００", "13800000000"),
        ("电话：0411-1234567", "04111234567"),
    ],
)
def test_to_phone(raw, expected):
    assert n.to_phone(raw) == expected


@pytest.mark.parametrize("raw", ["无", "abc", "——电话——"])
def test_to_phone_rejects(raw):
    with pytest.raises(ValueError):
        n.to_phone(raw)


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("13800000000", True),
        ("19912345678", True),
        ("02422581160", True),
        ("04111234567", True),
        ("01012345678", True),
        ("12800000000", False),
        ("1380000000", False),
        ("22581160", False),
        ("024225811601234", False),
        ("", False),
    ],
)
def test_is_valid_phone(digits, expected):
    assert n.is_valid_phone(digits) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91210200MA0QC8XX6K", "91210200MA0QC8XX6K"),
        ("9121 0200 ma0q c8xx 6k", "91210200MA0QC8XX6K"),
        ("912102-00MA0QC8-XX6K", "91210200MA0QC8XX6K"),
        ("９１２１０２００ＭＡ０ＱＣ８ＸＸ６Ｋ", "91210200MA0QC8XX6K"),
    ],
)
def test_to_credit_code(raw, expected):
    assert n.to_credit_code(raw) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("91110000600037341L", True),
        ("91110000600037341X", False),
        ("123", False),
    ],
)
def test_is_valid_credit_code(code, expected):
    assert n.is_valid_credit_code(code) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("男", "男"), ("女", "女"), ("男性", "男"), ("女性", "女"), ("M", "男"), ("f", "女"), ("男 ", "男")],
)
def test_to_gender(raw, expected):
    assert n.to_gender(raw) == expected


@pytest.mark.parametrize("raw", ["未知", "X", "男女"])
def test_to_gender_rejects(raw):
    with pytest.raises(ValueError):
        n.to_gender(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("高新技术企业", "高新技术企业"),
        ("国家高新技术企业", "高新技术企业"),
        ("国家级高新技术企业", "高新技术企业"),
        ("高新企业", "高新技术企业"),
        ("高企", "高新技术企业"),
        ("科技型中小企业（入库）", "科技型中小企业"),
        ("雏鹰", "雏鹰企业"),
        ("瞪羚企业、高新技术企业", "高新技术企业；瞪羚企业"),
        ("独角兽/雏鹰,高企", "高新技术企业；雏鹰企业；独角兽企业"),
        ("科技型中小企业和高新技术企业", "高新技术企业；科技型中小企业"),
        ("高新技术企业；高企\n瞪羚", "高新技术企业；瞪羚企业"),
        ("无", ""),
        ("否", ""),
        ("", ""),
        ("非高新技术企业", ""),
        ("位于高新区", ""),
    ],
)
def test_to_tech_categories(raw, expected):
    assert n.to_tech_categories(raw) == expected


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        ("established", "2018年3月", "2018-03"),
        ("leader_birth", "1975.11", "1975-11"),
        ("cert_date", 43174, "2018-03"),
        ("team_size", "十五人", 15),
        ("employees", "1,200", 1200),
        ("satisfaction_rate", "96%", 0.96),
        ("annual_funding_wan", "1.2亿元", 12000.0),
        ("economic_benefit_wan", "1,200,000元", 120.0),
        ("venue_area_m2", "0.2万平方米", 2000.0),
        ("training_area_m2", "200㎡", 200.0),
        ("leader_phone", "024-22581160", "02422581160"),
        ("contact_phone", 13800000000.0, "13800000000"),
        ("credit_code", "9121 0200ma0qc8xx6k", "91210200MA0QC8XX6K"),
        ("leader_gender", "女性", "女"),
        ("tech_category", "国家高新技术企业、瞪羚", "高新技术企业；瞪羚企业"),
        ("studio_name", " 张三\n劳模创新工作室 ", "张三劳模创新工作室"),
        ("has_training_records", "有", "有"),
        ("leader_honors", "无", None),          # no honour is no value; "无" stays an answer elsewhere
        ("leader_skill_level", "暂无", None),
        ("tech_category", "无", ""),
    ],
)
def test_normalise(field, raw, expected):
    assert n.normalise(field, raw, today=TODAY) == expected


@pytest.mark.parametrize(
    "field",
    [
        "established",
        "team_size",
        "satisfaction_rate",
        "annual_funding_wan",
        "leader_phone",
        "credit_code",
        "leader_gender",
        "tech_category",
        "studio_name",
    ],
)
@pytest.mark.parametrize("raw", [None, "", "  ", "/", "—", "——", "-"])
def test_normalise_blank_is_none(field, raw):
    assert n.normalise(field, raw, today=TODAY) is None


@pytest.mark.parametrize(
    ("field", "raw", "reason"),
    [
        ("established", "2018年13月", "月份"),
        ("established", "2022年1月", "晚于"),
        ("leader_birth", "1975年", "缺少月份"),
        ("team_size", "3.5人", "整数"),
        ("team_size", "-5", "负数"),
        ("satisfaction_rate", "150%", "超过"),
        ("leader_gender", "未知", "性别"),
    ],
)
def test_normalise_errors_are_chinese(field, raw, reason):
    with pytest.raises(ValueError, match=reason):
        n.normalise(field, raw, today=TODAY)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (15, "15"),
        (120.0, "120"),
        (0.96, "0.96"),
        (1200.5, "1200.5"),
        (True, "true"),
        (False, "false"),
        ("2018-03", "2018-03"),
        (0.0, "0"),
    ],
)
def test_format_value(value, expected):
    assert n.format_value("any", value) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("91210500524516702J.", "91210500524516702J"),
    ("912111002064824202设备设施:实训操作台13套", "912111002064824202"),
    ("9121 0500 5245 1670 2J", "91210500524516702J"),
    ("1234", "1234"),
])
def test_credit_code_run_inside_other_text(raw, expected):
    assert n.to_credit_code(raw) == expected


@pytest.mark.parametrize("raw", ["二O二〇年五月", "二o二〇年五月", "二0二〇年五月"])
def test_latin_zero_in_chinese_numeral_dates(raw):
    assert n.to_month(raw, today=date(2021, 7, 23)) == "2020-05"
