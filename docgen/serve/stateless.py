"""The API that holds nothing: judge, build or check what the request brings, as the command line
would (``/api/validate``, ``/api/build``, ``/api/check``) — answers equal to the CLI's JSON."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from docgen import api
from docgen.desk import jobs
from docgen.serve.rest import content_type, desk_of
from docgen.serve.web import NO_STORE, content_disposition, json_answer


async def _body(request: Request) -> tuple[str, str]:
    from docgen.sources import decode_text

    suffix = ".json" if content_type(request) == "application/json" else ".yaml"
    return decode_text(await request.body(), f"请求数据{suffix}"), suffix


async def validate(request: Request) -> Response:
    text, suffix = await _body(request)
    findings: list[dict[str, Any]] = await desk_of(request).workers.run(jobs.validate_text, text, suffix)
    return json_answer(findings)


async def build(request: Request) -> Response:
    from docgen.zipping import zip_files

    text, suffix = await _body(request)
    forms = [form.value for form in api.parse_forms(request.query_params.get("forms") or None)]
    pdf = request.query_params.get("pdf") == "1"
    outcome = await desk_of(request).workers.run(jobs.build_text, text, suffix, forms)
    if isinstance(outcome, list):
        return json_answer(outcome, 422)
    documents: dict[str, bytes] = outcome
    if pdf:
        from starlette.concurrency import run_in_threadpool

        documents |= await run_in_threadpool(api.pdfs, documents)
    return Response(
        zip_files(documents),
        media_type="application/zip",
        headers={"Content-Disposition": content_disposition("申报材料.zip"), **NO_STORE},
    )


async def check(request: Request) -> Response:
    form = await request.form(max_files=500, max_fields=10)
    uploads = [(u.filename or "上传的文件", await u.read()) for u in form.getlist("files") if isinstance(u, UploadFile)]
    chosen = request.query_params.get("form") or None
    result = await desk_of(request).workers.run(jobs.check, uploads, chosen)
    return json_answer([f.to_dict() for f in result.findings])


routes = [
    Route("/api/validate", validate, methods=["POST"]),
    Route("/api/build", build, methods=["POST"]),
    Route("/api/check", check, methods=["POST"]),
]

__all__ = ["routes"]
