"""The outputs as people see them: the report in headless Chromium, the workbooks and a letter
printed to PDF by LibreOffice. Run on the committed sample inbox (samples/inbox).

Skipped only when the program is absent (Chromium: Debian `chromium` with the `playwright`
package; LibreOffice `soffice`); scripts/setup.sh installs both, so CI runs them.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest

from extractors.backends.libreoffice_backend import convert, soffice_binary
from pipeline.outputs import write_outputs
from pipeline.run import Options, run
from pipeline.writers.labels import file_label

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
CHECK_CONTRACT = ROOT.parent / "shared/tools/check_contract.py"
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
MIN_POINTS = 9 - 0.15   # LibreOffice rounds the fit-to-width scale


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "out"
    inbox = SAMPLES / "inbox"
    result = run(Options(inbox, out, SAMPLES / "quotas.xlsx", SAMPLES / "registry.xlsx", workers=1))
    result.inbox_dir = str(inbox)
    write_outputs(result, out)
    return out


def _issues(out: Path) -> list[dict[str, str]]:
    with (out / "data/issues.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sample_outputs_keep_the_contract(sample_out: Path) -> None:
    if not CHECK_CONTRACT.is_file():
        pytest.skip("shared/tools/check_contract.py is absent")
    done = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(sample_out)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout


def test_unread_files_and_quota_figures_agree(sample_out: Path) -> None:
    """The unread file opens the report and its unit is 不完整; the quota checks of the pipeline and
    the quota figures every output shows name the same units over quota."""
    html = (sample_out / "discrepancy_report.html").read_text(encoding="utf-8")
    notice = html[html.index('id="unread"'):html.index('id="status"')]
    with (sample_out / "data/files.csv").open(encoding="utf-8") as handle:
        failed = [row for row in csv.DictReader(handle) if row["status"] == "failed"]
    assert failed and all(file_label(row["file"]) in notice and row["recommending_unit"] in notice for row in failed)
    row = html[html.index(f">{failed[0]['recommending_unit']}</a>"):]
    assert '">不完整</span>' in row[:row.index("</tr>")]
    exceeded = {(i["recommending_unit"], i["category"]) for i in _issues(sample_out) if i["code"] == "QUOTA_EXCEEDED"}
    quota = openpyxl.load_workbook(sample_out / "master_list.xlsx")["名额使用"]
    over = {(r[0].value, category) for r in quota.iter_rows(min_row=4)
            for category, column in (("labor_model_studio", 5), ("worker_studio_tech", 8), ("training_base", 14))
            if isinstance(r[column].value, int) and r[0].value != "合计（名额表）"}
    assert exceeded and exceeded == over


# --- the report in a browser ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian package chromium; scripts/setup.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        # launch() gives the browser a fresh temporary profile (--user-data-dir) of its own
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser, out: Path, viewport: dict[str, int], *, script: bool = True):
    context = browser.new_context(viewport=viewport, java_script_enabled=script)
    page = context.new_page()
    page.goto((out / "discrepancy_report.html").as_uri())
    return page


def _visible_rows(page) -> int:
    return page.locator("tr.issue:visible").count()


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _not_blank(png: bytes) -> None:
    from io import BytesIO

    from PIL import Image

    histogram = Image.open(BytesIO(png)).convert("L").histogram()
    assert sum(histogram[:160]) > 0.01 * sum(histogram), "screenshot is (nearly) blank"
    assert sum(1 for count in histogram if count) > 16


def test_filters_and_search_hide_rows(browser, sample_out: Path) -> None:
    issues = _issues(sample_out)
    page = _open(browser, sample_out, DESKTOP)
    page.click("#expand-all")
    assert _visible_rows(page) == len(issues)
    errors = [i for i in issues if i["severity"] == "error"]
    page.select_option('select[data-key="severity"]', "error")
    assert _visible_rows(page) == len(errors) < len(issues)
    assert page.inner_text("#shown") == str(len(errors))
    unit = errors[0]["recommending_unit"]
    page.select_option('select[data-key="unit"]', unit)   # filters combine
    assert _visible_rows(page) == sum(1 for i in errors if i["recommending_unit"] == unit)
    page.select_option('select[data-key="severity"]', "")
    page.select_option('select[data-key="unit"]', "")
    page.select_option('select[data-key="category"]', "training_base")
    assert _visible_rows(page) == sum(1 for i in issues if i["category"] == "training_base")
    page.select_option('select[data-key="category"]', "")
    entity = next(i["entity"] for i in issues if i["entity"])
    expected = sum(1 for i in issues if entity in (i["entity"], i["message"], i["value"]))
    page.fill("#search", entity)   # the search runs once typing pauses
    page.wait_for_function(f"document.getElementById('shown').textContent === '{expected}'")
    assert 0 < _visible_rows(page) == expected < len(issues)
    page.fill("#search", "没有这样的内容")
    page.wait_for_function("document.getElementById('shown').textContent === '0'")
    assert _visible_rows(page) == 0 and page.is_visible("#no-match")


def test_status_table_sorts(browser, sample_out: Path) -> None:
    page = _open(browser, sample_out, DESKTOP)
    column = page.locator("table.status th", has_text="错误")
    column.click()
    column.click()   # descending: the unit with most errors first
    counts = [int(x) for x in page.locator('table.status td[data-label="错误"]').all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    statuses = page.locator("table.status tr.unit-status").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert {"未报送", "不完整", "待退回修改"} <= set(statuses)


def test_file_links_open_the_source_files(browser, sample_out: Path) -> None:
    page = _open(browser, sample_out, DESKTOP)
    hrefs = page.locator("tr.issue a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs
    for href in hrefs:
        assert not href.startswith(("/", "file:")), href   # relative, so the folders can move together
        assert (sample_out / unquote(href)).resolve().is_file(), href


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_not_blank_and_no_sideways_scroll(browser, sample_out: Path, name: str,
                                                      viewport: dict[str, int]) -> None:
    page = _open(browser, sample_out, viewport)
    page.click("#expand-all")
    assert _overflow(page) <= 0, f"{name}: the page scrolls sideways"
    _not_blank(page.screenshot())
    assert page.locator("svg.chart rect").count() >= 8   # the quota chart is drawn


def test_without_script_the_note_shows_and_sections_open(browser, sample_out: Path) -> None:
    page = _open(browser, sample_out, PHONE, script=False)
    assert page.is_visible("noscript p")
    section = page.locator("details.unit").first
    was_open = section.get_attribute("open") is not None
    section.locator("summary").click()   # folding works without script
    assert (section.get_attribute("open") is not None) != was_open
    assert _overflow(page) <= 0


# --- printing with LibreOffice ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdfs(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if soffice_binary() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    letter = sample_out / "feedback" / "沈阳市总工会.docx"
    folder = tmp_path_factory.mktemp("pdf")
    convert([sample_out / "master_list.xlsx", sample_out / "discrepancies.xlsx", letter], "pdf", folder, timeout=180)
    return {"master": folder / "master_list.pdf", "issues": folder / "discrepancies.pdf",
            "letter": folder / "沈阳市总工会.pdf"}


def _pages(path: Path) -> list[tuple[str, float]]:
    """Text and smallest font size of each page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [(page.extract_text() or "", min((c["size"] for c in page.chars if c["text"].strip()), default=0))
                for page in pdf.pages]


def _column_text(path: Path, header: str) -> str:
    """The text printed in one column (between the cell borders around its header) on every page,
    wrapped lines joined, without spaces."""
    import pdfplumber

    texts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            word = next(w for w in page.extract_words() if w["text"] == header)
            edges = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
            left = max(x for x in edges if x <= word["x0"])
            right = min(x for x in edges if x >= word["x1"])
            column = page.crop((left + 0.5, word["bottom"], right - 0.5, page.height))
            texts.append(re.sub(r"\s+", "", column.extract_text() or ""))
    return "".join(texts)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _footer_total(text: str) -> int:
    found = re.findall(r"第\s*(\d+)\s*页，共\s*(\d+)\s*页", text)
    assert found, "no page footer"
    return int(found[-1][1])


def test_master_list_pdf(pdfs: dict[str, Path], sample_out: Path) -> None:
    pages = _pages(pdfs["master"])
    text = "\n".join(t for t, _ in pages)
    for sheet_title in ("辽宁省劳模创新工作室推荐汇总表（全省）", "辽宁省工会职工职业技能培训基地申报汇总表（全省）",
                        "各推荐单位名额使用情况"):
        assert sheet_title in text
    assert "record_id" not in text and "审核提示记录编号" not in _squeezed(text)   # technical columns hidden
    with (sample_out / "data/studios.csv").open(encoding="utf-8") as handle:
        assert not [row["record_id"] for row in csv.DictReader(handle) if row["record_id"] in text]
    assert "合计" in text and "各推荐单位小计" in text and "通知确定的全省数" in text
    for page_text, smallest in pages:
        assert "序号" in page_text or "状态" in page_text, "header row not repeated"
        assert smallest >= MIN_POINTS, f"text printed at {smallest:.1f} pt"
    assert 5 <= len(pages) <= 20


def test_discrepancies_pdf(pdfs: dict[str, Path]) -> None:
    pages = _pages(pdfs["issues"])
    assert all("严重程度" in t and "问题类型" in t for t, _ in pages), "header row not repeated"
    locations = _column_text(pdfs["issues"], "位置")
    assert "表1第10行第4列" in locations and "工作表“Sheet1”第6行C列" in locations
    assert "table" not in locations and "Sheet1!" not in locations
    assert _footer_total(pages[0][0]) == len(pages)
    assert all(smallest >= MIN_POINTS for _, smallest in pages)


def test_letter_pdf(pdfs: dict[str, Path]) -> None:
    pages = _pages(pdfs["letter"])
    text = _squeezed("".join(t for t, _ in pages))
    assert "关于2021年度创新工作室和培训基地推荐材料的反馈意见" in text
    assert "位置：表1第10行第4列" in text and "三、名额使用情况" in text
    assert "table" not in text and "row" not in text
    assert 1 <= len(pages) <= 4
