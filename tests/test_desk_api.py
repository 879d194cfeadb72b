"""The project API of docgen serve (issue: the desk keeps every keystroke): versions and ETags,
JSON Patch with ``test`` operations (a stale page gets 409 and nothing is written, changes to
other fields merge), values read by their field's kind, history and restore, rename, copy,
delete and the 回收站 — over HTTP, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLES
from starlette.testclient import TestClient

from docgen.serve.app import create_app

BASE = "http://127.0.0.1:8000"
CONTRACT = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")
YAML = {"content-type": "application/yaml"}
PATCH = {"content-type": "application/json-patch+json"}


@pytest.fixture
def client(tmp_path: Path, database: str | None) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "工作区", database=database), base_url=BASE) as test_client:
        yield test_client


def create(client: TestClient, text: str = CONTRACT) -> dict[str, Any]:
    answer = client.post("/api/projects", content=text.encode("utf-8"), headers=YAML)
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


def patch(client: TestClient, key: str, ops: list[dict[str, Any]], **headers: str) -> Any:
    return client.patch(
        f"/api/projects/{key}", content=json.dumps(ops, ensure_ascii=False), headers={**PATCH, **headers}
    )


def items(client: TestClient, key: str) -> list[tuple[str, Any]]:
    data = client.get(f"/api/projects/{key}").json()["data"]
    return [(item["name"], item["amount"]) for item in data["project"]["investment"]["items"]]


def test_a_project_is_created_listed_and_read_with_its_version(client: TestClient) -> None:
    made = create(client)
    assert made["version"] == 1 and made["errors"] == 0 and made["name"].startswith("石嘴山市政务服务")
    listed = client.get("/api/projects").json()
    assert [(p["key"], p["version"], p["errors"]) for p in listed] == [(made["key"], 1, 0)]
    answer = client.get(f"/api/projects/{made['key']}")
    assert answer.headers["etag"] == '"v1"' and answer.headers["cache-control"] == "no-store"
    assert answer.json()["data"]["project"]["investment"]["total"] == 860
    assert client.get(f"/api/projects/{made['key']}", headers={"if-none-match": '"v1"'}).status_code == 304
    yaml = client.get(f"/api/projects/{made['key']}?format=yaml")
    assert yaml.text == CONTRACT  # the data file itself, comments and all
    assert client.get("/api/projects/nothing-here").status_code == 404


def test_a_stale_row_edit_is_refused_and_nothing_is_written(client: TestClient) -> None:
    """Tab A removes row 1 of 投资构成; tab B, still showing the old rows, changes 「数据治理…」's amount."""
    made = create(client)
    key, rows = made["key"], made["data"]["project"]["investment"]["items"]
    removed = patch(
        client,
        key,
        [
            {"op": "test", "path": "/project/investment/items/0", "value": rows[0]},
            {"op": "remove", "path": "/project/investment/items/0"},
        ],
    )
    assert removed.status_code == 200 and removed.json()["version"] == 2
    before = client.get(f"/api/projects/{key}?format=yaml").text
    stale = patch(
        client,
        key,
        [
            {"op": "test", "path": "/project/investment/items/1", "value": rows[1]},
            {"op": "replace", "path": "/project/investment/items/1/amount", "value": 85},
        ],
    )
    assert stale.status_code == 409
    body = stale.json()
    (conflict,) = body["conflicts"]
    assert conflict["label"] == "投资 › 投资构成 › 第2项"
    assert conflict["current"]["name"] == "系统集成与部署" and "已在别处修改" in body["error"]
    assert client.get(f"/api/projects/{key}?format=yaml").text == before  # nothing written
    assert client.get(f"/api/projects/{key}").json()["version"] == 2
    assert ("系统集成与部署", 60) in items(client, key) and ("数据治理与共享接口开发", 150) in items(client, key)


def test_changes_to_other_fields_merge(client: TestClient) -> None:
    made = create(client)
    key, data = made["key"], made["data"]
    first = patch(
        client,
        key,
        [
            {"op": "test", "path": "/project/location", "value": data["project"]["location"]},
            {"op": "replace", "path": "/project/location", "value": "大武口区"},
        ],
    )
    second = patch(
        client,
        key,
        [
            {"op": "test", "path": "/project/remarks", "value": data["project"].get("remarks")},
            {"op": "add", "path": "/project/remarks", "value": "另一个标签页的备注"},
        ],
    )
    assert first.status_code == 200 and second.status_code == 200 and second.json()["version"] == 3
    now = client.get(f"/api/projects/{key}").json()["data"]["project"]
    assert now["location"] == "大武口区" and now["remarks"] == "另一个标签页的备注"
    stale = patch(
        client,
        key,
        [
            {"op": "test", "path": "/project/location", "value": data["project"]["location"]},
            {"op": "replace", "path": "/project/location", "value": "惠农区"},
        ],
    )
    assert stale.status_code == 409
    (conflict,) = stale.json()["conflicts"]
    assert conflict["label"] == "项目建设地址" and conflict["current"] == "大武口区"


def test_if_match_names_the_version_a_script_started_from(client: TestClient) -> None:
    key = create(client)["key"]
    ops = [{"op": "replace", "path": "/project/location", "value": "大武口区"}]
    assert patch(client, key, ops, **{"if-match": '"v7"'}).status_code == 412
    answer = patch(client, key, ops, **{"if-match": '"v1"'})
    assert answer.status_code == 200 and answer.headers["etag"] == '"v2"'


@pytest.mark.parametrize("typed", ["2026-11-25", "2026/11/25", "2026.11.25", "2026年11月25日", " 2026-11-25 "])
def test_a_day_is_read_however_it_is_written(client: TestClient, typed: str) -> None:
    key = create(client)["key"]
    answer = patch(client, key, [{"op": "add", "path": "/project/schedule/start", "value": typed}])
    assert answer.status_code == 200
    assert answer.json()["data"]["project"]["schedule"]["start"] == "2026-11-25"
    assert "start: 2026-11-25" in client.get(f"/api/projects/{key}?format=yaml").text


@pytest.mark.parametrize("typed", ["2026-02-30", "61125-02-02", "9999-99-99", "下个月"])
def test_an_impossible_day_is_refused_in_chinese_and_never_stored(client: TestClient, typed: str) -> None:
    key = create(client)["key"]
    answer = patch(client, key, [{"op": "add", "path": "/project/schedule/start", "value": typed}])
    assert answer.status_code == 422
    assert "「起始时间」" in answer.json()["error"] and "不是有效的日期" in answer.json()["error"]
    assert answer.json()["field"] == "project.schedule.start"
    assert client.get(f"/api/projects/{key}").json()["version"] == 1


def test_amounts_and_yes_no_are_read_by_their_field(client: TestClient) -> None:
    key = create(client)["key"]
    answer = patch(
        client,
        key,
        [
            {"op": "replace", "path": "/project/investment/total", "value": "1,200万元"},
            {"op": "replace", "path": "/project/investment/this_year", "value": "８６０"},
        ],
    )
    assert answer.status_code == 200
    money = answer.json()["data"]["project"]["investment"]
    assert (money["total"], money["this_year"]) == (1200, 860)
    refused = patch(client, key, [{"op": "replace", "path": "/project/investment/total", "value": "一千多"}])
    assert refused.status_code == 422 and "「项目预计总投资（万元）」" in refused.json()["error"]


def test_every_save_is_a_version_with_its_fields_by_label_and_any_version_restores(client: TestClient) -> None:
    key = create(client)["key"]
    patch(client, key, [{"op": "replace", "path": "/project/location", "value": "大武口区"}])
    patch(client, key, [{"op": "replace", "path": "/project/leader/name", "value": "李四"}])
    history = client.get(f"/api/projects/{key}/history").json()
    assert [v["version"] for v in history] == [3, 2, 1]
    assert history[0]["author"] == "本机" and history[0]["changes"] == [
        {"field": "project.leader.name", "label": "项目负责人 › 姓名", "before": "王建国", "after": "李四"}
    ]
    assert history[1]["changes"][0]["label"] == "项目建设地址"
    restored = client.post(f"/api/projects/{key}/restore", json={"version": 1})
    assert restored.status_code == 200 and restored.json()["version"] == 4
    assert client.get(f"/api/projects/{key}?format=yaml").text == CONTRACT
    assert client.get(f"/api/projects/{key}/history").json()[0]["note"] == "恢复到第 1 版"
    assert client.get(f"/api/projects/{key}/versions/2").json()["data"]["project"]["location"] == "大武口区"
    assert client.post(f"/api/projects/{key}/restore", json={"version": 99}).status_code == 404


def test_a_project_is_renamed_copied_deleted_and_brought_back(client: TestClient) -> None:
    key = create(client)["key"]
    renamed = patch(client, key, [{"op": "replace", "path": "/project/name", "value": "石嘴山市改名后的项目"}])
    assert renamed.json()["name"] == "石嘴山市改名后的项目"
    copy = client.post(f"/api/projects/{key}/copy")
    assert copy.status_code == 201 and copy.json()["name"] == "石嘴山市改名后的项目（副本）"
    assert client.delete(f"/api/projects/{key}").status_code == 204
    assert client.get(f"/api/projects/{key}").status_code == 404
    assert [p["key"] for p in client.get("/api/projects").json()] == [copy.json()["key"]]
    assert "石嘴山市改名后的项目" in client.get("/trash").text
    assert client.post(f"/api/projects/{key}/undelete").status_code == 200
    assert client.get(f"/api/projects/{key}").json()["name"] == "石嘴山市改名后的项目"


def test_deleted_projects_are_kept_thirty_days(client: TestClient) -> None:
    key = create(client)["key"]
    client.delete(f"/api/projects/{key}")
    projects = client.app.app.state.desk.projects  # type: ignore[attr-defined]
    assert projects.purge(now=dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=29)) == 0
    assert projects.purge(now=dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=31)) == 1
    assert client.post(f"/api/projects/{key}/undelete").status_code == 404


def test_the_review_part_is_not_typed_in_but_recorded_by_the_review(client: TestClient) -> None:
    key = create(client)["key"]
    typed = patch(client, key, [{"op": "add", "path": "/review/network_security/result", "value": "符合"}])
    assert typed.status_code == 403 and "审查部分" in typed.json()["error"]
    recorded = client.post(
        f"/api/projects/{key}/security-review",
        json={"part": "网络安全", "result": "符合", "unit": "石嘴山市委网信办", "date": "2026-11-22"},
    )
    assert recorded.status_code == 200
    review = client.get(f"/api/projects/{key}").json()["data"]["review"]["network_security"]
    assert review == {"result": "符合", "unit": "石嘴山市委网信办", "date": "2026-11-22"}
    wrong = client.post(
        f"/api/projects/{key}/security-review", json={"part": "密码", "result": "符合", "date": "9999-99-99"}
    )
    assert wrong.status_code == 422 and "不是有效的日期" in wrong.json()["error"]


def test_comments_of_the_data_file_survive_every_edit(client: TestClient) -> None:
    key = create(client)["key"]
    for ops in (
        [{"op": "replace", "path": "/project/owner_unit", "value": "石嘴山市城市管理局𠮷"}],
        [
            {
                "op": "add",
                "path": "/project/investment/items/-",
                "value": {"name": "新模块", "category": "工程费", "amount": "12.5"},
            }
        ],
        [{"op": "remove", "path": "/project/investment/items/0"}],
        [{"op": "replace", "path": "/project/preparation", "value": "第一行\n第二行"}],
    ):
        assert patch(client, key, ops).status_code == 200
    text = client.get(f"/api/projects/{key}?format=yaml").text
    comments = [line.split("#", 1)[1] for line in CONTRACT.splitlines() if "#" in line and "应用系统开发" not in line]
    assert all(comment in text for comment in comments)
    assert "owner_unit: 石嘴山市城市管理局𠮷" in text and "preparation: |-" in text
    assert ("新模块", 12.5) in items(client, key)


def test_a_data_file_is_reimported_as_the_next_version(client: TestClient) -> None:
    key = create(client)["key"]
    changed = CONTRACT.replace("王建国", "王五")
    answer = client.put(f"/api/projects/{key}", content=changed.encode(), headers=YAML)
    assert answer.status_code == 200 and answer.json()["version"] == 2
    assert answer.json()["changes"][0]["after"] == "王五"
    broken = client.put(f"/api/projects/{key}", content=b"project: [unclosed", headers=YAML)
    assert broken.status_code == 422 and client.get(f"/api/projects/{key}").json()["version"] == 2


def test_json_bodies_are_read_strictly(client: TestClient) -> None:
    key = create(client)["key"]
    duplicate = client.patch(
        f"/api/projects/{key}",
        content='[{"op": "replace", "path": "/project/location", "value": "a", "value": "b"}]',
        headers=PATCH,
    )
    assert duplicate.status_code == 422 and "「value」出现了两次" in duplicate.json()["error"]
    assert patch(client, key, [{"op": "replace", "path": "/project/nothing/at/all", "value": 1}]).status_code == 422
    assert patch(client, key, [{"op": "frobnicate", "path": "/project/name"}]).status_code == 422
    wrong_type = client.patch(f"/api/projects/{key}", content=b"[]", headers={"content-type": "text/plain"})
    assert wrong_type.status_code == 415


def test_a_broken_picture_is_refused_before_it_is_stored(client: TestClient) -> None:
    key = create(client)["key"]
    broken = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00" + b"\x00" * 40
    import re

    csrf = re.search(r'data-csrf="([^"]+)"', client.get("/").text)
    assert csrf
    answer = client.post(
        f"/api/projects/{key}/files",
        files={"file": ("拓扑图.png", broken, "image/png")},
        headers={"X-CSRF-Token": csrf.group(1)},
    )
    assert answer.status_code == 422 and "拓扑图.png" in answer.json()["error"] and "没有保存" in answer.json()["error"]
    assert client.get(f"/p/{key}/download/application.docx").status_code == 200  # nothing half-stored
