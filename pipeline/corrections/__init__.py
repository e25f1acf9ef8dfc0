"""Reviewer corrections and waivers (``--corrections FILE.xlsx``).

A reviewer fills one row per change in the sheet ``更正`` of the template written by
:func:`write_template`::

    记录编号 | 字段 | 更正值 | 操作 | 理由 | 审核人

* ``更正`` (``correct``): 字段 is a field of the record (Chinese label or English name), 更正值 the
  right value; it is normalised like a value read from a form and replaces the extracted one.
  ``（空）`` clears a field.
* ``豁免`` (``waive``): 字段 is an issue code (``LEADER_NOT_QUALIFIED``), optionally with a field
  (``INVALID_PHONE:leader_phone``); the matching open issue of that record is accepted as is.
  A waiver needs a reason.

:func:`read_corrections` turns the workbook into :class:`Correction` rows (and problems for rows
that cannot be read); :func:`apply_corrections` applies them to the current record values and
returns the corrected values with AUDIT rows, cell marks, problems and waivers. Applying the same
corrections to the same records always gives the same outcome, and applying them again to the
corrected records changes nothing further.
"""

from pipeline.corrections.applying import (
    apply_corrections,
    corrected_value,
    is_corrected,
    is_waived,
    mark_unused,
    patch_frame,
    split_waived,
)
from pipeline.corrections.model import (
    HEADERS,
    PROBLEM_CODE,
    SHEET,
    Correction,
    CorrectionOutcome,
    CorrectionsFileError,
    Waiver,
    resolve_field,
    waiver_key,
)
from pipeline.corrections.reading import issue_fields, read_corrections
from pipeline.corrections.template import write_template

__all__ = ["HEADERS", "PROBLEM_CODE", "SHEET", "Correction", "CorrectionOutcome", "CorrectionsFileError", "Waiver",
           "apply_corrections", "corrected_value", "is_corrected", "is_waived", "issue_fields", "mark_unused",
           "patch_frame", "read_corrections", "resolve_field", "split_waived", "waiver_key", "write_template"]
