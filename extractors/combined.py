"""Cells that hold several fields, or a field inside other words, turned into one raw value per
field (FORMS_IN_THE_WILD.md, "Values"):

- `师资情况：专职6人，兼职17人` → full-time and part-time teachers;
- `GR201921000837（2019年11月28日）` under `证书编号及认定时间` → certificate number and date;
- `张三 13912345678` under `联系人及电话` → contact name and phone;
- `2018年1870人次、2019年2140人次、2020年…` → the three yearly trainee counts;
- `某某有限公司（国有企业）` → organisation and its nature; `某某创新工作室（某某公司）` in a list → the
  studio name and its organisation;
- tick lists (`☑高新技术企业 □科技型中小企业`, `企业类型：☑国有企业 □民营企业`) → the ticked ones only;
- `完成技术攻关17项，获得授权专利9项……` under `主要创新成果` → the achievement counts it names.

A value found this way never replaces one the document states under its own label; values read
out of sentences are noted as inferred (`notes["inferred"]`), so checks treat them as less certain.
"""

from __future__ import annotations

import re

from extractors.layout import Found
from extractors.records import RawRecord
from extractors.ticks import has_marks, ticked_labels, ticked_options

_TEACHERS = {"full_time_teachers": re.compile(r"专职[^\d兼]{0,4}?(\d+)"),
             "part_time_teachers": re.compile(r"兼职[^\d专]{0,4}?(\d+)")}
_CERT_NO = re.compile(r"(?<![A-Za-z0-9])(GR\d{8,}|[A-Z]{1,3}\d{8,}|\d{6,}[A-Z]\d{4,}|\d{10,})(?![A-Za-z0-9])")
_DATE = re.compile(r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
                   r"|[.\-/]\s*\d{1,2}(?:\s*[.\-/]\s*\d{1,2})?)"
                   r"|[〇零一二][〇零一二三四五六七八九]{3}年[一二三四五六七八九十]{1,2}月(?:[一二三]?十?[一二三四五六七八九十]?日)?")
_PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d[\s\-—–－]?\d{4}[\s\-—–－]?\d{4}"
                    r"|(?:[(（]?0\d{2,3}[)）]?[\s\-—–－]?)?\d{7,8})(?!\d)")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}")
_YEAR_COUNT = re.compile(r"(20\d{2})\s*年(?:度)?\s*[:：]?\s*(?:培训)?\s*([\d,，]+)")
ORG_NATURES = ("国有控股企业", "国有独资企业", "国有企业", "民营企业", "私营企业", "集体企业", "外资企业",
               "合资企业", "中外合资企业", "股份制企业", "混合所有制企业", "事业单位", "机关", "社会团体",
               "国有控股", "股份有限公司")
_TRAILING_BRACKET = re.compile(r"^(?P<head>.+?)\s*[（(](?P<inner>[^（）()]{2,40})[)）]\s*$")
ACHIEVEMENT_FIELDS = ("patents", "tackled_projects", "suggestions", "economic_benefit_wan", "trained_workers",
                      "apprentices")
ENTERPRISE_KINDS = {"tech": "科技型企业", "other": "其他类型企业"}
TECH_WORDS = ("高新", "中小", "雏鹰", "瞪羚", "独角兽", "专精特新")  # words only tech categories have
NATURE_WORDS = ("国有", "民营", "私营", "集体", "外资", "合资", "股份制", "事业单位", "混合所有制")


def refine(record: RawRecord) -> None:
    """Split combined cells of a form or summary row into the fields they carry (in place)."""
    _route_enterprise_type(record)
    _ticked_only(record, "tech_category")
    _ticked_only(record, "org_nature")
    _teachers(record)
    _venue(record)
    _certificate(record)
    _contact(record)
    _trainee_years(record)
    _name_with_organisation(record)
    _organisation_with_nature(record)
    _achievements(record)


def _set(record: RawRecord, name: str, text: str, location: str, *, inferred: bool = False) -> None:
    known = record.values.get(name)
    if known is not None and known.text.strip():
        return
    record.values[name] = Found(text, location)
    if inferred:
        record.notes.setdefault("inferred", []).append(name)


def _route_enterprise_type(record: RawRecord) -> None:
    """`企业类型` means a tech category, the 科技型/其他 half of a studio's category, or a nature."""
    found = record.values.pop("enterprise_type", None)
    if found is None or not found.text.strip():
        return
    text = found.text
    if ticked_options(text, ENTERPRISE_KINDS)[1] and not any(word in text for word in TECH_WORDS):
        record.notes["enterprise_kind"] = text
    elif any(word in text for word in NATURE_WORDS) and not any(word in text for word in TECH_WORDS):
        _set(record, "org_nature", text, found.location)
    else:  # the campaign's tech categories are judged when the value is read (pipeline.loader)
        _set(record, "tech_category", text, found.location)


def _ticked_only(record: RawRecord, name: str) -> None:
    found = record.values.get(name)
    if found is None or not has_marks(found.text):
        return
    chosen = ticked_labels(found.text)
    record.values[name] = Found("、".join(chosen) if chosen else "无", found.location, found.confidence)


def _teachers(record: RawRecord) -> None:
    found = record.values.pop("teachers_combined", None)
    total = record.values.get("teachers_total")
    if found is None and total is not None and "专职" in total.text and "兼职" in total.text:
        found = record.values.pop("teachers_total")  # `专兼职教师人数：专职20人，兼职48人`
    if found is None:
        return
    for name, pattern in _TEACHERS.items():
        match = pattern.search(found.text)
        if match:
            _set(record, name, match.group(1), found.location)


_AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(?:平方米|平米|㎡|m2|m²)")


def _venue(record: RawRecord) -> None:
    """`活动场所及设施：面积104.5平方米；主要设备：…` → the area and the equipment."""
    found = record.values.pop("venue_combined", None)
    if found is None:
        return
    area = _AREA.search(found.text)
    if area:
        _set(record, "venue_area_m2", area.group(), found.location)
    _set(record, "equipment", found.text, found.location)


def _certificate(record: RawRecord) -> None:
    found = record.values.pop("cert_combined", None)
    if found is None:
        found = record.values.get("cert_no")
        if found is None or not _DATE.search(found.text):
            return
        record.values.pop("cert_no")
    number = _CERT_NO.search(found.text.replace(" ", ""))
    date = _DATE.search(found.text)
    if number:
        _set(record, "cert_no", number.group(1), found.location)
    if date:
        _set(record, "cert_date", date.group(), found.location)


def _contact(record: RawRecord) -> None:
    found = record.values.pop("contact_combined", None)
    if found is None:
        return
    phone = _PHONE.search(found.text)
    rest = found.text[: phone.start()] + found.text[phone.end():] if phone else found.text
    person = _PERSON.search(rest.replace("电话", "").replace("联系", ""))
    if person:
        _set(record, "contact_name", person.group(), found.location)
    if phone:
        _set(record, "contact_phone", phone.group(), found.location)


def _trainee_years(record: RawRecord) -> None:
    """Every year's count (the loader keeps the campaign's three years)."""
    found = record.values.get("trainees_header")
    if found is None:
        return
    for year, count in _YEAR_COUNT.findall(found.text):
        _set(record, f"trainees_{year}", count.replace(",", "").replace("，", ""), found.location)


def _name_with_organisation(record: RawRecord) -> None:
    """`某某创新工作室（某某有限公司）`: the organisation in brackets after the studio's name."""
    found = record.values.get("studio_name")
    match = _TRAILING_BRACKET.match(found.text.strip()) if found is not None else None
    if match is None or not match.group("head").endswith("工作室"):
        return
    inner = match.group("inner")
    if len(inner) < 4 or any(word in inner for word in ("工作室", "类型", "科技型", "企业类")):
        return
    stated = record.text("organization").strip()
    if stated and stated not in inner and inner not in stated:
        return
    record.values["studio_name"] = Found(match.group("head"), found.location, found.confidence)
    _set(record, "organization", inner, found.location)


def _organisation_with_nature(record: RawRecord) -> None:
    """`某某有限公司（国有企业）`: the nature in brackets after the organisation."""
    found = record.values.get("organization")
    if found is None:
        return
    match = _TRAILING_BRACKET.match(found.text.strip())
    if match and match.group("inner") in ORG_NATURES:
        record.values["organization"] = Found(match.group("head"), found.location, found.confidence)
        _set(record, "org_nature", match.group("inner"), found.location)


def _achievements(record: RawRecord) -> None:
    found = record.values.pop("achievements", None)
    if found is None or not found.text.strip():
        return
    from extractors.prose.narrative import narrative_facts  # spaCy loads only when such a cell exists

    for fact in narrative_facts(found.text):
        if fact.field in ACHIEVEMENT_FIELDS:
            _set(record, fact.field, str(fact.value), found.location, inferred=True)
