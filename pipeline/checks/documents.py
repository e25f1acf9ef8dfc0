"""Consistency between a nominee's documents: summary row, form, narrative material."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from pipeline.checks.base import Context, batch_check, issue_for, nominee_check
from pipeline.checks.evidence import unread_files_for
from pipeline.link import Nominee, name_key
from schemas.columns import CATEGORY_LABELS
from schemas.issues import Issue, make_issue

COMPARED_STUDIO_FIELDS = ["organization", "credit_code", "tech_category", "leader_name", "leader_gender",
                          "leader_birth", "team_size", "established", "leader_phone"]
COMPARED_BASE_FIELDS = ["credit_code", "tech_category", "employees", "training_area_m2", "contact_name",
                        "contact_phone", "trainees_2020"]


@batch_check
def missing_form(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    """A summary row without a form. A scanned form of the same unit that no summary row claimed
    may be it, its name misread: then the office's warning names that scan."""
    stray_scans = [n for n in nominees if n.form is not None and n.summary is None and n.form.raw.scanned]
    for nominee in nominees:
        if nominee.summary is None or nominee.form is not None or not nominee.name:
            continue
        scans = [n.form.raw.file for n in stray_scans if _same_unit(n.unit, nominee.unit)]
        if scans:
            yield issue_for("NOT_RECOGNISED", nominee, field="enterprise_name" if nominee.is_base else "studio_name",
                            field_label="申报表", expected=f"可能是名称识别有误的扫描件：{_names(scans)}")
        else:
            yield _absent("MISSING_FORM", nominee, context, "form", "申报表")


@nominee_check
def not_in_summary(nominee: Nominee, context: Context) -> Iterable[Issue]:
    if nominee.form is not None and nominee.summary is None:
        yield _absent("NOT_IN_SUMMARY", nominee, context, "summary", "汇总表中的该推荐对象")


@nominee_check
def missing_material(nominee: Nominee, context: Context) -> Iterable[Issue]:
    """Only when no material of the unit can be the studio's: an unlinked material of the same
    unit (or of none) may be it, and so may a file that could not be read or recognised."""
    if nominee.is_base or nominee.material is not None or not nominee.name:
        return
    if not any(_same_unit(material.unit, nominee.unit) for material in context.unlinked_materials):
        yield _absent("MISSING_MATERIAL", nominee, context, "material", "申报材料")


def _absent(code: str, nominee: Nominee, context: Context, looking_for: str, what: str) -> Issue:
    """The unit's error when nothing of its can be what is missing; else the office's warning
    naming the files that may hold it."""
    unread = unread_files_for(nominee, context, looking_for)
    if not unread:
        return issue_for(code, nominee)
    field = "enterprise_name" if nominee.is_base else "studio_name"
    return issue_for("NOT_RECOGNISED", nominee, field=field, field_label=what, expected=_maybe_in(unread))


@batch_check
def unlinked_materials(nominees: list[Nominee], context: Context) -> Iterable[Issue]:
    for material in context.unlinked_materials:
        orphans = [n.name for n in nominees if not n.is_base and n.material is None and n.name
                   and _same_unit(material.unit, n.unit)]
        expected = f"可能属于：{'、'.join(orphans)}" if orphans else "本单位的工作室均已有申报材料"
        title = material.name or PurePosixPath(material.raw.file.replace("!", "/")).name
        yield make_issue("UNLINKED_MATERIAL", recommending_unit=material.unit, file=material.raw.file,
                         location=material.raw.anchor, value=title, expected=expected)


def _same_unit(a: str, b: str) -> bool:
    return not a or not b or a == b


def _maybe_in(files: list[str]) -> str:
    return f"可能在未能读取或识别的文件中：{_names(files)}"


def _names(files: list[str]) -> str:
    shown = "、".join(PurePosixPath(f.replace("!", "/")).name for f in files[:3])
    return shown + (f"等{len(files)}个文件" if len(files) > 3 else "")


@nominee_check
def category_mismatch(nominee: Nominee, context: Context) -> Iterable[Issue]:
    """The form's ticks against the summary it is listed in. Only what the form really shows is
    compared: a category row with no or several ticks is an error; a form without a category row
    (the category is in its title or nowhere) is not; a row we cannot read is our warning."""
    form = nominee.form
    if form is None or nominee.is_base:
        return
    notes = form.raw.notes
    expected = CATEGORY_LABELS.get(nominee.summary.category, "") if nominee.summary else ""
    if notes.get("category_problem"):
        yield issue_for("CATEGORY_MISMATCH", nominee, field="category", entry=form, value=notes["category_problem"],
                        expected=expected or "单选一项")
    elif notes.get("category_unreadable"):
        yield issue_for("NOT_RECOGNISED", nominee, field="category", entry=form,
                        expected=f"勾选内容“{notes['category_unreadable'][:40]}”")
    elif nominee.summary is None or not nominee.summary.category:
        return
    elif form.category and form.category != nominee.summary.category:
        yield issue_for("CATEGORY_MISMATCH", nominee, field="category", entry=form,
                        value=CATEGORY_LABELS[form.category], expected=expected)
    elif notes.get("category_partial") == "worker" and nominee.summary.category == "labor_model_studio":
        yield issue_for("CATEGORY_MISMATCH", nominee, field="category", entry=form, value="职工创新工作室",
                        expected=expected)


@nominee_check
def summary_form_mismatch(nominee: Nominee, context: Context) -> Iterable[Issue]:
    form, summary = nominee.form, nominee.summary
    if form is None or summary is None:
        return
    uncertain = {*form.raw.notes.get("inferred", []), *summary.raw.notes.get("inferred", [])}
    for name in COMPARED_BASE_FIELDS if nominee.is_base else COMPARED_STUDIO_FIELDS:
        mine, theirs = form.values.get(name), summary.values.get(name)
        if mine in (None, "") or theirs in (None, "") or name in uncertain:
            continue
        if not agree(name, mine, theirs):
            yield issue_for("SUMMARY_FORM_MISMATCH", nominee, field=name, entry=form, value=mine, expected=theirs)
    if form.name and summary.name and not agree("studio_name", form.name, summary.name):
        field = "enterprise_name" if nominee.is_base else "studio_name"
        yield issue_for("SUMMARY_FORM_MISMATCH", nominee, field=field, entry=form, value=form.name,
                        expected=summary.name)
    if nominee.is_base:
        yield from _teachers_mismatch(nominee)


def _teachers_mismatch(nominee: Nominee) -> Iterable[Issue]:
    """附件7 lists teachers in one column; 附件8 splits full-time and part-time."""
    total = nominee.summary.values.get("teachers_total")
    full, part = (nominee.form.values.get(k) for k in ("full_time_teachers", "part_time_teachers"))
    if total is not None and full is not None and part is not None and total != full + part:
        yield issue_for("SUMMARY_FORM_MISMATCH", nominee, field="teachers_total", entry=nominee.form,
                        location=nominee.form.locations.get("full_time_teachers", ""),
                        value=f"{full}+{part}", expected=str(total))


# Names a summary often shortens (`大连重工` for `大连重工·起重集团有限公司`): one inside the other agrees.
SHORTENED_FIELDS = frozenset({"organization", "studio_name", "enterprise_name"})


def agree(field: str, mine: object, theirs: object) -> bool:
    a, b = comparable(mine), comparable(theirs)
    if a == b:
        return True
    if field in SHORTENED_FIELDS and isinstance(a, str) and isinstance(b, str) and min(len(a), len(b)) >= 2:
        return a in b or b in a
    return False


def comparable(value: object) -> object:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return round(float(value), 4)
    return name_key(str(value))
