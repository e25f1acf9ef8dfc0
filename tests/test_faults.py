"""Issue 10, nothing lost: faults injected into the real command line — kill -9 while reading and
while writing, two runs on one OUT, a damaged cache row, an old state schema, odd names and file
system objects, a folder that cannot be read, a 6,000-row summary, a read-only OUT, a full disk,
and a .doc whose picture is linked by URL."""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from cli_support import (
    LEADERS,
    UNIT,
    Running,
    cache_rows,
    files_rows,
    form_docx,
    helpers_alive,
    output_set,
    pids_in_group,
    read_csv,
    run_cli,
    save,
    small_inbox,
    summary_value,
    wait_for,
)

from pipeline.process import extract_file


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """An inbox and an OUT holding the outputs of a first, complete run."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    small_inbox(inbox, count=4)
    completed = run_cli("run", inbox, "--out", out)
    assert completed.returncode == 0, completed.stderr
    return inbox, out


def state_of(out: Path) -> Path:
    return out / ".state" / "state.sqlite3"


# --- kill -9 --------------------------------------------------------------------------------------------------


def test_kill_9_while_reading_keeps_the_previous_set_and_the_finished_files(published, tmp_path: Path):
    inbox, out = published
    before = output_set(out)
    for index in range(4, 8):
        (inbox / UNIT / f"附件6-新{index}.docx").write_bytes(form_docx(index))
    faults = {"slow": {"*附件6-新*": 1.0}, "hang": ["*附件6-新7.docx"], "marker": str(tmp_path / "m")}
    rows_before = cache_rows(state_of(out))
    running = Running("run", inbox, "--out", out, "--workers", "2", faults=faults)
    assert wait_for(lambda: cache_rows(state_of(out)) >= rows_before + 2 and helpers_alive(), 90), running.stderr
    os.kill(running.pid, signal.SIGKILL)
    running.wait(timeout=30)
    assert wait_for(lambda: not pids_in_group(running.pid), 10), "workers die with their run"
    assert wait_for(lambda: not helpers_alive(), 10), "helpers die with their run"
    assert output_set(out) == before, "a killed run leaves the previous set intact"
    kept = cache_rows(state_of(out))

    completed = run_cli("run", inbox, "--out", out)
    assert completed.returncode == 0, completed.stderr
    assert summary_value(completed.stderr, "其中沿用上次结果") == kept, "only unfinished files are read again"
    assert "新文件 4" in completed.stderr, "changes are counted from the last published run"
    assert len(files_rows(out)) == 9


def test_kill_9_while_writing_keeps_the_previous_set_and_the_next_run_reports_changes(published, tmp_path: Path):
    inbox, out = published
    before = output_set(out)
    (inbox / UNIT / "附件6-新来的.docx").write_bytes(form_docx(8))
    marker = tmp_path / "marker"
    running = Running("run", inbox, "--out", out, faults={"slow_write": 60, "marker": str(marker)})
    assert wait_for(lambda: marker.exists() and "writing" in marker.read_text(), 120), running.stderr
    assert list(out.glob(".staging-*")), "the outputs are being written beside the published set"
    os.kill(running.pid, signal.SIGKILL)
    running.wait(timeout=30)
    assert output_set(out) == before, "nothing of the killed run's outputs is in place"

    completed = run_cli("run", inbox, "--out", out)
    assert completed.returncode == 0, completed.stderr
    assert not list(out.glob(".staging-*")), "the abandoned staging folder is removed"
    assert "新文件 1" in completed.stderr
    assert f"{UNIT}/附件6-新来的.docx" in files_rows(out)
    assert summary_value(completed.stderr, "其中沿用上次结果") == 6


def test_a_publication_killed_between_commit_and_finish_is_completed_by_the_next_run(published, tmp_path: Path):
    """The journal is the commit point: simulate a kill right after it by leaving one in place."""
    from pipeline.outputs import JOURNAL_NAME, STAGING_PREFIX

    inbox, out = published
    staging = out / f"{STAGING_PREFIX}dead"
    shutil.copytree(out / "data", staging / "data")
    (staging / "data" / "files.csv").write_text("file,sha256\nfrom-the-killed-run,\n", encoding="utf-8")
    journal = {"staging": staging.name, "files": ["data/files.csv"], "remove": [], "run_id": 0, "snapshot": ""}
    (out / JOURNAL_NAME).write_text(json.dumps(journal), encoding="utf-8")
    completed = run_cli("run", inbox, "--out", out)
    assert completed.returncode == 0, completed.stderr
    assert "上次运行在替换输出文件时被中断" in completed.stderr
    assert not (out / JOURNAL_NAME).exists() and not staging.exists()
    assert "from-the-killed-run" not in (out / "data" / "files.csv").read_text(encoding="utf-8")


# --- two runs on one OUT ---------------------------------------------------------------------------------------


def test_a_second_run_on_a_locked_out_says_who_holds_it_or_waits(published, tmp_path: Path):
    inbox, out = published
    (inbox / UNIT / "附件6-慢.docx").write_bytes(form_docx(9))
    first = Running("run", inbox, "--out", out, faults={"slow": {"*附件6-慢.docx": 8}})
    try:
        assert first.wait_text("正在读取文件", timeout=120), first.stderr
        second = run_cli("run", inbox, "--out", out)
        assert second.returncode == 2
        assert "正被另一次运行使用" in second.stderr and f"进程 {first.pid}" in second.stderr
        waiting = run_cli("run", inbox, "--out", out, "--wait")
        assert waiting.returncode == 0, waiting.stderr
        assert "等待其结束" in waiting.stderr
    finally:
        assert first.wait(timeout=120) == 0, first.stderr
    assert len(files_rows(out)) == 6


# --- the state never stops a run -------------------------------------------------------------------------------


def test_a_damaged_cache_row_is_dropped_and_its_file_read_again(published):
    inbox, out = published
    with sqlite3.connect(state_of(out)) as conn:
        conn.execute("UPDATE extraction SET payload = x'80049500' WHERE rowid = (SELECT MIN(rowid) FROM extraction)")
    completed = run_cli("run", inbox, "--out", out)
    assert completed.returncode == 0, completed.stderr
    assert "缓存中有 1 条记录已损坏，已删除并重新读取对应文件" in completed.stderr
    assert summary_value(completed.stderr, "其中沿用上次结果") == 4
    again = run_cli("run", inbox, "--out", out)
    assert summary_value(again.stderr, "其中沿用上次结果") == 5


def test_a_state_of_the_previous_schema_is_migrated_with_a_notice(published):
    inbox, out = published
    with sqlite3.connect(state_of(out)) as conn:
        conn.execute("ALTER TABLE runs DROP COLUMN status")
        conn.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    completed = run_cli("run", inbox, "--out", out)
    assert completed.returncode == 0, completed.stderr
    assert "旧版本（第1版），已升级到第2版" in completed.stderr
    assert summary_value(completed.stderr, "其中沿用上次结果") == 5, "the cache survives the migration"
    again = run_cli("run", inbox, "--out", out)
    assert "旧版本" not in again.stderr


def test_a_state_too_old_to_migrate_is_set_aside_once_with_a_notice(published):
    inbox, out = published
    with sqlite3.connect(state_of(out)) as conn:
        conn.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    completed = run_cli("run", inbox, "--out", out)
    assert completed.returncode == 0, completed.stderr
    assert "版本过旧（第0版），无法升级" in completed.stderr and "重新建立" in completed.stderr
    assert list((out / ".state").glob("state.sqlite3.corrupt-*"))
    again = run_cli("run", inbox, "--out", out)
    assert "过旧" not in again.stderr and summary_value(again.stderr, "其中沿用上次结果") == 5


# --- odd names and file system objects --------------------------------------------------------------------------


def test_non_utf8_names_fifos_sockets_and_links_are_listed_and_never_opened(tmp_path: Path):
    inbox = tmp_path / "inbox"
    small_inbox(inbox, count=1)
    folder = os.fsencode(inbox / UNIT)
    gbk_name = "附件6-张伟劳模创新工作室.docx".encode("gbk")
    with open(os.path.join(folder, gbk_name), "wb") as handle:
        handle.write(form_docx(3))
    with open(os.path.join(folder, b"\xff\xfe-broken.docx"), "wb") as handle:
        handle.write(form_docx(4))
    os.mkfifo(inbox / "管道")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(inbox / "套接字"))
    (inbox / "链接.docx").symlink_to(inbox / UNIT / f"附件6-{LEADERS[0]}0号劳模创新工作室.docx")
    completed = run_cli("run", inbox, "--out", tmp_path / "out", timeout=180)
    listener.close()
    assert completed.returncode == 1, completed.stderr   # the link was not followed: a file not processed
    rows = files_rows(tmp_path / "out")
    decoded = rows[f"{UNIT}/附件6-张伟劳模创新工作室.docx"]
    assert decoded["status"] == "ok" and decoded["records"] == "1" and "GBK" in decoded["message"]
    broken = rows[f"{UNIT}/\\xff\\xfe-broken.docx"]
    assert broken["status"] == "ok" and "无法解码" in broken["message"]
    assert rows["管道"]["status"] == "skipped" and rows["管道"]["format"] == "fifo" and "FIFO" in rows["管道"]["message"]
    assert rows["套接字"]["format"] == "socket"
    link = rows["链接.docx"]
    assert link["status"] == "failed" and "符号链接" in link["message"]
    assert "链接.docx" in completed.stderr


def test_an_unreadable_folder_is_listed_with_why(tmp_path: Path):
    """Root reads a folder of mode 000 anyway, so as root the command runs in a user namespace of
    its own (`unshare --user`): still the owner of every file, but without the capability that
    overrides permissions. Where neither works the test is skipped."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    small_inbox(inbox, count=1)
    secret = inbox / "私密"
    secret.mkdir()
    (secret / "附件6.docx").write_bytes(form_docx(2))
    locked = inbox / UNIT / "附件6-锁住的.docx"
    locked.write_bytes(form_docx(3))
    locked.chmod(0)
    secret.chmod(0)
    try:
        prefix: tuple[str, ...] = ()
        if os.geteuid() == 0:
            prefix = ("unshare", "--user")
            if subprocess.run([*prefix, "ls", secret], capture_output=True, check=False).returncode == 0:
                pytest.skip("permissions cannot be enforced for this user here")
        completed = run_cli("run", inbox, "--out", out, prefix=prefix)
        assert completed.returncode == 1, completed.stderr
        row = files_rows(out)["私密/"]
        assert row["status"] == "failed" and row["format"] == "folder" and "没有权限" in row["message"]
        assert "私密/" in completed.stderr
        unreadable = files_rows(out)[f"{UNIT}/附件6-锁住的.docx"]
        assert unreadable["status"] == "failed" and "没有权限" in unreadable["message"]
        assert unreadable["recommending_unit"] == UNIT
        assert files_rows(out)[f"{UNIT}/附件2 劳模创新工作室汇总表.xlsx"]["status"] == "ok"
    finally:
        secret.chmod(0o755)


# --- no silent caps ---------------------------------------------------------------------------------------------


def summary_rows(count: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件2"])
    sheet.append(["辽宁省劳模创新工作室推荐汇总表"])
    sheet.append([f"推荐单位（盖章）：{UNIT}    填报日期：2021年7月20日"])
    sheet.append(["序号", "工作室名称", "所在单位", "领衔人", "团队人数", "成立时间"])
    for index in range(count):
        sheet.append([index + 1, f"第{index + 1}号劳模创新工作室", "大连重工", f"领衔{index}", 10, "2017.5"])
    return save(book)


def test_a_6000_row_summary_is_read_whole():
    """Read through the same code the workers run. (Through the command the run takes about two
    minutes, nearly all of it spent writing 6,000 nominees' letters and workbooks, so the command
    itself is driven on the smaller cut-off case below.)"""
    result = extract_file(summary_rows(6000), f"{UNIT}/附件2 汇总表.xlsx")
    assert result.status == "ok" and not result.issues
    assert len(result.records) == 6000
    assert result.records[-1].text("studio_name") == "第6000号劳模创新工作室"


def test_rows_past_the_sheet_limit_are_reported_with_how_many(tmp_path: Path):
    """Past the bound on cells a sheet may hold (50,000 rows of a summary), the file is `partial`
    and an UNREADABLE_FILE issue says how many rows were not read; the command exits 0 (a finding
    about the file, every file was processed) and names the file in its closing notice."""
    inbox = tmp_path / "inbox" / UNIT
    inbox.mkdir(parents=True)
    (inbox / "附件2 汇总表.xlsx").write_bytes(summary_rows(60))
    completed = run_cli("run", tmp_path / "inbox", "--out", tmp_path / "out",
                        faults={"max_rows": 40})
    assert completed.returncode == 0, completed.stderr
    row = files_rows(tmp_path / "out")[f"{UNIT}/附件2 汇总表.xlsx"]
    assert row["status"] == "partial" and "共 64 行，只读取了前 40 行，其余 24 行未读取" in row["message"]
    issues = [i for i in read_csv(tmp_path / "out" / "data" / "issues.csv") if i["code"] == "UNREADABLE_FILE"]
    assert [i["file"] for i in issues] == [f"{UNIT}/附件2 汇总表.xlsx"] and issues[0]["recommending_unit"] == UNIT
    assert "部分读取" in completed.stderr


def text_pdf(pages: int) -> bytes:
    """A minimal PDF with one line of text per page (no PDF library needed)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for number in range(pages):
        stream = f"BT /F1 12 Tf 72 720 Td (Page {number + 1}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>"
    body, offsets = b"%PDF-1.4\n", []
    for index, text in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{index} 0 obj\n{text}\nendobj\n".encode()
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def test_pages_of_a_multi_page_scan_past_the_limit_are_reported_with_which(monkeypatch):
    from PIL import Image

    from extractors.backends.ocr import backend

    monkeypatch.setattr(backend, "MAX_PAGES", 2)
    buffer = io.BytesIO()
    frames = [Image.new("L", (400, 500), 255) for _ in range(3)]
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    result = extract_file(buffer.getvalue(), f"{UNIT}/扫描件.tiff")
    assert "图片共 3 页，只识别了前 2 页，第 3 页未识别" in result.message
    assert [issue.code for issue in result.issues if issue.code == "UNREADABLE_FILE"] == ["UNREADABLE_FILE"]


def test_pdf_pages_past_the_limit_are_reported_with_which(monkeypatch):
    from extractors.backends import pdf_backend

    monkeypatch.setattr(pdf_backend, "MAX_PAGES", 3)
    result = extract_file(text_pdf(5), f"{UNIT}/材料.pdf")
    assert result.status == "partial"
    assert "PDF 共 5 页，只读取了前 3 页，第 4–5 页未读取" in result.message
    assert [issue.code for issue in result.issues if issue.code == "UNREADABLE_FILE"] == ["UNREADABLE_FILE"]
    whole = extract_file(text_pdf(3), f"{UNIT}/材料.pdf")
    assert whole.status == "ok" and not [i for i in whole.issues if i.code == "UNREADABLE_FILE"]


def test_sigterm_stops_a_run_like_ctrl_c(published, tmp_path: Path):
    inbox, out = published
    before = output_set(out)
    (inbox / UNIT / "附件6-慢.docx").write_bytes(form_docx(9))
    running = Running("run", inbox, "--out", out, faults={"hang": ["*附件6-慢.docx"], "marker": str(tmp_path / "m")})
    assert wait_for(lambda: bool(helpers_alive()), 90), running.stderr
    running.process.send_signal(signal.SIGTERM)
    assert running.wait(timeout=30) == 130
    assert "已中断" in running.stderr
    assert wait_for(lambda: not helpers_alive() and not pids_in_group(running.pid), 10)
    assert output_set(out) == before


# --- OUT that cannot take the outputs ---------------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(size: str):
    """A small file system of its own (root only); skip where mounting is not allowed."""
    mount = Path(tempfile.mkdtemp(prefix="tiny-fs-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mount], capture_output=True,
                          check=False)
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip("cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", mount], check=False)
        mount.rmdir()


def test_a_read_only_out_is_refused_before_reading_and_the_set_kept(published):
    inbox, _ = published
    with tmpfs("32m") as mount:
        out = mount / "out"
        assert run_cli("run", inbox, "--out", out, "--state", mount.parent / f"{mount.name}.sqlite3").returncode == 0
        before = output_set(out)
        assert subprocess.run(["mount", "-o", "remount,ro", mount], check=False).returncode == 0
        completed = run_cli("run", inbox, "--out", out, "--state", mount.parent / f"{mount.name}.sqlite3")
        assert completed.returncode == 2
        assert "不可写" in completed.stderr and "Traceback" not in completed.stderr
        assert output_set(out) == before
    Path(mount.parent / f"{mount.name}.sqlite3").unlink(missing_ok=True)


def test_a_disk_that_fills_while_writing_keeps_the_previous_set(published, tmp_path: Path):
    inbox, _ = published
    state = tmp_path / "state.sqlite3"
    with tmpfs("26m") as mount:
        out = mount / "out"
        assert run_cli("run", inbox, "--out", out, "--state", state).returncode == 0
        before = output_set(out)
        (inbox / UNIT / "附件6-再来一个.docx").write_bytes(form_docx(6))
        marker = tmp_path / "marker"
        running = Running("run", inbox, "--out", out, "--state", state,
                          faults={"slow": {"*再来一个.docx": 4}, "marker": str(marker)})
        assert wait_for(lambda: marker.exists(), 120), running.stderr
        filler = mount / "filler.bin"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True, check=False)
        code = running.wait(timeout=180)
        assert code == 3, running.stderr
        assert "磁盘空间已满" in running.stderr and "上一次的输出保持原样" in running.stderr
        assert "Traceback" not in running.stderr
        assert output_set(out) == before
        assert not list(out.glob(".staging-*"))
        filler.unlink()
        completed = run_cli("run", inbox, "--out", out, "--state", state)
        assert completed.returncode == 0 and "新文件 1" in completed.stderr


def test_a_full_disk_is_refused_before_reading(published):
    inbox, _ = published
    with tmpfs("4m") as mount:
        completed = run_cli("run", inbox, "--out", mount / "out")
        assert completed.returncode == 2
        assert "磁盘空间不足" in completed.stderr


# --- no network from conversions ----------------------------------------------------------------------------------


class _Listener:
    """A local HTTP server recording every request (the only network a test may touch)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def linked_image_docx(url: str) -> bytes:
    """A studio form with a picture that is not embedded but linked by URL."""
    import io
    import zipfile

    parts = {}
    with zipfile.ZipFile(io.BytesIO(form_docx(0))) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    relationship = (f'<Relationship Id="rIdLinked" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/image" Target="{url}" TargetMode="External"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", relationship.encode())
    picture = (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="9" name="logo"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.'
        'openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="logo.png"/><pic:cNvPicPr/>'
        '</pic:nvPicPr><pic:blipFill><a:blip r:link="rIdLinked"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr", picture.encode() + b"<w:sectPr", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_converting_a_doc_with_a_linked_image_makes_no_request(tmp_path: Path):
    from extractors.backends.libreoffice_backend import convert

    listener = _Listener()
    try:
        source = tmp_path / "linked.docx"
        source.write_bytes(linked_image_docx(f"http://127.0.0.1:{listener.port}/logo.png"))
        convert([source], "doc:MS Word 97", tmp_path)          # made offline: no request yet
        doc = tmp_path / "linked.doc"
        assert doc.is_file() and str(listener.port).encode() in doc.read_bytes() and listener.hits == []

        profile = tmp_path / "plain-profile"                     # control: LibreOffice as it comes
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                        "docx", "--outdir", str(tmp_path / "control"), str(doc)], capture_output=True, timeout=120,
                       check=False)
        assert listener.hits, "without protection LibreOffice fetches the linked picture (else this test proves nothing)"
        listener.hits.clear()

        convert([doc], "docx", tmp_path / "settings-only", network_namespace=False)
        assert listener.hits == [], "the offline profile alone blocks the request"

        inbox = tmp_path / "inbox" / UNIT
        inbox.mkdir(parents=True)
        shutil.copy(doc, inbox / "附件6-链接图片.doc")
        completed = run_cli("run", tmp_path / "inbox", "--out", tmp_path / "out")
        assert completed.returncode == 0, completed.stderr
        row = files_rows(tmp_path / "out")[f"{UNIT}/附件6-链接图片.doc"]
        assert row["format"] == "doc" and row["status"] == "ok" and row["records"] == "1"
        time.sleep(0.5)
        assert listener.hits == [], "the pipeline's conversion made a network request"
    finally:
        listener.close()
