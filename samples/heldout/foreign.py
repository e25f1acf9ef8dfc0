"""Documents of other campaigns a unit sends along: they look like forms but are not ours."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from schemas.columns import CATEGORY_LABELS

from .. import data
from ..records import Studio
from .docx_kit import C, document, grid, para
from .values import Writer, vertical

KINDS = ["science", "collective", "letter"]


def science_base_form(w: Writer, unit: str, organisation: str, code: str, city: str) -> DocxDocument:
    """A 科普教育基地 recommendation form (another department's campaign)."""
    doc = document()
    para(doc, "辽宁省科普教育基地推荐表", size=20, bold=True, align="center", font="方正小标宋简体")
    para(doc, f"推荐单位（盖章）：{unit}")
    rows = [
        [C("基地名称"), C(f"{organisation}科普展示馆", 3)],
        [C("依托单位"), C(organisation, 3)],
        [C("统一社会信用代码"), C(code, 3)],
        [C("基地类型"), C("☑场馆类  □教育科研类  □生产设施类  □自然资源类", 3)],
        [C("展教面积（平方米）"), C(str(w.rng.randint(300, 3000))), C("年接待公众（人次）"),
         C(str(w.rng.randint(2000, 40000)))],
        [C("科普专职人员（人）"), C(str(w.rng.randint(2, 12))), C("科普兼职人员（人）"), C(str(w.rng.randint(5, 40)))],
        [C("负责人"), C(data.person_name(w.rng, "男")), C("联系电话"), C(data.phone(w.rng, city))],
        [C("基地简介及\n主要科普活动"), C("基地面向青少年和社会公众常年开放，开展科普讲座、科技体验等活动。", 3)],
        [C(vertical("推荐意见")), C("同意推荐。\n\n（盖章）\n年    月    日", 3)],
    ]
    grid(doc, rows, 4)
    return doc


def collective_form(w: Writer, unit: str, organisation: str, city: str) -> DocxDocument:
    """A 先进集体 recommendation form (an honours campaign)."""
    doc = document()
    para(doc, "辽宁省五一劳动奖状（先进集体）推荐表", size=20, bold=True, align="center", font="方正小标宋简体")
    rows = [
        [C("集体名称"), C(organisation, 3)],
        [C("所属行业"), C(w.choice(["制造业", "电力、热力生产和供应业", "交通运输业"])), C("职工人数"),
         C(f"{w.rng.randint(200, 9000)}人")],
        [C("主要负责人"), C(data.person_name(w.rng, "男")), C("联系电话"), C(data.phone(w.rng, city))],
        [C("曾获荣誉"), C(f"{w.rng.randint(2012, 2019)}年度{city}市先进集体", 3)],
        [C(vertical("主要事迹")), C("该单位坚持以人为本，深入开展劳动和技能竞赛，企业效益连年提升，"
                                   "职工队伍素质不断提高。", 3)],
        [C(vertical("推荐单位意见")), C(f"同意推荐。\n\n{unit}（盖章）\n2021年7月{w.rng.randint(5, 15)}日", 3)],
    ]
    grid(doc, rows, 4)
    return doc


def cover_letter(w: Writer, unit: str, studios: list[Studio], bases: int) -> DocxDocument:
    doc = document()
    para(doc, f"{unit}", size=14, align="center", font="黑体")
    para(doc, "关于报送2021年度辽宁省劳模和职工创新工作室推荐材料的函", size=20, bold=True, align="center",
         font="方正小标宋简体")
    para(doc, "辽宁省总工会经济技术部：", size=16, font="仿宋_GB2312")
    counts = {c: sum(1 for s in studios if s.category == c) for c in CATEGORY_LABELS if c != "training_base"}
    listing = "，".join(f"{CATEGORY_LABELS[c]}{n}个" for c, n in counts.items() if n)
    if bases:
        listing += f"，职工职业技能培训基地{bases}个"
    para(doc, f"\u3000\u3000按照省总工会通知要求，我单位认真组织推荐工作，经基层申报、审核评选和公示，"
              f"现推荐{listing}，相关材料随函报送，请审定。", size=16, font="仿宋_GB2312")
    para(doc, "\u3000\u3000联系人：" + data.person_name(w.rng, "女") + "，电话：" + data.phone(w.rng, "沈阳"),
         size=16, font="仿宋_GB2312")
    para(doc, unit, size=16, align="right", font="仿宋_GB2312")
    para(doc, f"2021年7月{w.rng.randint(16, 21)}日", size=16, align="right", font="仿宋_GB2312")
    return doc
