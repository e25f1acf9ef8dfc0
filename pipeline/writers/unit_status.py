"""Where each recommending unit stands: files received, files not read, issues, quota use, status.

One row per unit of the quota table (those that sent nothing included), then per other unit
seen in the run, then the unknown unit when some file or issue has none. The status is, in
this order of precedence:
- `未报送`: no file and no nominee from the unit;
- `不完整`: some file of the unit could not be read (`unread_files`), or files came but no
  nominee was recognised; the review of the unit is not complete;
- `待退回修改`: an error that goes into the unit's letter;
- `通过`: none of the above (warnings may remain, to be looked at).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.consolidate import SUPERSEDED_NOTE
from pipeline.quota_figures import UnitQuota, from_usage
from pipeline.results import RunResult
from pipeline.unchanged import UnreadFile
from pipeline.writers.labels import in_letter
from pipeline.writers.values import UNKNOWN_UNIT_LABEL, text, unit_key

UNREAD_STATUSES = ("failed", "partial")
NOT_CONTENT = ("fifo", "socket", "device")   # listed in files.csv, but no document was there to read
STATUS_TEXT = {
    "未报送": "名额表中有该单位，但收件箱中没有它的任何文件",
    "不完整": "有文件未能读取（损坏、加密等）或未识别出推荐对象，审核结果不完整",
    "待退回修改": "有须改正的错误，应退回单位修改",
    "通过": "没有须改正的错误（警告请核实）",
}


@dataclass(slots=True)
class UnitStatus:
    unit: str                      # as in the data ("" for the unknown unit)
    quota: UnitQuota | None        # None for the unknown unit
    files: int = 0
    unread: list[UnreadFile] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    letter_errors: int = 0
    nominees: int = 0

    @property
    def label(self) -> str:
        return self.unit or UNKNOWN_UNIT_LABEL

    @property
    def status(self) -> str:
        if not self.files and not self.nominees:
            return "未报送"
        if self.unread or not self.nominees:
            return "不完整"
        return "待退回修改" if self.letter_errors else "通过"


def unit_quotas(result: RunResult) -> list[UnitQuota]:
    """`RunResult.quota_usage` as UnitQuota rows, in unit order."""
    rank = {unit: i for i, unit in enumerate(result.unit_order)}
    return sorted(from_usage(result.quota_usage), key=lambda q: unit_key(q.unit, rank))


def unread_files(result: RunResult) -> list[UnreadFile]:
    """Files not (fully) read, the one list that the closing notice, the report and the unit
    statuses show: rows of `files` failed or partial, or skipped when their content was not
    reached (an archive member past a limit); not a file a re-sent version replaced (it was read)
    nor a FIFO or device (no document was there); and files named by an UNREADABLE_FILE /
    ENCRYPTED_FILE issue that `files` does not already list as such."""
    found: dict[str, UnreadFile] = {}
    for row in result.files.to_dict("records"):
        status, message = text(row.get("status")), text(row.get("message"))
        not_reached = (status == "skipped" and text(row.get("format")) not in NOT_CONTENT
                       and not message.startswith(SUPERSEDED_NOTE))
        if status in UNREAD_STATUSES or not_reached:
            name = text(row.get("file"))
            found[name] = UnreadFile(name, text(row.get("recommending_unit")), status, message)
    for row in result.issues.to_dict("records"):
        name = text(row.get("file"))
        if text(row.get("code")) in ("UNREADABLE_FILE", "ENCRYPTED_FILE") and name and name not in found:
            found[name] = UnreadFile(name, text(row.get("recommending_unit")), "failed", text(row.get("message")))
    return list(found.values())


def unit_statuses(result: RunResult) -> list[UnitStatus]:
    quotas = {q.unit: q for q in unit_quotas(result)}
    rows: dict[str, UnitStatus] = {unit: UnitStatus(unit, quota) for unit, quota in quotas.items()}

    def row(unit: str) -> UnitStatus:
        return rows.setdefault(unit, UnitStatus(unit, quotas.get(unit)))

    for record in result.files.to_dict("records"):
        if text(record.get("doc_type")) != "archive" or text(record.get("status")) in UNREAD_STATUSES:
            row(text(record.get("recommending_unit"))).files += 1
    for unread in unread_files(result):
        row(unread.unit).unread.append(unread)
    for record in result.issues.to_dict("records"):
        _count_issue(row(text(record.get("recommending_unit"))), record)
    for frame in (result.studios, result.training_bases):
        for unit in frame.get("recommending_unit", pd.Series(dtype=object)):
            row(text(unit)).nominees += 1
    for status in rows.values():
        if status.quota is not None:   # the quota computation's count is the one shown everywhere
            status.nominees = status.quota.total
    rank = {unit: i for i, unit in enumerate(result.unit_order)}
    return sorted(rows.values(), key=lambda s: unit_key(s.unit, rank))


def _count_issue(status: UnitStatus, record: dict) -> None:
    severity, code = text(record.get("severity")), text(record.get("code"))
    if severity == "error":
        status.errors += 1
        status.letter_errors += in_letter(code)
    elif severity == "warning":
        status.warnings += 1
    elif severity == "info":
        status.infos += 1
