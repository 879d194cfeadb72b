"""A small city for the desk's tests: units in a tree and one account per role, each with an API
token — and a client per account (Starlette's test client over one app)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import SAMPLES
from starlette.testclient import TestClient

from docgen.desk.service import Desk
from docgen.serve.app import create_app
from docgen.store.database import DATABASE_FILE, backup_sqlite

BASE = "http://127.0.0.1:8000"
CONTRACT = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")
PASSWORD = "correct horse 11"

UNITS = [
    ("石嘴山市数据局", "市数据局", None),
    ("大武口区数据局", "县区数据局", "石嘴山市数据局"),
    ("大武口区教育局", "县区部门", "大武口区数据局"),
    ("惠农区数据局", "县区数据局", "石嘴山市数据局"),
    ("惠农区民政局", "县区部门", "惠农区数据局"),
    ("石嘴山市政务服务管理局", "市直部门", "石嘴山市数据局"),
    ("石嘴山市公安局", "市直部门", "石嘴山市数据局"),
    ("石嘴山市委网信办", "网信部门", "石嘴山市数据局"),
    ("石嘴山市密码管理局", "密码管理部门", "石嘴山市数据局"),
]
ACCOUNTS = {
    "city_clerk": ("石嘴山市政务服务管理局", "经办人"),
    "police_clerk": ("石嘴山市公安局", "经办人"),
    "county_clerk": ("大武口区教育局", "经办人"),
    "other_county_clerk": ("惠农区民政局", "经办人"),
    "county_reviewer": ("大武口区数据局", "审查人"),
    "other_county_reviewer": ("惠农区数据局", "审查人"),
    "city_reviewer": ("石嘴山市数据局", "审查人"),
    "network": ("石嘴山市委网信办", "网信审查"),
    "crypto": ("石嘴山市密码管理局", "密码审查"),
    "admin": ("石嘴山市数据局", "管理员"),
}


@dataclass
class City:
    client: TestClient
    desk: Desk
    tokens: dict[str, str] = field(default_factory=dict)

    def call(self, who: str, method: str, path: str, body: Any = None, **headers: str) -> Any:
        kind = headers.pop("content_type", "application/json")
        content = None
        if body is not None:
            content = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        return self.client.request(
            method,
            path,
            content=content,
            headers={"Authorization": f"Bearer {self.tokens[who]}", "content-type": kind, **headers},
        )

    def create(self, who: str, text: str = CONTRACT) -> str:
        answer = self.call(who, "POST", "/api/projects", text.encode("utf-8"), content_type="application/yaml")
        assert answer.status_code == 201, answer.text
        return str(answer.json()["key"])

    def patch(self, who: str, key: str, ops: list[dict[str, Any]]) -> Any:
        return self.call(who, "PATCH", f"/api/projects/{key}", ops, content_type="application/json-patch+json")


def _populate(desk: Desk) -> dict[str, str]:
    for name, kind, parent in UNITS:
        desk.people.add_unit(name, kind, parent)
    tokens = {}
    for name, (unit, role) in ACCOUNTS.items():
        desk.people.add_account(name, unit, role, PASSWORD)
        tokens[name] = desk.people.new_token(name)
    return tokens


_MADE: dict[str, tuple[Desk, dict[str, str]]] = {}


def _sqlite_city() -> tuple[Desk, dict[str, str]]:
    """The city's units and accounts made once per test process — Argon2 takes its time over ten
    passwords, as it should — and copied into each test's workspace (SQLite's backup, as docgen
    backup copies a database)."""
    if not _MADE:
        desk = Desk(Path(tempfile.mkdtemp(prefix="docgen-city-")), None)
        _MADE["sqlite"] = (desk, _populate(desk))
    return _MADE["sqlite"]


@contextmanager
def city(workspace: Path, database: str | None, *, submit_pdf: bool = False) -> Iterator[City]:
    if database is None:
        made, tokens = _sqlite_city()
        backup_sqlite(made.db, workspace / DATABASE_FILE)
        desk = Desk(workspace, None, submit_pdf=submit_pdf)
        tokens = dict(tokens)
    else:
        desk = Desk(workspace, database, submit_pdf=submit_pdf)
        tokens = _populate(desk)
    with TestClient(create_app(workspace, desk=desk), base_url=BASE) as client:
        yield City(client, desk, tokens)
