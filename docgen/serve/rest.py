"""The project API: the one way projects change, for the desk's own pages and for office systems.

GET    /api/projects                      the projects this account sees
POST   /api/projects                      a new project from a data file (JSON or YAML body)
GET    /api/projects/{key}                its data as JSON (ETag: its version); ?format=yaml: the file
PATCH  /api/projects/{key}                a JSON Patch (RFC 6902): 200, or 409 with the stale fields
PUT    /api/projects/{key}                a whole data file as the next version (re-import)
DELETE /api/projects/{key}                to the 回收站 (kept 30 days)
POST   /api/projects/{key}/undelete       back from the 回收站
POST   /api/projects/{key}/copy           a copy
POST   /api/projects/{key}/restore        {"version": n}: that version as the next one
GET    /api/projects/{key}/history        every version: who, when, which fields (old → new)
GET    /api/projects/{key}/versions/{n}   one version's data
POST   /api/projects/{key}/files          a picture (multipart ``file``): its path for the data
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from docgen.desk.actors import Actor
from docgen.desk.problems import Unprocessable
from docgen.desk.service import Desk
from docgen.errors import InputError
from docgen.serve.web import NO_STORE, content_disposition, json_answer

PATCH_TYPES = ("application/json-patch+json", "application/json")
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def actor_of(request: Request) -> Actor:
    actor: Actor = request.state.actor
    return actor


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise Unprocessable(f"JSON 中的键「{key}」出现了两次：请只保留一个")
        seen[key] = value
    return seen


def parse_json(body: bytes) -> Any:
    """JSON as docgen reads it: numbers exact (Decimal), duplicate keys refused, Chinese errors."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unprocessable("请求内容不是 UTF-8 编码的 JSON") from None
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as exc:
        raise Unprocessable(f"请求内容不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）") from None
    except ValueError:
        raise Unprocessable("请求内容中的数字过大或无效") from None


async def data_text(request: Request) -> str:
    """A data file sent in the body (YAML, or JSON turned into the same YAML) as YAML text."""
    from docgen.sources import decode_text
    from docgen.sources.yaml_source import dump

    kind = content_type(request)
    body = await request.body()
    if kind in YAML_TYPES:
        return decode_text(body, "请求数据.yaml")
    if kind == "application/json":
        data = parse_json(body)
        if not isinstance(data, dict):
            raise Unprocessable("项目数据应为 JSON 对象（{…}）")
        return dump(data, ["由接口导入"])
    raise Unprocessable("项目数据应以 application/json 或 application/yaml 发送")


def _listed(request: Request, rows: list[Any]) -> Response:
    return json_answer([row.to_json() for row in rows])


async def list_projects(request: Request) -> Response:
    rows = await run_in_threadpool(desk_of(request).projects.listing, actor_of(request))
    return _listed(request, rows)


async def create_project(request: Request) -> Response:
    text = await data_text(request)
    opened = await run_in_threadpool(desk_of(request).projects.create, actor_of(request), text, note="经接口新建")
    return json_answer(
        _project_json(opened.key, opened.version, opened.judged),
        201,
        {"ETag": opened.etag, "Location": f"/api/projects/{opened.key}"},
    )


def _project_json(key: str, version: int, judged: Any, state: str | None = None) -> dict[str, Any]:
    out = {
        "key": key,
        "version": version,
        "name": judged.name,
        "errors": judged.errors,
        "warnings": judged.warnings,
        "data": judged.data,
        "findings": judged.findings,
        "materials": judged.materials,
    }
    if state is not None:
        out["state"] = state
    return out


async def get_project(request: Request) -> Response:
    key = request.path_params["key"]
    projects = desk_of(request).projects
    if request.query_params.get("format") == "yaml":
        row, text, _files = await run_in_threadpool(projects.snapshot, actor_of(request), key)
        name = f"{row.name or key}.yaml"
        return Response(
            text.encode("utf-8"),
            media_type="application/yaml; charset=utf-8",
            headers={"ETag": f'"v{row.version}"', "Content-Disposition": content_disposition(name), **NO_STORE},
        )
    opened = await run_in_threadpool(projects.open, actor_of(request), key)
    if request.headers.get("if-none-match") == opened.etag:
        return Response(status_code=304, headers={"ETag": opened.etag, **NO_STORE})
    return json_answer(_project_json(key, opened.version, opened.judged, opened.state), headers={"ETag": opened.etag})


async def patch_project(request: Request) -> Response:
    if content_type(request) not in PATCH_TYPES:
        raise Unprocessable("修改应以 JSON Patch 发送（Content-Type: application/json-patch+json）")
    patch = parse_json(await request.body())
    saved = await run_in_threadpool(
        lambda: desk_of(request).projects.patch(
            actor_of(request), request.path_params["key"], patch, if_match=request.headers.get("if-match")
        )
    )
    body = _project_json(saved.key, saved.version, saved.judged)
    body["changes"] = saved.changes
    return json_answer(body, headers={"ETag": saved.etag})


async def put_project(request: Request) -> Response:
    text = await data_text(request)
    saved = await run_in_threadpool(
        lambda: desk_of(request).projects.replace(
            actor_of(request),
            request.path_params["key"],
            text,
            note="重新导入数据文件",
            if_match=request.headers.get("if-match"),
        )
    )
    body = _project_json(saved.key, saved.version, saved.judged)
    body["changes"] = saved.changes
    return json_answer(body, headers={"ETag": saved.etag})


async def delete_project(request: Request) -> Response:
    await run_in_threadpool(desk_of(request).projects.delete, actor_of(request), request.path_params["key"])
    return Response(status_code=204, headers=NO_STORE)


async def undelete_project(request: Request) -> Response:
    key = request.path_params["key"]
    await run_in_threadpool(desk_of(request).projects.undelete, actor_of(request), key)
    return json_answer({"key": key})


async def copy_project(request: Request) -> Response:
    opened = await run_in_threadpool(desk_of(request).projects.copy, actor_of(request), request.path_params["key"])
    return json_answer(
        _project_json(opened.key, opened.version, opened.judged),
        201,
        {"ETag": opened.etag, "Location": f"/api/projects/{opened.key}"},
    )


async def restore_version(request: Request) -> Response:
    body = parse_json(await request.body()) if await request.body() else {}
    number = body.get("version") if isinstance(body, dict) else None
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise Unprocessable('请给出要恢复的版本号，例如 {"version": 3}')
    saved = await run_in_threadpool(
        desk_of(request).projects.restore, actor_of(request), request.path_params["key"], number
    )
    body = _project_json(saved.key, saved.version, saved.judged)
    body["changes"] = saved.changes
    return json_answer(body, headers={"ETag": saved.etag})


async def history(request: Request) -> Response:
    found = await run_in_threadpool(desk_of(request).projects.history, actor_of(request), request.path_params["key"])
    return json_answer(found)


async def version_data(request: Request) -> Response:
    from docgen.desk.patching import jsonable
    from docgen.sources.yaml_source import parse

    number = _number(request.path_params["number"])
    text = await run_in_threadpool(
        desk_of(request).projects.text, actor_of(request), request.path_params["key"], number
    )
    try:
        data = parse(text, "项目.yaml").data
    except InputError as exc:
        return json_answer({"version": number, "error": exc.message})
    return json_answer({"version": number, "data": jsonable(data)})


def _number(text: str) -> int:
    if not text.isdigit() or len(text) > 9:
        raise Unprocessable(f"版本号「{text[:20]}」无效：应为正整数")
    return int(text)


async def one_upload(request: Request, what: str) -> tuple[str, bytes]:
    """The one file a multipart request carries in its ``file`` field: its own name and its bytes."""
    from starlette.datastructures import UploadFile

    form = await request.form(max_files=1, max_fields=10)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise Unprocessable(f"请选择要上传的{what}（表单字段 file）")
    return upload.filename or "", await upload.read()


async def upload_file(request: Request) -> Response:
    original, blob = await one_upload(request, "图片")
    name = await run_in_threadpool(
        desk_of(request).projects.add_picture, actor_of(request), request.path_params["key"], blob, original
    )
    return json_answer({"name": name, "size": len(blob)}, 201)


KEY = "{key:str}"
routes = [
    Route("/api/projects", list_projects, methods=["GET"]),
    Route("/api/projects", create_project, methods=["POST"]),
    Route(f"/api/projects/{KEY}", get_project, methods=["GET"]),
    Route(f"/api/projects/{KEY}", patch_project, methods=["PATCH"]),
    Route(f"/api/projects/{KEY}", put_project, methods=["PUT"]),
    Route(f"/api/projects/{KEY}", delete_project, methods=["DELETE"]),
    Route(f"/api/projects/{KEY}/undelete", undelete_project, methods=["POST"]),
    Route(f"/api/projects/{KEY}/copy", copy_project, methods=["POST"]),
    Route(f"/api/projects/{KEY}/restore", restore_version, methods=["POST"]),
    Route(f"/api/projects/{KEY}/history", history, methods=["GET"]),
    Route(f"/api/projects/{KEY}/versions/{{number:str}}", version_data, methods=["GET"]),
    Route(f"/api/projects/{KEY}/files", upload_file, methods=["POST"]),
]

__all__ = ["actor_of", "data_text", "desk_of", "one_upload", "parse_json", "routes"]
