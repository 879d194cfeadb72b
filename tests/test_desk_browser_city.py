"""The city's desk in real browsers (Debian's Chromium via Playwright): a clerk and a reviewer, each in
their own browser context, sign in and see their own desk in Chinese, and run the submission loop once —
the reviewer's comment appears beside the field it concerns, and is marked resolved when the clerk
changes that field."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desk_city import ACCOUNTS, CONTRACT, PASSWORD, UNITS

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    import uvicorn

    from docgen.desk.service import Desk
    from docgen.serve.app import create_app

    desk = Desk(tmp_path / "工作区", submit_pdf=False)
    for name, kind, parent in UNITS:
        desk.people.add_unit(name, kind, parent)
    for name, (unit, role) in ACCOUNTS.items():
        desk.people.add_account(name, unit, role, PASSWORD)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(tmp_path / "工作区", desk=desk), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}", desk
    server.should_exit = True
    thread.join(timeout=10)


def signed_in(browser: Any, url: str, name: str) -> Any:
    from playwright.sync_api import expect

    page = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    expect(page.locator("h1")).to_have_text("登录")
    page.get_by_label("账号").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .who")).to_contain_text(name)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def test_a_clerk_and_a_reviewer_run_the_loop_in_two_browsers(
    served: tuple[str, Any], browser: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    url, _desk = served
    clerk = signed_in(browser, url, "city_clerk")
    reviewer = signed_in(browser, url, "city_reviewer")
    expect(clerk.locator("h1")).to_have_text("我的项目")
    expect(reviewer.locator("h1")).to_have_text("项目")
    expect(reviewer.locator(".empty")).to_contain_text("还没有项目")
    # the clerk imports the contract example and submits it
    clerk.set_input_files(
        "#import-form input[type=file]", str(Path(__file__).parents[1] / "sample_data" / "contract-example.yaml")
    )
    clerk.click("#import-form button[type=submit]")
    clerk.locator("#imported a").first.click()
    clerk.wait_for_url("**/p/**")
    expect(clerk.locator("#project-state")).to_have_text("草稿")
    # a file attached by mistake is taken back from the page
    item = clerk.locator(".attachment-item").first
    wrong = tmp_path / "选错的文件.pdf"
    wrong.write_bytes(b"%PDF-1.4\n%%EOF\n")
    item.locator("input[data-attach]").set_input_files(str(wrong))
    expect(item.locator("[data-attached-for]")).to_contain_text("已附：选错的文件.pdf")
    clerk.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name="删除附件「选错的文件.pdf」").click()
    expect(item.locator("[data-attached-for]")).to_have_text("")
    clerk.get_by_role("button", name="提交申报").click()
    expect(clerk.locator("#project-state")).to_have_text("已提交", timeout=30000)
    # the reviewer finds it waiting, comments on a field and returns it
    reviewer.goto(url + "/queue")
    reviewer.locator("#queue a").first.click()
    expect(reviewer.locator("h1")).to_contain_text("一件事一次办")
    reviewer.get_by_label("栏目", exact=True).select_option(label="项目建设地址")
    reviewer.get_by_label("意见", exact=True).fill("请写明具体门牌号")
    reviewer.get_by_role("button", name="退回修改").click()
    expect(reviewer.locator(".state-badge").first).to_have_text("退回修改", timeout=15000)
    # the clerk sees the comment beside the field, fixes it: the comment is marked resolved
    clerk.reload()
    expect(clerk.locator("#project-state")).to_have_text("退回修改")
    comment = clerk.locator('[data-field="project.location"] .review-comment')
    expect(comment).to_contain_text("请写明具体门牌号")
    expect(comment).to_have_class("review-comment open")
    location = clerk.get_by_label("项目建设地址")
    location.fill("石嘴山市大武口区朝阳西街1号 政务服务中心")
    location.press("Tab")
    expect(comment.first).to_have_class("review-comment resolved", timeout=15000)
    clerk.get_by_role("button", name="提交申报").click()
    expect(clerk.locator("#project-state")).to_have_text("已提交", timeout=30000)
    # the reviewer sees what changed and approves
    reviewer.goto(url + "/queue")
    reviewer.locator("#queue a").first.click()
    expect(reviewer.locator("#differences")).to_contain_text("项目建设地址")
    reviewer.get_by_label("总体意见（不予受理须写明依据的条款）").fill("材料齐全，同意。")
    reviewer.get_by_role("button", name="通过").click()
    expect(reviewer.locator(".state-badge").first).to_have_text("已通过", timeout=30000)
    clerk.reload()
    expect(clerk.locator("#project-state")).to_have_text("已通过")
    expect(clerk.locator("#timeline")).to_contain_text("city_reviewer")
    # the reviewer reads the applicant's form and cannot type into it (nothing to retry, nothing lost)
    reviewer.goto(clerk.url)
    expect(reviewer.locator("#read-only-note")).to_contain_text("这里只能查看")
    location = reviewer.get_by_label("项目建设地址")
    expect(location).to_have_attribute("readonly", "")
    location.press("End")
    location.type("某某路")
    expect(location).not_to_have_value(re.compile("某某路"))
    expect(reviewer.get_by_role("button", name=re.compile("添加一行"))).to_have_count(0)
    expect(reviewer.locator("#save-state")).to_have_attribute("data-state", "saved")
    # the 审查 page offers the recording of 附件2 results only to whom records them: 网信 its own part
    clerk.goto(url + "/review")
    expect(clerk.get_by_role("button", name="记录并生成附件2")).to_have_count(0)
    expect(clerk.locator("main")).to_contain_text("由网信、密码管理部门的审查人员记录")
    network = signed_in(browser, url, "network")
    network.goto(url + "/review")
    expect(network.get_by_role("group", name="网络安全审查")).to_have_count(1)
    expect(network.get_by_role("group", name="密码保护审查")).to_have_count(0)
    expect(network.get_by_label("审查日期")).to_have_attribute("type", "text")
    assert clerk.errors == [] and reviewer.errors == [] and network.errors == []  # type: ignore[attr-defined]
    assert CONTRACT  # the data the clerk imported
