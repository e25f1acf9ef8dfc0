"""pipeline.archives on real archive bytes built here: names, nesting, bombs, zip-slip, encryption, 7z."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from pipeline import archives
from pipeline.archives import ArchiveLimits, ArchiveResult, expand_archive, safe_member_name

SEVEN_ZIP = shutil.which("7z")
needs_7z = pytest.mark.skipif(SEVEN_ZIP is None, reason="7z binary not installed")
MB = 1024 * 1024


# --- builders ---------------------------------------------------------------------------------------

def zip_bytes(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, payload in entries.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def zip_with_raw_names(entries: dict[bytes, bytes]) -> bytes:
    """A zip whose names are the given raw bytes, without the UTF-8 flag (as Windows tools write GBK).

    zipfile always flags non-ASCII names as UTF-8, so each entry is written under an ASCII
    placeholder of the same length, which is then replaced in the local and central headers.
    """
    placeholders = {raw: f"{index:0{len(raw)}d}".encode("ascii") for index, raw in enumerate(entries)}
    data = zip_bytes({placeholders[raw].decode("ascii"): payload for raw, payload in entries.items()})
    for raw, placeholder in placeholders.items():
        assert data.count(placeholder) == 2
        data = data.replace(placeholder, raw)
    return data


def set_zip_flag(data: bytes, name: str, bit: int) -> bytes:
    """Set a general-purpose flag bit in the local and central headers of one member."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
    central = patched.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46:central + 46 + length] == name.encode():
            break
        central = patched.find(b"PK\x01\x02", central + 4)
    for position, offset in ((local, 6), (central, 8)):
        flags = struct.unpack_from("<H", patched, position + offset)[0]
        struct.pack_into("<H", patched, position + offset, flags | bit)
    return bytes(patched)


def zeros_zip(name: str, size: int, before: dict[str, bytes] | None = None) -> bytes:
    """`size` zero bytes deflated, written in chunks so that the test itself stays small."""
    buffer = io.BytesIO()
    chunk = bytes(MB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for other, payload in (before or {}).items():
            archive.writestr(other, payload)
        with archive.open(name, "w", force_zip64=True) as handle:
            for _ in range(size // MB):
                handle.write(chunk)
    return buffer.getvalue()


def lie_about_size(data: bytes, declared: int) -> bytes:
    """Rewrite the uncompressed size of the (single) member in both headers."""
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    central = patched.find(b"PK\x01\x02")
    struct.pack_into("<I", patched, local + 22, declared)
    struct.pack_into("<I", patched, central + 24, declared)
    return bytes(patched)


def seven_zip(folder: Path, target: Path, *extra: str) -> bytes:
    subprocess.run([SEVEN_ZIP, "a", "-bd", *extra, str(target), "."], cwd=folder, check=True,
                   capture_output=True)
    return target.read_bytes()


def paths(result: ArchiveResult) -> list[str]:
    return [member.path for member in result.members]


def codes(result: ArchiveResult) -> list[tuple[str, str]]:
    """Issues about the archive itself."""
    return [(issue.code, issue.file) for issue in result.issues]


def member_codes(result: ArchiveResult) -> list[tuple[str, str]]:
    """Issues about members, each carried by its member."""
    for member in result.members:
        assert all(issue.file == member.path for issue in member.issues)
    return [(issue.code, issue.file) for member in result.members for issue in member.issues]


DOCX = b"PK\x03\x04 pretend docx"


# --- names ------------------------------------------------------------------------------------------

def test_utf8_names_directories_skipped_and_content_kept():
    data = zip_bytes({"沈阳市总工会/": b"", "沈阳市总工会/附件2 劳模创新工作室汇总表.xlsx": b"x1",
                      "沈阳市总工会/张三基本情况表.docx": b"x2"})
    result = expand_archive(data, "收件/沈阳.zip", "zip")
    assert result.status == "ok"
    assert paths(result) == ["收件/沈阳.zip!沈阳市总工会/附件2 劳模创新工作室汇总表.xlsx",
                             "收件/沈阳.zip!沈阳市总工会/张三基本情况表.docx"]
    assert [m.data for m in result.members] == [b"x1", b"x2"]
    assert all(m.status == "" and m.nested is None and m.issues == [] for m in result.members)
    assert all(m.modified > 0 for m in result.members)  # the time stored in the zip
    assert result.issues == []
    assert "2 个文件" in result.message


def test_gbk_names_without_utf8_flag_are_decoded():
    gbk = "大连市总工会/附件6 基本情况表.docx".encode("gbk")
    data = zip_with_raw_names({gbk: b"form", b"plain.txt": b"t"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not archive.infolist()[0].flag_bits & 0x800
        assert archive.namelist()[0] != "大连市总工会/附件6 基本情况表.docx"  # mojibake as cp437
    result = expand_archive(data, "大连.zip", "zip")
    assert paths(result) == ["大连.zip!大连市总工会/附件6 基本情况表.docx", "大连.zip!plain.txt"]
    assert result.members[0].data == b"form"


def test_utf8_bytes_without_flag_and_backslashes():
    raw = "鞍山市总工会\\申报材料.docx".encode()
    result = expand_archive(zip_with_raw_names({raw: b"m"}), "a.zip", "zip")
    assert paths(result) == ["a.zip!鞍山市总工会/申报材料.docx"]


def test_info_zip_unicode_path_extra_field():
    name = "职工创新工作室汇总表.xlsx"
    placeholder = "placeholder.xlsx"
    body = struct.pack("<BI", 1, zlib.crc32(placeholder.encode())) + name.encode()
    info = zipfile.ZipInfo(placeholder)
    info.extra = struct.pack("<HH", 0x7075, len(body)) + body
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, b"s")
    assert paths(expand_archive(buffer.getvalue(), "u.zip", "zip")) == [f"u.zip!{name}"]


def test_macos_resource_forks_dropped_with_note_but_ds_store_listed():
    data = zip_bytes({"表.xlsx": b"a", "__MACOSX/._表.xlsx": b"fork", "__MACOSX/": b"",
                      ".DS_Store": b"\x00\x00\x00\x01Bud1"})
    result = expand_archive(data, "m.zip", "zip")
    assert paths(result) == ["m.zip!表.xlsx", "m.zip!.DS_Store"]
    assert "__MACOSX" in result.message
    assert result.status == "ok"


def test_duplicate_names_made_unique():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.docx", b"1")
        archive.writestr("./a.docx", b"2")
    result = expand_archive(buffer.getvalue(), "d.zip", "zip")
    assert paths(result) == ["d.zip!a.docx", "d.zip!a (2).docx"]


def test_empty_zip():
    result = expand_archive(zip_bytes({}), "e.zip", "zip")
    assert (result.status, result.members, result.issues) == ("ok", [], [])
    assert "为空" in result.message


# --- zip-slip ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "safe"), [
    ("../../evil.docx", "evil.docx"), ("/etc/passwd", "etc/passwd"), ("C:\\Windows\\x.docx", "Windows/x.docx"),
    ("a/./b/../c.docx", "a/b/c.docx"), ("ok/表.docx", "ok/表.docx"),
])
def test_safe_member_name(raw: str, safe: str):
    assert safe_member_name(raw) == (safe, raw not in ("ok/表.docx",))


def test_zip_slip_names_are_display_only(tmp_path: Path):
    data = zip_bytes({"../../evil.docx": b"e", "/abs/x.xlsx": b"x", "C:\\tmp\\y.docx": b"y"})
    before = set(tmp_path.parent.iterdir())
    result = expand_archive(data, "slip.zip", "zip")
    assert paths(result) == ["slip.zip!evil.docx", "slip.zip!abs/x.xlsx", "slip.zip!tmp/y.docx"]
    assert [m.data for m in result.members] == [b"e", b"x", b"y"]
    assert all("安全名称" in m.message for m in result.members)
    assert "../../evil.docx" in result.members[0].message
    assert "3 个文件名含上级目录" in result.message
    assert set(tmp_path.parent.iterdir()) == before
    assert not Path("evil.docx").exists()


# --- nesting ----------------------------------------------------------------------------------------

def test_nested_zip_one_level_is_expanded():
    inner = zip_bytes({"表.xlsx": b"inner"})
    result = expand_archive(zip_bytes({"b.zip": inner, "c.docx": b"c"}), "a.zip", "zip")
    assert paths(result) == ["a.zip!b.zip", "a.zip!c.docx"]
    nested = result.members[0].nested
    assert nested is not None and result.members[0].data == inner
    assert nested.status == "ok"
    assert paths(nested) == ["a.zip!b.zip!表.xlsx"]
    assert nested.members[0].data == b"inner"
    assert result.members[1].nested is None


def test_too_deep_nesting_is_not_expanded():
    level3 = zip_bytes({"d.docx": b"deep"})
    level2 = zip_bytes({"c.zip": level3})
    result = expand_archive(zip_bytes({"b.zip": level2}), "a.zip", "zip")
    b = result.members[0].nested
    assert b is not None and b.status == "ok"
    c = b.members[0]
    assert c.path == "a.zip!b.zip!c.zip" and c.data == level3
    assert c.nested is not None
    assert c.nested.status == "skipped"
    assert c.nested.members == []
    assert codes(c.nested) == [("UNREADABLE_FILE", "a.zip!b.zip!c.zip")]
    assert "嵌套" in c.nested.message


def test_depth_argument_and_limits():
    inner = zip_bytes({"x.docx": b"x"})
    result = expand_archive(zip_bytes({"b.zip": inner}), "a.zip", "zip", ArchiveLimits(max_depth=1))
    assert result.members[0].nested is not None and result.members[0].nested.status == "skipped"
    assert expand_archive(inner, "b.zip", "zip", depth=2).status == "skipped"


# --- bombs ------------------------------------------------------------------------------------------

def test_zip_bomb_300mb_refused_quickly_without_allocating():
    data = zeros_zip("zeros.docx", 300 * MB)
    assert len(data) < 2 * MB
    tracemalloc.start()
    started = time.perf_counter()
    result = expand_archive(data, "bomb.zip", "zip")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2
    assert peak < 20 * MB
    assert result.status == "failed"
    assert [(m.path, m.status) for m in result.members] == [("bomb.zip!zeros.docx", "skipped")]
    assert codes(result) == [("UNREADABLE_FILE", "bomb.zip")]
    assert "上限" in result.issues[0].message and "压缩炸弹" in result.message


def test_high_ratio_member_refused_after_good_members_gives_partial():
    data = zeros_zip("z.bin", 50 * MB, before={"a.docx": b"a"})
    result = expand_archive(data, "p.zip", "zip")
    assert [(m.path, m.status) for m in result.members] == [("p.zip!a.docx", ""), ("p.zip!z.bin", "skipped")]
    assert result.members[0].data == b"a"
    assert result.status == "partial"
    assert codes(result) == [("UNREADABLE_FILE", "p.zip")]
    assert "压缩比" in result.issues[0].message


def test_header_lying_about_size_cannot_blow_memory():
    honest = zeros_zip("lie.docx", 20 * MB)
    data = lie_about_size(honest, 1000)
    tracemalloc.start()
    started = time.perf_counter()
    result = expand_archive(data, "lie.zip", "zip")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2
    assert peak < 10 * MB
    member = result.members[0]
    assert len(member.data) <= 1000
    assert member.status == "failed"                      # the CRC of 1000 bytes does not match
    assert member_codes(result) == [("UNREADABLE_FILE", "lie.zip!lie.docx")]
    assert codes(result) == []
    assert result.status == "partial"


def test_member_count_limit_refuses_before_parsing():
    data = zip_bytes({f"f{i}.txt": b"x" for i in range(30)})
    result = expand_archive(data, "many.zip", "zip", ArchiveLimits(max_members=10))
    assert result.status == "failed"
    assert result.members == []
    assert "文件数" in result.issues[0].message and "10" in result.issues[0].message


def test_total_size_limit_stops_with_partial():
    payloads = {f"r{i}.bin": os.urandom(MB) for i in range(3)}
    result = expand_archive(zip_bytes(payloads), "t.zip", "zip", ArchiveLimits(max_total_bytes=2 * MB + 10))
    assert [m.status for m in result.members] == ["", "", "skipped"]
    assert result.status == "partial"
    assert "解压总大小超过上限" in result.issues[0].message


def test_nested_archives_share_the_budget():
    inner = zip_bytes({"r.bin": os.urandom(MB)})
    outer = zip_bytes({"1.zip": inner, "2.zip": inner, "3.zip": inner})
    result = expand_archive(outer, "o.zip", "zip", ArchiveLimits(max_total_bytes=int(4.5 * MB)))
    nested = [m.nested for m in result.members if m.nested is not None]
    read = sum(1 for n in nested for m in n.members if not m.status)
    assert read < 3
    assert any(n.status in ("failed", "partial") for n in nested)


# --- encryption and corruption ----------------------------------------------------------------------

def test_encrypted_zip_member_crafted_flag():
    data = set_zip_flag(zip_bytes({"open.docx": b"o", "secret.docx": b"s"}), "secret.docx", 0x1)
    result = expand_archive(data, "enc.zip", "zip")
    assert [(m.path, m.status) for m in result.members] == [("enc.zip!open.docx", ""), ("enc.zip!secret.docx", "failed")]
    assert member_codes(result) == [("ENCRYPTED_FILE", "enc.zip!secret.docx")]
    assert codes(result) == []
    assert result.status == "partial"


@needs_7z
def test_encrypted_zip_member_made_by_7z(tmp_path: Path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "附件6.docx").write_bytes(b"form")
    data = seven_zip(folder, tmp_path / "p.zip", "-tzip", "-pSECRET")
    result = expand_archive(data, "p.zip", "zip")
    assert [(m.path, m.status) for m in result.members] == [("p.zip!附件6.docx", "failed")]
    assert member_codes(result) == [("ENCRYPTED_FILE", "p.zip!附件6.docx")]
    assert codes(result) == []


@pytest.mark.parametrize("cut", [10, 100, -30])
def test_corrupt_zip_is_unreadable(cut: int):
    data = zip_bytes({"a.docx": os.urandom(5000), "b.docx": b"b" * 100})
    result = expand_archive(data[:cut], "bad.zip", "zip")
    assert result.status == "failed"
    assert codes(result) == [("UNREADABLE_FILE", "bad.zip")]
    assert result.members == []


def test_corrupt_member_data_is_reported_per_member():
    data = bytearray(zip_bytes({"a.docx": os.urandom(5000), "b.docx": b"ok"}, method=zipfile.ZIP_STORED))
    data[100:110] = b"\x00" * 10  # inside a.docx's stored bytes: CRC mismatch
    result = expand_archive(bytes(data), "crc.zip", "zip")
    assert [m.status for m in result.members] == ["failed", ""]
    assert member_codes(result) == [("UNREADABLE_FILE", "crc.zip!a.docx")]
    assert codes(result) == []
    assert result.status == "partial"


def test_not_an_archive_format():
    result = expand_archive(b"hello", "x.txt", "text")
    assert result.status == "failed" and codes(result) == [("UNREADABLE_FILE", "x.txt")]


# --- 7z / rar through the binary --------------------------------------------------------------------

@needs_7z
def test_7z_archive_with_chinese_names_and_nested_zip(tmp_path: Path):
    folder = tmp_path / "src"
    (folder / "沈阳市总工会").mkdir(parents=True)
    (folder / "沈阳市总工会" / "汇总表.xlsx").write_bytes(b"summary")
    (folder / "inner.zip").write_bytes(zip_bytes({"表.docx": b"in"}))
    data = seven_zip(folder, tmp_path / "a.7z")
    result = expand_archive(data, "u/a.7z", "7z")
    assert result.status == "ok", result.message
    by_path = {m.path: m for m in result.members}
    assert set(by_path) == {"u/a.7z!inner.zip", "u/a.7z!沈阳市总工会/汇总表.xlsx"}
    assert by_path["u/a.7z!沈阳市总工会/汇总表.xlsx"].data == b"summary"
    assert abs(by_path["u/a.7z!沈阳市总工会/汇总表.xlsx"].modified - (folder / "沈阳市总工会" / "汇总表.xlsx").stat().st_mtime) < 2
    nested = by_path["u/a.7z!inner.zip"].nested
    assert nested is not None and paths(nested) == ["u/a.7z!inner.zip!表.docx"]


@needs_7z
def test_7z_encrypted_members_and_encrypted_headers(tmp_path: Path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"a")
    result = expand_archive(seven_zip(folder, tmp_path / "p.7z", "-pSECRET"), "p.7z", "7z")
    assert [(m.path, m.status) for m in result.members] == [("p.7z!a.docx", "failed")]
    assert member_codes(result) == [("ENCRYPTED_FILE", "p.7z!a.docx")]
    assert codes(result) == []
    hidden = expand_archive(seven_zip(folder, tmp_path / "h.7z", "-pSECRET", "-mhe=on"), "h.7z", "7z")
    assert hidden.status == "failed"
    assert codes(hidden) == [("ENCRYPTED_FILE", "h.7z")]


@needs_7z
def test_7z_truncated_is_unreadable(tmp_path: Path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.docx").write_bytes(os.urandom(3000))
    data = seven_zip(folder, tmp_path / "t.7z")
    result = expand_archive(data[:200], "t.7z", "7z")
    assert result.status == "failed"
    assert codes(result) == [("UNREADABLE_FILE", "t.7z")]


@needs_7z
def test_7z_damaged_member_is_reported_and_the_others_kept(tmp_path: Path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.docx").write_bytes(os.urandom(20_000))
    (folder / "b.docx").write_bytes(b"ok")
    data = bytearray(seven_zip(folder, tmp_path / "c.7z", "-mx=0"))
    data[5000] ^= 0xFF  # inside a.docx's stored bytes
    result = expand_archive(bytes(data), "c.7z", "7z")
    assert [(m.path, m.status, m.data) for m in result.members] == [("c.7z!a.docx", "failed", b""),
                                                                     ("c.7z!b.docx", "", b"ok")]
    assert "CRC" in result.members[0].message
    assert member_codes(result) == [("UNREADABLE_FILE", "c.7z!a.docx")]
    assert result.status == "partial"


@needs_7z
def test_7z_limits_checked_on_the_listing(tmp_path: Path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "zeros.bin").write_bytes(bytes(3 * MB))
    data = seven_zip(folder, tmp_path / "z.7z")
    result = expand_archive(data, "z.7z", "7z", ArchiveLimits(max_member_bytes=MB))
    assert result.status == "failed"
    assert [(m.path, m.status) for m in result.members] == [("z.7z!zeros.bin", "skipped")]
    assert "单个文件" in result.issues[0].message
    ratio = expand_archive(data, "z.7z", "7z", ArchiveLimits(max_ratio=10))
    assert ratio.status == "failed" and "压缩比" in ratio.issues[0].message


@needs_7z
def test_7z_symlink_member_is_never_followed(tmp_path: Path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "ok.docx").write_bytes(b"ok")
    (folder / "link.docx").symlink_to("/etc/hostname")
    data = seven_zip(folder, tmp_path / "l.7z", "-snl")
    result = expand_archive(data, "l.7z", "7z")
    by_path = {m.path: m for m in result.members}
    assert by_path["l.7z!ok.docx"].data == b"ok"
    link = by_path["l.7z!link.docx"]
    assert link.status == "failed" and link.data == b""
    assert ("UNREADABLE_FILE", "l.7z!link.docx") in member_codes(result)


def test_missing_7z_binary_is_reported_not_raised(monkeypatch):
    monkeypatch.setattr(archives, "seven_zip", lambda: None)
    result = expand_archive(b"7z\xbc\xaf\x27\x1c" + bytes(50), "x.7z", "7z")
    assert result.status == "skipped"
    assert codes(result) == [("UNREADABLE_FILE", "x.7z")]
    assert "7z" in result.message


@needs_7z
def test_rar_garbage_is_unreadable():
    result = expand_archive(b"Rar!\x1a\x07\x00" + os.urandom(200), "x.rar", "rar")
    assert result.status == "failed"
    assert codes(result)[0][0] in ("UNREADABLE_FILE", "ENCRYPTED_FILE")


# --- zip-based Office packages ------------------------------------------------------------------------

def test_package_limit_reason_refuses_inflating_office_parts():
    assert archives.package_limit_reason(zip_bytes({"word/document.xml": b"<w:document/>"})) is None
    assert archives.package_limit_reason(b"not a zip") is None
    bomb = zeros_zip("word/document.xml", 50 * MB, before={"[Content_Types].xml": b"<Types/>"})
    reason = archives.package_limit_reason(bomb)
    assert reason is not None and "word/document.xml" in reason and "压缩比" in reason
    many = zip_bytes({f"xl/{i}.xml": b"x" for i in range(12)})
    assert "部件数" in (archives.package_limit_reason(many, ArchiveLimits(max_members=10)) or "")
