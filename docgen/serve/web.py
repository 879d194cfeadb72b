"""What every page and API answer of ``docgen serve`` shares: the page templates, JSON answers,
download names, and the Chinese answer to every error — styled pages for people, JSON for scripts.

The HTTP status of an error comes from its type (``http_status`` on the desk's problems,
Starlette's own for routing), never from reading its message.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from docgen.desk.problems import Conflicted, TooMany, Unprocessable
from docgen.errors import DocgenError

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("docgen.serve")

#: Starlette's own refusals, in Chinese
HTTP_WORDS = {
    400: "请求无效",
    401: "需要登录",
    403: "没有权限",
    404: "页面不存在",
    405: "不支持这种请求方式",
    409: "内容已在别处修改",
    412: "版本不符",
    413: "请求内容过大",
    415: "不支持的内容类型",
    421: "主机名不符",
    422: "内容无法接受",
    429: "尝试过于频繁",
    500: "服务器内部错误",
    503: "暂时无法处理",
}
NO_STORE = {"Cache-Control": "no-store"}


def pointer(path: Any) -> str:
    """A data path as a JSON Pointer: ("project", "items", 0) → /project/items/0."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def dotted(path: Any) -> str:
    """A data path as findings name it: project.investment.items[0].amount."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def script_json(value: Any) -> Markup:
    """JSON to put inside a <script> element: <, > and & escaped so no text can end the element."""
    text = to_json(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("docgen.serve", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["json"] = to_json
    env.filters["script_json"] = script_json
    env.filters["dotted"] = dotted
    env.filters["pointer"] = pointer
    env.filters["local_time"] = local_time
    return env


def local_time(value: dt.datetime | str | None) -> str:
    """A stored UTC time as the server's local time, to the minute."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.rstrip("Z"))
    return value.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def json_answer(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        to_json(value),
        status_code=status,
        media_type="application/json",
        headers={**NO_STORE, **(headers or {})},
    )


def content_disposition(name: str, inline: bool = False) -> str:
    """A download name every browser shows in Chinese (RFC 6266 filename*), with an ASCII fallback."""
    ascii_name = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in name)
    return f"{'inline' if inline else 'attachment'}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def wants_json(request: Request) -> bool:
    """API calls, and the page's own scripts (fetch with Accept: application/json), get JSON."""
    accept = request.headers.get("accept", "")
    return (
        request.url.path.startswith("/api/")
        or ("application/json" in accept and "text/html" not in accept)
        or request.headers.get("hx-request") == "true"
    )


def error_page(request: Request, status: int, message: str) -> Response:
    env: Environment = request.app.state.env
    html = env.get_template("error.html").render(
        status=status, title=HTTP_WORDS.get(status, "出错了"), message=message, csrf="", actor=None
    )
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


def answer_error(request: Request, status: int, message: str, extra: dict[str, Any] | None = None) -> Response:
    if wants_json(request):
        return json_answer({"error": message, **(extra or {})}, status)
    return error_page(request, status, message)


def status_of(error: DocgenError) -> int:
    """The HTTP status an error carries by its type (``DocgenError.http_status``)."""
    return type(error).http_status


async def on_docgen_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DocgenError)
    status = status_of(exc)
    extra: dict[str, Any] = {}
    headers: dict[str, str] = {}
    if isinstance(exc, Conflicted):
        extra = exc.payload
    elif isinstance(exc, Unprocessable):
        extra = {"field": exc.field, **exc.extra} if exc.field else dict(exc.extra)
    elif isinstance(exc, TooMany):
        headers["Retry-After"] = str(exc.retry_after)
    if exc.findings:
        extra["findings"] = [f.to_dict() for f in exc.findings]
    answer = answer_error(request, status, exc.message, extra)
    answer.headers.update(headers)
    return answer


#: the multipart parser's own refusals (Starlette answers them as 400 with English details), in Chinese
MULTIPART_WORDS = (
    (re.compile(r"Too many files\. Maximum number of files is (\d+)"), "一次上传的文件过多：最多 {0} 个"),
    (re.compile(r"Too many fields\. Maximum number of fields is (\d+)"), "表单的栏目过多：最多 {0} 个"),
    (re.compile(r"(?:Field|Part) exceeded maximum size of (\d+)KB"), "表单中的一项超过 {0} KB 的上限"),
    (re.compile(r"Missing boundary in multipart"), "上传的内容格式不对（multipart 缺少分隔标记）"),
    (re.compile(r"Invalid multipart data"), "上传的内容格式不对，无法读取"),
)


def chinese_detail(detail: str) -> str | None:
    for pattern, words in MULTIPART_WORDS:
        match = pattern.search(detail)
        if match:
            return words.format(*match.groups())
    return None


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    words = {
        404: "没有这个页面：地址可能有误，或页面已不存在。",
        405: "这个地址不支持这种请求方式。",
    }
    message = words.get(exc.status_code) or chinese_detail(str(exc.detail or ""))
    return answer_error(request, exc.status_code, message or HTTP_WORDS.get(exc.status_code, "请求无法完成"))


async def on_disconnect(request: Request, exc: Exception) -> Response:
    """A client that went away mid-request: one line in the log, no traceback (nobody is there to answer)."""
    log.info("客户端在请求 %s %s 的过程中断开了连接", request.method, request.url.path)
    return Response(status_code=400)


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("处理请求 %s %s 时出错", request.method, request.url.path, exc_info=exc)
    return answer_error(request, 500, "服务器处理时出错，已记录在服务器日志中。请稍后重试，或联系管理员。")


__all__ = [
    "HTTP_WORDS",
    "NO_STORE",
    "STATIC",
    "answer_error",
    "content_disposition",
    "dotted",
    "environment",
    "error_page",
    "json_answer",
    "on_disconnect",
    "on_docgen_error",
    "on_http_error",
    "on_unexpected",
    "pointer",
    "to_json",
]
