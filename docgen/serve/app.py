"""The web application of ``docgen serve``: the desk's pages, its project API and the stateless
API, behind the guard. Every page and message is Chinese; every judgement comes from docgen's
own rules and documents, computed in worker processes so that no request stops the others."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from docgen.desk.service import CACHE, Desk
from docgen.errors import DocgenError
from docgen.serve import auth, loop, pages, rest, stateless
from docgen.serve.guard import Guard, Settings, SlowBody, TooLarge, too_large_message
from docgen.serve.preview import Previews
from docgen.serve.web import (
    STATIC,
    answer_error,
    environment,
    on_disconnect,
    on_docgen_error,
    on_http_error,
    on_unexpected,
)


async def favicon(_request: object) -> Response:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


async def on_too_large(request: object, exc: Exception) -> Response:
    from starlette.requests import Request

    assert isinstance(request, Request)
    limit = exc.limit if isinstance(exc, TooLarge) else 0
    return answer_error(request, 413, too_large_message(limit))


async def on_slow_body(request: object, exc: Exception) -> Response:
    from starlette.requests import Request

    assert isinstance(request, Request)
    seconds = exc.seconds if isinstance(exc, SlowBody) else 0
    return answer_error(request, 408, f"请求正文在 {seconds:.0f} 秒内没有送达，已停止等待")


def create_app(
    workspace: Path,
    *,
    database: str | None = None,
    token: str | None = None,
    hosts: Iterable[str] = (),
    trusted_proxies: Iterable[str] = (),
    session_hours: float = 8.0,
    desk: Desk | None = None,
    submit_pdf: bool = True,
    warm: bool = False,
) -> Guard:
    """The desk over ``workspace`` (its SQLite database, or ``database``), guarded (``docgen.serve.guard``).

    ``hosts``: further names this server answers to (``--allowed-host``)."""
    desk = desk or Desk(workspace, database, submit_pdf=submit_pdf)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(desk.import_folders)
        await run_in_threadpool(desk.projects.purge)
        await run_in_threadpool(desk.imports.forget_abandoned)
        if warm:  # the server a person reaches: its workers start now, not at the first save
            from docgen.desk import jobs

            desk.workers.warm(jobs.warm)
        yield

    routes = [
        *auth.routes,
        *pages.routes,
        *rest.routes,
        *loop.routes,
        *stateless.routes,
        Route("/favicon.ico", favicon),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            DocgenError: on_docgen_error,
            HTTPException: on_http_error,
            TooLarge: on_too_large,
            SlowBody: on_slow_body,
            ClientDisconnect: on_disconnect,
            Exception: on_unexpected,
        },
    )
    app.state.desk = desk
    app.state.env = environment()
    app.state.previews = Previews(workspace / CACHE / "previews")
    settings = Settings(
        token=token,
        allowed_hosts=set(hosts),
        trusted_proxies=set(trusted_proxies),
        session_hours=session_hours,
        csrf=secrets.token_urlsafe(24),
    )
    return Guard(app, desk, settings)


__all__ = ["create_app"]
