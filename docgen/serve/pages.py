"""The desk's pages: the project list, the project form, its history, the 回收站, previews and
downloads, the reviewers' page. Pages only show; every change goes through the project API
(``rest``) — the form's script sends JSON Patches — so a page and a script can never disagree.

Pages are never cached (``Cache-Control: no-store``): Back and Forward fetch them again, so a
page always shows what the project holds.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from docgen import api
from docgen.desk import jobs
from docgen.desk.actors import Actor
from docgen.desk.problems import NotFound, Unprocessable
from docgen.errors import ValidationFailed
from docgen.forms import ALL_BUILDABLE, BLANKS, FORMS, Form
from docgen.rules.profiles import DEFAULT_PROFILE, PROFILES
from docgen.serve.form import form_sections, profile_choices
from docgen.serve.loop import record_download
from docgen.serve.rest import actor_of, desk_of
from docgen.serve.web import NO_STORE, content_disposition

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    env = request.app.state.env
    actor: Actor | None = getattr(request.state, "actor", None)
    html = env.get_template(template).render(
        csrf=getattr(request.state, "csrf", ""),
        actor=actor,
        multi_user=getattr(request.state, "multi_user", False),
        **context,
    )
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


# ---------------------------------------------------------------- the project list


async def home(request: Request) -> Response:
    desk = desk_of(request)
    actor = actor_of(request)
    projects = await run_in_threadpool(desk.projects.listing, actor)
    todo = await run_in_threadpool(desk.submissions.todo, actor)
    return page(request, "home.html", projects=projects, todo=todo, message=request.query_params.get("msg"))


async def new_project(request: Request) -> Response:
    from docgen.sources.yaml_source import edit
    from docgen.starter import starter_yaml

    form = await request.form(max_fields=5)
    name = str(form.get("name", "")).strip()
    text = starter_yaml()
    if name:
        text = edit(text, [(("project", "name"), name)])
    opened = await run_in_threadpool(desk_of(request).projects.create, actor_of(request), text)
    return _go(request, f"/p/{quote(opened.key)}")


def _go(request: Request, where: str) -> Response:
    """Where to go next: htmx follows HX-Redirect, a plain form post a 303."""
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": where})
    return RedirectResponse(where, status_code=303)


async def import_files(request: Request) -> Response:
    """Each uploaded file becomes an import job; the page waits a moment for small ones, then shows
    each job's report — or its progress, which keeps itself up to date (a large workbook)."""
    import asyncio

    form = await request.form(max_files=200, max_fields=10)
    desk = desk_of(request)
    actor = actor_of(request)
    started = []
    for upload in form.getlist("files"):
        if isinstance(upload, UploadFile):
            blob = await upload.read()
            started.append(await run_in_threadpool(desk.imports.start, actor, upload.filename or "上传的文件", blob))
    jobs_now = []
    for _tick in range(30):  # up to about three seconds: a data file or a form is done by then
        jobs_now = [await run_in_threadpool(desk.imports.status, actor, number) for number in started]
        if all(job["state"] != "running" for job in jobs_now):
            break
        await asyncio.sleep(0.1)
    return page(request, "_imported.html", jobs=jobs_now)


async def import_job(request: Request) -> Response:
    job = await run_in_threadpool(desk_of(request).imports.status, actor_of(request), request.path_params["number"])
    return page(request, "_imported.html", jobs=[job])


async def job_status(request: Request) -> Response:
    from docgen.serve.web import json_answer

    job = await run_in_threadpool(desk_of(request).imports.status, actor_of(request), request.path_params["number"])
    return json_answer(job)


async def trash(request: Request) -> Response:
    projects = await run_in_threadpool(desk_of(request).projects.deleted, actor_of(request))
    return page(request, "trash.html", projects=projects)


# ---------------------------------------------------------------- one project


async def project(request: Request) -> Response:
    key = request.path_params["key"]
    opened = await run_in_threadpool(desk_of(request).projects.open, actor_of(request), key)
    if opened.judged.problem is not None:
        return page(request, "unreadable.html", key=key, opened=opened)
    profile = opened.judged.profile
    needed = await desk_of(request).workers.run(jobs.needed, opened.text)
    chosen = PROFILES.get(profile) or PROFILES[DEFAULT_PROFILE]
    return page(
        request,
        "project.html",
        key=key,
        opened=opened,
        data=opened.judged.data,
        sections=form_sections(profile, opened.judged.data, needed),
        profiles=profile_choices(),
        profile=profile,
        needed=needed,
        forms=[(form, FORMS[form]) for form in chosen.forms],
    )


async def block(request: Request) -> Response:
    """One rows field or report section of the form, rendered anew (after a row or paragraph was
    added or removed), so the page need not reload."""
    from docgen.desk.patching import pointer_path
    from docgen.fields import find

    key = request.path_params["key"]
    opened = await run_in_threadpool(desk_of(request).projects.open, actor_of(request), key)
    data = opened.judged.data
    path = pointer_path(request.query_params.get("path", ""), data)
    node = find(tuple(str(step) for step in path))
    if not path or node is None or node.kind not in ("rows", "section"):
        raise NotFound("表单中没有这一部分")
    value: Any = data
    for step in path:
        value = value.get(step) if isinstance(value, dict) else None
    return page(request, "_block.html", key=key, node=node, path=list(path), value=value)


async def history_page(request: Request) -> Response:
    key = request.path_params["key"]
    desk = desk_of(request)
    actor = actor_of(request)
    versions = await run_in_threadpool(desk.projects.history, actor, key)
    row, _text, _files = await run_in_threadpool(desk.projects.snapshot, actor, key)
    return page(request, "history.html", key=key, versions=versions, name=row.name, current=row.version)


async def data_file(request: Request) -> Response:
    """The project's data as its commented YAML file (for the command line, or to keep)."""
    key = request.path_params["key"]
    row, text, _files = await run_in_threadpool(desk_of(request).projects.snapshot, actor_of(request), key)
    name = f"{row.name or key}.yaml"
    await run_in_threadpool(record_download, request, key, name)
    return Response(
        text.encode("utf-8"),
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": content_disposition(name), **NO_STORE},
    )


async def picture(request: Request) -> Response:
    key = request.path_params["key"]
    name = request.path_params["name"]
    blob = await run_in_threadpool(desk_of(request).projects.file, actor_of(request), key, name)
    media = "image/" + Path(name).suffix.lstrip(".").replace("jpg", "jpeg")
    return Response(blob, media_type=media, headers={"Cache-Control": "private, max-age=3600"})


# ---------------------------------------------------------------- documents


async def _documents(request: Request, forms: list[Form], *, filing_when_due: bool = False) -> dict[str, bytes]:
    desk = desk_of(request)
    _row, text, files = await run_in_threadpool(desk.projects.snapshot, actor_of(request), request.path_params["key"])
    names = [form.value for form in forms]
    rendered: dict[str, bytes] = await desk.workers.run(
        jobs.render, text, files, names, api.RENDER_SECONDS, filing_when_due
    )
    return rendered


def _refused(request: Request, error: ValidationFailed) -> Response:
    return page(request, "refused.html", status=422, findings=error.findings, errors=error.findings.errors)


def _form(name: str) -> Form:
    form = Form.parse(name)
    if form is None or form not in ALL_BUILDABLE:
        raise NotFound(f"没有这种表单：{name}")
    return form


async def download(request: Request) -> Response:
    form = _form(request.path_params["form"])
    ext = request.path_params["ext"]
    if ext not in ("docx", "pdf"):
        raise NotFound("只能下载 .docx 或 .pdf")
    try:
        documents = await _documents(request, [form])
    except ValidationFailed as exc:
        return _refused(request, exc)
    ((name, blob),) = documents.items()
    await run_in_threadpool(record_download, request, request.path_params["key"], f"{name}（{ext}）")
    if ext == "pdf":
        previews = request.app.state.previews
        blob, name = await run_in_threadpool(previews.pdf, blob), str(Path(name).with_suffix(".pdf"))
    media = "application/pdf" if ext == "pdf" else DOCX
    return Response(blob, media_type=media, headers={"Content-Disposition": content_disposition(name), **NO_STORE})


async def package(request: Request) -> Response:
    from docgen.zipping import zip_files

    try:
        documents = await _documents(request, [], filing_when_due=True)  # the 办法's own package
    except ValidationFailed as exc:
        return _refused(request, exc)
    if request.query_params.get("pdf") == "1":
        documents |= await run_in_threadpool(api.pdfs, documents)
    name = Path(next(iter(documents))).stem.rsplit("-", 1)[0] + "-申报材料.zip"
    key = request.path_params["key"]
    documents |= await run_in_threadpool(desk_of(request).submissions.attachment_blobs, actor_of(request), key)
    await run_in_threadpool(record_download, request, request.path_params["key"], name)
    return Response(
        zip_files(documents),
        media_type="application/zip",
        headers={"Content-Disposition": content_disposition(name), **NO_STORE},
    )


async def _preview_pages(request: Request) -> tuple[Form, list[Path]] | Response:
    """The form's document rendered as page pictures (cached), or the page that says why it cannot be."""
    form = _form(request.path_params["form"])
    try:
        documents = await _documents(request, [form])
    except ValidationFailed as exc:
        return _refused(request, exc)
    return form, await run_in_threadpool(request.app.state.previews.pages, next(iter(documents.values())))


async def preview(request: Request) -> Response:
    shown = await _preview_pages(request)
    if isinstance(shown, Response):
        return shown
    form, pages = shown
    return page(request, "preview.html", key=request.path_params["key"], form=form, spec=FORMS[form], count=len(pages))


async def preview_page(request: Request) -> Response:
    shown = await _preview_pages(request)
    if isinstance(shown, Response):
        return shown
    _shown_form, pages = shown
    number = request.path_params["page"]
    if not 1 <= number <= len(pages):
        raise NotFound("没有这一页")
    return Response(pages[number - 1].read_bytes(), media_type="image/png", headers=NO_STORE)


# ---------------------------------------------------------------- the submission loop


async def queue(request: Request) -> Response:
    waiting = await run_in_threadpool(desk_of(request).submissions.queue, actor_of(request))
    return page(request, "queue.html", waiting=waiting)


async def submission(request: Request) -> Response:
    """A submission as its reviewers (and its clerk) see it: the frozen documents, the findings then,
    what changed since the previous one, the comments — and, for a reviewer, the decision."""
    from docgen.desk.workflow import BY_TARGET, DECISIONS, IllegalStep, State, may_take, step_named

    key = request.path_params["key"]
    desk, actor = desk_of(request), actor_of(request)
    found = await run_in_threadpool(desk.submissions.submission, actor, key)
    row, _text, _files = await run_in_threadpool(desk.projects.snapshot, actor, key)
    opened = await run_in_threadpool(desk.projects.open, actor, key)
    differences = await run_in_threadpool(desk.submissions.differences, actor, key)
    comments = await run_in_threadpool(desk.submissions.comments, actor, key)
    own = actor.local or (actor.unit_id is not None and actor.unit_id == row.unit_id)
    decisions = []
    for decision in DECISIONS:
        try:
            step = step_named(decision, State(row.state))
        except IllegalStep:
            continue
        if may_take(step, actor, own_unit=own, waiting_at=row.at_unit_id, county=row.county_id):
            decisions.append(decision)
    labels: dict[str, str] = {}
    choices: list[tuple[str, list[tuple[str, str]]]] = []
    for section in form_sections(opened.judged.profile):
        fields = []
        for node in section.fields:
            for inner in node.walk():
                if inner.kind != "group":
                    dotted = ".".join(inner.path)
                    fields.append((dotted, inner.label))
                    labels[dotted] = f"{section.title} › {inner.label}"
        choices.append((section.title, fields))
    next_steps = []
    for target, label in (
        (State.REPORTED, "报自治区（第十六条，总投资 500 万元以上）"),
        (State.ACCEPTED, "验收（第二十五条）"),
    ):
        step = BY_TARGET[target]
        try:
            step_named(step.action, State(row.state))
        except IllegalStep:
            continue
        if may_take(step, actor, own_unit=own, waiting_at=row.at_unit_id, county=row.county_id):
            next_steps.append((target.value, label))
    security_part = {"网信审查": "网络安全", "密码审查": "密码"}.get(actor.role.value)
    if actor.local:
        security_part = None
    return page(
        request,
        "submission.html",
        key=key,
        name=row.name,
        state=row.state,
        submission=found,
        differences=differences,
        comments=comments,
        labels=labels,
        field_choices=choices,
        decisions=decisions,
        can_review=bool(decisions),
        security_part=security_part,
        next_steps=next_steps,
        today=dt.date.today().isoformat(),
    )


# ---------------------------------------------------------------- reviewers


async def review_page(request: Request) -> Response:
    projects = await run_in_threadpool(desk_of(request).projects.listing, actor_of(request))
    return page(
        request,
        "review.html",
        projects=projects,
        blanks=[(form, FORMS[form]) for form in BLANKS],
        today=dt.date.today().isoformat(),
    )


async def review_check(request: Request) -> Response:
    form = await request.form(max_files=500, max_fields=10)
    uploads = [(u.filename or "上传的文件", await u.read()) for u in form.getlist("files") if isinstance(u, UploadFile)]
    if not uploads:
        raise Unprocessable("请选择要检查的文档")
    result = await desk_of(request).workers.run(jobs.check, uploads, None)
    return page(request, "_checked.html", result=result)


async def blank(request: Request) -> Response:
    form = Form.parse(request.path_params["form"])
    ext = request.path_params["ext"]
    if form is None or form not in BLANKS or ext not in ("docx", "pdf"):
        raise NotFound("没有这种空白表单")
    blob = await desk_of(request).workers.run(functools.partial(api.render_blank, form, time_limit=api.RENDER_SECONDS))
    name = f"空白-{FORMS[form].title}.docx"
    media = DOCX
    if ext == "pdf":
        blob = await run_in_threadpool(request.app.state.previews.pdf, blob)
        name, media = str(Path(name).with_suffix(".pdf")), "application/pdf"
    return Response(blob, media_type=media, headers={"Content-Disposition": content_disposition(name), **NO_STORE})


KEY = "{key:str}"
routes = [
    Route("/", home),
    Route("/new", new_project, methods=["POST"]),
    Route("/import", import_files, methods=["POST"]),
    Route("/import/jobs/{number:int}", import_job),
    Route("/api/jobs/{number:int}", job_status),
    Route("/trash", trash),
    Route(f"/p/{KEY}", project),
    Route(f"/p/{KEY}/block", block),
    Route(f"/p/{KEY}/history", history_page),
    Route(f"/p/{KEY}/data.yaml", data_file),
    Route(f"/p/{KEY}/files/{{name:path}}", picture),
    Route(f"/p/{KEY}/download/{{form:str}}.{{ext:str}}", download),
    Route(f"/p/{KEY}/package.zip", package),
    Route(f"/p/{KEY}/preview/{{form:str}}", preview),
    Route(f"/p/{KEY}/preview/{{form:str}}/{{page:int}}.png", preview_page),
    Route("/queue", queue),
    Route(f"/p/{KEY}/submission", submission),
    Route("/review", review_page),
    Route("/review/check", review_check, methods=["POST"]),
    Route("/blank/{form:str}.{ext:str}", blank),
]

__all__ = ["page", "routes"]
