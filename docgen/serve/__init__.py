"""``docgen serve``: a browser desk for project units and reviewers, and an HTTP API for the
office's systems — local first, on the same data files, rules and documents as the command line.

Starlette + uvicorn + Jinja2, with htmx vendored as a static file (no CDN, no build step: the
pages work with no network at all). See ``app`` (routes), ``guard`` (what every request
passes), ``workspace`` (the project folders), ``preview`` (page pictures) and ``zipping``.
"""

from __future__ import annotations

import ipaddress
import os
import threading
import webbrowser
from pathlib import Path

from docgen.errors import InputError

DEFAULT_WORKSPACE = "docgen-工作区"
TOKEN_VARIABLE = "DOCGEN_TOKEN"


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(
    workspace: Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, open_browser: bool = False
) -> None:
    """Serve ``workspace`` until interrupted. Listening beyond loopback needs a token."""
    import uvicorn

    from docgen.serve.app import create_app

    token = token or os.environ.get(TOKEN_VARIABLE) or None
    if not is_loopback(host) and not token:
        raise InputError(
            f"监听 {host} 会让其他计算机访问本服务：请同时用 --token 或环境变量 {TOKEN_VARIABLE} 设置访问令牌"
        )
    app = create_app(workspace, token=token, hosts={host})
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"docgen 服务已启动：{address}（工作区：{workspace}；按 Ctrl+C 停止）", flush=True)
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(address)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


__all__ = ["DEFAULT_WORKSPACE", "is_loopback", "run"]
