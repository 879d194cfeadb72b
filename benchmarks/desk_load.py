"""The city's desk under load: N simulated clerks (each with an account, a unit and a project of their
own) edit their projects through the API for S seconds against a real ``docgen serve`` process on
loopback — first on the workspace's SQLite file, then on a PostgreSQL server this script starts itself
(Debian's postgresql, as the tests do). Prints edits/s, p50/p95 save latency and errors, then checks
that no acknowledged edit was lost: every project holds its clerk's last acknowledged value, and has
exactly one version per acknowledged edit.

    python benchmarks/desk_load.py                     # 50 clerks, 60 s each database
    python benchmarks/desk_load.py --clerks 10 --seconds 10 --sqlite-only
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from docgen.desk.service import Desk  # noqa: E402

CONTRACT = (ROOT / "sample_data" / "contract-example.yaml").read_bytes()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def request(
    base: str, method: str, path: str, token: str, body: bytes | None = None, kind: str = ""
) -> tuple[int, dict]:  # type: ignore[type-arg]
    headers = {"Authorization": f"Bearer {token}"}
    if kind:
        headers["Content-Type"] = kind
    call = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=120) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


def run(label: str, workspace: Path, database: str | None, clerks: int, seconds: float) -> None:
    desk = Desk(workspace, database)
    desk.people.add_unit("石嘴山市数据局", "市数据局")
    tokens = []
    for number in range(clerks):
        unit = f"石嘴山市第{number + 1}局"
        desk.people.add_unit(unit, "市直部门", "石嘴山市数据局")
        desk.people.add_account(f"clerk{number}", unit, "经办人", "load-test-password")
        tokens.append(desk.people.new_token(f"clerk{number}"))
    desk.close()
    port = free_port()
    command = [sys.executable, "-m", "docgen", "serve", "--workspace", str(workspace), "--port", str(port)]
    if database:
        command += ["--database", database]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("docgen serve did not start") from None
                time.sleep(0.1)
        keys = []
        for token in tokens:
            status, made = request(base, "POST", "/api/projects", token, CONTRACT, "application/yaml")
            assert status == 201, status
            keys.append(made["key"])
        latencies: list[float] = []
        errors = [0]
        acknowledged: dict[str, tuple[str, int]] = {}
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def clerk(number: int) -> None:
            token, key = tokens[number], keys[number]
            count = 0
            while time.monotonic() < stop:
                value = f"第{number}位经办人的第{count}次修改"
                body = json.dumps([{"op": "replace", "path": "/project/location", "value": value}]).encode()
                started = time.perf_counter()
                status, saved = request(
                    base, "PATCH", f"/api/projects/{key}", token, body, "application/json-patch+json"
                )
                took = (time.perf_counter() - started) * 1000
                with lock:
                    if status == 200:
                        latencies.append(took)
                        acknowledged[key] = (value, saved["version"])
                        count += 1
                    else:
                        errors[0] += 1

        threads = [threading.Thread(target=clerk, args=(n,)) for n in range(clerks)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
        lost = 0
        for number, key in enumerate(keys):
            status, now = request(base, "GET", f"/api/projects/{key}", tokens[number])
            value, version = acknowledged.get(key, (None, 1))
            if (
                status != 200
                or (value is not None and now["data"]["project"]["location"] != value)
                or now["version"] != version
            ):
                lost += 1
        ordered = sorted(latencies)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0
        print(
            f"{label:<10} clerks {clerks:<3} edits {len(latencies):<6} {len(latencies) / elapsed:7.1f} edits/s   "
            f"save p50 {statistics.median(ordered) if ordered else 0:7.1f} ms  p95 {p95:7.1f} ms   "
            f"errors {errors[0]}   lost edits {lost}"
        )
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clerks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as work:
        run("SQLite", Path(work) / "sqlite", None, args.clerks, args.seconds)
    if args.sqlite_only:
        return
    import postgres

    with postgres.server() as admin, postgres.fresh_database(admin) as url, tempfile.TemporaryDirectory() as work:
        run("PostgreSQL", Path(work) / "pg", url, args.clerks, args.seconds)


if __name__ == "__main__":
    main()
