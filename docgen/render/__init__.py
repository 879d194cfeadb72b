"""Rendering: prepared templates in, .docx bytes out. docx and zip details live here only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docgen.forms import FORMS
from docgen.models import ProjectData
from docgen.render.context import ReportWriter, blank_context, form_context, report_context
from docgen.render.engine import PreparedTemplate
from docgen.render.errors import TemplateProblem
from docgen.render.package import Deflated, build_time, core_properties, deflate, write_package
from docgen.render.provenance import source_item, source_parts
from docgen.source_data import digest

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

__all__ = ["DEFAULT_TEMPLATES", "Renderer", "TemplateProblem"]


class Renderer:
    """Holds each template prepared once; renders documents from data.

    One Renderer per process is enough: preparing is the expensive step, and a
    Renderer keeps no per-document state.
    """

    def __init__(self, template_dir: Path | None = None) -> None:
        self.template_dir = template_dir or DEFAULT_TEMPLATES
        self._prepared: dict[str, PreparedTemplate] = {}

    def template(self, form: str) -> PreparedTemplate:
        prepared = self._prepared.get(form)
        if prepared is None:
            path = self.template_dir / FORMS[form].template
            if not path.is_file():
                raise TemplateProblem(f"找不到模板文件：{path}")
            prepared = PreparedTemplate(path, verify=self.template_dir != DEFAULT_TEMPLATES)
            self._prepared[form] = prepared
        return prepared

    def render(
        self,
        form: str,
        data: ProjectData,
        base_dir: Path | None = None,
        extra: dict[str, Any] | None = None,
        source: bytes | None = None,
    ) -> bytes:
        """The .docx of ``form`` for ``data``; images are read relative to ``base_dir``.

        ``extra`` adds context that does not come from the data itself (the 材料清单's rows);
        ``source`` (canonical JSON of the project's data) is carried in a custom XML part.
        """
        return self.render_many((form,), data, base_dir, {form: extra} if extra else None, source)[form]

    def render_many(
        self,
        forms: tuple[str, ...] | list[str],
        data: ProjectData,
        base_dir: Path | None = None,
        extra: dict[str, dict[str, Any]] | None = None,
        source: bytes | None = None,
    ) -> dict[str, bytes]:
        """Several documents of one project; the data's display view is computed once, and so
        is the compressed source-data part they all carry."""
        shared = form_context(data)
        carried = (deflate(source_item(source)), digest(source)) if source is not None else None
        creator = data.declaration.applicant or ""
        return {
            form: self._render(
                form,
                data,
                {**shared, **(extra or {}).get(form, {})},
                base_dir,
                f"{data.project.name or ''}{FORMS[form].suffix}",
                creator,
                data.declaration.date,
                carried,
            )
            for form in forms
        }

    def render_blank(self, form: str) -> bytes:
        """The form with every value empty, for filling in by hand."""
        return self._render(form, ProjectData(), blank_context(), None, FORMS[form].title, "", None)

    def _render(
        self,
        form: str,
        data: ProjectData,
        context: dict[str, Any],
        base_dir: Path | None,
        title: str,
        creator: str,
        date: dt.date | None,
        carried: tuple[Deflated, str] | None = None,
    ) -> bytes:
        prepared = self.template(form)
        writer = ReportWriter(prepared.styles, base_dir)
        if "report" in prepared.variables:
            context["report"] = report_context(data, writer)
        changed = prepared.render_parts(context, writer.media)
        parts: dict[str, bytes | Deflated] = dict(changed)
        if carried is not None:
            current = {**prepared.package.parts, **changed}
            parts.update(source_parts(prepared.package.names, current, *carried))
        when = build_time(date)
        if "docProps/core.xml" in prepared.package.parts:
            parts["docProps/core.xml"] = core_properties(title or FORMS[form].title, creator, when)
        names = list(prepared.package.names)
        names += [name for name in parts if name not in prepared.package.parts]
        return write_package(names, {**prepared.deflated, **parts}, when)
