"""The prepared-template path gives the documents plain docxtpl gives for the
same template and context: same paragraphs, same tables, same cell text."""

from __future__ import annotations

import io

import docx
import pytest
from conftest import SAMPLES
from docxtpl import DocxTemplate

import docgen
from docgen.render import DEFAULT_TEMPLATES
from docgen.render.context import ReportWriter, form_context, report_context
from docgen.render.engine import make_environment


def structure(blob: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(blob))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


@pytest.mark.parametrize("form", list(docgen.FORMS))
def test_fast_path_matches_plain_docxtpl(form: str) -> None:
    project = docgen.load(SAMPLES / "contract-example.yaml")
    fast = docgen.render_form(project, form)

    template = DocxTemplate(DEFAULT_TEMPLATES / docgen.FORMS[form].template)
    data = docgen.api.package_data(project)
    context = form_context(data)
    if form == "materials":
        context.update(docgen.api.checklist_context(project, docgen.FORMS))
    context["report"] = report_context(project.data, ReportWriter(docgen.api.renderer().template(form).styles, None))
    template.render(context, jinja_env=make_environment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)

    assert structure(fast) == structure(buffer.getvalue())
