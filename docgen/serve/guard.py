"""What every request to ``docgen serve`` passes before it reaches a page or the API.

* the ``Host`` header names this server (a DNS-rebinding page cannot talk to it);
* with a token (needed to listen beyond loopback) every request carries it: the
  ``X-Docgen-Token`` header, ``Authorization: Bearer``, or the cookie a browser gets by
  opening ``/?token=…`` once;
* a request that changes anything (POST) from a browser carries the page's CSRF token in
  ``X-CSRF-Token`` and comes from this origin (``Origin``/``Sec-Fetch-Site``);
* the API takes only JSON, YAML or multipart bodies — types a page on another site cannot
  send without asking first — and multipart only with the CSRF token or the access token;
* a body over its limit (data 20 MiB, documents 64 MiB, as the command line's) is refused
  with 413 as soon as it is known: from ``Content-Length``, or while it streams in, before
  it is buffered.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

NEED_TOKEN = "需要访问令牌：请用启动时给出的地址（含 ?token=）打开，或在请求头 X-Docgen-Token 中提供"
DATA_LIMIT = 20 * 1024 * 1024
DOCUMENT_LIMIT = 64 * 1024 * 1024
TOKEN_COOKIE = "docgen_token"
API_TYPES = ("application/json", "application/yaml", "application/x-yaml", "text/yaml", "multipart/form-data")
#: Paths that take documents (uploads); every other body is data.
DOCUMENT_PATHS = ("/api/check", "/review/check", "/import", "/p/")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class TooLarge(Exception):
    """The body grew past its limit while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def limit_for(path: str) -> int:
    return DOCUMENT_LIMIT if path.startswith(DOCUMENT_PATHS) else DATA_LIMIT


def too_large_message(limit: int) -> str:
    return f"请求内容超过 {limit // 1024 // 1024} MiB 的上限，已拒绝"


class Guard:
    def __init__(self, app: App, *, hosts: set[str], token: str | None, csrf: str) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.token = token
        self.csrf = csrf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        if not self._host_ok(headers.get("host", "")):
            await _refuse(send, 421, "请求的主机名（Host）不是本服务，已拒绝（防止 DNS 重绑定）")
            return
        token_ok = self._token_ok(headers, scope)
        if self.token and not token_ok:
            await _refuse(
                send, 401, "需要访问令牌：请用启动时给出的地址（含 ?token=）打开，或在请求头 X-Docgen-Token 中提供"
            )
            return
        if method not in ("GET", "HEAD", "OPTIONS"):
            problem = self._write_problem(headers, path, from_script=bool(self.token) and token_ok)
            if problem:
                await _refuse(send, 403 if "类型" not in problem else 415, problem)
                return
            limit = limit_for(path)
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                await _refuse(send, 413, too_large_message(limit))
                return
            receive = _limited(receive, limit)
        if self.token and method == "GET" and b"token=" in scope.get("query_string", b""):
            send = _with_cookie(send, f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/")
        await self.app(scope, receive, send)

    def _host_ok(self, host: str) -> bool:
        name = host.lower()
        name = name.split("]")[0] + "]" if name.startswith("[") else name.rsplit(":", 1)[0]  # [::1]:8000
        return name in self.hosts

    def _token_ok(self, headers: dict[str, str], scope: Scope) -> bool:
        if not self.token:
            return True
        offered = [headers.get("x-docgen-token", "")]
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            offered.append(auth[7:].strip())
        offered.append(_cookie(headers.get("cookie", ""), TOKEN_COOKIE))
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if scope.get("method") == "GET":
            offered += query.get("token", [])
        return any(hmac.compare_digest(value.encode(), self.token.encode()) for value in offered if value)

    def _write_problem(self, headers: dict[str, str], path: str, *, from_script: bool) -> str | None:
        """Why a request that changes something is refused; None when it may go on."""
        if headers.get("sec-fetch-site", "") == "cross-site":
            return "来自其他网站的请求，已拒绝"
        origin = headers.get("origin")
        if origin and origin != "null" and not self._host_ok(urlsplit(origin).netloc):
            return "来自其他网站的请求，已拒绝"
        csrf_ok = hmac.compare_digest(headers.get("x-csrf-token", "").encode(), self.csrf.encode())
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if path.startswith("/api/"):
            if kind not in API_TYPES:
                return "接口只接受 application/json、application/yaml、text/yaml 或 multipart/form-data 类型的内容"
            if kind == "multipart/form-data" and not (csrf_ok or from_script):
                return "上传文件需要页面的校验令牌（X-CSRF-Token）或访问令牌"
            return None
        if not csrf_ok:
            return "页面校验令牌（CSRF）不符，已拒绝：请刷新页面后重试"
        return None


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def _with_cookie(send: Send, cookie: str) -> Send:
    """The browser that opened the address with ?token= keeps the token as a cookie."""

    async def wrapped(message: Message) -> None:
        if message.get("type") == "http.response.start":
            message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode("latin-1"))]
        await send(message)

    return wrapped


def _limited(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge(limit)
        return message

    return wrapped


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
