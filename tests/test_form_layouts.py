"""Forms laid out the way other provinces and campaigns lay them out (FORMS_IN_THE_WILD.md), built
here as real .docx files and read through the extractors."""

from __future__ import annotations

import io
import random

import docx
import pytest

from extractors.backends import read_document
from extractors.registry import extract_document, primary_doc_type
from samples.wild.foreign import FOREIGN
from samples.wild.grid import Cell, add_grid, spaced, vertical


def build(*parts) -> bytes:
    """A .docx of paragraphs (str) and tables ((rows, width))."""
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        elif part is None:
            document.add_page_break()
        else:
            rows, width = part
            add_grid(document, rows, width)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(data: bytes):
    document = read_document(data, "form.docx", "docx")
    extractions = extract_document(document)
    return primary_doc_type(extractions), [r for e in extractions for r in e.records]


def only_form(data: bytes):
    doc_type, records = read(data)
    forms = [r for r in records if r.kind == "form"]
    assert len(forms) == 1, [r.values for r in forms]
    return doc_type, forms[0]


def texts(record, *names):
    return tuple(record.text(name) for name in names)


def test_vertical_group_labels_with_bare_labels_beside_them():
    rows = [
        [Cell(spaced("工作室名称")), Cell("张三劳模创新工作室", 4)],
        [Cell(vertical("领衔人"), rows=2), Cell(spaced("姓名")), Cell("张三"), Cell(spaced("性别")), Cell("男")],
        [Cell("出生年月"), Cell("1980.5"), Cell("联系电话"), Cell("13912345678")],
        [Cell(vertical("工作室"), rows=2), Cell("所在单位"), Cell("大连重工集团"), Cell("成立时间"), Cell("2015年3月")],
        [Cell("团队人数"), Cell("12人"), Cell("荣誉称号"), Cell("辽宁省劳动模范")],
        [Cell(vertical("推荐意见及盖章")), Cell("同意推荐。\n（盖章）\n2021年7月15日", 4)],
    ]
    doc_type, form = only_form(build("劳模创新工作室推荐表", (rows, 5)))
    assert doc_type == "studio_form"
    assert texts(form, "leader_name", "leader_gender", "leader_birth", "leader_phone") == (
        "张三", "男", "1980.5", "13912345678")
    assert texts(form, "organization", "established", "team_size") == ("大连重工集团", "2015年3月", "12人")
    assert "2021年7月15日" in form.text("opinion_recommender")
    assert form.category == "labor_model_studio"  # from the title: the form has no category row


def test_sections_member_table_and_label_rows_over_value_rows():
    rows = [
        [Cell("一、工作室基本情况", 4)],
        [Cell("工作室名称"), Cell("焊接工艺职工创新工作室", 3)],
        [Cell("依托单位"), Cell("鞍钢股份有限公司（国有企业）"), Cell("团队人数"), Cell("9")],
        [Cell("二、领衔人基本情况", 4)],
        [Cell("姓名"), Cell("性别"), Cell("出生年月"), Cell("技能等级")],
        [Cell("李四"), Cell("女"), Cell("1979.2"), Cell("高级技师")],
        [Cell("三、主要成员", 4)],
        [Cell("姓名"), Cell("性别"), Cell("职务"), Cell("职称")],
        [Cell("王五"), Cell("男"), Cell("班组长"), Cell("技师")],
        [Cell("赵六"), Cell("男"), Cell("操作工"), Cell("高级工")],
        [Cell("四、主要创新成果", 4)],
        [Cell("获得专利（项）"), Cell("技术攻关（项）"), Cell("合理化建议（条）"), Cell("经济效益（万元）")],
        [Cell("5"), Cell("12"), Cell("80"), Cell("350")],
    ]
    _, form = only_form(build("创新工作室申报表", (rows, 4)))
    assert texts(form, "leader_name", "leader_gender", "leader_birth", "leader_skill_level") == (
        "李四", "女", "1979.2", "高级技师")
    assert texts(form, "team_size", "organization", "org_nature") == ("9", "鞍钢股份有限公司", "国有企业")
    assert texts(form, "patents", "tackled_projects", "suggestions", "economic_benefit_wan") == ("5", "12", "80", "350")


def test_a_member_table_is_never_the_leader_nor_the_team_size():
    rows = [
        [Cell("工作室名称"), Cell("数控加工创新工作室", 3)],
        [Cell("领衔人"), Cell("周强"), Cell("成立时间"), Cell("2016年4月")],
        [Cell("所在单位"), Cell("辽阳石化有限公司"), Cell("技能等级"), Cell("高级技师")],
        [Cell("工作室成员情况", 4)],
        [Cell("姓名"), Cell("性别"), Cell("年龄"), Cell("职务")],
        *[[Cell(name), Cell("男"), Cell("35"), Cell("技术员")] for name in ("甲一", "乙二", "丙三")],
    ]
    _, form = only_form(build("创新工作室推荐表", (rows, 4)))
    assert form.text("leader_name") == "周强"
    assert form.text("team_size") == ""  # three members listed, but the form states no team size


def test_cover_page_and_instructions_are_not_the_form():
    instructions = [
        "填 表 说 明",
        "1. 工作室名称：应填写全称，与申报材料一致。",
        "2. 推荐单位：各市总工会填写本单位全称，如“大连市总工会”。",
        "3. 团队人数：指在册成员人数。",
    ]
    rows = [
        [Cell("工作室名称"), Cell("电网运维职工创新工作室", 3)],
        [Cell("工作室类别"), Cell("□劳模创新工作室 ☑职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）", 3)],
        [Cell("所在单位"), Cell("国网辽宁省电力有限公司"), Cell("团队人数"), Cell("15")],
        [Cell("领衔人"), Cell("孙波"), Cell("成立日期"), Cell("2014.6")],
    ]
    data = build("辽宁省职工创新工作室", "推  荐  表", "工作室名称：电网运维职工创新工作室",
                 "申报单位（盖章）：国网辽宁省电力有限公司", "推荐单位（盖章）：省能源化学地质工会", "填报时间：2021年7月",
                 None, *instructions, None, (rows, 4))
    _, form = only_form(data)
    assert form.unit_text == "省能源化学地质工会"
    assert texts(form, "studio_name", "team_size", "leader_name") == ("电网运维职工创新工作室", "15", "孙波")
    assert form.category == "worker_studio_tech"


@pytest.mark.parametrize(("kind_row", "enterprise_row", "category"), [
    ("☑劳模创新工作室  □职工创新工作室", None, "labor_model_studio"),
    ("☑劳模创新工作室  □职工创新工作室", "□科技型企业  □其他类型企业", "labor_model_studio"),
    ("劳模创新工作室□  职工创新工作室☑", "科技型企业☑  其他类型企业□", "worker_studio_tech"),
    ("（ ）劳模创新工作室 （√）职工创新工作室", "（ ）科技型企业 （√）其他类型企业", "worker_studio_other"),
])
def test_category_asked_as_two_rows(kind_row, enterprise_row, category):
    rows = [[Cell("工作室名称"), Cell("甲创新工作室", 3)], [Cell("申报类别"), Cell(kind_row, 3)]]
    if enterprise_row:
        rows.append([Cell("企业类型"), Cell(enterprise_row, 3)])
    rows += [[Cell("领衔人"), Cell("钱七"), Cell("团队人数"), Cell("8")], [Cell("所在单位"), Cell("乙公司", 3)]]
    _, form = only_form(build("创新工作室推荐表", (rows, 4)))
    assert form.category == category


def test_worker_studio_without_enterprise_row_leaves_the_kind_to_the_summary():
    rows = [[Cell("工作室名称"), Cell("甲创新工作室", 3)], [Cell("申报类别"), Cell("□劳模创新工作室 ☑职工创新工作室", 3)],
            [Cell("领衔人"), Cell("钱七"), Cell("团队人数"), Cell("8")]]
    _, form = only_form(build("创新工作室推荐表", (rows, 4)))
    assert form.category == "" and form.notes["category_partial"] == "worker"
    assert "category_problem" not in form.notes


def test_training_base_in_another_provinces_layout():
    rows = [
        [Cell("企业名称"), Cell("沈阳新松机器人自动化股份有限公司", 3)],
        [Cell("企业类型"), Cell("☑高新技术企业  □科技型中小企业  ☑雏鹰企业", 3)],
        [Cell("高新技术企业证书编号及认定时间"), Cell("GR201921000837（2019年11月28日）", 3)],
        [Cell("法人代表"), Cell("曲道奎"), Cell("职工总数"), Cell("3200人")],
        [Cell("联系人：张丽  电话：024-31165858", 4)],
        [Cell("师资情况"), Cell("专职6人，兼职17人", 3)],
        [Cell("培训场地面积"), Cell("约2000平方米"), Cell("教学设备（台套）"), Cell("120")],
        [Cell(vertical("近三年培训人次"), rows=2), Cell("2018年"), Cell("2019年"), Cell("2020年")],
        [Cell("1870"), Cell("2140"), Cell("2300")],
        [Cell("培训制度建设"), Cell("培训记录台账☑ 培训后跟踪服务☑ 培训激励办法□", 3)],
    ]
    doc_type, form = only_form(build("职工培训基地申报表（科技型企业）", (rows, 4)))
    assert doc_type == "training_base_form" and form.category == "training_base"
    assert form.text("tech_category") == "高新技术企业、雏鹰企业"
    assert texts(form, "cert_no", "cert_date", "legal_rep", "employees") == (
        "GR201921000837", "2019年11月28日", "曲道奎", "3200人")
    assert texts(form, "contact_name", "contact_phone") == ("张丽", "024-31165858")
    assert texts(form, "full_time_teachers", "part_time_teachers") == ("6", "17")
    assert texts(form, "trainees_2018", "trainees_2019", "trainees_2020") == ("1870", "2140", "2300")


def test_form_typed_as_paragraphs_with_several_pairs_and_a_sentence_of_achievements():
    data = build(
        "劳模创新工作室申报表",
        "推荐单位：丹东市总工会",
        "工作室名称：刘刚劳模创新工作室    申报类别：☑劳模创新工作室 □职工创新工作室",
        "依托单位：丹东港集团有限公司（国有控股企业）    统一社会信用代码：91210600MA0Y7C1X3W",
        "工作室带头人：刘刚  性别：男  出生年月：1972.08",
        "组建时间：2015年7月    成员人数：19人",
        "主要创新成果：完成技术攻关17项，获得授权专利9项，提出合理化建议214条，创造经济效益约8600万元，"
        "培训职工2300人次，师带徒26对。",
    )
    _, form = only_form(data)
    assert (form.category, form.unit_text) == ("labor_model_studio", "丹东市总工会")
    assert texts(form, "organization", "org_nature", "leader_name", "team_size") == (
        "丹东港集团有限公司", "国有控股企业", "刘刚", "19人")
    assert texts(form, "tackled_projects", "patents", "suggestions", "economic_benefit_wan", "trained_workers",
                 "apprentices") == ("17", "9", "214", "8600.0", "2300", "26")
    assert set(form.notes["inferred"]) >= {"patents", "economic_benefit_wan"}


@pytest.mark.parametrize("title", sorted(FOREIGN))
def test_forms_of_other_campaigns_are_unknown(title):
    document = FOREIGN[title](random.Random(3), "沈阳市总工会", "沈阳某某有限公司")
    buffer = io.BytesIO()
    document.save(buffer)
    doc_type, records = read(buffer.getvalue())
    assert doc_type == "unknown" and records == []


def test_labels_ending_with_a_colon_and_a_photo_box_beside_the_leader():
    rows = [
        [Cell("工作室名称："), Cell("精密装配创新工作室", 4)],
        [Cell("姓名："), Cell("吴德林"), Cell("性别："), Cell("男"), Cell("照片", rows=3)],
        [Cell("出生年月："), Cell("1978.11"), Cell("技能等级："), Cell("高级技师")],
        [Cell("所在单位："), Cell("大连机车车辆有限公司"), Cell("团队人数："), Cell("14")],
        [Cell("成立时间："), Cell("2016年5月", 4)],
    ]
    _, form = only_form(build("职工创新工作室推荐表", (rows, 5)))
    assert texts(form, "studio_name", "leader_name", "leader_gender", "leader_birth", "team_size", "established") == (
        "精密装配创新工作室", "吴德林", "男", "1978.11", "14", "2016年5月")


def summary_bytes(rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_summary(rows: list[list[str]]):
    document = read_document(summary_bytes(rows), "s.xlsx", "xlsx")
    extractions = extract_document(document)
    return [(r.text("studio_name"), r.category) for e in extractions for r in e.records], extractions


HEAD = [["2021年辽宁省劳模创新工作室和职工创新工作室推荐汇总表"],
        ["填报单位（盖章）：", "大连市总工会", "填报人：", "王丽", "填报时间：", "2021年7月20日"],
        ["序号", "工作室名称", "所在单位", "领衔人", "团队人数", "成立时间"]]


def test_one_list_of_several_categories_under_section_rows():
    records, extractions = read_summary([
        *HEAD,
        ["一、劳模创新工作室（1个）"],
        ["1", "张三劳模创新工作室", "大连重工", "张三", "12", "2016.3"],
        ["二、职工创新工作室（科技型企业）（2个）"],
        ["2", "焊接创新工作室", "大连船舶", "李四", "9", "2017.5"],
        ["3", "数控创新工作室", "大连机床", "王五", "8", "2018.1"],
    ])
    assert records == [("张三劳模创新工作室", "labor_model_studio"), ("焊接创新工作室", "worker_studio_tech"),
                       ("数控创新工作室", "worker_studio_tech")]
    summary = next(e for e in extractions if e.records)
    assert summary.records[0].unit_text == "大连市总工会" and summary.dates[0].text == "2021年7月20日"


def test_one_list_with_a_category_column():
    records, _ = read_summary([
        *HEAD[:2], ["序号", "类别", "工作室名称", "所在单位", "领衔人", "团队人数", "成立时间"],
        ["1", "劳模", "张三劳模创新工作室", "大连重工", "张三", "12", "2016.3"],
        ["2", "职工（其他）", "护理创新工作室", "大连医院", "赵六", "7", "2015.9"],
    ])
    assert records == [("张三劳模创新工作室", "labor_model_studio"), ("护理创新工作室", "worker_studio_other")]


def test_a_row_with_its_name_left_blank_is_kept_to_be_reported():
    records, _ = read_summary([*HEAD, ["1", "", "大连重工", "张三", "12", "2016.3"], ["2", "", "", "", "", ""]])
    assert records == [("", "labor_model_studio")]


def test_options_and_ticks_in_separate_cells_and_a_label_with_its_value_after_a_gap():
    rows = [
        [Cell("工作室名称    张三劳模创新工作室", 5)],
        [Cell("工作室类别"), Cell("劳模创新工作室"), Cell("√"), Cell("职工创新工作室（科技型企业）"), Cell("")],
        [Cell("领衔人"), Cell("张三"), Cell("团队人数"), Cell("12"), Cell("")],
        [Cell("所在单位"), Cell("大连重工", 2), Cell("成立时间"), Cell("2016.3")],
        [Cell("推荐单位"), Cell("大连市总工会", 4)],
    ]
    _, form = only_form(build("创新工作室推荐表", (rows, 5)))
    assert (form.text("studio_name"), form.category, form.unit_text) == (
        "张三劳模创新工作室", "labor_model_studio", "大连市总工会")


def test_options_standing_with_no_mark_at_all_are_not_read_as_several_ticks():
    rows = [[Cell("工作室名称"), Cell("甲创新工作室", 3)],
            [Cell("工作室类别"), Cell("劳模创新工作室  职工创新工作室（科技型企业）  职工创新工作室（其他类型企业）", 3)],
            [Cell("领衔人"), Cell("钱七"), Cell("团队人数"), Cell("8")], [Cell("所在单位"), Cell("乙公司", 3)]]
    _, form = only_form(build("创新工作室推荐表", (rows, 4)))
    assert form.category == "" and "category_problem" not in form.notes and form.notes["category_unreadable"]


def test_member_list_under_a_long_section_title_and_achievements_with_a_remarks_column():
    rows = [
        [Cell("工作室名称"), Cell("模具设计创新工作室", 6)],
        [Cell("所在单位"), Cell("大连汽车零部件股份有限公司", 3), Cell("成员人数"), Cell("37", 2)],
        [Cell("二、工作室带头人基本情况", 7)],
        [Cell("姓　名"), Cell("林志成"), Cell("性　别"), Cell("男"), Cell("出生年月"), Cell("1990年1月"), Cell("照\n片", rows=2)],
        [Cell("职务/职称"), Cell(""), Cell("技能等级"), Cell("技师"), Cell("手　机"), Cell("152-9044-6144")],
        [Cell("三、工作室主要成员（不含带头人，限填5人）", 7)],
        [Cell("序号"), Cell("姓名"), Cell("性别"), Cell("年龄"), Cell("职务"), Cell("职称/技能等级"), Cell("专业特长")],
        [Cell("1"), Cell("蒋芳"), Cell("女"), Cell("31"), Cell("技术员"), Cell("高级技师"), Cell("电气控制")],
        [Cell("四、主要创新成果（近三年）", 7)],
        [Cell("获得专利\n（项）"), Cell("技术攻关\n（项）"), Cell("合理化建议\n（条）"), Cell("经济效益\n（万元）"),
         Cell("培训职工\n（人次）"), Cell("师带徒\n（对）"), Cell("备注")],
        [Cell("12项"), Cell("31"), Cell("26"), Cell("393"), Cell("3407人次"), Cell("６对"), Cell("")],
    ]
    _, form = only_form(build("创新工作室申报表", (rows, 7)))
    assert texts(form, "leader_name", "leader_title", "leader_skill_level", "team_size") == ("林志成", "", "技师", "37")
    assert texts(form, "patents", "trained_workers", "apprentices") == ("12项", "3407人次", "６对")


def test_labels_with_a_bracketed_note_inside():
    rows = [[Cell("企业名称"), Cell("鞍钢股份有限公司鞍山钢铁厂", 3)],
            [Cell("统一社会信用代码"), Cell("912103006817719507"), Cell("职工人数"), Cell("2978")],
            [Cell("科技型企业认定（入库）编号及时间"), Cell("2020210300A4742316（2020.11.16）", 3)],
            [Cell("培训场所面积（平方米）"), Cell("570"), Cell("教学设备（台套）"), Cell("246")]]
    _, form = only_form(build("辽宁省工会职工职业技能培训基地推荐表", (rows, 4)))
    assert texts(form, "cert_no", "cert_date") == ("2020210300A4742316", "2020.11.16")


def test_hint_row_under_a_summary_header_is_part_of_the_header():
    records, _ = read_summary([
        *HEAD[:2], ["序号", "工作室名称", "所在单位", "领衔人", "团队人数", "成立时间"],
        ["", "", "", "", "（人）", "（年月）"],
        ["1", "张三劳模创新工作室", "大连重工", "张三", "12", "2016.3"],
    ])
    assert records == [("张三劳模创新工作室", "labor_model_studio")]


def test_a_material_with_neither_title_nor_headings_is_still_a_material():
    data = build("立足岗位创新 勇攀技术高峰",
                 "林艳慧劳动模范创新工作室成立于2011年4月，依托丹东轨道交通装备有限公司，由林艳慧同志领衔。"
                 "目前，工作室团队成员达到6人，拥有383平方米的活动场所，配备数控车床16台、加工中心4台。",
                 "领衔人林艳慧，工段长，长期扎根生产一线，先后获得2017年丹东市劳动模范等荣誉称号。",
                 "近三年来，工作室完成技术攻关14项，征集和实施合理化建议37条。近三年为企业创效4695万元；"
                 "同时注重知识产权保护，共获得国家专利19项。",
                 "工作室充分发挥传帮带作用，累计培训职工5850人次，签订师带徒协议7对。",
                 "今后，工作室将进一步完善管理制度，拓展创新领域，推动更多创新成果在生产一线落地见效。")
    doc_type, records = read(data)
    assert doc_type == "material"
    assert "林艳慧劳动模范创新工作室" in records[0].notes["head"]


def test_a_cover_letter_listing_studios_is_not_a_material():
    data = build("关于推荐2021年度辽宁省劳模创新工作室等的函", "辽宁省总工会：",
                 "根据通知要求，经认真组织评审，现推荐张三劳模创新工作室、李四职工创新工作室、王五技能大师工作室等"
                 "三个工作室参加评选。上述工作室均成立一年以上，领衔人均为市级以上劳动模范或高技能人才，"
                 "团队结构合理，创新成果突出，在推动企业技术进步和职工素质提升方面发挥了重要作用，请予审定。" * 2,
                 "特此函告。")
    assert read(data)[0] == "unknown"


def test_numbered_labels_and_a_value_cell_holding_pairs_separated_by_spaces():
    rows = [
        [Cell("1、工作室名称："), Cell("模具设计职工创新工作室")],
        [Cell("2、依托单位："), Cell("抚顺智能装备股份有限公司")],
        [Cell("5、工作室领衔人："), Cell("姓名 林燕雪 性别 女 出生年月 1966.10\n职务/职称 车间主任 技能等级 技师")],
        [Cell("7、工作室创建时间："), Cell("2015-06")],
        [Cell("8、工作室成员数："), Cell("25")],
        [Cell("9、活动场所及设施："), Cell("面积104.5平方米；主要设备：实训操作台5套、计算机10台")],
    ]
    _, form = only_form(build("2021年度辽宁省职工创新工作室（其他类型企业）推荐申报表", (rows, 2)))
    assert texts(form, "studio_name", "leader_name", "leader_gender", "leader_birth", "leader_skill_level") == (
        "模具设计职工创新工作室", "林燕雪", "女", "1966.10", "技师")
    assert texts(form, "established", "team_size", "venue_area_m2") == ("2015-06", "25", "104.5平方米")
    assert form.category == "worker_studio_other"


def test_a_table_nested_in_a_cell_is_read_as_a_table_of_its_own():
    document = docx.Document()
    add_grid(document, [[Cell("工作室名称"), Cell("精密装配创新工作室")], [Cell("领衔人"), Cell("")],
                        [Cell("成立时间"), Cell("2016年5月")], [Cell("团队人数"), Cell("14")]], 2)
    inner = document.tables[0].cell(1, 1).add_table(rows=2, cols=4)
    for col, text in enumerate(["姓名", "蔡林志", "性别", "男"]):
        inner.cell(0, col).text = text
    for col, text in enumerate(["出生年月", "1978-04", "技能等级", "技师"]):
        inner.cell(1, col).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    _, form = only_form(buffer.getvalue())
    assert texts(form, "leader_name", "leader_gender", "leader_birth", "leader_skill_level", "team_size") == (
        "蔡林志", "男", "1978-04", "技师", "14")


def test_training_system_items_each_answered_yes_or_no():
    import datetime as dt

    from pipeline.loader import load_record

    rows = [
        [Cell("一、企业基本情况", 4)],
        [Cell("企业全称"), Cell("北方重工集团有限公司", 3)],
        [Cell("社会信用代码"), Cell("91210100985158012A"), Cell("法定代表人"), Cell("贾勇飞")],
        [Cell("专职教师"), Cell("4人"), Cell("兼职教师"), Cell("17")],
        [Cell("三、培训制度建设", 4)],
        [Cell("培训记录台账"), Cell("√有　□无", 3)],
        [Cell("培训后跟踪服务"), Cell("□有　√无", 3)],
        [Cell("培训激励办法"), Cell("√有　□无", 3)],
    ]
    _, form = only_form(build("职工职业技能培训基地申报表", (rows, 4)))
    entry, _ = load_record(form, dt.date(2021, 8, 1))
    assert (entry.values["has_training_records"], entry.values["has_followup_service"],
            entry.values["has_incentives"]) == (True, False, True)


def test_side_by_side_blocks_with_bare_labels_and_bilingual_labels():
    rows = [
        [Cell("工作室基本情况", 2), Cell("领衔人基本情况", 2)],
        [Cell("名称\nStudio name"), Cell("护理技术职工创新工作室"), Cell("姓名"), Cell("宋伟勇")],
        [Cell("所在单位"), Cell("沈阳机床股份有限公司"), Cell("性别"), Cell("男")],
        [Cell("成立时间"), Cell("2016年6月"), Cell("出生年月"), Cell("1971年01月")],
        [Cell("团队人数"), Cell("十人"), Cell("技能等级"), Cell("特级技师")],
    ]
    _, form = only_form(build("创新工作室基本情况表", (rows, 4)))
    assert texts(form, "studio_name", "leader_name", "leader_gender", "established", "leader_skill_level") == (
        "护理技术职工创新工作室", "宋伟勇", "男", "2016年6月", "特级技师")


def test_achievements_by_year_with_a_total_column_and_trainees_by_year():
    studio_rows = [[Cell("工作室名称"), Cell("曹刚涛劳模创新工作室", 4)], [Cell("领衔人"), Cell("曹刚涛", 4)],
                   [Cell("团队人数"), Cell("10", 4)], [Cell("成立时间"), Cell("2018年7月", 4)],
                   [Cell("项目"), Cell("2018年"), Cell("2019年"), Cell("2020年"), Cell("合计")],
                   [Cell("获得专利（项）"), Cell("0"), Cell("16"), Cell("0"), Cell("16")],
                   [Cell("创造经济效益（万元）"), Cell("961"), Cell("893"), Cell("3446"), Cell("5300")]]
    _, form = only_form(build("劳模创新工作室申报表", (studio_rows, 5)))
    assert texts(form, "patents", "economic_benefit_wan") == ("16", "5300")
    base_rows = [[Cell("企业名称"), Cell("沈阳机床股份有限公司", 3)], [Cell("统一社会信用代码"), Cell("9121010094748399X8", 3)],
                 [Cell("专职教师（人）"), Cell("15人", 3)], [Cell("学员满意率"), Cell("96.5％", 3)]]
    years = [[Cell("年度"), Cell("2018年"), Cell("2019年"), Cell("2020年")],
             [Cell("培训人次"), Cell("615人次"), Cell("940"), Cell("3025")]]
    _, base = only_form(build("职工职业技能培训基地申报表", (base_rows, 4), (years, 4)))
    assert texts(base, "trainees_2018", "trainees_2019", "trainees_2020") == ("615人次", "940", "3025")


def test_blanks_filled_in_on_underlines_in_paragraphs():
    data = build("辽宁省劳模创新工作室和职工创新工作室基本情况表", "推荐单位（盖章）：____抚顺市总工会____",
                 "工作室名称：____精密装配创新工作室____",
                 "推荐类别：□劳模创新工作室   √职工创新工作室（科技型企业）   □职工创新工作室（其他类型企业）",
                 "  统一社会信用代码：____91210400699707084H____ 单位性质：____民营企业____",
                 "  工作室带头人：____朱玲娟____ 性别：____女____ 出生年月：____一九七二年十二月____",
                 "  团队人数：____29____ 创建年月：____2013年11月20日____")
    _, form = only_form(data)
    assert form.category == "worker_studio_tech"
    assert texts(form, "org_nature", "leader_gender", "team_size").count("") == 0
    from schemas.normalize import clean_text
    assert clean_text(form.text("studio_name")) == "精密装配创新工作室"


def test_official_title_does_not_say_which_kind_of_studio():
    rows = [[Cell("工作室名称"), Cell("甲劳模创新工作室", 3)], [Cell("领衔人"), Cell("钱七"), Cell("团队人数"), Cell("8")],
            [Cell("所在单位"), Cell("乙公司"), Cell("成立时间"), Cell("2015.3")]]
    _, form = only_form(build("辽宁省劳模创新工作室和职工创新工作室基本情况表", (rows, 4)))
    assert form.category == "" and "category_partial" not in form.notes


def test_an_email_column_under_a_contact_group_is_not_the_phone():
    _, extractions = read_summary([
        ["2021年职工职业技能培训基地申报汇总表"],
        ["序号", "企业名称", "统一社会信用代码", "科技型企业类别", "上年度实名制培训人次", "联系方式", "", ""],
        ["", "", "", "", "", "联系人", "联系电话", "邮箱"],
        ["1", "抚顺轨道交通装备有限责任公司", "91210400777631899K", "高新技术企业", "527", "冯军强", "0413-7511040",
         "fbzgee@163.com"],
    ])
    base = extractions[0].records[0]
    assert (base.text("contact_name"), base.text("contact_phone")) == ("冯军强", "0413-7511040")


def test_a_group_cell_whose_word_completes_the_bare_labels_beside_it():
    rows = [[Cell(vertical("工作室"), rows=4), Cell("名称"), Cell("数控加工创新工作室")],
            [Cell("依托单位"), Cell("本溪特钢有限公司")], [Cell("组建时间"), Cell("2017.11")], [Cell("成员人数"), Cell("6人")],
            [Cell(vertical("领衔人"), rows=2), Cell("姓名"), Cell("朱庆伟")], [Cell("技能等级"), Cell("高级技师")]]
    _, form = only_form(build("创新工作室推荐申报表", (rows, 3)))
    assert texts(form, "studio_name", "organization", "team_size", "leader_name") == (
        "数控加工创新工作室", "本溪特钢有限公司", "6人", "朱庆伟")


def test_abbreviated_labels_of_a_compact_grid():
    rows = [[Cell("名称"), Cell("安全生产职工创新工作室", 5)],
            [Cell("单位"), Cell("大连热电有限公司"), Cell("性质"), Cell("国有控股企业"), Cell("企业类别"), Cell("高新技术企业")],
            [Cell("领衔人"), Cell("蔡华华"), Cell("成员"), Cell("21人"), Cell("成立"), Cell("2014-09-05")]]
    _, form = only_form(build("辽宁省职工创新工作室（科技型企业）推荐表", (rows, 6)))
    assert texts(form, "studio_name", "organization", "org_nature", "tech_category", "team_size", "established") == (
        "安全生产职工创新工作室", "大连热电有限公司", "国有控股企业", "高新技术企业", "21人", "2014-09-05")


def test_a_report_with_a_member_table_is_a_material_and_a_letter_listing_nominees_is_not():
    material = build("关于董亮志技能大师工作室创建工作情况的报告", "（一）基本情况",
                     "工作室组建于2010年5月，由董亮志同志领衔。工作室依托辽阳精密制造集团有限公司，形成了一支三十七人的创新团队。"
                     "主要成员情况如下：", ([[Cell("序号"), Cell("姓名"), Cell("岗位")], [Cell("1"), Cell("董亮志"), Cell("领衔人")],
                                         [Cell("2"), Cell("宋东"), Cell("工艺员")]], 3),
                     "（二）主要工作", "工作室坚持问题即课题、创新即工作的理念，建立了课题立项、攻关推进、成果评审的闭环机制。" * 3,
                     "（三）取得成效", "工作室成立以来，共获得专利22项，完成技术攻关55项，近三年累计创造经济效益2600万元。")
    assert read(material)[0] == "material"
    letter = build("沈阳市总", "关于推荐2021年度辽宁省劳模创新工作室、职工创新工作室和职工职业技能培训基地的函", "辽宁省总工会：",
                   "根据通知要求，经基层推荐、审核把关，现将我单位推荐名单报送如下：" * 3,
                   "1.徐文鹏技能大师工作室（沈阳数控机床有限公司）", "2.林军职工创新工作室（沈阳新材料有限公司）")
    assert read(letter)[0] == "unknown"


def test_a_bare_number_like_a_year_under_the_year_headers_is_a_value():
    rows = [
        [Cell("企业名称"), Cell("抚顺药业有限公司", 4)],
        [Cell("近三年实名制培训人次", rows=2), Cell("2018年"), Cell("2019年", 2), Cell("2020年")],
        [Cell("２５１人次"), Cell("2424", 2), Cell("2020")],
        [Cell("学员满意率"), Cell("达96%", 4)],
    ]
    _, form = only_form(build("职工培训基地申报表", (rows, 5)))
    assert texts(form, "trainees_2018", "trainees_2019", "trainees_2020") == ("２５１人次", "2424", "2020")


def test_the_last_row_of_a_form_on_its_next_page_is_part_of_the_form():
    rows = [
        [Cell("工作室名称"), Cell("蔡伟东劳模创新工作室", 3)],
        [Cell("领衔人姓名"), Cell("蔡伟东"), Cell("团队人数"), Cell("12")],
        [Cell("成立时间"), Cell("2016年5月"), Cell("所在单位"), Cell("辽宁省军休服务中心")],
        [Cell("推荐单位意见"), Cell("同意推荐。\n（盖章）\n2021年7月15日", 3)],
    ]
    tail = [[Cell("市总工会意见"), Cell("同意联合推荐。\n沈阳市总工会（盖章）\n2021年7月13日")]]
    other = [[Cell("序号"), Cell("附件名称")], [Cell("1"), Cell("工作室简介")]]
    _, form = only_form(build("劳模创新工作室推荐表", (rows, 4), None, (tail, 2), "附件清单", (other, 2)))
    assert "沈阳市总工会" in form.text("opinion_city_union")
    assert form.text("leader_name") == "蔡伟东" and form.text("team_size") == "12"


def test_a_material_naming_its_studio_in_full_and_short_and_stating_an_aim_is_one_studios_material():
    data = build("大连轨道交通装备股份有限公司安全生产创新工作室申报材料",
                 "一、工作室基本情况",
                 "安全生产创新工作室成立于2018年3月，依托大连轨道交通装备股份有限公司，由宋振伟同志领衔。",
                 "二、主要做法",
                 "工作室坚持问题导向，围绕安全生产、提质增效等重点难点问题开展攻关。",
                 "三、今后打算",
                 "工作室将继续深化技术攻关和成果转化，努力打造全省一流的创新工作室。")
    doc_type, records = read(data)
    assert doc_type == "material"
    assert records[0].text("studio_name") == "大连轨道交通装备股份有限公司安全生产创新工作室"
