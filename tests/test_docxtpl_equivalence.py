"""The prepared-template path gives the documents plain docxtpl gives for the
same template and context: same paragraphs, same tables, same cell text."""

from __future__ import annotations

import io

import docx
import pytest
from docxtpl import DocxTemplate
from helpers import SAMPLES, VALID_SAMPLES

import docgen
from docgen.forms import BUILDABLE
from docgen.materials import checklist_context
from docgen.render import DEFAULT_TEMPLATES
from docgen.render.context import ReportWriter, filing_record, form_context, report_context
from docgen.render.engine import make_environment
from docgen.render.wordml import escape_text


def structure(blob: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(blob))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


@pytest.mark.parametrize("sample", VALID_SAMPLES)
@pytest.mark.parametrize("form", BUILDABLE)
def test_fast_path_matches_plain_docxtpl(form: str, sample: str) -> None:
    project = docgen.load(SAMPLES / sample)
    fast = docgen.render_documents(project, BUILDABLE)[form]
    assert docgen.render_documents(project, BUILDABLE)[form] == fast  # the same data gives the same bytes

    template = DocxTemplate(DEFAULT_TEMPLATES / docgen.FORMS[form].template)
    data = project.package_data
    context = form_context(data)
    if form == "materials":
        context.update(checklist_context(project, BUILDABLE))
    if form == "filing":
        context["record"] = filing_record(data)
    writer = ReportWriter(docgen.api.renderer().template(form).styles, project.base_dir)
    context["report"] = report_context(data, writer)
    # Plain docxtpl: values only escaped; its own listing pass turns newlines into breaks.
    plain = make_environment()
    plain.finalize = escape_text
    template.render(context, jinja_env=plain, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)

    assert structure(fast) == structure(buffer.getvalue())
