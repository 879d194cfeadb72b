"""A clerk fills the contract example's project in the desk, the way a person would, and the script
counts what it took: page loads, clicks, fields typed into, and seconds.

It starts ``docgen serve`` (uvicorn on loopback, a fresh workspace) and drives Debian's Chromium
with Playwright: a new project from the home page, then every value of
``sample_data/contract-example.yaml`` typed or chosen into the form in the page's own order —
tables pasted as one range from a spreadsheet (tab-separated rows), a report table added with
「添加表格」 and its header and rows pasted the same way — and at the end the package downloaded.
The project is read back through the API: the script says how many errors remain (0 when the desk
kept every value).

    .venv/bin/python benchmarks/desk_walkthrough.py

The issue that asked for this measured 18 page loads and 146 clicks for the same project.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import sys
import tempfile
import threading
import time
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "sample_data" / "contract-example.yaml"
BEFORE = {"page loads": 18, "clicks": 146}


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return "\n".join(shown(item) for item in value)
    return str(value)


def at(data: Any, pointer: str) -> Any:
    node = data
    for step in pointer.strip("/").split("/"):
        if isinstance(node, list):
            node = node[int(step)] if step.isdigit() and int(step) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(step)
        else:
            return None
    return node


class Counts:
    def __init__(self) -> None:
        self.loads = 0
        self.clicks = 0
        self.fields = 0


def serve() -> tuple[str, Any]:
    import uvicorn

    from docgen.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    workspace = Path(tempfile.mkdtemp(prefix="docgen-walk-"))
    server = uvicorn.Server(uvicorn.Config(create_app(workspace / "工作区"), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", (server, workspace)


def saved(page: Any) -> None:
    page.wait_for_selector('#save-state[data-state="saved"]', timeout=30000)


def paste(page: Any, text: str) -> None:
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            document.activeElement.dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def type_into(box: Any, text: str, counts: Counts) -> None:
    """A click into the field, the text typed, Tab to the next."""
    box.click()
    box.fill(text)
    box.press("Tab")
    counts.clicks += 1
    counts.fields += 1


def fill_rows(page: Any, data: Any, counts: Counts) -> None:
    """Each table of rows: 「添加一行」 once, then the whole range pasted into its first cell."""
    for block in page.locator(".rows[data-block]").all():
        pointer = block.get_attribute("data-block") or ""
        rows = at(data, pointer)
        if not rows:
            continue
        if not block.locator("tr.row-item").count():
            block.get_by_role("button", name="添加一行").click()
            counts.clicks += 1
        row = page.locator(f'[data-block="{pointer}"] tr.row-item').first
        row.wait_for()
        names = [
            (el.get_attribute("data-pointer") or "").rsplit("/", 1)[-1] for el in row.locator("[data-pointer]").all()
        ]
        first = row.locator("[data-pointer]").first
        first.click()
        counts.clicks += 1
        paste(page, "\n".join("\t".join(shown(row.get(name, "")) for name in names) for row in rows))
        page.wait_for_function(
            "([p, n]) => document.querySelectorAll(`[data-block='${p}'] tr.row-item`).length === n",
            arg=[pointer, len(rows)],
        )
        counts.fields += len(rows) * len(names)
        saved(page)


def fill_report(page: Any, data: Any, counts: Counts) -> None:
    """A report section written as text and a table: the text, then 「添加表格」 and the table pasted."""
    for block in page.locator(".section[data-block]").all():
        pointer = block.get_attribute("data-block") or ""
        value = at(data, pointer)
        if not isinstance(value, list):
            continue
        texts = [item for item in value if isinstance(item, str)]
        area = block.locator("textarea.report").first
        area.click()
        area.fill("\n\n".join(texts))
        counts.clicks += 1
        counts.fields += 1
        area.press("Tab")
        saved(page)
        for item in value:
            if not isinstance(item, dict) or "table" not in item:
                continue
            table = item["table"]
            page.locator(f'[data-block="{pointer}"]').get_by_role("button", name="添加表格").click()
            counts.clicks += 1
            fresh = page.locator(f'[data-block="{pointer}"] .table-block').last
            fresh.wait_for()
            type_into(fresh.locator('[data-pointer$="/table/caption"]'), table.get("caption") or "", counts)
            rows = table.get("rows") or []
            fresh.get_by_label("第1列的列名").click()  # the header and rows pasted as one range
            counts.clicks += 1
            paste(page, "\n".join("\t".join(shown(c) for c in line) for line in [table.get("columns") or [], *rows]))
            page.wait_for_function(
                "([p, n]) => document.querySelectorAll(`[data-block='${p}'] table.report-table tr[data-cells]`)"
                ".length >= n",
                arg=[pointer, len(rows)],
            )
            counts.fields += (1 + len(rows)) * len(table.get("columns") or [])
            saved(page)


def walk(url: str) -> tuple[Counts, float, dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    from docgen.sources.yaml_source import parse

    data = parse(CONTRACT.read_text(encoding="utf-8"), CONTRACT.name).data
    counts = Counts()
    chromium = next(p for p in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", shutil.which("chromium")) if p)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-dev-shm-usage"])
        page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN").new_page()
        page.on("load", lambda _page: setattr(counts, "loads", counts.loads + 1))
        started = time.monotonic()
        page.goto(url)
        page.get_by_label("新项目名称").click()
        page.get_by_label("新项目名称").fill(data["project"]["name"])
        page.get_by_role("button", name="新建项目").click()
        counts.clicks += 2
        counts.fields += 1
        page.wait_for_url("**/p/**")
        page.wait_for_load_state()
        key = page.url.rsplit("/p/", 1)[1]
        fill_rows(page, data, counts)
        fill_report(page, data, counts)
        for el in page.locator("section.part:not([data-later]) [data-pointer]").all():
            pointer = el.get_attribute("data-pointer") or ""
            if el.locator("xpath=ancestor::*[contains(@class,'block')]").count():
                continue  # a report section's paragraphs and tables: filled above
            if el.locator("xpath=ancestor::tr[contains(@class,'row-item')]").count():
                continue
            value = at(data, pointer)
            if value is None or value == [] or (isinstance(value, list) and value and isinstance(value[0], dict)):
                continue
            text = shown(value)
            if el.evaluate("e => e.value") == text:
                continue
            if el.evaluate("e => e.tagName") == "SELECT":
                el.select_option(text)
                counts.clicks += 2  # open the list, choose
                counts.fields += 1
            else:
                type_into(el, text, counts)
        saved(page)
        with urllib.request.urlopen(f"{url}/api/projects/{key}") as answer:
            left = json.loads(answer.read())
        for finding in left["findings"]:
            if finding["severity"] == "error":
                print(f"  仍有错误：{finding['field']} {finding['message']}", file=sys.stderr)
        if not left["errors"]:
            with page.expect_download():
                page.click("#package-zip")
            counts.clicks += 1
        seconds = time.monotonic() - started
        browser.close()
    with urllib.request.urlopen(f"{url}/api/projects/{key}") as answer:
        project = json.loads(answer.read())
    return counts, seconds, project


def main() -> int:
    url, (server, workspace) = serve()
    try:
        counts, seconds, project = walk(url)
    finally:
        server.should_exit = True
        shutil.rmtree(workspace, ignore_errors=True)
    print("docgen serve — 经办人填写 contract-example.yaml 的项目（Chromium，1366×768）")
    print(f"page loads   {counts.loads:4d}   (issue 24 measured {BEFORE['page loads']})")
    print(f"clicks       {counts.clicks:4d}   (issue 24 measured {BEFORE['clicks']})")
    print(f"fields       {counts.fields:4d}")
    print(f"seconds      {seconds:7.1f}")
    print(f"errors left  {project['errors']:4d}   warnings {project['warnings']}")
    return 0 if project["errors"] == 0 else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
