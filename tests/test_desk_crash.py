"""A server killed mid-save: ``docgen serve`` is killed (SIGKILL, no chance to tidy up) while two
clerks keep saving. After a restart on the same database every save the server acknowledged is
there, in order, as a version of its own with its audit entry; a save it never acknowledged is
either wholly there or wholly absent; the stored data file is whole and reads back."""

from __future__ import annotations

import json
import signal
import threading
import urllib.error
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import SAMPLES, Server

pytestmark = pytest.mark.slow  # two real server starts and a kill: seconds; the full suite runs it

CONTRACT = (SAMPLES / "contract-example.yaml").read_bytes()
PATCH = "application/json-patch+json"
FIELD = "/project/location"  # 项目建设地址
SAVES_BEFORE_KILL = 12  # per clerk: the kill comes while both keep saving


class Clerk(threading.Thread):
    """Saves 「第N次保存」 into one project's 项目建设地址 until the server stops answering; remembers
    the last save the server acknowledged (its number and the version it answered)."""

    def __init__(self, server: Server, key: str, enough: threading.Semaphore) -> None:
        super().__init__(daemon=True)
        self.server, self.key, self.enough = server, key, enough
        self.acknowledged = 0
        self.version = 1
        self.refused: list[Any] = []

    def run(self) -> None:
        number = 0
        while True:
            number += 1
            ops = [{"op": "replace", "path": FIELD, "value": f"第{number}次保存"}]
            try:
                status, body = self.server.call(
                    "PATCH", f"/api/projects/{self.key}", json.dumps(ops, ensure_ascii=False).encode(), PATCH
                )
            except (urllib.error.URLError, ConnectionError, OSError):
                return  # the server is gone: this save was never acknowledged
            if status != 200:
                self.refused.append((status, body))
                return
            self.acknowledged, self.version = number, int(body["version"])
            if number == SAVES_BEFORE_KILL:
                self.enough.release()


def test_a_server_killed_mid_save_keeps_every_acknowledged_save_and_nothing_half_written(
    tmp_path: Path, database: str | None
) -> None:
    workspace = tmp_path / "工作区"
    extra = ("--database", database) if database else ()
    server = Server(workspace, *extra)
    keys = []
    for _ in range(2):
        status, made = server.call("POST", "/api/projects", CONTRACT, "application/yaml")
        assert status == 201, made
        keys.append(made["key"])
    enough = threading.Semaphore(0)
    clerks = [Clerk(server, key, enough) for key in keys]
    for clerk in clerks:
        clerk.start()
    for _ in clerks:
        assert enough.acquire(timeout=600), "the clerks' saves were not answered"
    server.process.send_signal(signal.SIGKILL)  # while both clerks are saving
    server.process.wait()
    for clerk in clerks:
        clerk.join(timeout=600)
        assert not clerk.is_alive() and clerk.refused == []
    assert server.process.stderr is not None
    server.process.stderr.close()

    again = Server(workspace, *extra)
    try:
        for clerk in clerks:
            status, stored = again.call("GET", f"/api/projects/{clerk.key}")
            assert status == 200
            version = stored["version"]
            # the save in flight when the server died: wholly there (one more version) or wholly absent
            assert version in (clerk.version, clerk.version + 1)
            last = clerk.acknowledged + (version - clerk.version)
            assert stored["data"]["project"]["location"] == f"第{last}次保存"
            status, history = again.call("GET", f"/api/projects/{clerk.key}/history")
            assert [entry["version"] for entry in history] == list(range(version, 0, -1))  # no gap, no double
            for entry in history[:-1]:  # every save after the first version: one field, its own value
                number = entry["version"] - 1
                assert entry["changes"][0]["after"] == f"第{number}次保存"
            status, text = again.call("GET", f"/api/projects/{clerk.key}?format=yaml")
            assert status == 200
            assert yaml.safe_load(text)["project"]["location"] == f"第{last}次保存"  # the file is whole
            status, audit = again.call("GET", "/api/audit")
            assert status == 200
            saves = [entry for entry in audit if entry["project"] == clerk.key and entry["action"] == "修改"]
            assert len(saves) == version - 1  # one audit entry per save, none for a save that is not there
        # the restarted server takes saves again, from the version it found
        found = again.call("GET", f"/api/projects/{keys[0]}")[1]["version"]
        ops = [{"op": "replace", "path": FIELD, "value": "重启后保存"}]
        status, body = again.call(
            "PATCH", f"/api/projects/{keys[0]}", json.dumps(ops, ensure_ascii=False).encode(), PATCH
        )
        assert status == 200 and body["version"] == found + 1
    finally:
        again.stop()
