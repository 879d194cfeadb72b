"""docgen blank: the forms with every label and nothing filled in."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from helpers import pdf_text, require_tool, squash
from seed_labels import form_labels, outline_headings

import docgen
from docgen.cli import main


@pytest.fixture(scope="module")
def blank_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    require_tool("soffice")
    folder = tmp_path_factory.mktemp("blank")
    result = CliRunner().invoke(main, ["blank", "-o", str(folder), "--pdf"])
    assert result.exit_code == 0, result.output
    return {path.stem: squash(pdf_text(path)) for path in Path(folder).glob("*.pdf")}


@pytest.mark.libreoffice
def test_blank_forms_print_every_label_and_the_printed_blanks(blank_pdfs: dict[str, str]) -> None:
    application, security = blank_pdfs["空白-申报表"], blank_pdfs["空白-网络安全和密码保护审查表"]
    assert [label for label in form_labels(1, dated=False, reviewed=False) if label not in application] == []
    assert [label for label in form_labels(2, dated=False, reviewed=False) if label not in security] == []
    assert security.count("审查结果：（符合/不符合）") == 2


@pytest.mark.libreoffice
def test_blank_report_is_the_outline_with_empty_sections(blank_pdfs: dict[str, str]) -> None:
    text = re.sub(r"—\d+—", "", blank_pdfs["空白-需求分析报告"])  # page numbers between pages
    position = -1
    for heading in outline_headings():
        found = text.find(heading, position + 1)
        assert found == position + 1 or position == -1, heading  # nothing between headings
        position = found + len(heading) - 1


def test_blank_value_cells_are_empty() -> None:
    table = docx.Document(io.BytesIO(docgen.render_blank("application"))).tables[0]
    labels = {
        "项目建设单位",
        "项目负责人",
        "联系电话",
        "参与建设单位",
        "项目名称",
        "项目类别",
        "项目建设地址",
        "项目建设依据",
        "项目计划时间",
        "项目准备情况",
        "项目预计\n总投资（万元）",
        "本年度预计\n投入（万元）",
        "计划资金来源",
        "国家资金",
        "自治区资金",
        "市级资金",
        "社会资金",
        "申报材料",
        "备注",
    }
    for row in table.rows:
        for cell in row.cells:
            assert cell.text in labels | {"", "起始时间：\t完成时间："}, cell.text
