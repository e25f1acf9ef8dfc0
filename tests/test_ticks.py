"""Check boxes as units tick them (FORMS_IN_THE_WILD.md, "Ticks"): table-driven."""

from __future__ import annotations

import pytest

from extractors.forms import STUDIO_KINDS, STUDIO_OPTIONS
from extractors.ticks import has_marks, ticked_labels, ticked_options

TRAINING = {"records": "培训记录台账", "followup": "培训后跟踪服务", "incentives": "培训激励办法"}


@pytest.mark.parametrize(("text", "ticked"), [
    # marks before the options
    ("☑劳模创新工作室  □职工创新工作室（科技型企业）  □职工创新工作室（其他类型企业）", ["labor_model_studio"]),
    ("□劳模创新工作室 ■职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）", ["worker_studio_tech"]),
    ("○劳模创新工作室 ●职工创新工作室（科技型企业） ○职工创新工作室（其他类型企业）", ["worker_studio_tech"]),
    # marks after the options
    ("劳模创新工作室□  职工创新工作室（科技型企业）☑  职工创新工作室（其他类型企业）□", ["worker_studio_tech"]),
    ("劳模创新工作室☐ 职工创新工作室（科技型企业）☐ 职工创新工作室（其他类型企业）✔", ["worker_studio_other"]),
    # bracketed marks and empty brackets, before and after
    ("（√）劳模创新工作室 （ ）职工创新工作室（科技型企业）", ["labor_model_studio"]),
    ("劳模创新工作室( ) 职工创新工作室（科技型企业）(✔)", ["worker_studio_tech"]),
    ("[ ]劳模创新工作室 [√]职工创新工作室（其他类型企业）", ["worker_studio_other"]),
    # one option per line
    ("□劳模创新工作室\n☑职工创新工作室（科技型企业）\n□职工创新工作室（其他类型企业）", ["worker_studio_tech"]),
    # the unchosen options deleted; a scan's odd mark among boxes
    ("职工创新工作室（科技型企业）", ["worker_studio_tech"]),
    ("□劳模创新工作室 v职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）", ["worker_studio_tech"]),
    # nothing ticked, several ticked
    ("□劳模创新工作室 □职工创新工作室（科技型企业） □职工创新工作室（其他类型企业）", []),
    ("☑劳模创新工作室 ☑职工创新工作室（科技型企业）", ["labor_model_studio", "worker_studio_tech"]),
])
def test_category_ticks(text, ticked):
    assert ticked_options(text, STUDIO_OPTIONS)[0] == ticked


@pytest.mark.parametrize(("text", "ticked"), [
    ("☑劳模创新工作室  □职工创新工作室", ["labor_model_studio"]),
    ("劳模创新工作室□    职工创新工作室✓", ["worker"]),
])
def test_two_option_category_row(text, ticked):
    assert ticked_options(text, STUDIO_KINDS)[0] == ticked


@pytest.mark.parametrize(("text", "ticked"), [
    ("培训记录台账☑  培训后跟踪服务☑  培训激励办法□", ["records", "followup"]),
    ("☑培训记录台账 ■培训后跟踪服务 □培训激励办法", ["records", "followup"]),
    ("培训记录台账（√）培训后跟踪服务（√）培训激励办法（√）", ["records", "followup", "incentives"]),
    ("培训记录台账、培训激励办法", ["records", "incentives"]),
])
def test_training_system_ticks(text, ticked):
    assert ticked_options(text, TRAINING)[0] == ticked


@pytest.mark.parametrize(("text", "labels"), [
    ("☑高新技术企业  □科技型中小企业  ☑雏鹰企业  □瞪羚企业", ["高新技术企业", "雏鹰企业"]),
    ("高新技术企业[√]    科技型中小企业[ ]    雏鹰企业[ ]", ["高新技术企业"]),
    ("□国有企业 ■民营企业 □外资企业", ["民营企业"]),
    ("□高新技术企业 □科技型中小企业", []),
    # a scan: the first tick read as the letter V, the boxes as 口
    ("V高新技术企业口科技型中小企业√雏鹰企业口瞪羚企业口独角兽企业", ["高新技术企业", "雏鹰企业"]),
    ("VR技术企业 □民营企业", []),
])
def test_free_tick_lists_keep_only_ticked_entries(text, labels):
    assert has_marks(text)
    assert ticked_labels(text) == labels


def test_plain_text_has_no_marks():
    assert not has_marks("高新技术企业、科技型中小企业")
