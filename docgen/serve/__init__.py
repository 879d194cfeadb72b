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
    """True only for a loopback address or name; "" (every interface) is not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(
    workspace: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    open_browser: bool = False,
    database: str | None = None,
    allowed_hosts: tuple[str, ...] = (),
    trusted_proxies: tuple[str, ...] = (),
    session_hours: float = 8.0,
    workers: int = 1,
) -> None:
    """Serve ``workspace`` until interrupted. Listening beyond loopback needs a token or accounts.
    ``workers`` > 1: that many server processes behind the one address, over the one database."""
    import uvicorn

    from docgen.desk.service import Desk
    from docgen.serve.app import create_app

    token = token or os.environ.get(TOKEN_VARIABLE) or None
    desk = Desk(workspace, database)
    if desk.upgrade_note:
        print(desk.upgrade_note, flush=True)
    multi = desk.multi_user()
    if not is_loopback(host) and not token and not multi:
        raise InputError(
            f"监听 {host or '所有网络地址'} 会让其他计算机访问本服务：请添加账号（docgen accounts add），"
            f"或用 --token / 环境变量 {TOKEN_VARIABLE} 设置访问令牌"
        )
    app = create_app(
        workspace,
        token=token,
        hosts=allowed_hosts,
        trusted_proxies=trusted_proxies,
        session_hours=session_hours,
        desk=desk,
        warm=True,
    )
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token and not multi else "")
    mode = "多用户（须登录）" if multi else "单用户"
    print(f"docgen 服务已启动：{address}（{mode}；工作区：{workspace}；按 Ctrl+C 停止）", flush=True)
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(address)).start()
    from docgen.serve.protocol import TimedH11Protocol

    if workers > 1:
        settings = {
            "DOCGEN_WORKSPACE": str(workspace),
            "DOCGEN_DATABASE": database or "",
            "DOCGEN_TOKEN": token or "",
            "DOCGEN_ALLOWED_HOSTS": ",".join(allowed_hosts),
            "DOCGEN_TRUSTED_PROXIES": ",".join(trusted_proxies),
            "DOCGEN_SESSION_HOURS": str(session_hours),
        }
        os.environ.update(settings)
        desk.close()
        uvicorn.run(
            "docgen.serve.asgi:make",
            factory=True,
            workers=workers,
            host=host or "0.0.0.0",
            port=port,
            log_level="warning",
            http=TimedH11Protocol,
            timeout_keep_alive=15,
            h11_max_incomplete_event_size=64 * 1024,
        )
        return
    uvicorn.run(
        app,
        host=host or "0.0.0.0",
        port=port,
        log_level="warning",
        http=TimedH11Protocol,  # request headers within a limit (slow clients are closed)
        timeout_keep_alive=15,
        h11_max_incomplete_event_size=64 * 1024,
    )


__all__ = ["DEFAULT_WORKSPACE", "is_loopback", "run"]
