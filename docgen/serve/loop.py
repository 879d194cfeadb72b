"""The submission loop's API (the contract scripts rely on), scoped as pages are and written to the
audit log:

    POST /api/projects/{key}/submit            → {"state": "已提交", "version", "documents": [{name, sha256}]};
                                               422 with the findings
    POST /api/projects/{key}/review            {"decision": 退回修改|通过|不予受理|转报, "opinion",
                                                "comments": [{field, text}]}
    POST /api/projects/{key}/security-review   {"part": 网络安全|密码, "result": 符合|不符合, "unit", "date"}
    POST /api/projects/{key}/attachments?item= multipart ``file`` → 201 {name, sha256, size}
    GET  /api/projects/{key}/attachments       DELETE /api/projects/{key}/attachments/{id}
    POST /api/projects/{key}/advance           {"state": 已报自治区|已立项|已招标|已备案|变更备案|已验收, "data": {…}}
    GET  /api/queue                            [{key, name, unit, state, received, waiting_days}]
    GET  /api/todo                             this account's 待办
    GET  /api/projects/{key}/timeline          [{state, account, at, note}]
    GET  /api/projects/{key}/submitted[?n=]    the frozen package as a zip
    GET  /api/projects/{key}/comments          the reviewers' comments (resolved when their field changed)
    GET  /api/projects/{key}/differences       what changed since the previous submission, by label
    GET  /api/audit[?since=DATE]               the audit log (管理员: all; a reviewer: the projects they see)
    GET  /api/summary.xlsx                     the 汇总表 of the projects this account sees
    GET  /api/report-package.zip               the 上报 package for the 自治区 (approved, ≥500万元) and its 汇总表
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from docgen.desk.actors import Role
from docgen.desk.problems import Forbidden, Unprocessable
from docgen.serve.rest import actor_of, desk_of, one_upload, parse_json
from docgen.serve.web import NO_STORE, content_disposition, json_answer


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    body = parse_json(raw) if raw.strip() else {}
    if not isinstance(body, dict):
        raise Unprocessable("请求内容应为 JSON 对象（{…}）")
    return body


async def submit(request: Request) -> Response:
    answer = await run_in_threadpool(desk_of(request).submissions.submit, actor_of(request), request.path_params["key"])
    return json_answer(answer)


async def review(request: Request) -> Response:
    body = await _body(request)
    comments = body.get("comments") or []
    if not isinstance(comments, list):
        raise Unprocessable('comments 应为列表：[{"field": 数据路径, "text": 意见}]')
    answer = await run_in_threadpool(
        desk_of(request).submissions.review,
        actor_of(request),
        request.path_params["key"],
        str(body.get("decision", "")),
        str(body.get("opinion") or ""),
        comments,
    )
    return json_answer(answer)


async def security_review(request: Request) -> Response:
    body = await _body(request)
    answer = await run_in_threadpool(
        desk_of(request).submissions.security_review,
        actor_of(request),
        request.path_params["key"],
        str(body.get("part", "")),
        str(body.get("result", "")),
        str(body.get("unit") or ""),
        str(body.get("date") or ""),
    )
    return json_answer(answer)


async def advance(request: Request) -> Response:
    body = await _body(request)
    data = body.get("data") or {}
    if not isinstance(data, dict):
        raise Unprocessable('data 应为数据约定中该环节的部分，例如 {"approval": {"doc_no": …}}')
    answer = await run_in_threadpool(
        desk_of(request).submissions.advance,
        actor_of(request),
        request.path_params["key"],
        str(body.get("state", "")),
        data,
    )
    return json_answer(answer)


async def attach(request: Request) -> Response:
    item = request.query_params.get("item", "")
    if not item:
        raise Unprocessable("请写明附件属于申报材料清单的哪一项（?item=材料名称）")
    original, blob = await one_upload(request, "文件")
    answer = await run_in_threadpool(
        desk_of(request).submissions.attach, actor_of(request), request.path_params["key"], item, original, blob
    )
    return json_answer(answer, 201)


async def attachments(request: Request) -> Response:
    found = await run_in_threadpool(
        desk_of(request).submissions.attachments, actor_of(request), request.path_params["key"]
    )
    return json_answer(found)


async def remove_attachment(request: Request) -> Response:
    number = request.path_params["number"]
    await run_in_threadpool(
        desk_of(request).submissions.remove_attachment, actor_of(request), request.path_params["key"], number
    )
    return Response(status_code=204, headers=NO_STORE)


async def queue(request: Request) -> Response:
    return json_answer(await run_in_threadpool(desk_of(request).submissions.queue, actor_of(request)))


async def todo(request: Request) -> Response:
    return json_answer(await run_in_threadpool(desk_of(request).submissions.todo, actor_of(request)))


async def timeline(request: Request) -> Response:
    found = await run_in_threadpool(
        desk_of(request).submissions.timeline, actor_of(request), request.path_params["key"]
    )
    return json_answer(found)


async def comments(request: Request) -> Response:
    found = await run_in_threadpool(
        desk_of(request).submissions.comments, actor_of(request), request.path_params["key"]
    )
    return json_answer(found)


async def differences(request: Request) -> Response:
    found = await run_in_threadpool(
        desk_of(request).submissions.differences, actor_of(request), request.path_params["key"]
    )
    return json_answer(found)


async def submitted(request: Request) -> Response:
    raw = request.query_params.get("n", "")
    if raw and (not raw.isdigit() or len(raw) > 6):
        raise Unprocessable(f"提交次数「{raw[:20]}」无效：应为正整数")
    name, blob = await run_in_threadpool(
        desk_of(request).submissions.submitted_zip,
        actor_of(request),
        request.path_params["key"],
        int(raw) if raw else None,
    )
    record_download(request, request.path_params["key"], name)
    return Response(
        blob, media_type="application/zip", headers={"Content-Disposition": content_disposition(name), **NO_STORE}
    )


async def audit(request: Request) -> Response:
    from docgen.desk.audit import entries, since_day

    actor = actor_of(request)
    if actor.role is Role.CLERK:
        raise Forbidden("经办人不能查看审计日志（管理员可查看全部，审查人员可查看所见项目的记录）")
    since = since_day(request.query_params.get("since", ""), "since")
    desk = desk_of(request)

    def read() -> list[dict[str, Any]]:
        keys = None
        if actor.role not in (Role.ADMIN, Role.LOCAL):
            keys = [row.key for row in desk.projects.listing(actor, limit=100_000)]
        with desk.db.read() as session:
            return entries(session, since=since, projects=keys)

    return json_answer(await run_in_threadpool(read))


async def summary(request: Request) -> Response:
    actor = actor_of(request)
    if actor.role in (Role.CLERK, Role.ADMIN):
        raise Forbidden("汇总表由数据局下载")
    blob = await run_in_threadpool(desk_of(request).submissions.summary, actor)
    today = dt.date.today()
    name = f"政务信息化项目汇总表-{today.isoformat()}.xlsx"
    return Response(
        blob,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": content_disposition(name), **NO_STORE},
    )


async def report_package(request: Request) -> Response:
    name, blob = await run_in_threadpool(desk_of(request).submissions.report_package, actor_of(request))
    record_download(request, None, name)
    return Response(
        blob, media_type="application/zip", headers={"Content-Disposition": content_disposition(name), **NO_STORE}
    )


def record_download(request: Request, key: str | None, name: str) -> None:
    """Downloads are in the audit log (who took which document, from where)."""
    from docgen.desk.audit import record

    desk = desk_of(request)
    with desk.db.write() as session:
        record(session, actor_of(request), "下载", key, name)


KEY = "{key:str}"
routes = [
    Route(f"/api/projects/{KEY}/submit", submit, methods=["POST"]),
    Route(f"/api/projects/{KEY}/review", review, methods=["POST"]),
    Route(f"/api/projects/{KEY}/security-review", security_review, methods=["POST"]),
    Route(f"/api/projects/{KEY}/advance", advance, methods=["POST"]),
    Route(f"/api/projects/{KEY}/attachments", attach, methods=["POST"]),
    Route(f"/api/projects/{KEY}/attachments", attachments, methods=["GET"]),
    Route(f"/api/projects/{KEY}/attachments/{{number:int}}", remove_attachment, methods=["DELETE"]),
    Route(f"/api/projects/{KEY}/timeline", timeline, methods=["GET"]),
    Route(f"/api/projects/{KEY}/comments", comments, methods=["GET"]),
    Route(f"/api/projects/{KEY}/differences", differences, methods=["GET"]),
    Route(f"/api/projects/{KEY}/submitted", submitted, methods=["GET"]),
    Route("/api/queue", queue, methods=["GET"]),
    Route("/api/todo", todo, methods=["GET"]),
    Route("/api/audit", audit, methods=["GET"]),
    Route("/api/summary.xlsx", summary, methods=["GET"]),
    Route("/api/report-package.zip", report_package, methods=["GET"]),
]

__all__ = ["record_download", "routes"]
