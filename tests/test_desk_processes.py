"""Two ``docgen serve`` processes on one PostgreSQL database serve one state: a project created through
one is edited through the other and read back through the first at once; a session signed in on one
is signed in on the other (nothing that matters lives in one process's memory or disk)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desk_city import CONTRACT, PASSWORD
from helpers import free_port, wait_listening

from docgen.desk.service import Desk

pytestmark = pytest.mark.slow


def started(workspace: Path, database: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "docgen",
            "serve",
            "--workspace",
            str(workspace),
            "--database",
            database,
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    wait_listening(port, process)
    return process, f"http://127.0.0.1:{port}"


def call(base: str, method: str, path: str, body: bytes | None = None, **headers: str) -> tuple[int, Any, Any]:
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:  # our own servers on loopback
            raw = answer.read()
            return answer.status, json.loads(raw) if raw[:1] in (b"{", b"[") else raw, answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


@pytest.fixture
def two_servers(tmp_path: Path, postgres_server: str) -> Iterator[tuple[str, str, str]]:
    import postgres

    with postgres.fresh_database(postgres_server) as url:
        desk = Desk(tmp_path / "甲", url)
        desk.people.add_unit("石嘴山市数据局", "市数据局")
        desk.people.add_unit("石嘴山市政务服务管理局", "市直部门", "石嘴山市数据局")
        desk.people.add_account("clerk", "石嘴山市政务服务管理局", "经办人", PASSWORD)
        token = desk.people.new_token("clerk")
        desk.close()
        first, a = started(tmp_path / "甲", url)
        second, b = started(tmp_path / "乙", url)  # another workspace: only the database is shared
        try:
            yield a, b, token
        finally:
            for process in (first, second):
                process.terminate()
                process.wait(30)


def test_two_processes_on_one_postgresql_serve_one_state(two_servers: tuple[str, str, str]) -> None:
    a, b, token = two_servers
    auth = {"Authorization": f"Bearer {token}"}
    status, made, _ = call(
        a, "POST", "/api/projects", CONTRACT.encode(), **auth, **{"Content-Type": "application/yaml"}
    )
    assert status == 201
    key = made["key"]
    patch = json.dumps([{"op": "replace", "path": "/project/location", "value": "在乙进程中修改"}]).encode()
    status, saved, _ = call(
        b, "PATCH", f"/api/projects/{key}", patch, **auth, **{"Content-Type": "application/json-patch+json"}
    )
    assert status == 200 and saved["version"] == 2
    status, seen, headers = call(a, "GET", f"/api/projects/{key}", **auth)
    assert status == 200 and seen["data"]["project"]["location"] == "在乙进程中修改" and headers["ETag"] == '"v2"'
    stale = json.dumps(
        [
            {"op": "test", "path": "/project/location", "value": made["data"]["project"]["location"]},
            {"op": "replace", "path": "/project/location", "value": "甲的旧页面"},
        ]
    ).encode()
    status, _, _ = call(
        a, "PATCH", f"/api/projects/{key}", stale, **auth, **{"Content-Type": "application/json-patch+json"}
    )
    assert status == 409
    # a browser's session started on one process is valid on the other
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(a + "/login").read().decode()
    login_token = re.search(r'name="login_token" value="([^"]+)"', page)
    assert login_token
    form = urllib.parse.urlencode({"name": "clerk", "password": PASSWORD, "login_token": login_token.group(1)}).encode()
    opener.open(a + "/login", form)
    home = opener.open(b).read().decode()  # the other process, the same cookie
    assert "clerk" in home and "在乙进程中修改" not in home and "一件事一次办" in home
