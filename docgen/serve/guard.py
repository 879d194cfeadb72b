"""What every request to ``docgen serve`` passes before it reaches a page or the API.

* **Host.** A desk without accounts and without a token answers only to loopback names (a
  DNS-rebinding page cannot talk to it). A desk with accounts or a token also answers to the
  machine's own names, to any IP address (an address cannot be rebound) and to the names given
  with ``--allowed-host``.
* **Who.** A multi-user desk (one with accounts) needs a session (signed in on ``/login``) or an
  API token (``Authorization: Bearer``) on every address, loopback included; pages without one
  go to the sign-in page, API calls get 401. A single-user desk acts as 「本机」; with ``--token``
  every request carries the token (header, Bearer, or the cookie a browser gets from ``?token=``).
* **Writes.** A browser's request that changes anything carries its page's CSRF token
  (``X-CSRF-Token``) and comes from this origin (``Origin`` / ``Sec-Fetch-Site``); API calls with a
  bearer token need none. The API takes only JSON, JSON Patch, YAML or multipart bodies.
* **Size.** A body over its limit (data 20 MiB, documents 64 MiB) is refused with 413 as soon as
  it is known: from ``Content-Length``, or while it streams in.
* **Where from.** The client's address is the peer's, or — only when the peer is one of the
  ``--trusted-proxy`` addresses — the one ``X-Forwarded-For`` names; ``X-Forwarded-Proto: https``
  from such a proxy marks cookies ``Secure``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import ipaddress
import json
import os
import socket
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from starlette.concurrency import run_in_threadpool

from docgen.desk.actors import Actor
from docgen.desk.service import Desk

DATA_LIMIT = 20 * 1024 * 1024
DOCUMENT_LIMIT = 64 * 1024 * 1024
TOKEN_COOKIE = "docgen_token"
SESSION_COOKIE = "docgen_session"
API_TYPES = (
    "application/json",
    "application/json-patch+json",
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    "multipart/form-data",
)
#: Paths that take documents (uploads); every other body is data.
DOCUMENT_PATHS = ("/api/check", "/review/check", "/import", "/p/", "/api/projects/")
#: Reachable without signing in.
PUBLIC = ("/login", "/static/", "/favicon.ico")
API_ONLY = (
    "接口只接受 application/json、application/json-patch+json、application/yaml 或 multipart/form-data 类型的内容"
)
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


#: seconds between two parts of a request's body before the server stops waiting (a slow client)
BODY_SECONDS = float(os.environ.get("DOCGEN_BODY_SECONDS", "60"))


class SlowBody(Exception):
    """A client sent part of a body and then nothing for ``BODY_SECONDS``."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class TooLarge(Exception):
    """The body grew past its limit while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def limit_for(path: str) -> int:
    return DOCUMENT_LIMIT if path.startswith(DOCUMENT_PATHS) else DATA_LIMIT


def too_large_message(limit: int) -> str:
    return f"请求内容超过 {limit // 1024 // 1024} MiB 的上限，已拒绝"


def machine_names() -> set[str]:
    names = {socket.gethostname().lower()}
    with contextlib.suppress(OSError):  # a machine without a resolver
        names.add(socket.getfqdn().lower())
    return {n for n in names if n}


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def _is_loopback(name: str) -> bool:
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class Settings:
    token: str | None = None
    allowed_hosts: set[str] = field(default_factory=set)
    trusted_proxies: set[str] = field(default_factory=set)
    session_hours: float = 8.0
    #: the single-user desk's CSRF token (a multi-user desk has one per session)
    csrf: str = ""


class Guard:
    def __init__(self, app: App, desk: Desk, settings: Settings) -> None:
        self.app = app
        self.desk = desk
        self.settings = settings
        self.names = machine_names() | {h.lower() for h in settings.allowed_hosts}
        self._multi: tuple[float, bool] = (0.0, False)

    def multi_user(self) -> bool:
        """Whether the desk has accounts (asked of the database at most every two seconds)."""
        checked, value = self._multi
        if time.monotonic() - checked > 2.0:
            value = self.desk.multi_user()
            self._multi = (time.monotonic(), value)
        return value

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        multi = await run_in_threadpool(self.multi_user)
        open_desk = multi or bool(self.settings.token)
        if not self._host_ok(headers.get("host", ""), open_desk):
            await _refuse(send, headers, 421, "请求的主机名（Host）不是本服务，已拒绝（防止 DNS 重绑定）")
            return
        address, secure = self._client(scope, headers)
        state = scope.setdefault("state", {})
        state.update(multi_user=multi, secure=secure, address=address, via_token=False, cookie="")
        public = path.startswith(PUBLIC)
        bearer = _bearer(headers)
        if multi:
            actor, csrf = await self._account(headers, address, bearer, state)
            if actor is None and not public:
                if path.startswith("/api/") or method not in ("GET", "HEAD"):
                    await _refuse(
                        send, headers, 401, "需要登录：请先登录，或在请求头 Authorization: Bearer 中提供接口令牌"
                    )
                else:
                    await _redirect(send, "/login?next=" + quote(path + _query(scope)))
                return
        else:
            if self.settings.token and not self._token_ok(headers, scope):
                await _refuse(
                    send,
                    headers,
                    401,
                    "需要访问令牌：请用启动时给出的地址（含 ?token=）打开，或在请求头 Authorization: Bearer 中提供",
                )
                return
            actor, csrf = Actor.here(address), self.settings.csrf
            state["via_token"] = bool(bearer) or bool(headers.get("x-docgen-token"))
        state.update(actor=actor, csrf=csrf)
        if method not in ("GET", "HEAD", "OPTIONS"):
            problem = self._write_problem(headers, path, csrf, from_script=state["via_token"])
            if problem:
                await _refuse(send, headers, problem[0], problem[1])
                return
            limit = limit_for(path)
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                await _refuse(send, headers, 413, too_large_message(limit))
                return
            receive = _limited(receive, limit)
        if not multi and self.settings.token and method == "GET" and b"token=" in scope.get("query_string", b""):
            flags = "; Secure" if secure else ""
            send = _with_cookie(send, f"{TOKEN_COOKIE}={self.settings.token}; HttpOnly; SameSite=Strict; Path=/{flags}")
        await self.app(scope, receive, send)

    async def _account(
        self, headers: dict[str, str], address: str, bearer: str, state: dict[str, Any]
    ) -> tuple[Actor | None, str]:
        people = self.desk.people
        if bearer:
            actor = await run_in_threadpool(people.token_actor, bearer, address)
            state["via_token"] = actor is not None
            return actor, ""
        cookie = _cookie(headers.get("cookie", ""), SESSION_COOKIE)
        if not cookie:
            return None, ""
        idle = dt.timedelta(hours=self.settings.session_hours)
        found = await run_in_threadpool(people.session_actor, cookie, address, idle)
        if found is None:
            return None, ""
        state["cookie"] = cookie
        return found

    def _host_ok(self, host: str, open_desk: bool) -> bool:
        name = host.lower()
        name = name.split("]")[0] + "]" if name.startswith("[") else name.rsplit(":", 1)[0]
        if _is_loopback(name):
            return True
        if not open_desk:
            return False
        return _is_ip(name) or name in self.names

    def _client(self, scope: Scope, headers: dict[str, str]) -> tuple[str, bool]:
        peer = (scope.get("client") or ("", 0))[0] or ""
        secure = scope.get("scheme") == "https"
        if peer in self.settings.trusted_proxies:
            forwarded = [part.strip() for part in headers.get("x-forwarded-for", "").split(",") if part.strip()]
            if forwarded:
                peer = forwarded[-1]
            secure = secure or headers.get("x-forwarded-proto", "").lower() == "https"
        return peer, secure

    def _token_ok(self, headers: dict[str, str], scope: Scope) -> bool:
        token = self.settings.token or ""
        offered = [
            headers.get("x-docgen-token", ""),
            _bearer(headers),
            _cookie(headers.get("cookie", ""), TOKEN_COOKIE),
        ]
        if scope.get("method") == "GET":
            offered += parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        return any(hmac.compare_digest(value.encode(), token.encode()) for value in offered if value)

    def _write_problem(
        self, headers: dict[str, str], path: str, csrf: str, *, from_script: bool
    ) -> tuple[int, str] | None:
        """Why a request that changes something is refused (status, words); None when it may go on."""
        if headers.get("sec-fetch-site", "") == "cross-site":
            return 403, "来自其他网站的请求，已拒绝"
        origin = headers.get("origin")
        if origin and origin != "null" and not self._host_ok(urlsplit(origin).netloc, True):
            return 403, "来自其他网站的请求，已拒绝"
        offered = headers.get("x-csrf-token", "")
        csrf_ok = bool(csrf) and hmac.compare_digest(offered.encode(), csrf.encode())
        if path.startswith(PUBLIC):
            return None  # the sign-in form has its own check (a cookie it set itself)
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if path.startswith("/api/"):
            has_body = headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in headers
            if (kind or has_body) and kind not in API_TYPES:
                return 415, API_ONLY
            if from_script:
                return None
            if kind == "multipart/form-data" and not csrf_ok:
                return 403, "上传文件需要页面的校验令牌（X-CSRF-Token）或接口令牌"
            if not csrf_ok and headers.get("cookie"):
                return 403, "页面校验令牌（CSRF）不符，已拒绝：请刷新页面后重试"
            return None
        if not csrf_ok:
            return 403, "页面校验令牌（CSRF）不符，已拒绝：请刷新页面后重试"
        return None


def _bearer(headers: dict[str, str]) -> str:
    auth = headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else ""


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def _query(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return "?" + query if query else ""


def _with_cookie(send: Send, cookie: str) -> Send:
    """The browser that opened the address with ?token= keeps the token as a cookie."""

    async def wrapped(message: Message) -> None:
        if message.get("type") == "http.response.start":
            message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode("latin-1"))]
        await send(message)

    return wrapped


def _limited(receive: Receive, limit: int) -> Receive:
    """The body counted as it streams in (413 past ``limit``), each part within ``BODY_SECONDS`` (408)."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        try:
            message = await asyncio.wait_for(receive(), BODY_SECONDS)
        except TimeoutError:
            raise SlowBody(BODY_SECONDS) from None
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge(limit)
        return message

    return wrapped


async def _redirect(send: Send, where: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", where.encode("latin-1")), (b"cache-control", b"no-store")],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _refuse(send: Send, headers: dict[str, str], status: int, message: str) -> None:
    """A refusal in Chinese: a small page for a browser's navigation, JSON for everything else."""
    accept = headers.get("accept", "")
    if "text/html" in accept and headers.get("hx-request") != "true":
        from markupsafe import escape

        body = (
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>请求被拒绝</title>'
            '<link rel="stylesheet" href="/static/app.css"></head><body><main class="error-page">'
            f'<h1>请求被拒绝（{status}）</h1><p class="problem" role="alert">{escape(message)}</p>'
            '<p><a href="/">返回首页</a></p></main></body></html>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
        kind = b"application/json; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = [
    "DATA_LIMIT",
    "DOCUMENT_LIMIT",
    "SESSION_COOKIE",
    "Guard",
    "Settings",
    "SlowBody",
    "TooLarge",
    "too_large_message",
]
