"""Rendering: prepared templates in, .docx bytes out. docx and zip details live here only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from docgen.forms import FORMS, Form
from docgen.messages import MSG
from docgen.models import ProjectData
from docgen.outline import PLANS_BY_FORM
from docgen.render.context import ReportWriter, blank_context, form_context, plan_context, report_context
from docgen.render.engine import RENDER_SECONDS, PreparedTemplate
from docgen.render.errors import TemplateProblem
from docgen.render.isolation import isolated
from docgen.render.package import Deflated, build_time, core_properties, deflate_close, deflate_open, write_package
from docgen.render.provenance import source_head, source_parts, source_tail
from docgen.source_data import BODY_PART, digest

T = TypeVar("T")

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

__all__ = ["DEFAULT_TEMPLATES", "Renderer", "TemplateProblem"]


class Renderer:
    """Holds each template prepared once; renders documents from data.

    One Renderer per process is enough: preparing is the expensive step, and a
    Renderer keeps no per-document state.
    """

    def __init__(self, template_dir: Path | None = None) -> None:
        self.template_dir = template_dir or DEFAULT_TEMPLATES
        self._prepared: dict[Form, PreparedTemplate] = {}

    def template(self, form: Form) -> PreparedTemplate:
        prepared = self._prepared.get(form)
        if prepared is None:
            path = self.template_dir / FORMS[form].template
            if not path.is_file():
                raise TemplateProblem(MSG.template_missing.format(path=path))
            prepared = PreparedTemplate(path, verify=self.template_dir != DEFAULT_TEMPLATES)
            self._prepared[form] = prepared
        return prepared

    def render(
        self,
        forms: tuple[Form, ...] | list[Form],
        data: ProjectData,
        *,
        base_dir: Path | None = None,
        extra: dict[Form, dict[str, Any]] | None = None,
        source: bytes | None = None,
        time_limit: float | None = None,
    ) -> dict[Form, bytes]:
        """The documents of one project: the data's display view is computed once, and so is
        the compressed source-data part they all carry.

        Pictures are read relative to ``base_dir``; ``extra`` adds context by form that does
        not come from the data (the 材料清单's rows); ``source`` (canonical JSON of the
        project's data) is carried in a custom XML part; ``time_limit`` (seconds) stops a
        template that loops too long, where the caller owns the process (see engine). A user's
        templates render in a child process under a memory limit and a time limit (see isolation).
        """
        shared = form_context(data)
        carried = (deflate_open(source_head(source)), digest(source)) if source is not None else None
        creator = data.declaration.applicant or ""

        def documents() -> dict[Form, bytes]:
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
                    time_limit,
                )
                for form in forms
            }

        return self._guarded(list(forms), documents, time_limit)

    def render_blank(self, form: Form, *, time_limit: float | None = None) -> bytes:
        """The form with every value empty, for filling in by hand."""
        blank = ProjectData()

        def document() -> bytes:
            return self._render(form, blank, blank_context(), None, FORMS[form].title, "", None, None, time_limit)

        return self._guarded([form], document, time_limit)

    def _guarded(self, forms: list[Form], work: Callable[[], T], time_limit: float | None) -> T:
        """``work()`` as it is for docgen's own templates; for a user's, in a child process with a
        memory limit and a time limit (the templates are prepared here first, and kept)."""
        if self.template_dir == DEFAULT_TEMPLATES:
            return work()
        for form in forms:
            self.template(form)
        seconds = (time_limit or RENDER_SECONDS) * max(1, len(forms))
        return isolated(work, seconds=seconds, name="、".join(FORMS[form].template for form in forms))

    def _render(
        self,
        form: Form,
        data: ProjectData,
        context: dict[str, Any],
        base_dir: Path | None,
        title: str,
        creator: str,
        date: dt.date | None,
        carried: tuple[Deflated, str] | None = None,
        time_limit: float | None = None,
    ) -> bytes:
        prepared = self.template(form)
        writer = ReportWriter(prepared.styles, base_dir)
        if "report" in prepared.variables:
            context["report"] = report_context(data, writer)
        if "doc" in prepared.variables and form.value in PLANS_BY_FORM:
            context.update(plan_context(data, PLANS_BY_FORM[form.value], writer))
        changed = prepared.render_parts(context, writer.media, time_limit=time_limit)
        parts: dict[str, bytes | Deflated] = dict(changed)
        if carried is not None:
            current = {**prepared.package.parts, **changed}
            head, sha = carried
            item = deflate_close(head, source_tail(current[BODY_PART]))
            parts.update(source_parts(prepared.package.names, current, item, sha))
        when = build_time(date)
        if "docProps/core.xml" in prepared.package.parts:
            parts["docProps/core.xml"] = core_properties(title or FORMS[form].title, creator, when)
        names = list(prepared.package.names)
        names += [name for name in parts if name not in prepared.package.parts]
        return write_package(names, {**prepared.deflated, **parts}, when)
