"""The generated documents as a reader sees them: converted to PDF by LibreOffice
and read back. Labels come from the seed text, values from the sample data."""

from __future__ import annotations

import re
import subprocess

import pytest
from helpers import VALID_SAMPLES, BuiltSample, require_tool, squash
from seed_labels import form_labels, outline_headings

from docgen.formatting import amount, date_cn
from docgen.forms import BUILDABLE

pytestmark = pytest.mark.libreoffice


@pytest.fixture(params=VALID_SAMPLES)
def sample(request: pytest.FixtureRequest, built_samples: dict[str, BuiltSample]) -> BuiltSample:
    return built_samples[request.param]


def test_application_form_holds_every_label_of_annex_1(sample: BuiltSample) -> None:
    text = sample.text("application")
    dated = sample.project.data.declaration.date is not None
    missing = [label for label in form_labels(1, dated=dated, reviewed=False) if label not in text]
    assert missing == []


def test_security_form_holds_every_label_of_annex_2(sample: BuiltSample) -> None:
    text = sample.text("security")
    data = sample.project.data
    reviewed = data.review.network_security.result is not None
    missing = [
        label
        for label in form_labels(2, dated=data.declaration.date is not None, reviewed=reviewed)
        if label not in text
    ]
    assert missing == []


def test_review_blocks_print_result_unit_and_full_date_when_reviewed(sample: BuiltSample) -> None:
    text = sample.text("security")
    review = sample.project.data.review
    for entry in (review.network_security, review.cryptography):
        if entry.result is None:
            assert text.count("审查结果：（符合/不符合）") == 2
            assert text.count("20年月日") == 2
        else:
            assert f"审查结果：{entry.result}" in text
            assert f"审查单位：{entry.unit}" in text
            assert date_cn(entry.date) in text
            assert f"20{date_cn(entry.date)}" not in text  # the printed 20 became part of the year


def test_requirements_report_has_the_outline_headings_in_order(sample: BuiltSample) -> None:
    text = sample.text("requirements")
    position = -1
    for heading in outline_headings():
        found = text.find(heading, position + 1)
        assert found > position, f"heading missing or out of order: {heading}"
        position = found


def test_no_template_syntax_survives(sample: BuiltSample) -> None:
    for form in sample.pdf:
        text = sample.text(form)
        for tag in ("{{", "{%", "}}", "%}"):
            assert tag not in text, (form, tag)


def test_every_data_value_is_printed(sample: BuiltSample) -> None:
    data = sample.project.data
    p, inv = data.project, data.project.investment
    application = sample.text("application")
    expected = [
        data.declaration.applicant,
        p.owner_unit,
        p.leader.name,
        p.leader.phone,
        p.name,
        p.category,
        p.location,
        p.preparation,
        amount(inv.total),
        amount(inv.this_year),
        p.remarks,
        date_cn(p.schedule.start),
        date_cn(p.schedule.end),
        date_cn(data.declaration.date),
        *p.participating_units,
        *p.basis,
        *p.materials,
        *(
            amount(v)
            for v in (inv.sources.national, inv.sources.autonomous_region, inv.sources.municipal, inv.sources.social)
        ),
    ]
    missing = [value for value in expected if value and squash(value) not in application]
    assert missing == []

    security = sample.text("security")
    sec = data.security
    for value in (
        sec.construction_content,
        sec.network_security.summary,
        sec.cryptography.summary,
        p.name,
        p.owner_unit,
        p.leader.name,
        p.leader.phone,
        p.category,
    ):
        assert squash(value) in security


def test_report_prints_sections_tables_and_generated_investment_tables(sample: BuiltSample) -> None:
    from docgen.models import ImageBlock, TableBlock

    text = sample.text("requirements")
    data = sample.project.data
    report = data.requirements_report
    sections = [
        report.owner_overview,
        report.overview,
        report.funding,
        *(getattr(report.necessity, k) for k in type(report.necessity).model_fields),
        *(getattr(report.analysis, k) for k in type(report.analysis).model_fields),
        *(getattr(report.construction, k) for k in type(report.construction).model_fields),
    ]
    for section in sections:
        blocks = [section] if isinstance(section, str) else section
        for block in blocks:
            if isinstance(block, str):
                for paragraph in block.split("\n\n"):
                    assert squash(paragraph) in text
            elif isinstance(block, TableBlock):
                assert squash(block.table.caption or "") in text
                for cell in [*block.table.columns, *(c for row in block.table.rows for c in row)]:
                    assert squash(cell) in text
            elif isinstance(block, ImageBlock):
                assert squash(block.image.caption or "") in text
    for item in data.project.investment.items:
        assert squash(item.name) in text
        assert amount(item.amount) in text
    assert "项目投资估算表" in text and "资金筹措表" in text
    for entry in report.appendix:
        assert squash(entry) in text
    # 一（二） names both the 项目负责人 and the 项目责任人, once (the clerk's own sentence names them).
    assert text.count(data.project.leader.name) == 1
    assert text.count(data.project.responsible_person.name) == 1


def test_forms_fit_on_one_a4_page_and_the_report_is_a4(sample: BuiltSample) -> None:
    require_tool("pdfinfo")
    for form, pages in (("application", 1), ("security", 1), ("requirements", None)):
        info = subprocess.run(["pdfinfo", str(sample.pdf[form])], capture_output=True, text=True, check=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1, info  # A4: 210 x 297 mm
        count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        if pages is not None:
            assert count == pages, (form, count)
        else:
            assert count >= 2


@pytest.mark.parametrize("form", BUILDABLE)
def test_pdf_embeds_cjk_fonts(sample: BuiltSample, form: str) -> None:
    require_tool("pdffonts")
    listing = subprocess.run(["pdffonts", str(sample.pdf[form])], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    assert any("CJK" in row for row in rows), listing
    assert all(row.split()[-5] == "yes" for row in rows), listing  # the "emb" column
