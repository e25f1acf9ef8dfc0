"""Training-base forms in two layouts copied from other campaigns; both carry every output field."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from samples.season import tech_categories

from ..records import TrainingBase, format_number
from .docx_kit import UP, C, document, grid, page_break, para
from .studio_forms import FormContext, opinion
from .values import Writer, spaced, vertical

LAYOUTS = ["grid", "booklet"]
SYSTEM = [("has_training_records", "培训记录台账"), ("has_followup_service", "培训后跟踪服务"),
          ("has_incentives", "培训激励办法")]


def cert_label_and_value(w: Writer, b: TrainingBase) -> tuple[str, str]:
    date = f"{b.cert_date[0]}年{b.cert_date[1]}月{b.cert_date[2]}日"
    if b.cert_date and w.chance(0.3):
        date = f"{b.cert_date[0]}.{b.cert_date[1]:02d}.{b.cert_date[2]:02d}"
    if b.cert_no.startswith("GR"):
        return "高新技术企业证书编号及认定时间", f"{b.cert_no}（{date}）"
    return "科技型企业认定（入库）编号及时间", f"{b.cert_no}（{date}）"


def system_text(w: Writer, b: TrainingBase, style: str) -> str:
    chosen = {label for key, label in SYSTEM if getattr(b, key)}
    return w.tick_list([label for _, label in SYSTEM], chosen, style)


def opinions(w: Writer, b: TrainingBase, ctx: FormContext) -> tuple[str, str]:
    first = w.rng.randint(6, ctx.fill_day)
    union = opinion(w, w.choice(["同意申报。", "情况属实，同意申报。"]), f"{b.enterprise_name}工会", first)
    unit = opinion(w, w.choice(["经审核，同意推荐。", "同意推荐。"]), w.choice([b.recommending_unit, ""]) or None,
                   w.rng.randint(first, ctx.fill_day))
    return union, unit


# --- layout 1: one dense grid, combined cells, trainee years as a label row over a value row -------

def grid_form(w: Writer, b: TrainingBase, ctx: FormContext) -> DocxDocument:
    doc = document()
    para(doc, w.choice(["辽宁省工会职工职业技能培训基地推荐表", "职工职业技能培训基地申报表"]),
         size=20, bold=True, align="center", font="方正小标宋简体")
    para(doc, f"推荐单位：{ctx.unit_text}        填报日期：2021年7月{ctx.fill_day}日")
    cert_label, cert_value = cert_label_and_value(w, b)
    union, unit = opinions(w, b, ctx)
    style = w.choice(["after", "box", "after"])
    contact = f"{b.contact_name}{w.choice([' ', '  ', '，'])}{w.phone(b.contact_phone)}"
    rows: list[list[C]] = [
        [C("企业名称"), C(b.enterprise_name, 3), C("法人代表"), C(b.legal_rep)],
        [C("统一社会信用代码"), C(b.credit_code, 3), C("职工人数"), C(w.count(b.employees, "人"))],
        [C("企业地址"), C(b.address, 5)],
        [C("企业类型"), C(w.tick_list(tech_categories(), set(b.tech_category), style), 5)],
        [C(cert_label), C(cert_value, 5)],
        [C("联系人及电话"), C(contact, 2), C("培训场所面积\n（平方米）"), C(w.area(b.training_area_m2), 2)],
        [C("师资情况"), C(f"专职{b.full_time_teachers}人，兼职{b.part_time_teachers}人", 2),
         C("教学设备\n（台套）"), C(w.count(b.equipment_sets, "台套"), 2)],
        [C("主要培训专业（工种）"), C(b.training_programs, 5)],
        [C("近三年实名制\n培训人次"), C("2018年", 2), C("2019年", 2), C("2020年")],
        [C(UP), C(w.count(b.trainees_2018, "人次"), 2), C(w.count(b.trainees_2019, "人次"), 2),
         C(w.count(b.trainees_2020, "人次"))],
        [C("学员满意率"), C(w.rate(b.satisfaction_rate), 5)],
        [C("培训制度建设"), C(system_text(w, b, style), 5)],
        [C("基地简介"), C(b.introduction, 5)],
        [C("企业工会意见"), C(union, 2), C("推荐单位意见"), C(unit, 2)],
    ]
    grid(doc, rows, 6)
    return doc


# --- layout 2: cover page, 填表说明, section rows with bare labels, years in one cell -------------

INSTRUCTIONS_2 = [
    "一、申报单位须为科技型企业，并提供有效期内的认定证书编号。",
    "二、“近三年实名制培训人次”按年度分别填写，数据须与实名制培训台账一致。",
    "三、“培训制度建设”请在已建立的制度前打“√”。",
    "四、专职教师、兼职教师分别填写人数，兼职教师含企业内部兼职培训师。",
    "五、本申报书一式两份，经企业工会、推荐单位审核盖章后报送。",
]


def booklet(w: Writer, b: TrainingBase, ctx: FormContext) -> DocxDocument:
    doc = document()
    for _ in range(3):
        para(doc, "")
    para(doc, "辽宁省工会职工职业技能培训基地", size=24, bold=True, align="center", font="方正小标宋简体")
    para(doc, spaced("申报书", "  "), size=26, bold=True, align="center", font="方正小标宋简体")
    for _ in range(5):
        para(doc, "")
    para(doc, f"申报单位（盖章）：{b.enterprise_name}", size=16, font="仿宋_GB2312")
    para(doc, f"推荐单位（盖章）：{ctx.unit_text}", size=16, font="仿宋_GB2312")
    para(doc, f"填报日期：2021年7月{ctx.fill_day}日", size=16, font="仿宋_GB2312")
    page_break(doc)
    para(doc, spaced("填表说明", "  "), size=18, bold=True, align="center", font="黑体")
    for line in INSTRUCTIONS_2:
        para(doc, line, size=14, font="仿宋_GB2312")
    page_break(doc)
    style = w.choice(["bracket", "paren", "filled"])
    union, unit = opinions(w, b, ctx)
    years = w.choice(["；", "，", "  "]).join(
        f"{year}年{w.choice(['：', ':'])}{w.count(value, '人次')}"
        for year, value in ((2018, b.trainees_2018), (2019, b.trainees_2019), (2020, b.trainees_2020)))
    rows: list[list[C]] = [
        [C("一、企业基本情况", 6, bold=True)],
        [C("单位名称"), C(b.enterprise_name, 5)],
        [C("统一社会信用代码"), C(b.credit_code, 2), C("法定代表人"), C(b.legal_rep, 2)],
        [C(spaced("地址", "\u3000")), C(b.address, 5)],
        [C("职工总数"), C(w.count(b.employees, "人")), C(spaced("联系人", " ")), C(b.contact_name),
         C("联系电话"), C(w.phone(b.contact_phone))],
        [C("二、科技型企业认定情况", 6, bold=True)],
        [C("科技型企业类别"), C(w.tick_list(tech_categories(), set(b.tech_category), style), 5)],
        [C("证书编号"), C(b.cert_no, 2), C("认定时间"), C(w.month(b.cert_date), 2)],
        [C("三、培训能力", 6, bold=True)],
        [C("培训场所面积（平方米）"), C(format_number(b.training_area_m2)), C("教学设备（台套）"),
         C(str(b.equipment_sets)), C("学员满意率"), C(w.rate(b.satisfaction_rate))],
        [C("专职教师（人）"), C(w.count(b.full_time_teachers, "人")), C("兼职教师（人）"),
         C(w.count(b.part_time_teachers, "人"), 3)],
        [C("主要培训专业（工种）"), C(b.training_programs, 5)],
        [C("近三年实名制培训人次"), C(years, 5)],
        [C("培训制度建设"), C(system_text(w, b, style), 5)],
        [C("四、基地简介", 6, bold=True)],
        [C(b.introduction, 6)],
        [C(vertical("企业工会意见")), C(union, 5)],
        [C(vertical("推荐单位意见")), C(unit, 5)],
    ]
    grid(doc, rows, 6)
    return doc


BUILDERS = {"grid": grid_form, "booklet": booklet}


def base_form(w: Writer, layout: str, base: TrainingBase, ctx: FormContext) -> DocxDocument:
    return BUILDERS[layout](w, base, ctx)
