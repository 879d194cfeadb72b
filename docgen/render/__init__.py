"""Rendering: prepared templates in, .docx bytes out. docx and zip details live here only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docgen.forms import FORMS, FormSpec
from docgen.models import ProjectData
from docgen.render.context import ReportWriter, blank_context, form_context, report_context
from docgen.render.engine import PreparedTemplate
from docgen.render.errors import TemplateProblem
from docgen.render.package import build_time, core_properties, write_package

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
            prepared = PreparedTemplate(path)
            self._prepared[form] = prepared
        return prepared

    def render(self, form: str, data: ProjectData, base_dir: Path | None = None) -> bytes:
        """The .docx of ``form`` for ``data``; images are read relative to ``base_dir``."""
        prepared = self.template(form)
        context: dict[str, Any] = form_context(data)
        writer = ReportWriter(prepared.styles, base_dir)
        if "report" in prepared.variables:
            context["report"] = report_context(data, writer)
        title = f"{data.project.name or ''}{FORMS[form].suffix}"
        return self._package(
            prepared, FORMS[form], context, writer, title, data.declaration.applicant or "", data.declaration.date
        )

    def render_blank(self, form: str) -> bytes:
        """The form with every value empty, for filling in by hand."""
        prepared = self.template(form)
        context = blank_context()
        writer = ReportWriter(prepared.styles, None)
        if "report" in prepared.variables:
            context["report"] = report_context(ProjectData(), writer)
        return self._package(prepared, FORMS[form], context, writer, FORMS[form].title, "", None)

    def _package(
        self,
        prepared: PreparedTemplate,
        spec: FormSpec,
        context: dict[str, Any],
        writer: ReportWriter,
        title: str,
        creator: str,
        date: Any,
    ) -> bytes:
        changed = prepared.render_parts(context, writer.media)
        when = build_time(date)
        if "docProps/core.xml" in prepared.package.parts:
            changed["docProps/core.xml"] = core_properties(title or spec.title, creator, when)
        names = list(prepared.package.names)
        names += [name for name in changed if name not in prepared.package.parts]
        parts = {**prepared.package.parts, **changed}
        return write_package(names, parts, when)
