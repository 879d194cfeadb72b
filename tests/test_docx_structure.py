"""The .docx itself, read back with python-docx: tables, merges, fonts, page setup."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from helpers import SAMPLES

import docgen
from docgen.formatting import amount
from docgen.forms import BUILDABLE


@pytest.fixture(scope="module")
def contract() -> docgen.LoadedProject:
    project = docgen.load(SAMPLES / "contract-example.yaml")
    assert project.findings == []
    return project


@pytest.fixture(scope="module")
def documents(contract: docgen.LoadedProject) -> dict[str, docx.document.Document]:
    return {form: docx.Document(io.BytesIO(docgen.render_documents(contract, [form])[form])) for form in BUILDABLE}


def cell_texts(row) -> list[str]:
    """Distinct cells of a row, in order (merged cells appear once)."""
    seen, out = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell.text)
    return out


def test_application_table_reproduces_the_annex_grid(documents, contract) -> None:
    table = documents["application"].tables[0]
    assert len(table.rows) == 13
    data = contract.data.project
    # 项目建设单位 spans the 项目负责人 and 联系电话 rows (label and value merged down).
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc
    assert table.cell(0, 1)._tc is table.cell(1, 2)._tc
    assert cell_texts(table.rows[0]) == ["项目建设单位", data.owner_unit, "项目负责人", data.leader.name]
    assert cell_texts(table.rows[1]) == ["项目建设单位", data.owner_unit, "联系电话", data.leader.phone]
    # 计划资金来源 over two rows and four sub-columns.
    assert table.cell(9, 0)._tc is table.cell(10, 0)._tc
    assert cell_texts(table.rows[9]) == ["计划资金来源", "国家资金", "自治区资金", "市级资金", "社会资金"]
    sources = data.investment.sources
    assert cell_texts(table.rows[10])[1:] == [
        amount(v) for v in (sources.national, sources.autonomous_region, sources.municipal, sources.social)
    ]
    # 起始时间 and 完成时间 share one cell.
    assert cell_texts(table.rows[6]) == ["项目计划时间", "起始时间：2027年3月1日\t完成时间：2028年2月29日"]
    assert cell_texts(table.rows[8]) == [
        "项目预计\n总投资（万元）",
        "860",
        "本年度预计\n投入（万元）",
        "500",
    ]
    # Exact text, quotes included.
    assert cell_texts(table.rows[3])[1] == data.name
    assert "\n".join(data.basis) == cell_texts(table.rows[5])[1]


def test_header_line_has_applicant_and_date(documents) -> None:
    texts = [p.text for p in documents["application"].paragraphs]
    assert "项目申报单位：石嘴山市政务服务管理局\t2026年11月20日" in texts
    assert texts[0] == "附件1" and "石嘴山市政务信息化项目申报表" in texts


def test_security_form_keeps_the_printed_review_blocks_when_not_reviewed(documents) -> None:
    table = documents["security"].tables[0]
    assert len(table.rows) == 8
    assert cell_texts(table.rows[5]) == ["网络安全审查", "审查结果：（符合/不符合）\n审查单位：\n20   年   月   日"]
    assert cell_texts(table.rows[7]) == ["密码保护审查", "审查结果：（符合/不符合）\n审查单位：\n20   年   月   日"]


def test_reviewed_security_form_prints_result_unit_and_date() -> None:
    project = docgen.load(SAMPLES / "service-12345-om.yaml")
    table = docx.Document(io.BytesIO(docgen.render_documents(project, ["security"])["security"])).tables[0]
    assert cell_texts(table.rows[5])[1] == "审查结果：符合\n审查单位：石嘴山市委网信办\n2026年11月2日"


def test_page_setup_follows_gbt_9704(documents) -> None:
    for document in documents.values():
        section = document.sections[0]
        # twips round to 1/56.7 mm
        assert abs(section.page_width - Mm(210)) <= Mm(0.1) and abs(section.page_height - Mm(297)) <= Mm(0.1)
        for margin, mm in (("top_margin", 37), ("bottom_margin", 35), ("left_margin", 28), ("right_margin", 26)):
            assert abs(getattr(section, margin) - Mm(mm)) <= Mm(0.1), margin


def test_every_run_with_text_names_its_east_asian_font(documents) -> None:
    for form, document in documents.items():
        body = document.element.body
        for run in body.iter(qn("w:r")):
            if run.find(qn("w:t")) is None:
                continue
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert fonts is not None and fonts.get(qn("w:eastAsia")), (form, run.xpath("string(.)"))


def test_report_headings_use_heading_styles_with_gbt_fonts(documents) -> None:
    document = documents["requirements"]
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "一、项目基本信息")
    assert ("Heading 2", "（一）项目名称") in headings
    fonts = {}
    for level in (1, 2):
        rfonts = document.styles[f"Heading {level}"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        fonts[level] = rfonts.get(qn("w:eastAsia"))
    assert fonts == {1: "黑体", 2: "楷体"}
    body_style = document.styles["报告正文"]
    assert body_style.font.size.pt == 16  # 3号


def test_report_tables_come_from_blocks_and_investment(documents, contract) -> None:
    tables = documents["requirements"].tables
    assert [cell.text for cell in tables[0].rows[0].cells] == ["业务类别", "年办件量（万件）", "峰值并发（人）"]
    items = contract.data.project.investment.items
    estimate = tables[1]
    assert len(estimate.rows) == len(items) + 2  # header + items + 合计
    assert estimate.rows[-1].cells[-1].text == amount(contract.data.project.investment.total)
    assert [c.text for c in tables[2].rows[-1].cells] == ["合计", "860", "100.0%"]


def test_images_are_embedded_as_real_pictures() -> None:
    project = docgen.load(SAMPLES / "service-12345-om.yaml")
    blob = docgen.render_documents(project, ["requirements"])["requirements"]
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert media and archive.read(media[0]) == (SAMPLES / "images/12345-architecture.png").read_bytes()
    document = docx.Document(io.BytesIO(blob))
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width <= Mm(140) + 1
    assert any(p.text == "图1　12345热线平台总体架构" for p in document.paragraphs)
