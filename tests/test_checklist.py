"""The 申报材料清单 in the package, and 申报材料 derived from the rules on 附件1,
read back from the real files (python-docx and LibreOffice's PDF)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from helpers import BuiltSample, pdf_text, require_tool, squash
from rulecase import project

import docgen

CONTRACT = "contract-example.yaml"


@pytest.mark.libreoffice
def test_checklist_lists_each_required_document_its_article_and_whether_it_is_here(
    built_samples: dict[str, BuiltSample],
) -> None:
    sample = built_samples[CONTRACT]
    document = docx.Document(sample.docx["materials"])
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["序号", "材料名称", "依据", "环节", "本材料包"]
    by_title = {row[1]: row for row in rows[1:]}
    assert by_title["项目初步设计"][2].startswith("第十五条")
    assert by_title["项目初步设计"][4] == "未包含（申报材料已列明，另行提交）"
    assert by_title["项目需求分析报告"][4] == "已包含（本材料包）"
    assert by_title["石嘴山市政务信息化项目建设申报表"][2].startswith("第十六条")
    text = sample.text("materials")
    for title in by_title:
        assert squash(title) in text
    assert squash("适用本办法全部规定（第四条）") in text
    notes = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert ["SZS-19", "第十九条", "项目建设单位对申报材料的真实性负责"] in notes


def test_checklist_says_what_a_partial_package_lacks(tmp_path: Path) -> None:
    result = docgen.build(project(), tmp_path, forms="application,materials")
    checklist = next(p for p in result.outputs if p.name.endswith("申报材料清单.docx"))
    rows = {row.cells[1].text: row.cells[4].text for row in docx.Document(checklist).tables[0].rows[1:]}
    assert rows["项目需求分析报告"] == "未包含（申报材料已列明，另行提交）"
    assert rows["石嘴山市政务信息化项目建设申报表"] == "已包含（本材料包）"


@pytest.mark.libreoffice
def test_empty_materials_on_the_application_form_are_filled_from_the_rules(tmp_path: Path) -> None:
    require_tool("soffice")
    loaded = project({"project.materials": [], "project.budget_estimate": 400})
    blob = docgen.render_documents(loaded, ["application"])["application"]
    table = docx.Document(io.BytesIO(blob)).tables[0]
    cell = next(row.cells[-1].text for row in table.rows if row.cells[0].text == "申报材料")
    assert "项目初步设计" in cell
    assert "需求分析报告" not in cell  # 投资概算 400 < 500: 第十六条 does not apply
    out = docgen.build(loaded, tmp_path, forms="application", pdf=True).outputs
    pdf = next(p for p in out if p.suffix == ".pdf")
    assert squash("项目初步设计") in squash(pdf_text(pdf))
