"""docgen serve over HTTP (Starlette's test client): the stateless API's contract — the same
findings and documents as the command line — and every safety rule: loopback and token, the Host
header, CSRF and origin, API content types, 413 while streaming, uploaded names that are never
paths, pictures confined to their project; the pages in Chinese, errors included."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from docgen.cli import main
from docgen.serve import guard
from docgen.serve.app import create_app
from docgen.zipping import names_in

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_data"
CONTRACT = (SAMPLES / "contract-example.yaml").read_bytes()
BROKEN = (SAMPLES / "broken-rules.yaml").read_bytes()
YAML = {"content-type": "application/yaml"}
BASE = "http://127.0.0.1:8000"


def cli_json(*args: str) -> list[dict[str, object]]:
    return json.loads(CliRunner().invoke(main, list(args)).stdout)  # type: ignore[no-any-return]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "工作区"), base_url=BASE) as test_client:
        yield test_client


def csrf_of(client: TestClient) -> str:
    match = re.search(r'X-CSRF-Token": "([^"]+)"', client.get("/").text)
    assert match
    return match.group(1)


def imported(client: TestClient, files: list[tuple[str, tuple[str, bytes, str]]], headers: dict[str, str]) -> Any:
    """POST /import, then each running import job followed to its report (a large import goes on
    after the request answered)."""
    import time

    answer = client.post("/import", files=files, headers=headers)
    deadline = time.monotonic() + 120
    while "正在导入" in answer.text and time.monotonic() < deadline:
        number = re.search(r'hx-get="/import/jobs/(\d+)"', answer.text)
        assert number
        time.sleep(0.2)
        answer = client.get(f"/import/jobs/{number.group(1)}")
    return answer


def new_project(client: TestClient, name: str) -> str:
    answer = client.post("/new", data={"name": name}, headers={"X-CSRF-Token": csrf_of(client), "HX-Request": "true"})
    assert answer.status_code == 204, answer.text
    return answer.headers["hx-redirect"].split("/p/")[1]


# ---------------------------------------------------------------- the API's contract


@pytest.mark.parametrize("sample", ["contract-example.yaml", "broken-rules.yaml", "service-12345-om.yaml"])
def test_api_validate_answers_as_validate_format_json(client: TestClient, tmp_path: Path, sample: str) -> None:
    body = (SAMPLES / sample).read_bytes()
    answer = client.post("/api/validate", content=body, headers=YAML)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    # the CLI on the same text, from a folder without the sample's pictures (the API has no folder)
    copy = tmp_path / sample
    copy.write_bytes(body)
    expected = cli_json("validate", str(copy), "--format", "json")
    if sample != "service-12345-om.yaml":
        assert answer.json() == expected
    else:  # its picture cannot be read either way; the API says why (no folder at all)
        assert [f["code"] for f in answer.json()] == [f["code"] for f in expected]


def test_api_validate_takes_json_and_reports_unreadable_input_as_a_finding(client: TestClient) -> None:
    as_json = client.post(
        "/api/validate", content=json.dumps({"schema_version": 1}), headers={"content-type": "application/json"}
    )
    assert any(f["code"] == "DG-REQUIRED" for f in as_json.json())
    broken = client.post("/api/validate", content=b"project: [unclosed", headers=YAML)
    assert (
        broken.status_code == 200 and broken.json()[0]["severity"] == "error" and "YAML" in broken.json()[0]["message"]
    )


def test_api_build_returns_every_document_or_422_with_the_findings(client: TestClient) -> None:
    answer = client.post("/api/build", content=CONTRACT, headers=YAML)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    names = names_in(answer.content)
    assert len(names) == 4 and all(name.endswith(".docx") for name in names)
    assert any("申报表" in name for name in names)
    with zipfile.ZipFile(io.BytesIO(answer.content), metadata_encoding="gb18030") as archive:
        for info in archive.infolist():
            document = docx.Document(io.BytesIO(archive.read(info)))
            assert document.paragraphs or document.tables
    chosen = client.post("/api/build?forms=申报表,security", content=CONTRACT, headers=YAML)
    assert len(names_in(chosen.content)) == 2
    refused = client.post("/api/build", content=BROKEN, headers=YAML)
    assert refused.status_code == 422
    assert {f["code"] for f in refused.json()} == {
        f["code"] for f in cli_json("validate", str(SAMPLES / "broken-rules.yaml"), "--format", "json")
    }


def test_api_check_answers_as_check_format_json(client: TestClient, tmp_path: Path) -> None:
    CliRunner().invoke(main, ["build", str(SAMPLES / "contract-example.yaml"), "-o", str(tmp_path / "built")])
    files = sorted((tmp_path / "built").glob("*.docx"))
    token = csrf_of(client)
    upload = [("files", (path.name, path.read_bytes(), "application/octet-stream")) for path in files]
    answer = client.post("/api/check", files=upload, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200
    assert answer.json() == cli_json("check", *(str(p) for p in files), "--format", "json")


# ---------------------------------------------------------------- safe by default


def test_a_foreign_host_header_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "evil.example:8000"}).status_code == 421
    assert client.post("/api/validate", content=CONTRACT, headers={**YAML, "host": "attacker.test"}).status_code == 421
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "", "192.168.1.5", "::"])
def test_listening_beyond_loopback_needs_a_token_or_accounts(host: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--host", host, "--port", "8999", "--workspace", str(tmp_path)], env={"DOCGEN_TOKEN": ""}
    )
    assert result.exit_code == 2 and "--token" in result.output and "docgen accounts add" in result.output


def test_a_desk_with_a_token_answers_to_the_office_network(tmp_path: Path) -> None:
    """With --host 0.0.0.0 --token T, other computers reach it by its address or its name."""
    import socket

    token = "t0ken-for-the-office"
    app = create_app(tmp_path, token=token, hosts={"docgen.office.internal"})
    with TestClient(app, base_url=BASE) as client:
        auth = {"Authorization": f"Bearer {token}"}
        for host in (
            "192.168.1.5:8000",
            "10.0.0.7",
            "[fe80::1]:8000",
            f"{socket.gethostname()}:8000",
            "docgen.office.internal:8000",
        ):
            assert client.get("/api/projects", headers={**auth, "host": host}).status_code == 200, host
        assert client.get("/api/projects", headers={**auth, "host": "attacker.example"}).status_code == 421


def test_with_a_token_every_request_carries_it(tmp_path: Path) -> None:
    app = create_app(tmp_path, token="秘密-token".encode().hex(), hosts={"10.0.0.5"})
    token = "秘密-token".encode().hex()
    with TestClient(app, base_url="http://10.0.0.5:8000") as client:
        assert client.get("/").status_code == 401
        assert client.post("/api/validate", content=CONTRACT, headers=YAML).status_code == 401
        assert (
            client.post("/api/validate", content=CONTRACT, headers={**YAML, "X-Docgen-Token": token}).status_code == 200
        )
        assert (
            client.post(
                "/api/validate", content=CONTRACT, headers={**YAML, "Authorization": f"Bearer {token}"}
            ).status_code
            == 200
        )
        opened = client.get(f"/?token={token}")  # the address the command prints
        assert opened.status_code == 200 and "docgen_token" in opened.headers.get("set-cookie", "")
        assert client.get("/").status_code == 200  # the browser keeps it as a cookie


def test_browser_posts_need_the_pages_csrf_token_and_this_origin(client: TestClient) -> None:
    token = csrf_of(client)
    assert client.post("/new", data={"name": "甲"}).status_code == 403
    assert client.post("/new", data={"name": "甲"}, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    other = {"X-CSRF-Token": token, "Origin": "http://evil.example"}
    assert client.post("/new", data={"name": "甲"}, headers=other).status_code == 403
    cross = {"X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"}
    assert client.post("/new", data={"name": "甲"}, headers=cross).status_code == 403
    same = {"X-CSRF-Token": token, "Origin": BASE, "Sec-Fetch-Site": "same-origin", "HX-Request": "true"}
    assert client.post("/new", data={"name": "甲"}, headers=same).status_code == 204


@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_the_api_takes_only_types_another_site_cannot_send(client: TestClient, kind: str) -> None:
    headers = {"content-type": kind} if kind else {}
    answer = client.post("/api/validate", content=CONTRACT, headers=headers)
    assert answer.status_code == 415 and "application/json" in answer.json()["error"]


def test_multipart_to_the_api_needs_a_token(client: TestClient) -> None:
    upload = [("files", ("a.docx", b"PK\x03\x04", "application/octet-stream"))]
    assert client.post("/api/check", files=upload).status_code == 403
    assert client.post("/api/check", files=upload, headers={"X-CSRF-Token": csrf_of(client)}).status_code == 200


def test_a_body_over_the_limit_is_refused_before_it_is_read(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = client.post("/api/validate", content=b"x", headers={**YAML, "content-length": str(guard.DATA_LIMIT + 1)})
    assert declared.status_code == 413 and "MiB" in declared.json()["error"]
    chunk = b"#" * (1024 * 1024)

    def stream() -> Iterator[bytes]:  # no Content-Length: refused while it streams in
        for _ in range(guard.DATA_LIMIT // len(chunk) + 2):
            yield chunk

    streamed = client.post("/api/validate", content=stream(), headers=YAML)
    assert streamed.status_code == 413
    uploads_limit = client.post(
        "/api/check",
        content=b"x",
        headers={
            "content-type": "multipart/form-data; boundary=x",
            "content-length": str(guard.DOCUMENT_LIMIT + 1),
            "X-CSRF-Token": csrf_of(client),
        },
    )
    assert uploads_limit.status_code == 413


def test_uploaded_names_are_shown_never_used_as_paths(client: TestClient, tmp_path: Path) -> None:
    token = csrf_of(client)
    evil = "../../逃出去.yaml"
    answer = imported(client, [("files", (evil, CONTRACT, "application/yaml"))], {"X-CSRF-Token": token})
    assert answer.status_code == 200 and "已导入 1 个项目" in answer.text and "逃出去.yaml" in answer.text
    assert not list(tmp_path.rglob("*逃出去*"))
    (project,) = client.get("/api/projects").json()
    assert "一件事一次办" in project["name"]
    named = client.post(
        "/api/check",
        files=[("files", ("../../x/申报表.docx", b"not a zip", "application/octet-stream"))],
        headers={"X-CSRF-Token": token},
    )
    (finding,) = named.json()
    assert finding["file"] == "../../x/申报表.docx" and finding["code"] == "DG-CHECK-READ"


def test_a_projects_files_stay_with_it(client: TestClient, tmp_path: Path) -> None:
    key = new_project(client, "乙")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for name in ("../../secret.png", "%2E%2E/%2E%2E/secret.png", "..%2F..%2Fsecret.png", "/etc/passwd"):
        answer = client.get(f"/p/{key}/files/{name}")
        assert answer.status_code in (400, 404) and not answer.content.startswith(b"\x89PNG")
    assert client.get("/p/..%2F..%2Fetc/").status_code in (400, 404)


def test_building_is_refused_while_there_are_errors(client: TestClient) -> None:
    key = new_project(client, "丁")
    refused = client.get(f"/p/{key}/download/application.docx")
    assert refused.status_code == 422 and "还不能生成" in refused.text and "DG-REQUIRED" in refused.text
    assert refused.headers["cache-control"] == "no-store"  # Back never shows a stale answer


@pytest.mark.libreoffice
def test_preview_pages_and_pdf_come_from_libreoffice_once_per_content(client: TestClient, tmp_path: Path) -> None:
    token = csrf_of(client)
    answer = imported(client, [("files", ("项目.yaml", CONTRACT, "application/yaml"))], {"X-CSRF-Token": token})
    key = re.search(r'href="/p/([^"]+)"', answer.text).group(1)  # type: ignore[union-attr]
    preview = client.get(f"/p/{key}/preview/application")
    assert preview.status_code == 200
    count = len(re.findall(r'<img class="page"', preview.text))
    assert count >= 1
    first = client.get(f"/p/{key}/preview/application/1.png")
    assert first.status_code == 200 and first.content.startswith(b"\x89PNG")
    assert client.get(f"/p/{key}/preview/application/{count + 1}.png").status_code == 404
    pdf = client.get(f"/p/{key}/download/application.pdf")
    assert pdf.content.startswith(b"%PDF") and "filename*=UTF-8''" in pdf.headers["content-disposition"]
    cache = tmp_path / "工作区" / ".docgen-cache" / "previews"
    (made,) = [p for p in cache.iterdir() if p.is_dir()]
    stamps = {p.name: p.stat().st_mtime_ns for p in made.iterdir()}
    again = client.get(f"/p/{key}/preview/application/1.png")  # unchanged content: from the cache
    assert again.content == first.content
    assert {p.name: p.stat().st_mtime_ns for p in made.iterdir()} == stamps  # nothing converted again


def test_importing_a_plan_workbook_and_a_filled_form(client: TestClient, tmp_path: Path) -> None:
    from test_batch import fill_workbook

    plan = tmp_path / "plan.xlsx"
    assert CliRunner().invoke(main, ["init", "--xlsx", str(plan)]).exit_code == 0
    fill_workbook(plan, ["甲项目", "乙项目"])
    token = {"X-CSRF-Token": csrf_of(client)}
    answer = imported(client, [("files", ("年度计划.xlsx", plan.read_bytes(), "application/octet-stream"))], token)
    assert "已导入 2 个项目" in answer.text and "甲项目" in answer.text and "乙项目" in answer.text
    assert "年度计划.xlsx" in answer.text  # the file is named by its own name
    CliRunner().invoke(
        main, ["build", str(SAMPLES / "contract-example.yaml"), "-o", str(tmp_path / "b"), "--forms", "申报表"]
    )
    form = next((tmp_path / "b").glob("*.docx"))
    answer = imported(client, [("files", (form.name, form.read_bytes(), "application/octet-stream"))], token)
    assert "已导入 1 个项目" in answer.text and "一件事一次办" in answer.text
    refused = imported(client, [("files", ("说明.txt", b"hello", "text/plain"))], token)
    assert "不是可导入的文件" in refused.text


@pytest.mark.libreoffice
def test_api_build_with_pdf_adds_a_pdf_of_each_document(client: TestClient) -> None:
    answer = client.post("/api/build?forms=申报表&pdf=1", content=CONTRACT, headers={"content-type": "text/yaml"})
    assert answer.status_code == 200
    names = names_in(answer.content)
    assert sorted(Path(n).suffix for n in names) == [".docx", ".pdf"]
    with zipfile.ZipFile(io.BytesIO(answer.content), metadata_encoding="gb18030") as archive:
        pdf = next(info for info in archive.infolist() if info.filename.endswith(".pdf"))
        assert archive.read(pdf).startswith(b"%PDF")


# ---------------------------------------------------------------- a finished surface


@pytest.mark.parametrize(
    ("method", "path", "status", "words"),
    [
        ("GET", "/no/such/page", 404, "没有这个页面"),
        ("POST", "/trash", 405, "不支持这种请求方式"),
        ("GET", "/p/nothing-here", 404, "没有这个项目"),
    ],
)
def test_errors_answer_in_chinese_for_pages_and_scripts(
    client: TestClient, method: str, path: str, status: int, words: str
) -> None:
    headers = {"X-CSRF-Token": csrf_of(client)}
    page = client.request(method, path, headers={**headers, "accept": "text/html"})
    assert page.status_code == status and words in page.text and "返回首页" in page.text
    assert '<link rel="stylesheet" href="/static/app.css">' in page.text
    script = client.request(method, path, headers={**headers, "accept": "application/json"})
    assert script.status_code == status and words in script.json()["error"]


def test_every_page_has_a_favicon(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/").text


def test_pages_are_never_cached(client: TestClient) -> None:
    key = new_project(client, "戊")
    for path in ("/", f"/p/{key}", f"/p/{key}/history", "/trash", "/review"):
        answer = client.get(path)
        assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store", path


def test_a_project_folder_of_an_earlier_desk_is_imported_once(tmp_path: Path) -> None:
    workspace = tmp_path / "工作区"
    folder = workspace / "老项目"
    (folder / "图片").mkdir(parents=True)
    (folder / "项目.yaml").write_bytes(CONTRACT)
    (folder / "图片" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with TestClient(create_app(workspace), base_url=BASE) as client:
        (project,) = client.get("/api/projects").json()
        assert project["errors"] == 0 and client.get(f"/p/{project['key']}/files/图片/a.png").status_code == 200
    with TestClient(create_app(workspace), base_url=BASE) as client:
        assert len(client.get("/api/projects").json()) == 1  # not twice
    assert (folder / "项目.yaml").read_bytes() == CONTRACT  # the folder stays as it was


def test_the_api_answers_json_whatever_the_client_accepts(client: TestClient) -> None:
    answer = client.post("/api/projects/x/history", headers={"accept": "text/html", "X-CSRF-Token": csrf_of(client)})
    assert answer.status_code == 405 and answer.json()["error"] == "这个地址不支持这种请求方式。"


def test_an_import_says_which_columns_it_read_and_which_it_did_not(client: TestClient, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "项目名称", "总投资", "建设地址", "建设地点说明"])
    sheet.append([1, "平凡工作簿项目", 480, "大武口区", "在城区"])
    sheet.append([2, "读不出金额的项目", "约五百万", "惠农区", ""])
    plain = tmp_path / "平凡的计划表.xlsx"
    book.save(plain)
    answer = imported(
        client,
        [("files", (plain.name, plain.read_bytes(), "application/octet-stream"))],
        {"X-CSRF-Token": csrf_of(client)},
    )
    text = answer.text
    assert "已导入 2 个项目" in text and "平凡的计划表.xlsx" in text
    # 总投资 is read (the offices' word for 项目预计总投资), and said so; 序号 is said not read
    assert "「总投资」→「项目预计总投资（万元）」" in text and "「建设地址」→「项目建设地址」" in text
    assert "「序号」" in text.split("没有读入的栏")[1]
    assert "「建设地点说明」，是不是「项目建设地址」？" in text
    # a value the model cannot read is named with its row and field, in the file's own name
    assert "「平凡的计划表.xlsx」工作表「Sheet」第3行" in text and "约五百万" in text
    projects = {p["name"]: p["key"] for p in client.get("/api/projects").json()}
    data = client.get(f"/api/projects/{projects['平凡工作簿项目']}").json()["data"]
    assert data["project"]["investment"]["total"] == 480 and data["project"]["location"] == "大武口区"


def test_a_broken_upload_is_named_by_its_own_name(client: TestClient) -> None:
    answer = imported(
        client,
        [("files", ("我的申报表.docx", b"PK\x03\x04 broken", "application/octet-stream"))],
        {"X-CSRF-Token": csrf_of(client)},
    )
    assert "我的申报表.docx" in answer.text and "upload" not in answer.text
