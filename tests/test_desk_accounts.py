"""The city's desk (issue: units, accounts and roles): the first account makes every request sign in;
each role sees exactly its projects and gets 404 for the rest; a clerk cannot record a review; sign-in
waits after failures; tokens act as their account; every action is in the audit log — over HTTP, on
SQLite and on a real PostgreSQL server. The administrative commands through the CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from desk_city import BASE, CONTRACT, PASSWORD, City, city
from starlette.testclient import TestClient

from docgen.cli import main
from docgen.serve.app import create_app


@pytest.fixture
def town(tmp_path: Path, database: str | None) -> Iterator[City]:
    with city(tmp_path / "工作区", database) as made:
        yield made


def login(client: TestClient, name: str, password: str = PASSWORD, **headers: str) -> object:
    page = client.get("/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.text)
    assert token
    return client.post(
        "/login",
        data={"name": name, "password": password, "login_token": token.group(1), "next": "/"},
        headers=headers,
        follow_redirects=False,
    )


def test_the_first_account_makes_every_request_sign_in(tmp_path: Path) -> None:
    workspace = tmp_path / "工作区"
    with TestClient(create_app(workspace), base_url=BASE) as client:
        assert client.get("/").status_code == 200  # a single-user desk: 本机
        desk = client.app.app.state.desk  # type: ignore[attr-defined]
        desk.people.add_unit("石嘴山市数据局", "市数据局")
        desk.people.add_account("管理员甲", "石嘴山市数据局", "管理员", PASSWORD)
        client.app._multi = (0.0, False)  # type: ignore[attr-defined]  # the guard asks the database again
        page = client.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        api = client.get("/api/projects")
        assert api.status_code == 401 and "需要登录" in api.json()["error"]
        assert "登录" in client.get("/login").text


def test_signing_in_and_out(town: City) -> None:
    client = town.client
    wrong = login(client, "city_clerk", "not the password")
    assert wrong.status_code == 401 and "账号或密码不正确" in wrong.text  # type: ignore[attr-defined]
    signed = login(client, "city_clerk")
    assert signed.status_code == 303  # type: ignore[attr-defined]
    cookie = signed.headers["set-cookie"]  # type: ignore[attr-defined]
    assert (
        "docgen_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    )
    assert "Secure" not in cookie  # plain HTTP on loopback
    home = client.get("/")
    assert home.status_code == 200 and "city_clerk" in home.text and "石嘴山市政务服务管理局" in home.text
    csrf = re.search(r'data-csrf="([^"]+)"', home.text)
    assert csrf
    assert client.post("/logout", headers={"X-CSRF-Token": csrf.group(1)}, follow_redirects=False).status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_cookies_are_secure_behind_a_trusted_proxy(tmp_path: Path, database: str | None) -> None:
    with city(tmp_path / "工作区", database) as town:
        app = create_app(tmp_path / "工作区", desk=town.desk, trusted_proxies={"testclient"})
        with TestClient(app, base_url=BASE) as client:
            signed = login(client, "city_clerk", **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"})
            assert "Secure" in signed.headers["set-cookie"]  # type: ignore[attr-defined]
            entries = [
                e for e in town.desk.people.db.engine.connect().exec_driver_sql("select address, action from audit")
            ]
            assert ("10.1.2.3", "登录") in [tuple(row) for row in entries]


def test_after_five_failures_an_account_waits_longer_each_time(town: City) -> None:
    for _ in range(5):
        assert login(town.client, "police_clerk", "wrong password").status_code == 401  # type: ignore[attr-defined]
    waiting = login(town.client, "police_clerk", PASSWORD)
    assert waiting.status_code == 429 and "秒后再试" in waiting.text  # type: ignore[attr-defined]
    assert 0 < int(waiting.headers["retry-after"]) <= 30  # type: ignore[attr-defined]
    from docgen.store.schema import Throttle

    with town.desk.db.read() as session:  # the first wait is 30 s, doubled with each further failure
        throttle = session.get(Throttle, "account:police_clerk")
        assert throttle is not None and throttle.failures == 5 and throttle.wait_until is not None
        assert (throttle.wait_until - throttle.updated_at).total_seconds() == 30
    assert login(town.client, "police_clerk", "wrong again").status_code == 429  # type: ignore[attr-defined]

    town.desk.people.reset_password("police_clerk", "a brand new pass")  # an administrator's reset clears its wait
    with town.desk.db.read() as session:
        assert session.get(Throttle, "account:police_clerk") is None
        assert session.get(Throttle, "address:testclient") is not None  # the address that guessed still waits
    assert login(town.client, "police_clerk", "a brand new pass").status_code == 429  # type: ignore[attr-defined]


def test_a_clerk_sees_only_the_projects_of_their_unit(town: City) -> None:
    mine = town.create("city_clerk")
    theirs = town.create("police_clerk")
    assert [p["key"] for p in town.call("city_clerk", "GET", "/api/projects").json()] == [mine]
    assert [p["unit"] for p in town.call("police_clerk", "GET", "/api/projects").json()] == ["石嘴山市公安局"]
    for method, path in (
        ("GET", f"/api/projects/{theirs}"),
        ("GET", f"/api/projects/{theirs}?format=yaml"),
        ("GET", f"/api/projects/{theirs}/history"),
        ("GET", f"/p/{theirs}"),
        ("GET", f"/p/{theirs}/history"),
        ("GET", f"/p/{theirs}/download/application.docx"),
        ("GET", f"/p/{theirs}/package.zip"),
        ("GET", f"/p/{theirs}/data.yaml"),
        ("GET", f"/p/{theirs}/preview/application"),
        ("DELETE", f"/api/projects/{theirs}"),
        ("POST", f"/api/projects/{theirs}/copy"),
        ("POST", f"/api/projects/{theirs}/submit"),
    ):
        answer = town.call("city_clerk", method, path)
        assert answer.status_code == 404, (method, path, answer.status_code)
        assert "石嘴山市政务服务" not in answer.text  # the other project's existence is not revealed
    stale = town.patch("city_clerk", theirs, [{"op": "replace", "path": "/project/location", "value": "x"}])
    assert stale.status_code == 404


def test_reviewers_administrators_and_offices_see_nothing_unsubmitted(town: City) -> None:
    key = town.create("county_clerk")
    for who in ("county_reviewer", "city_reviewer", "network", "crypto", "admin"):
        assert town.call(who, "GET", "/api/projects").json() == [], who
        assert town.call(who, "GET", f"/api/projects/{key}").status_code == 404, who


def test_only_the_reviewers_record_the_review_part(town: City) -> None:
    key = town.create("city_clerk")
    typed = town.patch("city_clerk", key, [{"op": "add", "path": "/review/network_security/result", "value": "符合"}])
    assert typed.status_code == 403
    body = {"part": "网络安全", "result": "符合", "unit": "石嘴山市委网信办", "date": "2026-11-22"}
    assert town.call("city_clerk", "POST", f"/api/projects/{key}/security-review", body).status_code == 403
    assert town.call("city_clerk", "POST", f"/api/projects/{key}/submit").status_code == 200
    assert town.call("network", "POST", f"/api/projects/{key}/security-review", body).status_code == 200
    crypto = {**body, "part": "密码"}
    refused = town.call("network", "POST", f"/api/projects/{key}/security-review", crypto)
    assert refused.status_code == 403 and "密码审查" in refused.json()["error"]
    assert town.call("crypto", "POST", f"/api/projects/{key}/security-review", crypto).status_code == 200
    review = town.call("city_clerk", "GET", f"/api/projects/{key}").json()["data"]["review"]
    assert review["network_security"]["result"] == "符合" and review["cryptography"]["unit"] == "石嘴山市委网信办"


def test_an_administrator_manages_accounts_not_projects(town: City) -> None:
    town.create("city_clerk")
    assert town.call("admin", "GET", "/api/projects").json() == []
    assert (
        town.call("admin", "POST", "/api/projects", CONTRACT.encode(), content_type="application/yaml").status_code
        == 403
    )
    entries = town.call("admin", "GET", "/api/audit").json()
    assert {"添加账号", "生成接口令牌", "新建" if False else "经接口新建"} <= {e["action"] for e in entries}


def test_a_token_acts_as_its_account_until_the_account_is_disabled(town: City) -> None:
    key = town.create("police_clerk")
    assert town.call("police_clerk", "GET", f"/api/projects/{key}").status_code == 200
    town.desk.people.set_disabled("police_clerk", True)
    refused = town.call("police_clerk", "GET", f"/api/projects/{key}")
    assert refused.status_code == 401
    wrong = town.client.get("/api/projects", headers={"Authorization": "Bearer dg_not-a-token"})
    assert wrong.status_code == 401


def test_the_audit_log_holds_each_action(town: City) -> None:
    key = town.create("city_clerk")
    town.patch("city_clerk", key, [{"op": "replace", "path": "/project/location", "value": "大武口区"}])
    town.call("city_clerk", "GET", f"/p/{key}/download/application.docx")
    login(town.client, "city_clerk", "wrong password")
    assert town.call("city_clerk", "GET", "/api/audit").status_code == 403
    entries = town.call("admin", "GET", "/api/audit").json()
    actions = [(e["account"], e["action"], e["project"]) for e in entries]
    assert ("city_clerk", "经接口新建", key) in actions
    assert ("city_clerk", "修改", key) in actions
    assert ("city_clerk", "下载", key) in actions
    assert any(a == "登录失败" for _who, a, _p in actions)
    entry = next(e for e in entries if e["action"] == "修改")
    assert set(entry) == {"at", "account", "unit", "address", "action", "project", "detail"}
    assert entry["unit"] == "石嘴山市政务服务管理局" and "第 2 版" in entry["detail"]
    since = town.call("admin", "GET", "/api/audit?since=2999-01-01").json()
    assert since == []
    assert town.call("city_reviewer", "GET", "/api/audit").json() == []  # sees no project yet
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="审计日志只能追加"), town.desk.db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit")  # the database itself refuses: append-only


def test_the_administrative_commands(tmp_path: Path, database: str | None) -> None:
    runner = CliRunner()
    where = ["--workspace", str(tmp_path / "工作区"), *(["--database", database] if database else [])]
    assert runner.invoke(main, ["units", "add", "石嘴山市数据局", "--kind", "市数据局", *where]).exit_code == 0
    bad = runner.invoke(main, ["units", "add", "某局", "--kind", "不存在", *where])
    assert bad.exit_code == 2 and "单位类型「不存在」无效" in bad.output
    made = runner.invoke(
        main,
        ["accounts", "add", "甲", "--unit", "石嘴山市数据局", "--role", "审查人", "--password-stdin", *where],
        input="secret password\n",
    )
    assert made.exit_code == 0 and "secret password" not in made.output
    generated = runner.invoke(main, ["accounts", "add", "乙", "--unit", "石嘴山市数据局", "--role", "管理员", *where])
    assert generated.exit_code == 0 and "初始密码" in generated.output
    token = runner.invoke(main, ["accounts", "token", "甲", *where])
    assert token.exit_code == 0 and token.stdout.strip().splitlines()[-1].startswith("dg_")
    listed = json.loads(runner.invoke(main, ["accounts", "list", "--format", "json", *where]).stdout)
    assert [(a["name"], a["role"]) for a in listed] == [("甲", "审查人"), ("乙", "管理员")]
    assert runner.invoke(main, ["accounts", "disable", "甲", *where]).exit_code == 0
    assert json.loads(runner.invoke(main, ["accounts", "list", "--format", "json", *where]).stdout)[0]["disabled"]
    log = json.loads(runner.invoke(main, ["audit", "--format", "json", *where]).stdout)
    assert [e["action"] for e in log][:3] == ["添加单位", "添加账号", "添加账号"]


def test_units_come_from_a_workbook_all_or_nothing(tmp_path: Path) -> None:
    from openpyxl import Workbook

    where = ["--workspace", str(tmp_path / "工作区")]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["单位名称", "类型", "上级单位"])
    sheet.append(["大武口区教育局", "县区部门", "大武口区数据局"])  # its parent comes later in the sheet
    sheet.append(["石嘴山市数据局", "市数据局", ""])
    sheet.append(["大武口区数据局", "县区数据局", "石嘴山市数据局"])
    sheet.append(["惠农区某局", "乱写的类型", "石嘴山市数据局"])
    sheet.append(["某局", "市直部门", "不存在的局"])
    book.save(tmp_path / "单位.xlsx")
    refused = CliRunner().invoke(main, ["units", "import", str(tmp_path / "单位.xlsx"), *where])
    assert refused.exit_code == 2
    assert "第5行" in refused.output and "乱写的类型" in refused.output and "第6行" in refused.output
    assert json.loads(CliRunner().invoke(main, ["units", "list", "--format", "json", *where]).stdout) == []
    sheet.delete_rows(5, 2)
    book.save(tmp_path / "单位.xlsx")
    done = CliRunner().invoke(main, ["units", "import", str(tmp_path / "单位.xlsx"), *where])
    assert done.exit_code == 0 and "已导入 3 个单位" in done.output


def test_a_running_sqlite_desk_is_backed_up(tmp_path: Path) -> None:
    import sqlite3

    workspace = tmp_path / "工作区"
    with city(workspace, None) as town:
        key = town.create("city_clerk")
        result = CliRunner().invoke(main, ["backup", str(tmp_path / "备份.sqlite3"), "--workspace", str(workspace)])
        assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "备份.sqlite3") as copy:
        assert copy.execute("select key from projects").fetchall() == [(key,)]
        assert copy.execute("pragma integrity_check").fetchone() == ("ok",)
