"""Issue 9, the run a clerk can trust: the real command line as a subprocess — bad arguments,
progress, Ctrl-C, a hung archive member, the closing notice, explain and --help, watch."""

from __future__ import annotations

import io
import signal
import time
import zipfile
from pathlib import Path

import pytest
from cli_support import (
    UNIT,
    Running,
    cache_rows,
    files_rows,
    form_docx,
    helpers_alive,
    output_set,
    pids_in_group,
    run_cli,
    small_inbox,
    summary_value,
    summary_xlsx,
    wait_for,
)

from schemas.issues import ISSUE_TYPES


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    small_inbox(tmp_path / "inbox", count=3)
    return tmp_path / "inbox"


# --- every bad argument: exit 2, one Chinese message, no traceback, nothing read ----------------------------


def _campaign(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "campaign.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BAD_ARGUMENTS = {
    "out is a file": (lambda t, i: ["--out", _touch(t / "out.txt")], "是一个文件"),
    "inbox missing": (lambda t, i: ["--out", t / "o"], "收件箱文件夹不存在"),
    "out inside inbox": (lambda t, i: ["--out", i / "out"], "位于收件箱内"),
    "state inside inbox": (lambda t, i: ["--out", t / "o", "--state", i / "s.sqlite3"], "状态文件"),
    "impossible deadline": (lambda t, i: ["--out", t / "o", "--campaign", _campaign(t, "deadline: 2021-13-45\n")],
                            "deadline"),
    "misspelt key": (lambda t, i: ["--out", t / "o", "--campaign", _campaign(t, "deadlin: 2021-07-23\n")],
                     "是否是指 deadline"),
    "wrong type": (lambda t, i: ["--out", t / "o", "--campaign", _campaign(t, "limits: {file_timeout_seconds: x}\n")],
                   "limits.file_timeout_seconds"),
    "quota table not one": (lambda t, i: ["--out", t / "o", "--quotas", _write(t / "q.xlsx", summary_xlsx(1))],
                            "找不到名额分配表"),
    "corrections missing": (lambda t, i: ["--out", t / "o", "--corrections", t / "none.xlsx"], "不存在"),
    "workers zero": (lambda t, i: ["--out", t / "o", "--workers", "0"], "--workers"),
    "workers not a number": (lambda t, i: ["--out", t / "o", "--workers", "abc"], "应为整数"),
    "unknown option": (lambda t, i: ["--out", t / "o", "--outt", "x"], "没有选项 --outt"),
    "missing --out": (lambda t, i: [], "缺少选项 --out"),
}


def _touch(path: Path) -> Path:
    path.write_text("x", encoding="utf-8")
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BAD_ARGUMENTS))
def test_bad_arguments_exit_2_with_one_chinese_message(tmp_path: Path, inbox: Path, case: str):
    build, expected = BAD_ARGUMENTS[case]
    target = tmp_path / "absent" if case == "inbox missing" else inbox
    completed = run_cli("run", target, *build(tmp_path, inbox), timeout=120)
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr and "Error" not in completed.stderr
    assert expected in completed.stderr
    assert not list(tmp_path.rglob("state.sqlite3")), "nothing may be read before the arguments are checked"


def test_empty_inbox_is_refused_with_a_notice_and_out_untouched(tmp_path: Path):
    (tmp_path / "inbox" / "空文件夹").mkdir(parents=True)
    completed = run_cli("run", tmp_path / "inbox", "--out", tmp_path / "out")
    assert completed.returncode == 2
    assert "没有任何文件" in completed.stderr
    assert not (tmp_path / "out" / "data").exists()


# --- explain and --help -------------------------------------------------------------------------------------


def test_explain_without_a_code_lists_every_code_with_severity_and_meaning():
    completed = run_cli("explain")
    assert completed.returncode == 0
    lines = completed.stdout.splitlines()
    assert len(lines) == len(ISSUE_TYPES)
    for code, issue_type in ISSUE_TYPES.items():
        line = next(line for line in lines if line.startswith(code + " "))
        assert {"error": "错误", "warning": "警告", "info": "提示"}[issue_type.severity] in line
        assert issue_type.description in line


def test_explain_an_unknown_code_suggests_the_nearest():
    completed = run_cli("explain", "LEADER_QUALIFIED")
    assert completed.returncode == 2
    assert "是否是指 LEADER_NOT_QUALIFIED" in completed.stderr and "Traceback" not in completed.stderr


def test_help_is_chinese():
    completed = run_cli("run", "--help")
    assert completed.returncode == 0
    for text in ("收件箱文件夹", "输出文件夹", "显示本帮助并退出", "选项"):
        assert text in completed.stdout
    assert "Show this message" not in completed.stdout


# --- progress, Ctrl-C, the next run ---------------------------------------------------------------------------


def test_progress_then_ctrl_c_stops_within_2_s_keeping_the_cache_and_the_next_run_reads_the_rest(tmp_path: Path):
    inbox = tmp_path / "inbox"
    files = small_inbox(inbox, count=6)
    marker = tmp_path / "marker.txt"
    faults = {"slow": {"*附件6-*": 1.5}, "hang": ["*附件6-*5号*"], "marker": str(marker)}
    running = Running("run", inbox, "--out", tmp_path / "out", "--workers", "2", faults=faults)
    # something within a second or so (a busy 2-core machine may need a little longer)
    assert running.wait_text("开始", timeout=10)
    assert running.lines[0][0] < 5, running.lines
    assert running.wait_text("正在读取文件", timeout=60), running.stderr
    assert wait_for(lambda: "hang" in (marker.read_text() if marker.exists() else ""), 60), running.stderr
    assert wait_for(lambda: cache_rows(tmp_path / "out" / ".state" / "state.sqlite3") >= 3, 60)
    assert running.wait_text("已处理", timeout=30), "plain progress lines when not a terminal"
    assert helpers_alive(), "the stand-in for a hung LibreOffice is running"
    running.process.send_signal(signal.SIGINT)
    sent = time.monotonic()
    code = running.wait(timeout=30)
    assert time.monotonic() - sent < 3.0, "Ctrl-C must stop the run within about 2 s"
    assert code == 130
    assert "已中断" in running.stderr and "缓存" in running.stderr and "Traceback" not in running.stderr
    assert wait_for(lambda: not pids_in_group(running.pid), 5), "workers must not outlive the run"
    assert wait_for(lambda: not helpers_alive(), 5), "LibreOffice/OCR helpers must not outlive the run"
    assert not (tmp_path / "out" / "data").exists(), "an interrupted run publishes nothing"
    kept = cache_rows(tmp_path / "out" / ".state" / "state.sqlite3")
    assert kept >= 3

    completed = run_cli("run", inbox, "--out", tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    assert summary_value(completed.stderr, "其中沿用上次结果") == kept
    assert set(files_rows(tmp_path / "out")) == set(files)


# --- archives: a hung member does not take its siblings with it ------------------------------------------------


def test_a_hung_or_crashing_member_of_a_zip_fails_alone_after_a_retry_and_is_named_with_its_unit(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("附件2 汇总表.xlsx", summary_xlsx(3))
        for index in range(3):
            archive.writestr(f"附件6-{index}.docx", form_docx(index))
        archive.writestr("卡住的文件.docx", form_docx(9))
        archive.writestr("崩溃的文件.docx", form_docx(8))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / f"{UNIT}.zip").write_bytes(buffer.getvalue())
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text("limits: {file_timeout_seconds: 3}\n", encoding="utf-8")
    started = time.monotonic()
    completed = run_cli("run", inbox, "--out", tmp_path / "out", "--campaign", campaign,
                        faults={"slow": {"*卡住的文件.docx": 600}, "crash": ["*崩溃的文件.docx"]})
    assert time.monotonic() - started < 120
    assert completed.returncode == 1, completed.stderr
    rows = files_rows(tmp_path / "out")
    hung = rows[f"{UNIT}.zip!卡住的文件.docx"]
    assert hung["status"] == "failed" and "重试后仍未完成" in hung["message"]
    assert hung["recommending_unit"] == UNIT
    crashed = rows[f"{UNIT}.zip!崩溃的文件.docx"]
    assert crashed["status"] == "failed" and "处理进程异常退出" in crashed["message"] and "重试后" in crashed["message"]
    for index in range(3):
        sibling = rows[f"{UNIT}.zip!附件6-{index}.docx"]
        assert sibling["status"] == "ok" and sibling["records"] == "1", sibling
    assert f"[{UNIT}] {UNIT}.zip!卡住的文件.docx" in completed.stderr, "the notice names the file and its unit"
    assert not helpers_alive()


# --- watch ---------------------------------------------------------------------------------------------------


def test_watch_picks_up_a_dropped_file_and_says_what_changed(tmp_path: Path, inbox: Path):
    out = tmp_path / "out"
    running = Running("watch", inbox, "--out", out, "--debounce", "0.5")
    try:
        assert running.wait_text("正在监视收件箱", timeout=120), running.stderr
        before = output_set(out)
        (inbox / UNIT / "附件6-新到的表.docx").write_bytes(form_docx(7))
        assert running.wait_text("检测到变化：新增 大连市总工会/附件6-新到的表.docx", timeout=60), running.stderr
        assert running.wait_text("继续监视收件箱", timeout=120), running.stderr
        assert "与上次运行相比：新文件 1" in running.stderr
        assert f"{UNIT}/附件6-新到的表.docx" in files_rows(out)
        assert output_set(out) != before
    finally:
        running.process.send_signal(signal.SIGINT)
        code = running.wait(timeout=30)
    assert code == 0 and "已停止监视" in running.stderr
