"""Extractors on real .docx/.xlsx bytes built here, with drift of our own making."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest

from extractors.backends import UnreadableError, read_document
from extractors.forms import STUDIO_OPTIONS, ticked_options
from extractors.registry import extract_document, primary_doc_type
from extractors.sniff import sniff_format
from schemas.units import UnitMatcher, default_quotas

STUDIO_HEADER = ["序号", "工作室名称", "所在单位", "领衔人", "性别", "出生年月", "荣誉称号", "职务/职称",
                 "团队人数", "成立时间", "联系电话", "备注"]


def xlsx_bytes(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def extract(data: bytes, name: str):
    document = read_document(data, name, sniff_format(data, name))
    extractions = extract_document(document)
    return primary_doc_type(extractions), [r for e in extractions for r in e.records], extractions


def studio_summary(sheet, *, header=STUDIO_HEADER, title="辽宁省劳模创新工作室推荐汇总表", rows=2,
                   canonical=None):
    canonical = canonical or header
    sheet.append(["附件2"])
    sheet.append([title])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
    sheet.append(["推荐单位（盖章）：大连市总工会    填报人：王丽    联系电话：0411-82345678    填报日期：2021年7月20日"])
    sheet.append(header)
    for index in range(rows):
        values = {"序号": index + 1, "工作室名称": f"测试{index}劳模创新工作室", "所在单位": "大连重工集团",
                  "领衔人": f"张{index}", "性别": "男", "出生年月": "1975.3", "荣誉称号": "辽宁省劳动模范",
                  "职务/职称": "高级技师", "团队人数": 12 + index, "成立时间": dt.datetime(2017, 5, 1),
                  "联系电话": "13812345678", "备注": ""}
        sheet.append([values.get(column, "") for column in canonical])


def test_summary_basic_with_title_unit_line_and_locations():
    _, records, extractions = extract(xlsx_bytes(lambda b: studio_summary(b.active)), "a.xlsx")
    assert extractions[0].doc_type == "summary_labor_model"
    assert [r.text("studio_name") for r in records] == ["测试0劳模创新工作室", "测试1劳模创新工作室"]
    assert records[0].unit_text == "大连市总工会"
    assert records[1].values["team_size"].text == "13"
    assert records[1].values["team_size"].location == "Sheet!I6"
    assert records[0].text("established") == "2017-05-01"
    assert extractions[0].dates[0].text == "2021年7月20日"


def test_summary_drift_spaces_synonyms_reordered_columns_total_and_notes():
    header = ["序 号", "领衔人姓名", "工作室名称", "所在单位", "性  别", "出生日期", "荣誉称号", "职务职称",
              "团队成员人数", "成立日期", "手机", "备注", "额外列"]
    canonical = ["序号", "领衔人", "工作室名称", "所在单位", "性别", "出生年月", "荣誉称号", "职务/职称",
                 "团队人数", "成立时间", "联系电话", "备注", "额外列"]

    def build(book):
        studio_summary(book.active, header=header, rows=3, canonical=canonical)
        sheet = book.active
        sheet.insert_rows(6)  # an empty row inside the data
        sheet.append(["合计", "", "", "", "", "", "", "", 39])
        sheet.append(["填表说明：团队人数含领衔人"])

    _, records, extractions = extract(xlsx_bytes(build), "b.xlsx")
    assert len(records) == 3
    assert records[2].text("leader_name") == "张2"
    assert records[2].text("team_size") == "14"
    assert records[0].text("leader_gender") == "男"
    assert len(extractions[0].totals) == 1


def test_summary_two_row_header_on_hidden_sheet():
    def build(book):
        visible = book.active
        visible.title = "说明"
        visible.append(["请在第二个工作表填写"])
        sheet = book.create_sheet("数据")
        sheet.sheet_state = "hidden"
        sheet.append(["辽宁省职工创新工作室推荐汇总表（其他类型企业）"])
        sheet.append(["序号", "工作室名称", "所在单位", "单位性质", "领衔人", "", "", "团队人数", "成立时间"])
        sheet.append(["", "", "", "", "姓名", "性别", "出生年月", "", ""])
        for column in ("A", "B", "C", "D", "H", "I"):
            sheet.merge_cells(f"{column}2:{column}3")
        sheet.merge_cells("E2:G2")
        sheet.append([1, "数控加工职工创新工作室", "鞍钢股份", "国有企业", "李强", "男", "1980年5月", "8人", "2016年3月"])

    doc_type, records, _ = extract(xlsx_bytes(build), "c.xlsx")
    assert doc_type == "summary_worker_other"
    assert len(records) == 1
    record = records[0]
    assert (record.text("leader_name"), record.text("leader_gender"), record.text("leader_birth")) == (
        "李强", "男", "1980年5月")
    assert record.text("org_nature") == "国有企业"
    assert record.values["leader_name"].location == "数据!E4"


def test_training_base_summary_category():
    header = ["序号", "企业名称", "统一社会信用代码", "科技型企业类别", "职工人数", "培训场所面积（平方米）",
              "专兼职教师人数", "上年度实名制培训人次", "主要培训专业（工种）", "联系人", "联系电话", "备注"]

    def build(book):
        sheet = book.active
        sheet.append(["辽宁省工会职工职业技能培训基地申报汇总表"])
        sheet.append(header)
        sheet.append([1, "沈阳某科技有限公司", "91210100MA0XXXXXX1", "高新技术企业", 300, "约500平方米", 12, 800,
                      "焊工", "王五", "024-22581160", ""])

    doc_type, records, _ = extract(xlsx_bytes(build), "d.xlsx")
    assert doc_type == "summary_training_base"
    assert records[0].category == "training_base"
    assert records[0].text("training_area_m2") == "约500平方米"
    assert records[0].text("trainees_last_year") == "800"   # 上年度: the loader puts it in trainees_2020


def studio_form(document, *, name="张建国劳模创新工作室", tick="☑劳模创新工作室 □职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）"):
    document.add_paragraph("辽宁省劳模创新工作室和职工创新工作室基本情况表")
    document.add_paragraph("推荐单位（盖章）：大连市总")
    table = document.add_table(rows=5, cols=6)
    table.cell(0, 0).text = "工作室名称"
    table.cell(0, 1).merge(table.cell(0, 5)).text = name
    table.cell(1, 0).text = "工作室类别"
    table.cell(1, 1).merge(table.cell(1, 5)).text = tick
    for col, text in enumerate(["领衔人姓名", "张建国", "性  别", "男", "出生年月", "1975年3月"]):
        table.cell(2, col).text = text
    for col, text in enumerate(["团队人数", "十五人", "成立日期", "2018.3", "联系电话：024-22581160", ""]):
        table.cell(3, col).text = text
    table.cell(4, 0).text = "荣誉称号"
    table.cell(4, 1).merge(table.cell(4, 5)).text = "2016年辽宁省劳动模范"


def test_form_merged_cells_inline_label_and_spaced_label():
    doc_type, records, _ = extract(docx_bytes(studio_form), "f.docx")
    assert doc_type == "studio_form"
    form = records[0]
    assert form.category == "labor_model_studio"
    assert form.unit_text == "大连市总"
    assert form.text("leader_gender") == "男"
    assert form.text("team_size") == "十五人"
    assert form.text("leader_phone") == "024-22581160"
    assert form.values["studio_name"].location == "table 1, row 1, col 2"


def test_several_forms_in_one_document():
    def build(document):
        studio_form(document, name="甲劳模创新工作室")
        document.add_page_break()
        studio_form(document, name="乙劳模创新工作室")

    _, records, _ = extract(docx_bytes(build), "g.docx")
    assert [r.text("studio_name") for r in records] == ["甲劳模创新工作室", "乙劳模创新工作室"]


def test_form_written_as_paragraphs():
    def build(document):
        document.add_paragraph("辽宁省劳模创新工作室和职工创新工作室基本情况表")
        document.add_paragraph("推荐单位（盖章）：鞍山市总工会")
        document.add_paragraph("工作室名称：王刚职工创新工作室")
        document.add_paragraph("工作室类别：■职工创新工作室（其他类型企业）")
        document.add_paragraph("所在单位：鞍钢集团    单位性质：国有企业")
        document.add_paragraph("领衔人姓名：王刚  性别：男  出生年月：1979年6月")
        document.add_paragraph("团队人数：9人  成立时间：2015年4月")

    _, records, _ = extract(docx_bytes(build), "h.docx")
    form = records[0]
    assert form.category == "worker_studio_other"
    assert form.text("organization") == "鞍钢集团"
    assert form.text("leader_birth") == "1979年6月"
    assert form.unit_text == "鞍山市总工会"


@pytest.mark.parametrize(("text", "ticked"), [
    ("☑劳模创新工作室  □职工创新工作室（科技型企业）  □职工创新工作室（其他类型企业）", ["labor_model_studio"]),
    ("□劳模创新工作室  ■职工创新工作室（科技型企业）  □职工创新工作室（其他类型企业）", ["worker_studio_tech"]),
    ("□劳模创新工作室 □职工创新工作室（科技型企业） √职工创新工作室（其他类型企业）", ["worker_studio_other"]),
    ("✔ 劳模创新工作室", ["labor_model_studio"]),
    ("职工创新工作室（科技型企业）", ["worker_studio_tech"]),
    ("劳模创新工作室", ["labor_model_studio"]),
    ("□劳模创新工作室 v职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）", ["worker_studio_tech"]),
    ("工作室类别：劳模创新工作室、职工创新工作室（科技型企业）", ["labor_model_studio", "worker_studio_tech"]),
    ("□劳模创新工作室 □职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）", []),
    ("☑劳模创新工作室 ☑职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）",
     ["labor_model_studio", "worker_studio_tech"]),
])
def test_ticked_category(text, ticked):
    assert ticked_options(text, STUDIO_OPTIONS)[0] == ticked


def test_wingdings_checkbox_symbol_is_read_as_tick():
    def build(document):
        studio_form(document, tick="")
        cell = document.tables[0].cell(1, 1)
        paragraph = cell.paragraphs[0]
        for char, label in (("0052", "劳模创新工作室"), ("00A3", "职工创新工作室（科技型企业）")):
            run = paragraph.add_run()
            sym = run._r.makeelement(docx.oxml.ns.qn("w:sym"),
                                     {docx.oxml.ns.qn("w:font"): "Wingdings 2", docx.oxml.ns.qn("w:char"): char})
            run._r.append(sym)
            paragraph.add_run(label + " ")

    _, records, _ = extract(docx_bytes(build), "w.docx")
    assert records[0].category == "labor_model_studio"


def test_material_detected_with_studio_name():
    def build(document):
        document.add_paragraph("张建国劳模创新工作室申报材料")
        for heading in ("一、工作室基本情况", "二、创新工作开展情况", "三、主要创新成果及效益"):
            document.add_paragraph(heading)
            document.add_paragraph("工作室成立于2015年3月，现有成员12人。" * 3)

    doc_type, records, _ = extract(docx_bytes(build), "m.docx")
    assert doc_type == "material"
    assert records[0].text("studio_name") == "张建国劳模创新工作室"


def test_cover_letter_is_unknown():
    def build(document):
        document.add_paragraph("关于推荐2021年度辽宁省劳模创新工作室的函")
        document.add_paragraph("省总工会：现将我单位推荐材料报送你们，请审核。")

    doc_type, records, _ = extract(docx_bytes(build), "letter.docx")
    assert doc_type == "unknown" and records == []


def test_sniff_by_bytes_not_extension():
    data = docx_bytes(studio_form)
    assert sniff_format(data, "lies.xlsx") == "docx"
    assert sniff_format(b"", "x.docx") == "empty"
    assert sniff_format(b"%PDF-1.4 ...", "x.docx") == "pdf"
    assert sniff_format(bytes(range(256)) * 4, "x.docx") == "unknown"


def test_truncated_docx_is_unreadable():
    data = docx_bytes(studio_form)
    with pytest.raises(UnreadableError):
        read_document(data[: len(data) // 2], "t.docx", "docx")


@pytest.mark.parametrize(("text", "unit"), [
    ("大连市总", "大连市总工会"),
    ("大连市总工会（盖章）", "大连市总工会"),
    ("大连市总公会", "大连市总工会"),
    ("大连", "大连市总工会"),
    ("辽宁省能源化学地质工会", "省能源化学地质工会"),
    ("省能源化学地质工会(盖章)", "省能源化学地质工会"),
    ("沈抚示范区", "沈抚示范区工会"),
    ("省退役军人事务厅", "省退役军人事务厅"),
    ("葫芦岛市总工会", "葫芦岛市总工会"),
    ("省卫健委", "省卫生健康委员会"),
    ("某某公司", None),
])
def test_unit_matching(text, unit):
    matcher = UnitMatcher([q.unit for q in default_quotas()])
    assert matcher.match(text) == unit


@pytest.mark.parametrize(("name", "unit"), [
    ("大连-张建国工作室基本情况表", "大连市总工会"),
    ("省卫健委_附件8-沈阳热电有限责任公司培训基地申报表", "省卫生健康委员会"),
    ("营口 附件7-职工职业技能培训基地申报汇总表", "营口市总工会"),
    ("附件8-沈阳热电有限责任公司培训基地申报表", None),
    ("新建 Microsoft Word 文档", None),
    ("沈阳智能装备股份有限公司申报材料", None),        # a company in Shenyang, not the city union
    ("大连船舶重工集团有限公司", None),
    ("大连张建国工作室基本情况表", "大连市总工会"),
])
def test_unit_from_file_name_start(name, unit):
    matcher = UnitMatcher([q.unit for q in default_quotas()])
    assert matcher.match_start(name) == unit


@pytest.mark.parametrize(("name", "unit"), [
    ("申报材料（1）（盘锦市总）", "盘锦市总工会"),
    ("沈阳智能装备股份有限公司申报材料（沈抚示范区工会）", "沈抚示范区工会"),
    ("附件5（省退役军人事务厅）", "省退役军人事务厅"),
    ("张三工作室（大连华锐重工集团股份有限公司）", None),
    ("附件5（3）", None),
])
def test_unit_in_brackets_of_a_file_name(name, unit):
    matcher = UnitMatcher([q.unit for q in default_quotas()])
    assert matcher.match_bracketed(name) == unit


def test_form_split_over_two_tables():
    def build(document):
        studio_form(document)
        document.add_paragraph("（续表）")
        table = document.add_table(rows=2, cols=4)
        for col, text in enumerate(["获得专利（项）", "12项", "合理化建议（条）", "三十条"]):
            table.cell(0, col).text = text
        for col, text in enumerate(["培训职工（人次）", "共计300人次", "师带徒（对）", "8"]):
            table.cell(1, col).text = text

    _, records, _ = extract(docx_bytes(build), "split.docx")
    assert len(records) == 1
    form = records[0]
    assert (form.text("leader_name"), form.text("patents"), form.text("apprentices")) == ("张建国", "12项", "8")


def test_transposed_form_labels_in_a_row_values_below():
    def build(document):
        document.add_paragraph("辽宁省劳模创新工作室和职工创新工作室基本情况表")
        document.add_paragraph("推荐单位（盖章）：丹东市总工会")
        labels = ["工作室名称", "工作室类别", "所在单位", "领衔人姓名", "性别", "团队人数", "成立时间"]
        values = ["李明劳模创新工作室", "☑劳模创新工作室", "丹东港集团", "李明", "男", "9", "2016.4"]
        table = document.add_table(rows=2, cols=len(labels))
        for col, (label, value) in enumerate(zip(labels, values, strict=True)):
            table.cell(0, col).text, table.cell(1, col).text = label, value

    doc_type, records, _ = extract(docx_bytes(build), "transposed.docx")
    assert doc_type == "studio_form"
    form = records[0]
    assert (form.category, form.text("organization"), form.text("team_size")) == ("labor_model_studio", "丹东港集团", "9")


def test_summary_and_forms_in_one_workbook():
    def build(book):
        studio_summary(book.active, rows=1)
        sheet = book.create_sheet("基本情况表")
        sheet.append(["辽宁省劳模创新工作室和职工创新工作室基本情况表"])
        sheet.append(["工作室名称", "测试0劳模创新工作室"])
        sheet.append(["工作室类别", "☑劳模创新工作室 □职工创新工作室（科技型企业）"])
        sheet.append(["所在单位", "大连重工集团", "统一社会信用代码", "91210700639245041T"])
        sheet.append(["领衔人姓名", "张0", "性别", "男", "出生年月", "1975.3"])
        sheet.append(["团队人数", "12人", "成立时间", "2017年5月"])

    _, records, extractions = extract(xlsx_bytes(build), "both.xlsx")
    assert sorted(e.doc_type for e in extractions) == ["studio_form", "summary_labor_model"]
    form = next(r for r in records if r.kind == "form")
    assert (form.text("team_size"), form.values["team_size"].location) == ("12人", "基本情况表!B6")


def test_multi_line_labels_and_values():
    def build(document):
        studio_form(document)
        table = document.tables[0]
        table.cell(2, 4).text = "出生\n年月"
        table.cell(4, 1).text = "2016年辽宁省劳动模范\n2019年全国五一劳动奖章"

    _, records, _ = extract(docx_bytes(build), "lines.docx")
    assert records[0].text("leader_birth") == "1975年3月"
    assert "全国五一劳动奖章" in records[0].text("leader_honors")
