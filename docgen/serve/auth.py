"""Signing in and out, and changing one's own password (a multi-user desk).

The sign-in form is protected like every other form: it sets a cookie of its own and posts the
same value back (a page on another site can do neither)."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from docgen.desk.problems import DeskProblem, Forbidden
from docgen.errors import InputError
from docgen.serve.guard import SESSION_COOKIE
from docgen.serve.pages import page
from docgen.serve.rest import actor_of, desk_of

LOGIN_COOKIE = "docgen_login"


def _next(request: Request, value: str | None) -> str:
    """Only a path of this site (never another site's address) to go to after signing in."""
    target = value or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _cookie_flags(request: Request, max_age: int | None = None) -> dict[str, object]:
    return {
        "httponly": True,
        "samesite": "strict",
        "secure": bool(request.state.secure),
        "path": "/",
        **({"max_age": max_age} if max_age is not None else {}),
    }


async def login_page(request: Request, message: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    answer = page(
        request,
        "login.html",
        status=status,
        login_token=token,
        next=_next(request, request.query_params.get("next")),
        message=message,
    )
    answer.set_cookie(LOGIN_COOKIE, token, **_cookie_flags(request, 1800))  # type: ignore[arg-type]
    return answer


async def login(request: Request) -> Response:
    form = await request.form(max_fields=10)
    offered = str(form.get("login_token", ""))
    kept = request.cookies.get(LOGIN_COOKIE, "")
    if not offered or not kept or not secrets.compare_digest(offered, kept):
        return await login_page(request, "页面已过期，请重新输入账号和密码", 403)
    name = str(form.get("name", "")).strip()
    password = str(form.get("password", ""))
    try:
        started = await run_in_threadpool(desk_of(request).people.sign_in, name, password, request.state.address)
    except DeskProblem as exc:
        answer = await login_page(request, exc.message, exc.http_status)
        retry = getattr(exc, "retry_after", None)
        if retry:
            answer.headers["Retry-After"] = str(retry)
        return answer
    answer = RedirectResponse(_next(request, str(form.get("next", "/"))), status_code=303)
    answer.set_cookie(SESSION_COOKIE, started.cookie, **_cookie_flags(request))  # type: ignore[arg-type]
    answer.delete_cookie(LOGIN_COOKIE, path="/")
    return answer


async def logout(request: Request) -> Response:
    cookie = request.state.cookie
    if cookie:
        await run_in_threadpool(desk_of(request).people.sign_out, cookie, actor_of(request))
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(SESSION_COOKIE, path="/")
    return answer


async def account_page(request: Request) -> Response:
    if actor_of(request).local:
        raise Forbidden("单用户工作区没有账号：添加第一个账号后才需要登录（docgen accounts add）")
    return page(request, "account.html", done=request.query_params.get("done") == "1", message="")


async def change_password(request: Request) -> Response:
    form = await request.form(max_fields=10)
    old, new, again = (str(form.get(k, "")) for k in ("old", "new", "again"))
    try:
        if new != again:
            raise InputError("两次输入的新密码不一致")
        await run_in_threadpool(desk_of(request).people.change_password, actor_of(request), old, new)
    except (InputError, DeskProblem) as exc:
        return page(request, "account.html", status=422, done=False, message=exc.message)
    return RedirectResponse("/account?done=1", status_code=303)


routes = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/account", account_page, methods=["GET"]),
    Route("/account", change_password, methods=["POST"]),
]

__all__ = ["routes"]
