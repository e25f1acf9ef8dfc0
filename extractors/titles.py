"""What titles, sheet names, section rows and folder names say about a document: the category
they name, and whether a line is the title of a form (not of a summary)."""

from __future__ import annotations

import re

from schemas.labels import label_key

ANNEX_CATEGORIES = {"附件2": "labor_model_studio", "附件3": "worker_studio_tech", "附件4": "worker_studio_other",
                    "附件7": "training_base"}
# A form's title ends with what it is for one nominee (申报表, 推荐表, 基本情况表 …); lists end with
# 汇总表, 分配表, 统计表, 名单 and are not forms.
_FORM_TITLE_END = re.compile(r"(?:申报|推荐|情况|登记|信息|审批)(?:表|书)(?:\([^()]*\))?$")
TITLE_MAX = 40


def category_from_title(text: str) -> str:
    """The category a title names (`辽宁省职工创新工作室推荐汇总表（科技型企业）`, a sheet `劳模`,
    a folder `职工创新工作室（其他类型企业）`); "" when it names none or both kinds of studio."""
    key = label_key(text)
    if key in ANNEX_CATEGORIES:
        return ANNEX_CATEGORIES[key]
    if "培训基地" in key:
        return "training_base"
    labor = "劳模" in key or "劳动模范" in key
    worker = "职工" in key and ("工作室" in key or not labor)
    if labor and worker:
        return ""
    if worker:
        if "科技型" in key or "科技企业" in key:
            return "worker_studio_tech"
        return "worker_studio_other" if "其他" in key else ""
    return "labor_model_studio" if labor else ""


def is_form_title(text: str, words: tuple[str, ...]) -> bool:
    """A short line naming a form (`…工作室推荐表`, `…培训基地申报表（科技型企业）`), not a summary."""
    key = label_key(text)
    return (len(key) < TITLE_MAX and ":" not in key and "汇总" not in key and any(w in key for w in words)
            and bool(_FORM_TITLE_END.search(key)))
