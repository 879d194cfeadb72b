"""docgen serve in a real browser: Debian's Chromium driven by Playwright, against the real server
(uvicorn) on loopback. What a project unit and a reviewer do, end to end, with the project's data
read back through the API after each step: typing (中文, 𠮷, an input method), two tabs and a
deleted row, Back/Forward, closing the tab, dates however written in a zh-CN and an en-US browser,
undo, restore. Screenshots for the README are written to $DOCGEN_SCREENSHOTS when it is set
(scripts/screenshots.sh)."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "docs"
CONTRACT = (ROOT / "sample_data" / "contract-example.yaml").read_bytes()
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


class Desk:
    """The running server, and its project API for reading back what the browser did."""

    def __init__(self, url: str) -> None:
        self.url = url

    def call(self, method: str, path: str, body: bytes | None = None, kind: str = "application/json") -> Any:
        request = urllib.request.Request(self.url + path, data=body, method=method, headers={"Content-Type": kind})
        with urllib.request.urlopen(request) as answer:
            return json.loads(answer.read() or b"null")

    def create(self, text: bytes = CONTRACT) -> str:
        return str(self.call("POST", "/api/projects", text, "application/yaml")["key"])

    def data(self, key: str) -> dict[str, Any]:
        return self.call("GET", f"/api/projects/{key}")["data"]  # type: ignore[no-any-return]

    def projects(self) -> list[dict[str, Any]]:
        return self.call("GET", "/api/projects")  # type: ignore[no-any-return]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    import uvicorn

    from docgen.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(tmp_path / "工作区"), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "docgen serve did not start"
    yield Desk(f"http://127.0.0.1:{port}")
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900}, locale="zh-CN")
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors  # no script error on any page


def eventually(check: Callable[[], bool], seconds: float = 15.0) -> None:
    """Wait for the server to hold what the browser sent (a condition, never a fixed time)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    assert check()


def saved(page: Any) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#save-state")).to_have_attribute("data-state", "saved", timeout=15000)
    expect(page.locator("#save-state")).to_contain_text("已保存")


def paste_text(page: Any, text: str) -> None:
    """What Ctrl+V of a range copied from Excel or WPS delivers to the focused input."""
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            document.activeElement.dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def shoot(page: Any, name: str) -> None:
    target = os.environ.get("DOCGEN_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / name))


def test_a_project_unit_types_chinese_and_every_word_is_saved(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(desk.url)
    page.get_by_label("新项目名称").fill("浏览器测试项目")
    page.get_by_role("button", name="新建项目").click()
    page.wait_for_url("**/p/**")
    key = page.url.rsplit("/p/", 1)[1]
    assert desk.data(key)["project"]["name"] == "浏览器测试项目"
    owner = page.get_by_label("项目建设单位", exact=True)
    owner.click()
    owner.press_sequentially("石嘴山市城市管理局𠮷", delay=20)
    owner.press("Tab")
    saved(page)
    assert desk.data(key)["project"]["owner_unit"] == "石嘴山市城市管理局𠮷"
    # a finding appears beside its field, and goes when the value is right
    page.get_by_label("项目预计总投资（万元）").fill("100")
    page.get_by_label("本年度预计投入（万元）").fill("200")
    page.get_by_label("本年度预计投入（万元）").press("Tab")
    message = page.locator('.msg[data-for="project.investment.this_year"]')
    expect(message).to_contain_text("200 大于「项目预计总投资（万元）」100", timeout=15000)
    shoot(page, "项目表单.png")
    page.get_by_label("本年度预计投入（万元）").fill("50")
    page.get_by_label("本年度预计投入（万元）").press("Tab")
    expect(message).to_have_text("", timeout=15000)
    assert desk.data(key)["project"]["investment"]["this_year"] == 50


def test_an_input_method_composing_twice_in_quick_succession_sends_no_pinyin(desk: Desk, page: Any) -> None:
    key = desk.create()
    page.clock.install()  # the page's timers are the test's: the pause before saving passes when told, not by waiting
    page.goto(f"{desk.url}/p/{key}")
    location = page.get_by_label("项目建设地址")
    location.fill("")
    location.click()
    cdp = page.context.new_cdp_session(page)

    def compose(pinyin: str) -> None:
        for end in range(1, len(pinyin) + 1):
            cdp.send("Input.imeSetComposition", {"text": pinyin[:end], "selectionStart": end, "selectionEnd": end})

    seen: list[str] = []
    page.on(
        "request",
        lambda r: seen.append(r.post_data or "") if r.method == "PATCH" else None,
    )
    compose("dawukou")
    cdp.send("Input.insertText", {"text": "大武口区"})
    compose("shiji")  # a new word starts right after the commit, within the pause
    page.clock.run_for(1500)  # longer than the pause before saving: the committed word may go, pinyin never
    cdp.send("Input.insertText", {"text": "世纪大道"})
    location.press("Tab")
    saved(page)
    assert desk.data(key)["project"]["location"] == "大武口区世纪大道"
    assert seen and not any("shiji" in body or "dawukou" in body for body in seen)


def test_two_tabs_and_a_deleted_row(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = desk.create()
    page.goto(f"{desk.url}/p/{key}")
    other = page.context.new_page()
    other.goto(f"{desk.url}/p/{key}")
    page.get_by_role("button", name="删除第1行").first.click()
    expect(page.locator("#toast")).to_contain_text("已删除")
    saved(page)
    cell = other.get_by_label("金额（万元）（第2行）")  # 「数据治理与共享接口开发」 in the stale tab
    cell.fill("85")
    cell.press("Tab")
    expect(other.locator("#save-state")).to_have_attribute("data-state", "failed", timeout=15000)
    expect(other.locator(".save-note")).to_contain_text("此行已在别处修改或删除")
    rows = {item["name"]: item["amount"] for item in desk.data(key)["project"]["investment"]["items"]}
    assert rows["数据治理与共享接口开发"] == 150 and rows["系统集成与部署"] == 60 and "应用系统开发" not in rows
    other.get_by_role("button", name="重新载入此表").click()
    expect(other.get_by_label("费用名称（第1行）")).to_have_value("数据治理与共享接口开发")
    # the same field changed in both tabs: said beside it, and the person chooses
    page.get_by_label("项目建设地址").fill("大武口区")
    page.get_by_label("项目建设地址").press("Tab")
    saved(page)
    other.get_by_label("项目建设地址").fill("惠农区")
    other.get_by_label("项目建设地址").press("Tab")
    expect(other.locator(".save-note").last).to_contain_text("此栏已在别处改为「大武口区」")
    other.get_by_role("button", name="保留我的").click()
    eventually(lambda: desk.data(key)["project"]["location"] == "惠农区")


def test_a_stale_rows_edits_never_land_in_another_row(desk: Desk, page: Any) -> None:
    """Two cells typed in a row another tab has moved: the second is tested against the row the page
    drew, not against the newer copy the first one's refusal brought; 重试 is not offered for a refusal."""
    from playwright.sync_api import expect

    key = desk.create()
    page.goto(f"{desk.url}/p/{key}")
    other = page.context.new_page()
    other.goto(f"{desk.url}/p/{key}")
    page.get_by_role("button", name="删除第1行").first.click()
    expect(page.locator("#toast")).to_contain_text("已删除")
    saved(page)
    before = desk.data(key)["project"]["investment"]["items"]
    # row 3 of the stale tab is 「系统集成与部署」; on the server row 3 is now 「商用密码应用改造」
    other.get_by_label("费用名称（第3行）").fill("系统集成与部署（含联调）")
    other.get_by_label("金额（万元）（第3行）").fill("66")
    other.get_by_label("金额（万元）（第3行）").press("Tab")
    expect(other.locator("#save-state")).to_have_attribute("data-state", "failed", timeout=15000)
    expect(other.locator(".save-note").first).to_contain_text("此行已在别处修改或删除")
    expect(other.locator("#save-state")).to_contain_text("见该栏旁的说明")
    expect(other.locator("#save-state").get_by_role("button", name="重试")).to_have_count(0)
    other.wait_for_function("() => !document.querySelector('#save-state').textContent.includes('正在保存')")
    assert desk.data(key)["project"]["investment"]["items"] == before  # nothing written, least of all elsewhere
    # a refused paste is said in the bar, not 「已保存」
    other.get_by_label("费用名称（第2行）").focus()
    paste_text(other, "甲\t工程费\t1\r\n乙\t设备费\t2\r\n")
    expect(other.locator("#save-state")).to_contain_text("已重新载入此表", timeout=15000)
    assert desk.data(key)["project"]["investment"]["items"] == before


def test_offline_edits_are_said_and_sent_when_the_connection_is_back(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = desk.create()
    page.goto(f"{desk.url}/p/{key}")
    rows = len(desk.data(key)["project"]["investment"]["items"])
    page.context.set_offline(True)
    page.get_by_label("项目建设地址").fill("大武口区世纪大道")
    page.get_by_label("项目建设地址").press("Tab")
    bar = page.locator("#save-state")
    expect(bar).to_contain_text("无法连接到服务器", timeout=15000)
    expect(bar.get_by_role("button", name="重试")).to_have_count(1)
    # a row added while offline: said, never 「正在保存…」 for good; the field's 重试 stays
    page.get_by_role("button", name="添加一行（投资构成）").click()
    expect(bar).to_contain_text("添加、删除或粘贴没有完成", timeout=15000)
    expect(page.locator("#toast")).to_contain_text("联网后请再做一次")
    page.context.set_offline(False)  # back online: what did not arrive goes by itself
    eventually(lambda: desk.data(key)["project"]["location"] == "大武口区世纪大道")
    assert len(desk.data(key)["project"]["investment"]["items"]) == rows  # nothing added behind the clerk's back
    # the keyboard adds a row and lands in it
    page.get_by_role("button", name="添加一行（投资构成）").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label(f"费用名称（第{rows + 1}行）")).to_be_focused()
    saved(page)
    # a new paragraph is empty (a hint, not text that would be printed)
    section = page.locator('[data-block="/requirements_report/analysis/environment"]')
    section.get_by_role("button", name="添加段落").click()
    eventually(lambda: desk.data(key)["requirements_report"]["analysis"]["environment"][-1] == "")
    fresh = section.locator("textarea").last
    expect(fresh).to_be_focused()
    expect(fresh).to_have_attribute("placeholder", "在此输入这一段")


def test_back_and_forward_after_typing_show_what_the_project_holds(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = desk.create()
    page.goto(desk.url)
    page.goto(f"{desk.url}/p/{key}")
    field = page.get_by_label("项目准备情况")
    field.fill("已完成需求调研。")
    page.go_back()  # within the pause: the page sends what is pending as it goes
    page.go_forward()
    eventually(lambda: desk.data(key)["project"]["preparation"] == "已完成需求调研。")
    page.reload()
    expect(page.get_by_label("项目准备情况")).to_have_value("已完成需求调研。")


def test_closing_the_tab_right_after_typing_keeps_the_words(desk: Desk, browser: Any) -> None:
    key = desk.create()
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    tab.goto(f"{desk.url}/p/{key}")
    tab.get_by_label("项目准备情况").fill("关闭标签页之前输入的文字")
    tab.close(run_before_unload=False)
    eventually(lambda: desk.data(key)["project"]["preparation"] == "关闭标签页之前输入的文字")
    context.close()


def test_leaving_with_a_failed_save_asks_first(desk: Desk, page: Any) -> None:
    key = desk.create()
    page.goto(f"{desk.url}/p/{key}")
    page.get_by_label("起始时间").fill("2026-02-30")
    page.get_by_label("起始时间").press("Tab")
    from playwright.sync_api import expect

    expect(page.locator("#save-state")).to_contain_text("未保存", timeout=15000)
    with page.expect_event("dialog") as asked:
        page.evaluate("setTimeout(() => { window.location.href = '/'; }, 0)")
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()
    assert page.url.endswith(f"/p/{key}")  # still here, the typed value on the page


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_day_typed_in_any_form_is_kept_and_an_impossible_one_refused(desk: Desk, browser: Any, locale: str) -> None:
    from playwright.sync_api import expect

    key = desk.create()
    context = browser.new_context(locale=locale)
    tab = context.new_page()
    tab.goto(f"{desk.url}/p/{key}")
    start = tab.get_by_label("起始时间")
    for typed in ("2026-11-25", "2026/11/26", "2026.11.27", "2026年11月28日"):
        start.fill(typed)
        start.press("Tab")
        saved(tab)
        day = typed.replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").replace("日", "")
        assert desk.data(key)["project"]["schedule"]["start"] == day
        expect(start).to_have_value(day)  # shown as the project holds it
    start.fill("2026-02-30")
    start.press("Tab")
    expect(tab.locator(".save-note")).to_contain_text("不是有效的日期", timeout=15000)
    assert desk.data(key)["project"]["schedule"]["start"] == "2026-11-28"
    context.close()


def test_a_refused_build_then_back_shows_the_projects_findings(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(desk.url)
    page.get_by_label("新项目名称").fill("有错误的项目")
    page.get_by_role("button", name="新建项目").click()
    page.wait_for_url("**/p/**")
    expect(page.locator("#summary")).to_contain_text("项必填")  # a new project: what to fill, not errors
    assert "个错误" not in page.locator("#summary").inner_text()
    page.click("#package-zip")  # asking for the documents: from now on every empty required field is an error
    expect(page.locator("h1")).to_have_text("还不能生成")
    page.go_back()
    expect(page.locator("#summary")).to_contain_text("个错误")
    assert "没有发现问题" not in page.locator("#summary").inner_text()
    assert page.locator("nav.sections .status.bad").count() > 0


def test_a_removed_row_comes_back_with_undo_and_a_version_is_restored(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = desk.create()
    before = [item["name"] for item in desk.data(key)["project"]["investment"]["items"]]
    page.goto(f"{desk.url}/p/{key}")
    page.get_by_role("button", name="删除第3行").first.focus()
    page.keyboard.press("Enter")  # from the keyboard: focus stays in the table, on the row now third
    eventually(lambda: len(desk.data(key)["project"]["investment"]["items"]) == len(before) - 1)
    expect(page.get_by_role("button", name="删除第3行").first).to_be_focused()
    page.get_by_role("button", name="撤销").click()
    eventually(lambda: [item["name"] for item in desk.data(key)["project"]["investment"]["items"]] == before)
    expect(page.get_by_label("费用名称（第3行）")).to_have_value(before[2])
    page.get_by_label("项目建设地址").fill("大武口区")
    page.get_by_label("项目建设地址").press("Tab")
    saved(page)
    page.click("#history-link")
    expect(page.locator("#history li").first).to_contain_text("项目建设地址")
    page.get_by_role("button", name="恢复到第 1 版").click()
    expect(page.locator("#history li").first).to_contain_text("恢复到第 1 版")
    assert desk.data(key)["project"]["location"] != "大武口区"


def test_rows_and_pictures_are_added_without_reloading(desk: Desk, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    key = desk.create()
    page.goto(f"{desk.url}/p/{key}")
    page.evaluate("window.__marker = 1")  # gone if the page reloads
    count = len(desk.data(key)["project"]["investment"]["items"])
    page.get_by_role("button", name="添加一行（投资构成）").click()
    eventually(lambda: len(desk.data(key)["project"]["investment"]["items"]) == count + 1)
    name = page.get_by_label(f"费用名称（第{count + 1}行）")
    name.fill("新增模块")
    name.press("Tab")
    saved(page)
    assert desk.data(key)["project"]["investment"]["items"][-1]["name"] == "新增模块"
    picture = tmp_path / "拓扑图.png"
    picture.write_bytes(PNG)
    section = page.locator('[data-block="/requirements_report/overview"]')
    section.get_by_label("上传图片").set_input_files(str(picture))
    eventually(lambda: isinstance(desk.data(key)["requirements_report"]["overview"], list))
    block = desk.data(key)["requirements_report"]["overview"][-1]["image"]
    assert block["path"].startswith("图片/") and "拓扑图" not in block["path"]
    expect(page.locator('[data-block="/requirements_report/overview"] img')).to_be_visible()
    assert page.evaluate("window.__marker") == 1


def test_every_input_is_named_by_its_printed_label(desk: Desk, page: Any) -> None:
    key = desk.create()
    page.goto(f"{desk.url}/p/{key}")
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('[data-pointer], input[type=file]')].filter(el => {
            const labelled = el.labels && el.labels.length && el.labels[0].textContent.trim();
            return !labelled && !el.getAttribute('aria-label');
        }).map(el => el.getAttribute('data-pointer') || el.id)"""
    )
    assert unnamed == []
    assert page.get_by_label("项目负责人 › 姓名", exact=True).count() == 0  # names are the form's own words
    assert page.get_by_label("联系电话").count() >= 1


def test_a_complete_project_downloads_and_a_reviewer_checks_and_records(desk: Desk, page: Any) -> None:
    page.goto(desk.url)
    from playwright.sync_api import expect

    expect(page.locator("#import-form .file-chosen")).to_have_text("未选择文件")  # never the browser's English
    page.set_input_files("#import-form input[type=file]", str(ROOT / "sample_data" / "contract-example.yaml"))
    expect(page.locator("#import-form .file-chosen")).to_have_text("contract-example.yaml")
    assert page.locator("#import-form input[type=file]").evaluate("e => getComputedStyle(e).opacity") == "0"
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#imported a")
    page.goto(desk.url)
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
    page.goto(desk.url + "/review")
    page.set_input_files(
        "#check-form input[type=file]:not([webkitdirectory])", str(CORPUS / "报告-缺章节顺序颠倒空章节.docx")
    )
    page.click("#check-form button[type=submit]")
    page.wait_for_selector("#checked .checked")
    checked = page.locator("#checked").inner_text()
    assert "DG-CHECK-MISSING" in checked and "DG-CHECK-ORDER" in checked
    shoot(page, "审查页面.png")
    page.select_option("select[name=network_security_result]", "符合")
    page.fill("input[name=network_security_unit]", "石嘴山市委网信办")
    page.fill("input[name=network_security_date]", "2026-11-24")
    page.click("#record-review")
    page.wait_for_selector("#reviewed.good")
    (project,) = desk.projects()
    review = desk.data(project["key"])["review"]["network_security"]
    assert review == {"result": "符合", "unit": "石嘴山市委网信办", "date": "2026-11-24"}


# ---------------------------------------------------------------- the clerk's form (issue 24)


def new_project(desk: Desk) -> str:
    from docgen.starter import starter_yaml

    return desk.create(starter_yaml().encode("utf-8"))


def test_the_form_follows_the_chosen_banfa(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = new_project(desk)
    page.goto(f"{desk.url}/p/{key}")
    # 石嘴山: its own questions, none of 江西's; the annexes by their numbers
    expect(page.get_by_label("已获得上级主管部门准许")).to_be_visible()
    assert page.get_by_label("涉及工作秘密").count() == 0
    assert page.locator("#s-own").count() == 0
    expect(page.locator("#h-declaration")).to_contain_text("附件1")
    # a field a rule makes necessary is marked from the rule, with its article on hover
    star = page.locator('[data-field="project.implementing_body"] .req')
    expect(star).to_have_attribute("title", re.compile("第二十三条"))
    assert page.get_by_label("项目实施机构").get_attribute("aria-required") == "true"
    page.get_by_label("适用办法").select_option("jiangxi")
    expect(page.locator("#s-own")).to_be_visible(timeout=15000)  # the page comes back with 江西's form
    expect(page.locator("#h-own")).to_contain_text("江西")
    expect(page.get_by_label("涉及工作秘密")).to_be_visible()
    assert page.get_by_label("已获得上级主管部门准许").count() == 0
    assert "附件1" not in page.locator("#h-declaration").inner_text()  # 江西 does not build 石嘴山's 附件1
    assert desk.data(key)["profile"] == "jiangxi"
    page.get_by_label("适用办法").select_option("shizuishan")
    expect(page.get_by_label("已获得上级主管部门准许")).to_be_visible(timeout=15000)
    assert page.get_by_label("涉及工作秘密").count() == 0


def test_progress_counts_what_is_to_fill_and_errors_come_when_due(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = new_project(desk)
    page.goto(f"{desk.url}/p/{key}")
    basic = page.locator('nav.sections a[data-section="basic"] .status')
    expect(basic).to_contain_text("还差 11 项必填")
    expect(page.locator('nav.sections a[data-section="review"] .status')).to_have_text("未到")
    expect(page.locator('nav.sections a[data-section="later"] .status')).to_have_text("未到")
    assert page.locator(".msg .line.error").count() == 0  # a new project: 待填写, not errors
    expect(page.locator('.msg[data-for="project.owner_unit"]')).to_have_text("待填写")
    # a 新建 project must answer 第十三条's questions: marked at once; unanswered is to answer, not a rejection
    page.get_by_label("建设性质").select_option("新建")
    saved(page)
    approval = page.locator('.msg[data-for="project.superior_approval"]')
    expect(approval).to_contain_text("待填写")
    star = page.locator('[data-field="project.superior_approval"] .req')
    expect(star).to_have_attribute("title", re.compile("第十三条"))
    assert "不受理" not in page.locator("#s-rules").inner_text()
    owner = page.get_by_label("项目建设单位", exact=True)
    owner.fill("石嘴山市城市管理局")
    owner.press("Tab")
    saved(page)
    expect(basic).to_contain_text("还差 9 项必填")
    # left empty after being visited: now an error, in words that name what is missing
    location = page.get_by_label("项目建设地址")
    location.focus()
    location.press("Tab")
    expect(page.locator('.msg[data-for="project.location"]')).to_contain_text("必填，尚未填写")
    # (Tab from 项目建设单位 passed through 项目负责人's 姓名 and left it empty too)
    expect(basic).to_contain_text("2 错")
    expect(page.locator("#findings-list")).to_contain_text("项目负责人 › 姓名：必填，尚未填写")
    assert re.match(r"还差 \d+ 项必填，2 个错误", page.locator("#summary").inner_text())
    # a complete project: every section filled
    done = desk.create()
    page.goto(f"{desk.url}/p/{done}")
    expect(basic).to_have_text("已填完")
    expect(page.locator("#summary")).to_contain_text("已填完，没有发现问题")


def test_a_click_on_a_finding_focuses_its_field(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = new_project(desk)
    page.goto(f"{desk.url}/p/{key}")
    page.locator("#to-fill-list button", has_text="项目建设地址").click()
    expect(page.get_by_label("项目建设地址")).to_be_focused()
    # a finding in a row of a table, and one of a report section, lead to their fields too
    done = desk.create()
    page.goto(f"{desk.url}/p/{done}")
    cell = page.get_by_label("金额（万元）（第2行）")
    cell.fill("abc")
    cell.press("Tab")
    expect(page.locator("#save-state")).to_contain_text("未保存", timeout=15000)
    page.get_by_label("金额（万元）（第2行）").fill("999")
    page.get_by_label("金额（万元）（第2行）").press("Tab")
    saved(page)
    finding = page.locator("#findings-list button", has_text="投资构成")
    expect(finding).to_be_visible()
    assert not re.search(r"第\d+行", page.locator("#findings").inner_text())  # never a line of the data file
    page.get_by_label("项目名称", exact=True).focus()
    finding.first.click()
    expect(page.locator('[data-block="/project/investment/items"] [data-pointer]').first).to_be_focused()
    report = page.get_by_label("（四）项目概况")
    report.fill("")
    report.press("Tab")
    saved(page)
    page.locator("#findings-list button", has_text="项目概况").click()
    expect(report).to_be_focused()
    codes = page.locator("#findings-list small.code")
    assert codes.count() >= 1 and "DG-" in codes.first.inner_text()


def test_a_pasted_range_makes_rows_in_one_patch_and_the_sum_follows(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = new_project(desk)
    page.goto(f"{desk.url}/p/{key}")
    page.get_by_label("项目预计总投资（万元）").fill("480")
    page.get_by_label("项目预计总投资（万元）").press("Tab")
    saved(page)
    page.get_by_role("button", name="添加一行（投资构成）").click()
    first = page.get_by_label("费用名称（第1行）")
    expect(first).to_be_visible(timeout=15000)
    patches: list[str] = []
    page.on("request", lambda r: patches.append(r.post_data or "") if r.method == "PATCH" else None)
    copied = "应用系统开发\t工程费\t300\r\n服务器租用\t设备费\t100\r\n监理费\t其他费用\t50\r\n"
    first.focus()
    paste_text(page, copied)
    eventually(lambda: len(desk.data(key)["project"]["investment"]["items"]) == 3)
    items = desk.data(key)["project"]["investment"]["items"]
    assert [(i["name"], i["category"], i["amount"]) for i in items] == [
        ("应用系统开发", "工程费", 300),
        ("服务器租用", "设备费", 100),
        ("监理费", "其他费用", 50),
    ]
    assert len(patches) == 1 and json.loads(patches[0])[0]["op"] == "test"  # one JSON Patch for the range
    expect(page.get_by_label("费用名称（第3行）")).to_have_value("监理费")
    total = page.locator('[data-sum="items"]')
    expect(total).to_contain_text("投资构成合计 450 万元")
    expect(total).to_contain_text("少 30 万元")
    page.get_by_label("金额（万元）（第3行）").fill("80")  # the sum follows typing, before saving
    expect(total).to_contain_text("等于「项目预计总投资（万元）」480 万元")
    # amounts to the 分 (万元 with 6 decimals) are summed exactly: one 分 is a gap
    page.get_by_label("金额（万元）（第3行）").fill("79.999999")
    expect(total).to_contain_text("投资构成合计 479.999999 万元")
    expect(total).to_contain_text("少 0.000001 万元")
    page.get_by_label("金额（万元）（第3行）").fill("1,280.00005")
    expect(total).to_contain_text("合计 1680.00005 万元")
    expect(total).to_contain_text("超过「项目预计总投资（万元）」480 万元 1200.00005 万元")
    page.get_by_label("金额（万元）（第3行）").fill("80")
    expect(total).to_contain_text("等于「项目预计总投资（万元）」480 万元")
    # arrows and Enter move between cells
    page.get_by_label("费用名称（第1行）").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("费用名称（第2行）")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("费用名称（第3行）")).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_label("费用类别（第3行）")).to_be_focused()
    saved(page)


def test_a_report_table_is_a_grid_that_takes_a_pasted_range(desk: Desk, page: Any) -> None:
    from playwright.sync_api import expect

    key = desk.create()
    page.goto(f"{desk.url}/p/{key}")
    grid = page.locator("table.report-table").filter(has=page.get_by_label("业务类别（第1行）"))
    expect(grid).to_have_count(1)
    held = lambda: desk.data(key)["requirements_report"]["analysis"]["business"][1]["table"]  # noqa: E731
    # one cell typed: its row is saved whole
    cell = grid.get_by_label("年办件量（万件）（第2行）")
    cell.fill("6.3")
    cell.press("Tab")
    saved(page)
    assert [str(c) for c in held()["rows"][1]] == ["不动产登记", "6.3", "500"]
    # a range pasted into the first cell, with its header: three rows replaced, one added, and the
    # fourth row's extra cell makes a column (named 列4) rather than being lost; one patch
    patches: list[str] = []
    page.on("request", lambda r: patches.append(r.post_data or "") if r.method == "PATCH" else None)
    grid.get_by_label("业务类别（第1行）").focus()
    paste_text(
        page,
        "业务类别\t年办件量（万件）\t峰值并发（人）\r\n企业开办\t2.5\t310\r\n不动产登记\t6.4\t520\r\n"
        "社保医保\t9.9\t820\r\n公积金\t3.1\t200\t5\r\n",
    )
    eventually(lambda: len(held()["rows"]) == 4)
    assert held()["columns"] == ["业务类别", "年办件量（万件）", "峰值并发（人）", "列4"]
    assert [[str(c) for c in row] for row in held()["rows"]] == [
        ["企业开办", "2.5", "310", ""],
        ["不动产登记", "6.4", "520", ""],
        ["社保医保", "9.9", "820", ""],
        ["公积金", "3.1", "200", "5"],
    ]
    assert len(patches) == 1
    expect(page.locator("#toast")).to_contain_text("表格增加了 1 列")
    expect(grid.get_by_label("列4（第4行）")).to_have_value("5")
    # a column added by its button: its name, and an empty cell in every row
    grid.get_by_role("button", name="添加一列").click()
    eventually(lambda: len(held()["columns"]) == 5)
    assert all(len(row) == 5 and row[4] == "" for row in held()["rows"])
    named = grid.get_by_label("第5列的列名")
    expect(named).to_have_value("列5")
    named.fill("办理时限（天）")
    named.press("Tab")
    saved(page)
    assert held()["columns"][4] == "办理时限（天）"
    # arrows move between cells as in a spreadsheet
    grid.get_by_label("业务类别（第1行）").focus()
    page.keyboard.press("ArrowDown")
    expect(grid.get_by_label("业务类别（第2行）")).to_be_focused()
    # a row removed: the grid follows
    grid.get_by_role("button", name="删除第4行").click()
    eventually(lambda: len(held()["rows"]) == 3)
    expect(grid.locator("tr[data-cells]")).to_have_count(3)
    # a column removed (a pasted range too wide): its name and its cells go, and 撤销 brings them back
    whole = held()
    grid.get_by_role("button", name="删除第4列").click()
    eventually(lambda: len(held()["columns"]) == 4)
    assert held()["columns"] == ["业务类别", "年办件量（万件）", "峰值并发（人）", "办理时限（天）"]
    assert [len(row) for row in held()["rows"]] == [4, 4, 4]
    expect(grid.get_by_label("第4列的列名")).to_have_value("办理时限（天）")
    expect(page.locator("#toast")).to_contain_text("已删除第4列「列4」")
    page.get_by_role("button", name="撤销").click()
    eventually(lambda: held() == whole)
    expect(grid.get_by_label("第4列的列名")).to_have_value("列4")
    # a new table: a range with its header pasted into the first column's name names the columns
    section = page.locator('[data-block="/requirements_report/analysis/environment"]')
    section.get_by_role("button", name="添加表格").click()
    fresh = section.locator("table.report-table")
    expect(fresh).to_have_count(1)
    fresh.get_by_label("第1列的列名").focus()
    paste_text(page, "资源\t数量\t说明\n云主机\t8\t4核16G\n存储\t10TB\t\n")
    table = lambda: desk.data(key)["requirements_report"]["analysis"]["environment"][-1]["table"]  # noqa: E731
    eventually(lambda: len(table()["rows"]) == 2)
    assert table()["columns"] == ["资源", "数量", "说明"]
    assert table()["rows"] == [["云主机", "8", "4核16G"], ["存储", "10TB", ""]]
    expect(fresh.get_by_label("说明（第1行）")).to_have_value("4核16G")


def test_error_pages_are_chinese_with_the_way_back(desk: Desk, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    from docgen.desk.projects import Projects

    answer = page.goto(f"{desk.url}/没有这个地址")
    assert answer is not None and answer.status == 404
    expect(page.locator("h1")).to_have_text("页面不存在（404）")
    expect(page.get_by_role("link", name="返回首页")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.get_by_role("link", name="返回首页").click()
    expect(page.locator("h1")).to_have_text("我的项目")
    # more files than an import takes: the form parser's own limit, said in Chinese where the clerk looks
    files = []
    for number in range(201):
        path = tmp_path / f"项目{number}.yaml"
        path.write_text("schema_version: 1\n", encoding="utf-8")
        files.append(str(path))
    page.set_input_files("#import-form input[type=file]", files)
    page.click("#import-form button[type=submit]")
    expect(page.locator("#toast")).to_contain_text("一次上传的文件过多：最多 200 个")
    # a fault of the server: a styled page that says so and leads back, never a traceback
    key = desk.create()
    original = Projects.history

    def broken(self: Projects, *args: Any) -> Any:
        raise RuntimeError("boom")

    Projects.history = broken  # type: ignore[method-assign]
    try:
        answer = page.goto(f"{desk.url}/p/{key}/history")
    finally:
        Projects.history = original  # type: ignore[method-assign]
    assert answer is not None and answer.status == 500
    expect(page.locator("h1")).to_have_text("服务器内部错误（500）")
    assert "boom" not in page.content() and "Traceback" not in page.content()
    expect(page.get_by_role("link", name="返回上一页")).to_be_visible()


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1366, 768, 1), (1920, 1080, 1), (683, 384, 2), (390, 844, 3)],  # 683×384 at scale 2: 1366×768 at 200%
)
def test_the_findings_are_within_reach_at_every_size(
    desk: Desk, browser: Any, width: int, height: int, scale: int
) -> None:
    from playwright.sync_api import expect

    key = new_project(desk)
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale, locale="zh-CN"
    )
    tab = context.new_page()
    tab.goto(f"{desk.url}/p/{key}")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width + 1  # nothing wider than the screen
    findings = tab.locator("#findings")
    if width > 1100:
        expect(findings).to_be_in_viewport()
    else:
        assert not findings.is_visible()
        tab.locator("#jump-findings").click()  # the bar on top opens them, wherever the clerk is
        expect(findings).to_be_in_viewport()
    tab.locator("#to-fill-list button", has_text="项目建设地址").click()
    expect(tab.get_by_label("项目建设地址")).to_be_focused()
    expect(tab.get_by_label("项目建设地址")).to_be_in_viewport()
    tab.mouse.wheel(0, 5000)
    if width <= 1100:
        tab.locator("#jump-findings").click()
    expect(findings).to_be_in_viewport()
    if width <= 1100:  # Escape closes the panel and gives the focus back to the bar that opened it
        tab.keyboard.press("Escape")
        expect(tab.locator("#jump-findings")).to_be_focused()
    context.close()


AXE_PAGES = ("/", "/p/{new}", "/p/{full}", "/p/{new}/history", "/trash", "/review", "/没有这个地址")


def test_every_desk_page_passes_axe_core(desk: Desk, browser: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    keys = {"new": new_project(desk), "full": desk.create()}
    axe = Axe()
    found: dict[str, list[str]] = {}
    for width in (1400, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        tab = context.new_page()
        for path in AXE_PAGES:
            tab.goto(desk.url + path.format(**keys))
            if width <= 1100 and path.startswith("/p/{new}") and "history" not in path:
                tab.locator("#jump-findings").click()  # the findings panel open
            violations = axe.run(tab).response["violations"]
            bad = [
                f"{v['id']}: {v['help']} {v['nodes'][0]['target']}"
                for v in violations
                if v["impact"] in ("critical", "serious")
            ]
            if bad:
                found[f"{path} ({width} px)"] = bad
        # a refused build and an import's report are pages too
        tab.goto(f"{desk.url}/p/{keys['new']}/download/application.docx")
        tab.goto(desk.url)
        tab.set_input_files("#import-form input[type=file]", str(ROOT / "sample_data" / "contract-example.yaml"))
        tab.click("#import-form button[type=submit]")
        tab.wait_for_selector("#imported a")
        violations = axe.run(tab).response["violations"]
        bad = [v["id"] for v in violations if v["impact"] in ("critical", "serious")]
        if bad:
            found[f"导入结果 ({width} px)"] = bad
        context.close()
    assert found == {}


def test_normal_use_logs_no_error_in_the_console(desk: Desk, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    tab.goto(desk.url)
    tab.get_by_label("新项目名称").fill("控制台检查项目")
    tab.get_by_role("button", name="新建项目").click()
    tab.wait_for_url("**/p/**")
    tab.get_by_label("项目建设单位", exact=True).fill("石嘴山市城市管理局")
    tab.get_by_label("项目建设单位", exact=True).press("Tab")
    tab.get_by_role("button", name="添加一行（投资构成）").click()
    tab.get_by_label("费用名称（第1行）").fill("应用系统开发")
    tab.get_by_label("费用名称（第1行）").press("Tab")
    saved(tab)
    tab.locator("#to-fill-list button").first.click()
    tab.click("#history-link")
    tab.go_back()
    tab.goto(desk.url + "/review")
    tab.goto(desk.url + "/trash")
    context.close()
    assert problems == []
