"""docgen serve: how fast the API and a preview answer, over real HTTP on loopback.

Starts the real server (uvicorn) on a free port with an empty workspace, then prints p50/p95
latency of ``POST /api/validate`` and ``POST /api/build`` (all four .docx) for the contract
example, of a save (``PATCH /api/projects/{key}``, target p95 ≤ 50 ms) beside what the file-based
desk's save cost (ruamel's round trip, measured in-process in the same run), and of a form's
preview: a look at a form just changed (one conversion: on the warm LibreOffice, and side by
side on the old path, one LibreOffice run per conversion, with ``DOCGEN_WARM_OFFICE=0``) and
looks at an unchanged form (the cached pages).
Targets: validate p95 ≤ 50 ms, build p95 ≤ 150 ms, preview of a changed form p95 ≤ 500 ms.

    python benchmarks/serve_benchmark.py              # N = 100 requests each
    python benchmarks/serve_benchmark.py --n 20       # quick
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.serve.app import create_app  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], httpx.Response], n: int) -> list[float]:
    call()  # warm: imports, template caches
    times = []
    for _ in range(n):
        started = time.perf_counter()
        answer = call()
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
    return times


def report(name: str, times: list[float], target: float | None = None) -> None:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    goal = f"  (target p95 ≤ {target:.0f} ms: {'met' if p95 <= target else 'NOT met'})" if target else ""
    print(f"{name:<34} n={len(times):<4} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms{goal}")


class _Done:
    def raise_for_status(self) -> None:
        return None


def before_save(body: bytes) -> _Done:
    """What a save cost on the file-based desk, measured here in-process (no HTTP, so in its favour):
    ruamel.yaml's round-trip edit of the whole file, parsing it again, and validating it."""
    from docgen.project import load_raw
    from docgen.sources.yaml_source import edit, parse

    text = body.decode("utf-8")
    changed = edit(text, [(("project", "location"), "石嘴山市大武口区朝阳西街1号")])
    load_raw(parse(changed, "项目.yaml"))
    return _Done()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    import uvicorn

    body = (ROOT / "sample_data" / "contract-example.yaml").read_bytes()
    with tempfile.TemporaryDirectory() as work:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(Path(work)), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        headers = {"content-type": "application/yaml"}
        with httpx.Client(base_url=base, timeout=120) as client:
            print(f"docgen serve on {base}, contract example, {args.n} requests each")
            report(
                "POST /api/validate",
                timed(lambda: client.post("/api/validate", content=body, headers=headers), args.n),
                50,
            )
            report(
                "POST /api/build (4 × .docx)",
                timed(lambda: client.post("/api/build", content=body, headers=headers), args.n),
                150,
            )

            made = client.post("/api/projects", content=body, headers=headers)
            made.raise_for_status()
            key = made.json()["key"]
            edits = iter(range(10**6))
            patch_headers = {"content-type": "application/json-patch+json"}

            def save() -> httpx.Response:
                """A clerk's typed value saved: one JSON Patch (with the test of what the page saw)."""
                number = next(edits)
                ops = [
                    {"op": "replace", "path": "/project/location", "value": f"石嘴山市大武口区朝阳西街{number}号"},
                ]
                return client.patch(f"/api/projects/{key}", content=json.dumps(ops), headers=patch_headers)

            report("save, before (in-process ruamel edit)", timed(lambda: before_save(body), max(10, args.n // 2)))
            report("save (PATCH /api/projects/{key})", timed(save, args.n), 50)

            def changed_preview() -> httpx.Response:
                """Change the project's name (as a clerk's edit does), then look at the 申报表."""
                ops = [
                    {"op": "replace", "path": "/project/name", "value": f"石嘴山市示范项目（第{next(edits)}次修改）"}
                ]
                client.patch(f"/api/projects/{key}", content=json.dumps(ops), headers=patch_headers).raise_for_status()
                return client.get(f"/p/{key}/preview/application")

            from docgen.render import pdf

            pdf.start()  # the warm LibreOffice starts with the server (once), not with the first look
            os.environ["DOCGEN_WARM_OFFICE"] = "0"
            report("preview, changed (one run, before)", timed(changed_preview, max(3, args.n // 20)))
            os.environ["DOCGEN_WARM_OFFICE"] = "1"
            report("preview, changed (warm LibreOffice)", timed(changed_preview, max(5, args.n // 5)), 500)
            cached = timed(lambda: client.get(f"/p/{key}/preview/application/1.png"), min(args.n, 50))
            report("preview page, unchanged (cache)", cached)
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    main()
