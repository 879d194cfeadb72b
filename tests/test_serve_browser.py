"""docgen serve in a real browser: Debian's Chromium driven by Playwright, against the real
server (uvicorn) on loopback. What a project unit and a reviewer do, end to end, with the
YAML on disk checked against what was typed. Screenshots for the README are written to
$DOCGEN_SCREENSHOTS when it is set (scripts/screenshots.sh)."""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest

from docgen.serve.workspace import DATA_FILE
from docgen.sources.yaml_source import parse

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "docs"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("找不到 Chromium：scripts/test.sh 会安装 Debian 软件包 chromium（浏览器测试不可省略）")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    import uvicorn

    from docgen.serve.app import create_app

    workspace = tmp_path / "工作区"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(workspace), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "docgen serve did not start"
    yield f"http://127.0.0.1:{port}", workspace
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(),
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-gpu"],
        )
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900}, locale="zh-CN")
        yield context.new_page()
        context.close()
        browser.close()


def eventually(check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    assert check()


def data_of(folder: Path) -> dict:  # type: ignore[type-arg]
    return parse((folder / DATA_FILE).read_text(encoding="utf-8"), "x.yaml").data  # type: ignore[no-any-return]


def shoot(page: object, name: str) -> None:
    target = os.environ.get("DOCGEN_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / name))  # type: ignore[attr-defined]


def field(page: object, dotted: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[name="value"][data-field="{dotted}"]')  # type: ignore[attr-defined]


def test_a_project_unit_fills_checks_and_downloads(server: tuple[str, Path], page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, workspace = server
    page.goto(url)
    page.fill("#new-project input[name=name]", "浏览器测试项目")
    page.click("#new-project button")
    page.wait_for_url("**/p/**")
    folder = next(workspace.iterdir())
    assert data_of(folder)["project"]["name"] == "浏览器测试项目"

    # Chinese typed key by key, with a character outside the Basic Multilingual Plane
    owner = field(page, "project.owner_unit")
    owner.click()
    owner.press_sequentially("石嘴山市城市管理局𠮷", delay=20)
    eventually(lambda: data_of(folder)["project"].get("owner_unit") == "石嘴山市城市管理局𠮷")

    # an input method composing: the pinyin in progress is never sent, only the committed text
    location = field(page, "project.location")
    location.click()
    cdp = page.context.new_cdp_session(page)
    for pinyin in ("d", "da", "dawu"):
        cdp.send(
            "Input.imeSetComposition", {"text": pinyin, "selectionStart": len(pinyin), "selectionEnd": len(pinyin)}
        )
        page.wait_for_timeout(250)
    page.wait_for_timeout(900)  # longer than the 500 ms pause: nothing may be saved while composing
    assert not data_of(folder)["project"].get("location")
    cdp.send("Input.insertText", {"text": "大武口区"})
    eventually(lambda: data_of(folder)["project"].get("location") == "大武口区")

    # a finding appears beside its field, and goes when the value is right
    field(page, "project.investment.total").fill("100")
    field(page, "project.investment.this_year").fill("200")
    message = page.locator('.msg[data-for="project.investment.this_year"]')
    eventually(lambda: "DG-THIS-YEAR" in message.inner_text())
    assert "DG-THIS-YEAR" in page.locator("#findings").inner_text()
    shoot(page, "项目表单.png")
    field(page, "project.investment.this_year").fill("50")
    eventually(lambda: "DG-THIS-YEAR" not in message.inner_text())
    assert data_of(folder)["project"]["investment"]["this_year"] == 50

    # a cost row added, filled and removed
    items = page.locator('.rows[data-field="project.investment.items"]')
    items.locator("button.add").click()
    page.wait_for_load_state("load")
    eventually(lambda: len(data_of(folder)["project"]["investment"].get("items") or []) == 1)
    field(page, "project.investment.items[0].name").fill("应用系统开发")
    eventually(lambda: data_of(folder)["project"]["investment"]["items"][0].get("name") == "应用系统开发")
    page.locator('.rows[data-field="project.investment.items"] button.remove').first.click()
    eventually(lambda: data_of(folder)["project"]["investment"].get("items") == [])

    # a picture uploaded into a report section
    picture = tmp_path / "拓扑图.png"
    picture.write_bytes(PNG)
    section = page.locator('.section[data-field="requirements_report.overview"]')
    section.locator("input[type=file]").set_input_files(str(picture))
    section.locator("input[name=caption]").fill("总体架构图")
    section.locator("form.picture button").click()
    eventually(lambda: isinstance(data_of(folder)["requirements_report"].get("overview"), list))
    block = data_of(folder)["requirements_report"]["overview"][-1]["image"]
    assert block["caption"] == "总体架构图" and (folder / block["path"]).read_bytes() == PNG
    assert block["path"].startswith("图片/") and "拓扑图" not in block["path"]  # the uploaded name is no path
    page.wait_for_load_state("load")
    page.wait_for_selector('.section[data-field="requirements_report.overview"] img')


def test_a_complete_project_downloads_and_a_reviewer_checks_and_records(server: tuple[str, Path], page) -> None:  # type: ignore[no-untyped-def]
    url, workspace = server
    page.goto(url)
    page.set_input_files("#import-form input[type=file]", str(ROOT / "sample_data" / "contract-example.yaml"))
    page.click("#import-form button")
    page.wait_for_selector("#imported a")
    page.goto(url)
    shoot(page, "首页.png")
    page.click("#projects a")
    page.wait_for_url("**/p/**")
    assert "没有发现问题" in page.locator("#summary").inner_text()
    with page.expect_download() as downloading:
        page.click("#package-zip")
    blob = Path(downloading.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob), metadata_encoding="gb18030") as archive:
        names = archive.namelist()
        assert len(names) == 4
        for name in names:
            document = docx.Document(io.BytesIO(archive.read(name)))
            assert document.paragraphs or document.tables

    # the reviewer's page: a report someone else wrote, then a review recorded
    page.goto(url + "/review")
    page.set_input_files(
        "#check-form input[type=file]:not([webkitdirectory])", str(CORPUS / "报告-缺章节顺序颠倒空章节.docx")
    )
    page.click("#check-form button")
    page.wait_for_selector("#checked .checked")
    checked = page.locator("#checked").inner_text()
    assert "DG-CHECK-MISSING" in checked and "DG-CHECK-ORDER" in checked
    shoot(page, "审查页面.png")
    page.select_option("select[name=network_security_result]", "符合")
    page.fill("input[name=network_security_unit]", "石嘴山市委网信办")
    page.fill("input[name=network_security_date]", "2026-11-24")
    page.click("#record-review")
    page.wait_for_selector("#review-done")
    folder = next(p for p in workspace.iterdir() if (p / DATA_FILE).is_file())
    review = data_of(folder)["review"]["network_security"]
    assert review["result"] == "符合" and review["unit"] == "石嘴山市委网信办" and str(review["date"]) == "2026-11-24"
