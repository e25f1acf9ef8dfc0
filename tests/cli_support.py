"""Helpers for tests that drive the real command line as a subprocess: small real inboxes
(.docx forms and an .xlsx summary built here), running or starting the CLI (optionally with
faults from fault_hooks), and looking at what it left behind."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
UNIT = "大连市总工会"
BOOT = (f"import sys; sys.path.insert(0, {str(TESTS)!r}); import fault_hooks; fault_hooks.install(); "
        "from pipeline.cli import main; sys.exit(main())")
SUMMARY_HEADER = ["序号", "工作室名称", "所在单位", "领衔人", "性别", "出生年月", "荣誉称号", "职务/职称",
                  "团队人数", "成立时间", "联系电话", "备注"]
LEADERS = ["张伟", "王芳", "李强", "刘洋", "陈静", "杨磊", "赵敏", "黄涛", "周杰", "吴刚"]


# --- inboxes ------------------------------------------------------------------------------------------


def save(document: docx.document.Document | openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def studio_name(index: int) -> str:
    return f"{LEADERS[index % len(LEADERS)]}{index}号劳模创新工作室"


def form_docx(index: int, unit: str = UNIT) -> bytes:
    document = docx.Document()
    document.add_paragraph("辽宁省劳模创新工作室和职工创新工作室基本情况表")
    document.add_paragraph(f"推荐单位（盖章）：{unit}")
    table = document.add_table(rows=4, cols=4)
    cells = [("工作室名称", studio_name(index), "", ""),
             ("工作室类别", "☑劳模创新工作室  □职工创新工作室（科技型企业）", "", ""),
             ("领衔人姓名", LEADERS[index % len(LEADERS)], "性别", "男"), ("团队人数", "12", "成立时间", "2017年5月")]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return save(document)


def summary_xlsx(count: int, unit: str = UNIT, *, start: int = 0) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件2"])
    sheet.append(["辽宁省劳模创新工作室推荐汇总表"])
    sheet.append([f"推荐单位（盖章）：{unit}    填报人：王丽    联系电话：0411-82345678    填报日期：2021年7月20日"])
    sheet.append(SUMMARY_HEADER)
    for index in range(start, start + count):
        sheet.append([index + 1, studio_name(index), "大连重工", LEADERS[index % len(LEADERS)], "男", "1975.3",
                      "辽宁省劳动模范", "高级技师", 12, "2017.5", "13812345678", ""])
    return save(book)


def small_inbox(inbox: Path, count: int = 4, unit: str = UNIT) -> list[str]:
    """A unit folder with a summary and `count` forms; the inbox-relative paths."""
    folder = inbox / unit
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "附件2 劳模创新工作室汇总表.xlsx").write_bytes(summary_xlsx(count, unit))
    for index in range(count):
        (folder / f"附件6-{studio_name(index)}.docx").write_bytes(form_docx(index, unit))
    return sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file())


# --- running the command --------------------------------------------------------------------------------


def command(*args: str, faults: dict | None = None) -> list[str]:
    if faults:
        return [sys.executable, "-c", BOOT, *map(str, args)]
    return [sys.executable, "-m", "pipeline", *map(str, args)]


def environment(faults: dict | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if faults:
        env["PIPELINE_TEST_FAULTS"] = json.dumps(faults)
    return env


def run_cli(*args: str, faults: dict | None = None, timeout: float = 300, prefix: tuple[str, ...] = (),
            **popen) -> subprocess.CompletedProcess:
    """The command's outcome; `prefix` runs it through another program (e.g. `unshare --user`)."""
    return subprocess.run([*prefix, *command(*args, faults=faults)], capture_output=True, text=True, cwd=ROOT,
                          check=False, timeout=timeout, env=environment(faults), **popen)


class Running:
    """A CLI process started in its own process group, its stderr collected as it comes."""

    def __init__(self, *args: str, faults: dict | None = None, **popen) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen(command(*args, faults=faults), cwd=ROOT, env=environment(faults), text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                        **popen)
        self.lines: list[tuple[float, str]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))

    @property
    def stderr(self) -> str:
        return "\n".join(line for _, line in self.lines)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_text(self, text: str, timeout: float = 60) -> bool:
        return wait_for(lambda: text in self.stderr or (self.process.poll() is not None and text in self.stderr),
                        timeout)

    def wait(self, timeout: float = 300) -> int:
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return code


def wait_for(predicate: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


# --- what a run left ------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def files_rows(out: Path) -> dict[str, dict[str, str]]:
    return {row["file"]: row for row in read_csv(out / "data" / "files.csv")}


def output_set(out: Path) -> dict[str, str]:
    """The published outputs (path → sha256), without the state, the lock and the template."""
    skip = (".state/", ".lock", "审核更正表", ".staging-")
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.relative_to(out).as_posix().startswith(skip)}


def cache_rows(state: Path) -> int:
    try:
        with sqlite3.connect(f"{state.resolve().as_uri()}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM extraction").fetchone()[0]
    except sqlite3.Error:
        return 0


def pids_in_group(group: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group and not _zombie(entry):
                    found.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return found


def helpers_alive() -> list[int]:
    """The `sleep 313` helpers fault_hooks started (a stand-in for a hung LibreOffice)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                arguments = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if arguments[:2] == [b"sleep", b"313"] and not _zombie(entry):
                found.append(int(entry.name))
    return found


def _zombie(entry: Path) -> bool:
    try:
        return (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def summary_value(stderr: str, label: str) -> int | None:
    """A number of the closing table (`│ 其中沿用上次结果 │ 4 │`)."""
    for line in stderr.splitlines():
        if label in line:
            digits = [part.strip() for part in line.split("│") if part.strip().isdigit()]
            if digits:
                return int(digits[-1])
    return None
