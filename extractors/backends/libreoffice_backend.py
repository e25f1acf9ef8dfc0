"""Legacy word-processor files (.doc, .wps, .rtf) → .docx by headless LibreOffice → the docx backend.

Each conversion runs `soffice --headless --convert-to docx` in a throw-away directory with its
own LibreOffice profile, so parallel calls never share state and the inbox is never touched;
a conversion that hangs is killed (with its whole process group) after a timeout.

A submitted document must not make the office's machine reach out: a picture linked by URL is
fetched by LibreOffice while it loads. So the profile turns link updates off and sends every
http/https/ftp request to a closed local port, and where the machine allows it LibreOffice runs
in a network namespace of its own that has no network at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import olefile

import extractors.backends.derived as derived
from extractors.backends.base import EncryptedError, UnreadableError, register
from extractors.backends.bounded import Overtime, run_bounded
from extractors.backends.docx_backend import read_docx
from extractors.backends.timing import stage
from extractors.model import Document

TIMEOUT_SECONDS = 90
CONVERSION_RECIPE = "docx:MS Word 2007 XML/1"   # bump when the conversion itself changes
SUFFIX = {"doc": ".doc", "wps": ".doc", "rtf": ".rtf"}   # WPS 文字 files are Word 97 inside
FIB_FLAGS_OFFSET, FIB_ENCRYPTED = 0x0A, 0x0100
CLOSED_PORT = "1"   # nothing listens there: a request sent to this "proxy" fails at once
OFFLINE_SETTINGS = {
    "/org.openoffice.Inet/Settings": {
        "ooInetProxyType": "1", "ooInetNoProxy": "",
        **{f"ooInet{scheme}Proxy{part}": value for scheme in ("HTTP", "HTTPS", "FTP")
           for part, value in (("Name", "127.0.0.1"), ("Port", CLOSED_PORT))},
    },
    "/org.openoffice.Office.Common/Security/Scripting": {"BlockUntrustedRefererLinks": "true"},
    "/org.openoffice.Office.Writer/Content/Update": {"Link": "2"},   # 2: never update links
    "/org.openoffice.Office.Calc/Content/Update": {"Link": "2"},
}


class ConversionError(Exception):
    """LibreOffice could not convert (missing, crashed, timed out, or produced nothing)."""


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(inputs: Sequence[Path], target: str, outdir: Path, *, timeout: float = TIMEOUT_SECONDS,
            network_namespace: bool | None = None) -> None:
    """Convert files with one soffice process and a private, offline profile; `target` is what
    `--convert-to` takes (`docx`, `pdf`, `doc:MS Word 97`, `xls:MS Excel 97` …).
    `network_namespace`: None uses one where the machine allows it."""
    binary = soffice_binary()
    if binary is None:
        raise ConversionError("未安装 LibreOffice（soffice），无法转换旧版文档")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        write_offline_profile(Path(profile))
        command = lo_command(binary, Path(profile), target, outdir, inputs, network_namespace)
        try:
            finished = run_bounded(command, timeout=timeout, capture_stdout=False, env=offline_environment())
        except Overtime as expired:
            raise ConversionError(f"LibreOffice 转换超时（超过 {timeout:.0f} 秒）") from expired
    if finished.returncode != 0:
        raise ConversionError(f"LibreOffice 转换失败：{finished.stderr.decode('utf-8', 'replace')[-200:]}")


def lo_command(binary: str, profile: Path, target: str, outdir: Path, inputs: Sequence[Path],
               network_namespace: bool | None = None) -> list[str]:
    """The soffice command converting `inputs` into `outdir` with the offline `profile`."""
    if network_namespace is None:
        network_namespace = network_namespace_available()
    return [*(UNSHARE_NET if network_namespace else []), binary, f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--norestore", "--nologo", "--convert-to", target, "--outdir", str(outdir),
            *map(str, inputs)]


@functools.cache
def lo_version() -> str:
    """LibreOffice's build and our conversion settings: what a converted document in the cache
    is tagged with (a new LibreOffice, or other settings, convert afresh)."""
    binary = soffice_binary()
    build = "none"
    if binary is not None:
        program = Path(os.path.realpath(binary)).parent
        marks = []
        for name in ("versionrc", "libmergedlo.so", "soffice.bin"):   # an upgrade changes their bytes or size
            with contextlib.suppress(OSError):
                stat = (program / name).stat()
                marks.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        build = hashlib.sha256("|".join(marks).encode()).hexdigest()[:12]
    settings = json.dumps([OFFLINE_SETTINGS, CONVERSION_RECIPE], sort_keys=True)
    return f"{build}/{hashlib.sha256(settings.encode()).hexdigest()[:8]}"


UNSHARE_NET = ["unshare", "--map-root-user", "--net"]


@functools.cache
def network_namespace_available() -> bool:
    """Whether `unshare` can give a child a network namespace here (user namespaces allowed)."""
    if shutil.which("unshare") is None:
        return False
    try:
        return subprocess.run([*UNSHARE_NET, "true"], capture_output=True, timeout=10, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def offline_environment() -> dict[str, str]:
    closed = f"http://127.0.0.1:{CLOSED_PORT}"
    return {**os.environ, "http_proxy": closed, "https_proxy": closed, "ftp_proxy": closed, "no_proxy": "",
            "HTTP_PROXY": closed, "HTTPS_PROXY": closed, "FTP_PROXY": closed, "NO_PROXY": ""}


def write_offline_profile(profile: Path) -> None:
    """A LibreOffice user profile that never updates links and sends requests to a closed port."""
    items = [f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
             for path, props in OFFLINE_SETTINGS.items() for name, value in props.items()]
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            + "\n".join(items) + "\n</oor:items>\n")
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(text, encoding="utf-8")


@register("doc", "wps", "rtf")
def read_legacy(data: bytes, name: str) -> Document:
    """A legacy file through its .docx: converted by an earlier batch or run (`derived`), else
    converted here alone."""
    extension = (name.rsplit(".", 1)[-1].lower() if "." in name else "") or "doc"
    fmt = "rtf" if data.startswith(b"{\\rtf") else ("wps" if extension == "wps" else "doc")
    if fmt != "rtf":
        _check_word_binary(data)
    converted = derived.reuse("docx", lo_version())
    if converted is None:
        with stage("libreoffice"):
            converted = convert_one(data, SUFFIX[fmt])
        derived.keep("docx", lo_version(), converted)
    document = read_docx(converted, name)
    document.format = fmt
    return document


def convert_one(data: bytes, suffix: str) -> bytes:
    """One legacy file → .docx bytes, by a LibreOffice of its own; UnreadableError when it fails."""
    with tempfile.TemporaryDirectory(prefix="lo-convert-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        outdir = Path(folder) / "out"
        try:
            convert([source], "docx", outdir)
        except ConversionError as error:
            raise UnreadableError(str(error)) from error
        result = outdir / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableError("LibreOffice 无法打开该文档（文件损坏或格式不符）")
        return result.read_bytes()


def _check_word_binary(data: bytes) -> None:
    """Raise for a Word 97 file that is password-protected or has no document stream."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise UnreadableError("不是 Word 文档：缺少 WordDocument 数据流")
            header = ole.openstream("WordDocument").read(FIB_FLAGS_OFFSET + 2)
    except UnreadableError:
        raise
    except Exception as error:  # truncated or damaged compound file
        raise UnreadableError(f"Word 文档损坏：{error}") from error
    if len(header) < FIB_FLAGS_OFFSET + 2:
        raise UnreadableError("Word 文档损坏：文件头不完整")
    (flags,) = struct.unpack_from("<H", header, FIB_FLAGS_OFFSET)
    if flags & FIB_ENCRYPTED:
        raise EncryptedError("文档设有密码")
