"""The web application of ``docgen serve``: pages for project units and reviewers, and the
HTTP API for scripts. Every page and message is Chinese; every judgement comes from
``docgen.api`` — the same rules, texts and documents as the command line."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from docgen import api
from docgen.errors import DocgenError, Finding, Findings, InputError
from docgen.fields import FieldNode, project_fields
from docgen.filing import at_filing_stage
from docgen.forms import BLANKS, BUILDABLE, FORMS, PACKAGE, Form
from docgen.serve.guard import Guard, TooLarge, too_large_message
from docgen.serve.preview import Previews
from docgen.serve.workspace import Workspace, new_token
from docgen.serve.zipping import zip_files

STATIC = Path(__file__).parent / "static"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
PROFILE_NAMES = {
    "shizuishan": "石嘴山",
    "qinzhou2016": "钦州2016",
    "qinzhou2023": "钦州2023征求意见稿",
    "guangxi": "广西本级征求意见稿",
    "jiangxi": "江西",
}

#: The left-hand list of the project form: the annexes' grouping, each with the data it holds.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("declaration", "附件1 表头", ("declaration",)),
    ("basic", "项目基本信息", ("project.basic",)),
    ("investment", "投资与资金来源", ("project.investment",)),
    ("rules", "规则审查信息", ("project.rules",)),
    ("security", "附件2 网络安全和密码", ("security",)),
    ("review", "审查部分", ("review",)),
    ("report", "附件3 需求分析报告", ("requirements_report",)),
    ("later", "立项、采购、备案、验收", ("review_process", "approval", "procurement", "filing", "acceptance")),
    ("others", "其他办法与例外", ("plan", "reporting", "qinzhou", "guangxi", "jiangxi", "waivers")),
)
#: 项目信息 fields shown under 项目基本信息 (the 附件1 table); the rest are 规则审查信息.
BASIC = (
    "name",
    "category",
    "construction_type",
    "owner_unit",
    "leader",
    "participating_units",
    "location",
    "basis",
    "schedule",
    "preparation",
    "materials",
    "remarks",
)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("docgen.serve", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["dotted"] = _dotted
    return env


def _dotted(path: Iterable[str | int]) -> str:
    """A data path as findings name it: project.investment.items[0].amount."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def section_fields() -> list[tuple[str, str, list[FieldNode]]]:
    """The form's sections, each with its fields."""
    top = {node.name: node for node in project_fields()}
    project = {node.name: node for node in top["project"].children}
    investment = project["investment"]
    groups: dict[str, list[FieldNode]] = {
        "project.basic": [project[name] for name in BASIC],
        "project.investment": [investment],
        "project.rules": [node for name, node in project.items() if name not in BASIC and name != "investment"],
    }
    out = []
    for key, title, parts in SECTIONS:
        nodes: list[FieldNode] = []
        for part in parts:
            nodes += groups.get(part) or [top[part]]
        out.append((key, title, nodes))
    return out


def _prefixes(parts: tuple[str, ...]) -> list[str]:
    """The data paths a section's findings start with."""
    if parts == ("project.basic",):
        return [f"project.{name}" for name in BASIC]
    if parts == ("project.rules",):
        project = next(n for n in project_fields() if n.name == "project")
        return [f"project.{n.name}" for n in project.children if n.name not in BASIC and n.name != "investment"]
    return list(parts)


def findings_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    return [f.to_dict() for f in findings]


def content_disposition(name: str, inline: bool = False) -> str:
    """A download name every browser shows in Chinese (RFC 6266 filename*), with an ASCII fallback."""
    ascii_name = "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in name)
    return f"{'inline' if inline else 'attachment'}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


class Desk:
    """The routes, over one workspace. What takes seconds (LibreOffice, checking uploads) runs in a
    worker thread, so typing in another tab is saved meanwhile."""

    def __init__(self, workspace: Path, csrf: str) -> None:
        self.workspace = Workspace(workspace)
        self.previews = Previews(workspace / ".预览缓存")
        self.csrf = csrf
        self.env = _environment()

    def page(self, template: str, **context: Any) -> HTMLResponse:
        html = self.env.get_template(template).render(csrf=self.csrf, **context)
        return HTMLResponse(html)

    # ------------------------------------------------------------ home

    async def home(self, request: Request) -> Response:
        return self.page("home.html", projects=self.workspace.projects(), message=request.query_params.get("msg"))

    async def new(self, request: Request) -> Response:
        form = await request.form()
        key = self.workspace.create(str(form.get("name", "")))
        return Response(status_code=204, headers={"HX-Redirect": f"/p/{quote(key)}"})

    async def import_files(self, request: Request) -> Response:
        form = await request.form()
        made: list[str] = []
        problems: list[str] = []
        for upload in form.getlist("files"):
            if not isinstance(upload, UploadFile):
                continue
            name = upload.filename or "上传的文件"
            try:
                keys, said = self.workspace.import_upload(name, await upload.read())
            except DocgenError as exc:
                problems.append(exc.message)
                continue
            made += keys
            problems += said
        projects = {s.key: s for s in self.workspace.projects()}
        return self.page("_imported.html", made=[projects[k] for k in made if k in projects], problems=problems)

    # ------------------------------------------------------------ the project form

    def _context(self, key: str) -> dict[str, Any]:
        project = self.workspace.load(key)
        raw = project.raw  # the values as written in the file, read once with the project
        sections = section_fields()
        return {
            "key": key,
            "project": project,
            "data": raw,
            "sections": sections,
            "prefixes": {k: _prefixes(parts) for k, _t, parts in SECTIONS},
            "findings": project.findings,
            "findings_data": findings_json(project.findings),
            "materials": project.required,
            "profiles": [(k, PROFILE_NAMES.get(k, k)) for k in profile_choices_keys()],
            "forms": [(form, FORMS[form]) for form in BUILDABLE],
        }

    async def project(self, request: Request) -> Response:
        key = request.path_params["key"]
        return self.page("project.html", **self._context(key))

    def _findings_fragment(self, key: str) -> Response:
        return self.page("_findings.html", **self._context(key))

    async def set_value(self, request: Request) -> Response:
        key, form, path = await _posted(request)
        values = [str(v) for v in form.getlist("value")]
        self.workspace.set_value(key, path, values[0] if len(values) == 1 else values)
        return self._findings_fragment(key)

    async def set_block(self, request: Request) -> Response:
        """A part of a report section's block: its text, a table's caption/columns/rows, a picture's caption/width."""
        key, form, path = await _posted(request)
        part = str(form.get("part", "text"))
        value = str(form.get("value", "")).replace("\r\n", "\n")
        changes: list[tuple[tuple[str | int, ...], Any]]
        if part == "text":
            changes = [(path, value.strip())]
        elif part in ("caption", "width_mm"):
            kind = str(form.get("kind", "table"))
            number: Any = value.strip() or None
            if part == "width_mm" and number:
                from docgen.normalize import read_amount

                number = read_amount(number) or number
            changes = [((*path, kind, part), number)]
        elif part == "columns":
            changes = [((*path, "table", "columns"), _cells(value))]
        elif part == "rows":
            changes = [((*path, "table", "rows"), [_cells(line) for line in value.splitlines() if line.strip()])]
        else:
            raise InputError(f"不认识的内容部分：{part}")
        self.workspace.apply(key, changes)
        return self._findings_fragment(key)

    async def set_profile(self, request: Request) -> Response:
        key = request.path_params["key"]
        form = await request.form()
        profile = str(form.get("profile", ""))
        if profile and profile not in profile_choices_keys():
            raise InputError(f"未知的适用办法「{profile}」")
        self.workspace.set_profile(key, profile)
        return self._findings_fragment(key)

    async def add(self, request: Request) -> Response:
        key, form, path = await _posted(request)
        kind = str(form.get("kind", "row"))
        item: Any = {}
        if kind == "text":
            item = "（新段落）"
        elif kind == "table":
            item = {"table": {"caption": "", "columns": ["列1", "列2"], "rows": []}}
        elif kind == "line":
            item = ""
        self.workspace.add_row(key, path, item)
        return Response(status_code=204, headers={"HX-Refresh": "true"})

    async def remove(self, request: Request) -> Response:
        key, form, path = await _posted(request)
        index = int(str(form.get("index", "-1")))
        self.workspace.remove_row(key, path, index)
        return Response(status_code=204, headers={"HX-Refresh": "true"})

    async def picture(self, request: Request) -> Response:
        key, form, path = await _posted(request)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise InputError("请选择要上传的图片")
        written = self.workspace.add_picture(key, await upload.read())
        caption = str(form.get("caption", "")).strip() or None
        self.workspace.add_row(key, path, {"image": {"path": written, "caption": caption}})
        return Response(status_code=204, headers={"HX-Refresh": "true"})

    async def picture_file(self, request: Request) -> Response:
        """A picture of the project (for the form's thumbnails): only inside its folder."""
        from docgen.output import confined

        key = request.path_params["key"]
        target = confined(self.workspace.folder(key), request.path_params["name"])
        if target is None or not target.is_file():
            return Response("没有这张图片", status_code=404)
        return Response(target.read_bytes(), media_type="image/" + target.suffix.lstrip(".").replace("jpg", "jpeg"))

    # ------------------------------------------------------------ documents

    def _documents(
        self, key: str, forms: Iterable[Form], *, filing_when_due: bool = False
    ) -> tuple[dict[str, bytes], Findings]:
        """The project's documents; ``filing_when_due`` adds the 备案信息表 once the project reaches 备案."""
        project = self.workspace.load(key)
        if not project.ok:
            return {}, project.findings
        chosen = list(forms) + ([Form.FILING] if filing_when_due and at_filing_stage(project.data) else [])
        rendered = api.render_documents(project, chosen, time_limit=api.RENDER_SECONDS)
        return {api.output_name(project.data, form): blob for form, blob in rendered.items()}, project.findings

    def _refused(self, findings: Findings) -> Response:
        return self.page("refused.html", findings=findings, errors=findings.errors)

    async def download(self, request: Request) -> Response:
        key = request.path_params["key"]
        form = _form(request.path_params["form"])
        pdf = request.path_params["ext"] == "pdf"
        documents, findings = self._documents(key, [form])
        if not documents:
            return self._refused(findings)
        ((name, blob),) = documents.items()
        if pdf:
            blob, name = await run_in_threadpool(self.previews.pdf, blob), str(Path(name).with_suffix(".pdf"))
        media = "application/pdf" if pdf else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return Response(blob, media_type=media, headers={"Content-Disposition": content_disposition(name)})

    async def package(self, request: Request) -> Response:
        key = request.path_params["key"]
        documents, findings = self._documents(key, PACKAGE, filing_when_due=True)
        if not documents:
            return self._refused(findings)
        if request.query_params.get("pdf") == "1":
            documents |= await run_in_threadpool(api.pdfs, documents)
        name = Path(next(iter(documents))).stem.rsplit("-", 1)[0] + "-申报材料.zip"
        return Response(
            zip_files(documents),
            media_type="application/zip",
            headers={"Content-Disposition": content_disposition(name)},
        )

    async def preview(self, request: Request) -> Response:
        key = request.path_params["key"]
        form = _form(request.path_params["form"])
        documents, findings = self._documents(key, [form])
        if not documents:
            return self._refused(findings)
        pages = await run_in_threadpool(self.previews.pages, next(iter(documents.values())))
        return self.page("preview.html", key=key, form=form, spec=FORMS[form], count=len(pages))

    async def preview_page(self, request: Request) -> Response:
        key = request.path_params["key"]
        form = _form(request.path_params["form"])
        documents, findings = self._documents(key, [form])
        if not documents:
            return self._refused(findings)
        pages = await run_in_threadpool(self.previews.pages, next(iter(documents.values())))
        number = int(request.path_params["page"])
        if not 1 <= number <= len(pages):
            return Response("没有这一页", status_code=404)
        return Response(pages[number - 1].read_bytes(), media_type="image/png")

    # ------------------------------------------------------------ reviewers

    async def review_page(self, request: Request) -> Response:
        return self.page(
            "review.html",
            projects=self.workspace.projects(),
            blanks=[(form, FORMS[form]) for form in BLANKS],
            today=dt.date.today().isoformat(),
        )

    async def review_check(self, request: Request) -> Response:
        form = await request.form()
        uploads = [
            (u.filename or "上传的文件", await u.read()) for u in form.getlist("files") if isinstance(u, UploadFile)
        ]
        result = await run_in_threadpool(api.check_blobs, uploads)
        return self.page("_checked.html", result=result)

    async def record_review(self, request: Request) -> Response:
        key = request.path_params["key"]
        form = await request.form()
        from docgen.review import entries_from_options

        entries: dict[str, dict[str, Any]] = {}
        for part in ("network_security", "cryptography"):
            result = str(form.get(f"{part}_result", "")).strip()
            if not result:
                continue
            unit = str(form.get(f"{part}_unit", "")).strip() or None
            date = _day(str(form.get(f"{part}_date", "")))
            entries |= entries_from_options({part: result}, unit=unit, date=date)
        if not entries:
            raise InputError("请至少选择一项审查结果（符合或不符合）")
        api.review_project(self.workspace.data_file(key), entries=entries)
        return self.page("_reviewed.html", key=key)

    async def blank(self, request: Request) -> Response:
        form = _form(request.path_params["form"])
        blob = api.render_blank(form, time_limit=api.RENDER_SECONDS)
        name = f"空白-{FORMS[form].title}.docx"
        media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return Response(blob, media_type=media, headers={"Content-Disposition": content_disposition(name)})

    # ------------------------------------------------------------ the HTTP API

    async def _body_data(self, request: Request) -> tuple[str, str]:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        suffix = ".json" if kind == "application/json" else ".yaml"
        from docgen.sources import decode_text

        return decode_text(await request.body(), f"请求数据{suffix}"), suffix

    async def api_validate(self, request: Request) -> Response:
        text, suffix = await self._body_data(request)
        try:
            project = self.workspace.validate_text(text, suffix)
        except InputError as exc:  # the shape validate --format json gives for unreadable input
            return _json(findings_json([exc.to_finding()]), 200)
        return _json(findings_json(project.findings), 200)

    async def api_build(self, request: Request) -> Response:
        text, suffix = await self._body_data(request)
        try:
            project = self.workspace.validate_text(text, suffix)
        except InputError as exc:
            return _json(findings_json([exc.to_finding()]), 422)
        if not project.ok:
            return _json(findings_json(project.findings), 422)
        forms = api.parse_forms(request.query_params.get("forms") or None)
        rendered = api.render_documents(project, forms, time_limit=api.RENDER_SECONDS)
        documents = {api.output_name(project.data, form): blob for form, blob in rendered.items()}
        if request.query_params.get("pdf") == "1":
            documents |= await run_in_threadpool(api.pdfs, documents)
        return Response(
            zip_files(documents),
            media_type="application/zip",
            headers={"Content-Disposition": content_disposition("申报材料.zip")},
        )

    async def api_check(self, request: Request) -> Response:
        form = await request.form()
        uploads = [
            (u.filename or "上传的文件", await u.read()) for u in form.getlist("files") if isinstance(u, UploadFile)
        ]
        chosen = request.query_params.get("form") or None
        result = await run_in_threadpool(functools.partial(api.check_blobs, uploads, form=chosen))
        return _json(findings_json(result.findings), 200)


def profile_choices_keys() -> list[str]:
    return list(PROFILE_NAMES)


def _form(name: str) -> Form:
    form = Form.parse(name)
    if form is None:
        raise InputError(f"没有这种表单：{name}")
    return form


def _json(value: Any, status: int) -> Response:
    return Response(json.dumps(value, ensure_ascii=False, indent=2), status_code=status, media_type="application/json")


async def _posted(request: Request) -> tuple[str, Any, tuple[str | int, ...]]:
    """A form post about one field of a project: the project, the form, the field's path."""
    form = await request.form()
    return request.path_params["key"], form, _path(form.get("path"))


def _path(raw: Any) -> tuple[str | int, ...]:
    try:
        path = json.loads(str(raw))
    except ValueError:
        raise InputError("字段路径无效") from None
    if not isinstance(path, list) or not path or not all(isinstance(p, str | int) for p in path):
        raise InputError("字段路径无效")
    return tuple(path)


def _cells(line: str) -> list[str]:
    separator = "\t" if "\t" in line else "|"
    return [cell.strip() for cell in line.split(separator)]


def _day(text: str) -> dt.date | None:
    from docgen.normalize import read_day

    return read_day(text) if text.strip() else None


def create_app(workspace: Path, *, token: str | None = None, hosts: Iterable[str] = ()) -> Guard:
    """The application over ``workspace``, guarded (see ``docgen.serve.guard``).

    ``hosts``: the names this server answers to besides loopback (the address it listens on).
    """
    csrf = new_token()
    desk = Desk(workspace, csrf)

    async def on_docgen_error(request: Request, exc: Exception) -> Response:
        message = exc.message if isinstance(exc, DocgenError) else str(exc)
        if request.url.path.startswith("/api/"):
            return _json({"error": message}, 400)
        return HTMLResponse(f'<div class="problem" role="alert">{_escape(message)}</div>', status_code=400)

    async def on_too_large(request: Request, exc: Exception) -> Response:
        limit = exc.limit if isinstance(exc, TooLarge) else 0
        return _json({"error": too_large_message(limit)}, 413)

    key = "{key:str}"
    routes = [
        Route("/", desk.home),
        Route("/new", desk.new, methods=["POST"]),
        Route("/import", desk.import_files, methods=["POST"]),
        Route(f"/p/{key}", desk.project),
        Route(f"/p/{key}/set", desk.set_value, methods=["POST"]),
        Route(f"/p/{key}/block", desk.set_block, methods=["POST"]),
        Route(f"/p/{key}/profile", desk.set_profile, methods=["POST"]),
        Route(f"/p/{key}/add", desk.add, methods=["POST"]),
        Route(f"/p/{key}/remove", desk.remove, methods=["POST"]),
        Route(f"/p/{key}/picture", desk.picture, methods=["POST"]),
        Route(f"/p/{key}/files/{{name:path}}", desk.picture_file),
        Route(f"/p/{key}/download/{{form:str}}.{{ext:str}}", desk.download),
        Route(f"/p/{key}/package.zip", desk.package),
        Route(f"/p/{key}/preview/{{form:str}}", desk.preview),
        Route(f"/p/{key}/preview/{{form:str}}/{{page:int}}.png", desk.preview_page),
        Route(f"/p/{key}/review", desk.record_review, methods=["POST"]),
        Route("/review", desk.review_page),
        Route("/review/check", desk.review_check, methods=["POST"]),
        Route("/blank/{form:str}.docx", desk.blank),
        Route("/api/validate", desk.api_validate, methods=["POST"]),
        Route("/api/build", desk.api_build, methods=["POST"]),
        Route("/api/check", desk.api_check, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={DocgenError: on_docgen_error, TooLarge: on_too_large, ValueError: on_docgen_error},
    )
    allowed = LOOPBACK | {h.lower() for h in hosts}
    return Guard(app, hosts=allowed, token=token, csrf=csrf)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


__all__ = ["create_app"]
