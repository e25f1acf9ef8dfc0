"""Narrative materials: generic titles, the studio named only in a subtitle, on a cover page or
in the opening paragraph; facts in varied sentence shapes, always exact and equal to the form."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from ..records import Studio, format_number
from .docx_kit import document, page_break, para
from .values import Writer

SHAPES = ["subtitle", "cover", "slogan"]
HEADINGS = [
    ["一、工作室基本情况", "二、主要做法", "三、创新成果", "四、人才培养", "五、下一步打算"],
    ["一、基本概况", "二、创新工作开展情况", "三、取得的成效", "四、发挥示范引领作用情况", "五、今后工作思路"],
]
SLOGANS = ["匠心铸就品质 创新驱动发展", "立足岗位创新 勇攀技术高峰", "聚焦生产难题 激发创新活力"]
BODY_FONT = "仿宋_GB2312"


def category_word(studio: Studio) -> str:
    return "劳模创新工作室" if studio.category == "labor_model_studio" else "职工创新工作室"


def date_text(w: Writer, day: tuple[int, int, int]) -> str:
    year, month, date = day
    return w.choice([f"{year}年{month}月", f"{year}年{month}月{date}日", f"{year}年{month}月"])


def opening(w: Writer, s: Studio) -> str:
    when = date_text(w, s.established)
    team = s.team_size or 0
    seniors = max(1, team // 6)
    founded = w.choice([
        f"{s.studio_name}成立于{when}，依托{s.organization}，由{s.leader_name}同志领衔。",
        f"{when}，经{s.organization}批准，{s.studio_name}正式挂牌成立，{s.leader_name}同志任带头人。",
        f"{s.studio_name}组建于{when}，是以{s.leader_name}同志名字命名的创新团队，隶属于{s.organization}。",
    ])
    members = w.choice([
        f"工作室现有成员{team}人，",
        f"团队由{team}名技术骨干组成，其中高级技师{seniors}名、技师{seniors + 1}名，",
        f"目前，工作室团队成员达到{team}人，",
    ])
    place = f"拥有{format_number(s.venue_area_m2)}平方米的活动场所，配备{s.equipment}。"
    return founded + members + place


def leader_paragraph(w: Writer, s: Studio) -> str:
    honours = s.leader_honors.replace("；", "、").replace("，", "、")
    title = s.leader_skill_level or s.leader_title or "技术骨干"
    text = f"领衔人{s.leader_name}，{title}，长期扎根生产一线，"
    if honours:
        text += f"先后获得{honours}等荣誉称号。"
    else:
        text += "在攻克技术难题方面积累了丰富经验。"
    return text


def practice_paragraphs(w: Writer, s: Studio) -> list[str]:
    return [
        "工作室坚持问题导向，围绕安全生产、提质增效、节能降耗等重点难点问题，建立了“课题立项—攻关实施—"
        "成果评审—推广应用”的工作机制，做到有计划、有场所、有经费、有成果。",
        w.choice([f"近三年来，工作室完成技术攻关{s.tackled_projects}项，征集和实施合理化建议{s.suggestions}条。",
                  f"工作室先后承担技术攻关课题{s.tackled_projects}项，提出合理化建议{s.suggestions}条。"]),
    ]


def results_paragraph(w: Writer, s: Studio) -> str:
    patents = s.patents
    patent = w.choice([
        f"获得国家授权专利{patents}项",
        f"累计取得专利{patents}项（其中发明专利{patents // 4}项）" if patents >= 4 else f"共获得国家专利{patents}项",
        f"共获得国家专利{patents}项",
    ])
    money = w.narrative_money(s.economic_benefit_wan)
    benefit = w.choice([f"近三年累计创造经济效益{money}", f"近三年为企业创效{money}",
                        f"近三年来共为企业节约成本、创造价值{money}"])
    return w.choice([f"工作室创新成果丰硕，{patent}，{benefit}。", f"{benefit}；同时注重知识产权保护，{patent}。"])


def training_paragraph(w: Writer, s: Studio) -> str:
    classes = max(2, s.trained_workers // 150)
    trained = w.choice([f"累计培训职工{s.trained_workers}人次",
                        f"举办各类培训班{classes}期，培训职工{s.trained_workers}人次",
                        f"共开展技能培训{s.trained_workers}人次"])
    return (f"工作室充分发挥传帮带作用，{trained}，签订师带徒协议{s.apprentices}对，"
            "为企业培养了一批技术过硬的高技能人才。")


PLANS = ["下一步，工作室将继续围绕企业中心工作，深化技术攻关和成果转化，加强人才培养，努力打造全省一流的创新工作室。",
         "今后，工作室将进一步完善管理制度，拓展创新领域，推动更多创新成果在生产一线落地见效。"]


def sections(w: Writer, s: Studio) -> list[list[str]]:
    return [
        [opening(w, s), leader_paragraph(w, s)],
        practice_paragraphs(w, s),
        [results_paragraph(w, s)],
        [training_paragraph(w, s)],
        [w.choice(PLANS)],
    ]


def body(doc: DocxDocument, w: Writer, s: Studio, *, headings: list[str] | None) -> None:
    for index, paragraphs in enumerate(sections(w, s)):
        if headings:
            para(doc, headings[index], size=16, font="黑体")
        for text in paragraphs:
            para(doc, "\u3000\u3000" + text, size=16, font=BODY_FONT)


def material(w: Writer, shape: str, s: Studio) -> DocxDocument:
    doc = document()
    if shape == "subtitle":
        para(doc, f"关于申报辽宁省{category_word(s)}的材料", size=22, bold=True, align="center",
             font="方正小标宋简体")
        para(doc, f"——{s.studio_name}", size=16, align="center", font="楷体_GB2312")
        body(doc, w, s, headings=w.rng.choice(HEADINGS))
    elif shape == "cover":
        for _ in range(4):
            para(doc, "")
        para(doc, s.organization, size=20, align="center", font="黑体")
        para(doc, s.studio_name, size=26, bold=True, align="center", font="方正小标宋简体")
        para(doc, "申 报 材 料", size=26, bold=True, align="center", font="方正小标宋简体")
        for _ in range(6):
            para(doc, "")
        para(doc, "二〇二一年七月", size=16, align="center", font="仿宋_GB2312")
        page_break(doc)
        body(doc, w, s, headings=w.rng.choice(HEADINGS))
    else:
        para(doc, w.rng.choice(SLOGANS), size=22, bold=True, align="center", font="方正小标宋简体")
        body(doc, w, s, headings=None)
    if w.chance(0.5):
        para(doc, "")
        para(doc, s.organization, size=16, align="right", font=BODY_FONT)
        para(doc, "2021年7月", size=16, align="right", font=BODY_FONT)
    return doc
