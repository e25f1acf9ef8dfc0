"""Clues that link a narrative material to its studio: the studio name and the leader's name."""

from __future__ import annotations

import re

from extractors.prose.mentions import fold_width

__all__ = ["material_leader_name", "material_studio_name"]

_EXTENSION = re.compile(r"\.(?:docx?|wps|pdf|txt)$", re.IGNORECASE)
_ANNEX = re.compile(r"附件\s*\d+\s*[-—–_：:、.．]*")
_CHUNK_BREAK = re.compile(r"[\s_—\-–:：《》〈〉“”\"'、，,/\\|【】\[\]]+")
_STUDIO = re.compile(r"^(?:关于)?(?:推荐)?(?:申报)?(?:(?:19|20)\d{2}年度?)?(?P<name>.*?工作室)")
_GENERIC = re.compile(r"^(?:辽宁省)?(?:(?:省|市)级)?(?:劳模|职工|劳模和职工)?(?:创新)?工作室$")


def material_studio_name(title: str) -> str:
    """The studio name in a material's title or file name, ``""`` when none.

    ``附件5-卢伟明劳模创新工作室申报材料(1).docx`` → ``卢伟明劳模创新工作室``;
    ``关于推荐《设备维修职工创新工作室》的申报材料`` → ``设备维修职工创新工作室``; a generic
    ``辽宁省劳模创新工作室申报材料`` gives ``""``.
    """
    text = _ANNEX.sub(" ", _EXTENSION.sub("", fold_width(title).strip()))
    for chunk in _CHUNK_BREAK.split(text):
        match = _STUDIO.match(chunk)
        if match and len(match.group("name")) > len("工作室") and not _GENERIC.match(match.group("name")):
            return match.group("name")
    return ""


# Words that end a title or honour written before a name (由全国劳动模范、高级技师卢伟明同志领衔).
_TITLE_WORDS = re.compile(
    r"^.*(?:师|模范|劳模|工匠|能手|书记|主任|经理|厂长|队长|班长|组长|主席|专家|标兵|党员|代表|委员|院士|"
    r"教授|博士|大师|总监|总工|主管|领衔人|带头人|负责人|获得者|技术员|骨干|员工|职工|工人)"
)
_LEADING = re.compile(r"^(?:由|以|是|为|和|并|经|请|即)")
_LEADER_PATTERNS = (
    re.compile(r"([\u4e00-\u9fff]{2,16})同志(?:担任|作为|为|是)?(?:工作室)?(?:领衔|牵头|带头|负责|创办|创建)"),
    re.compile(r"领衔人(?:为|是)?[：:\s]*([\u4e00-\u9fff]{2,16}?)(?:同志)?(?=[，。；,、\s(（]|$)"),
    re.compile(r"以([\u4e00-\u9fff]{2,16}?)(?:同志)?(?:的)?(?:名字)?命名"),
    re.compile(r"由([\u4e00-\u9fff]{2,16}?)(?:同志)?(?:领衔|牵头|带领)"),
)
_NOT_NAMES = re.compile(r"工作室|公司|集团|企业|单位|工会|车间|团队")
_MIN_NAME, _MAX_NAME = 2, 4


def _name_in(chunk: str) -> str | None:
    name = _LEADING.sub("", _TITLE_WORDS.sub("", chunk))
    if len(name) > _MAX_NAME:
        name = name[-3:]
    if len(name) < _MIN_NAME or _NOT_NAMES.search(name):
        return None
    return name


def material_leader_name(text: str) -> str | None:
    """The leader's name when the material states it (``由XXX同志领衔``, ``领衔人：XXX``), else None."""
    folded = fold_width(text or "")
    for pattern in _LEADER_PATTERNS:
        for match in pattern.finditer(folded):
            name = _name_in(match.group(1))
            if name:
                return name
    return None
