"""Each jurisdiction's own documents (issue 20): under 钦州2016, 广西 and 江西 ``build`` writes the
documents those 办法 name — from each document's outline, titled with the jurisdiction, never a
石嘴山 form — refuses what the 办法 does not define in a Chinese sentence naming what it asks
for, and ``check`` recognises and judges those documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import SAMPLES, pdf_text, squash
from rulecase import TODAY, of, total_with_items, variant

import docgen
from docgen.errors import Code, InputError
from docgen.forms import FORMS, Form
from docgen.outline import PLANS_BY_FORM

LOCAL = {
    "project.owner_unit": "某市大数据发展局",
    "declaration.applicant": "某市大数据发展局",
    "project.materials": [],
    "project.location": "某市政务服务中心",
    "project.basis": ["《国务院办公厅关于印发国家政务信息化项目建设管理办法的通知》（国办发〔2019〕57号）"],
}
QINZHOU = {
    **LOCAL,
    **total_with_items("300"),
    "project.name": "钦州市城市运行监测平台建设项目",
    "qinzhou.implementation_plan": {
        "technical_solution": "采用微服务架构，分为数据层、服务层和应用层。",
        "tendering": "公开招标，分一个标段。",
    },
}
GUANGXI = {
    **LOCAL,
    "project.name": "自治区政务服务效能监测系统建设项目",
    "guangxi.scheme": {
        "architecture": "依托壮美广西·政务云，采用云原生架构。",
        "standards": "执行自治区政务数据共享标准。",
        "path": "分两期实施，先建监测指标体系。",
        "service": "提供7×24小时运维保障。",
        "training": "分批培训各部门业务人员。",
    },
}
JIANGXI_BASICS = {
    "main_tasks": "建设全省统一的监测平台",
    "performance_goals": "年内接入11个设区市",
    "implementation_mode": "委托建设，便于统一运维",
}
JIANGXI = {
    **LOCAL,
    "project.name": "江西省政务数据质量监测平台建设项目",
    "project.products": [{"name": "国产关系型数据库", "kind": "基础软件", "secure_reliable": True}],
    "jiangxi": {
        **JIANGXI_BASICS,
        "party_review": {"meeting": "厅党组会议"},
        "technical_plan": {"intensive": "统一身份认证和电子印章纳入公共项目建设。"},
        "work_secret": True,
        "work_secret_protection": "涉及工作秘密的数据在电子政务内网处理。",
    },
}
JIANGXI_OM = {
    **LOCAL,
    "project.name": "江西省12345热线平台运维项目",
    "project.category": "服务类",
    "project.construction_type": "运维",
    "project.free_maintenance_years": None,
    "project.service_period_years": 3,
    "project.investment.items": [{"name": "运维服务", "category": "其他费用", "amount": 860}],
    "jiangxi": {
        **JIANGXI_BASICS,
        "party_review": {"meeting": "厅长办公会议"},
        "om_plan": {"quality": "按季度开展用户满意度评价。"},
    },
}
CASES = [
    ("qinzhou2016", QINZHOU, [Form.IMPLEMENTATION_PLAN]),
    ("guangxi", GUANGXI, [Form.ANNUAL_SCHEME]),
    ("jiangxi", JIANGXI, [Form.TECHNICAL_PLAN]),
    ("jiangxi", JIANGXI_OM, [Form.OM_PLAN]),
]
IDS = ["钦州2016实施方案", "广西年度方案", "江西技术方案", "江西运维实施方案"]


def loaded(changes: dict[str, Any], profile: str) -> docgen.LoadedProject:
    project = docgen.api.load_data(variant(changes), base_dir=SAMPLES, profile=profile, today=TODAY)
    assert project.ok, [f.format() for f in project.findings.errors]
    return project


def texts(path: Path) -> list[str]:
    document = docx.Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize(("profile", "changes", "plans"), CASES, ids=IDS)
def test_build_writes_the_profile_s_own_documents_from_their_outline(
    tmp_path: Path, profile: str, changes: dict[str, Any], plans: list[Form]
) -> None:
    result = docgen.build(loaded(changes, profile), tmp_path)
    written = {path.name.rsplit("-", 1)[1].removesuffix(".docx") for path in result.outputs}
    assert written == {FORMS[form].suffix for form in [*plans, Form.MATERIALS]}
    for path in result.outputs:
        assert "石嘴山" not in "".join(texts(path)), path.name
    (plan_path,) = [p for p in result.outputs if FORMS[plans[0]].suffix in p.name]
    paragraphs = texts(plan_path)
    plan = PLANS_BY_FORM[plans[0].value]
    assert FORMS[plans[0]].title in paragraphs  # the title names the jurisdiction
    headings = [p.text for p in docx.Document(plan_path).paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        part.text for part in plan.parts if part.when is None or changes.get("jiangxi", {}).get("work_secret")
    ]


@pytest.mark.parametrize(("profile", "changes", "plans"), CASES, ids=IDS)
def test_check_recognises_and_judges_the_profile_s_documents(
    tmp_path: Path, profile: str, changes: dict[str, Any], plans: list[Form]
) -> None:
    (path,) = docgen.build(loaded(changes, profile), tmp_path, forms=[plans[0]]).outputs
    result = docgen.check([path])
    assert [d.form for d in result.documents] == [plans[0]]
    assert result.findings.ok, [f.format() for f in result.findings]
    # a chapter emptied by hand, and one removed: both found, citing the 办法's article
    document = docx.Document(path)
    plan = PLANS_BY_FORM[plans[0].value]
    first, last = plan.parts[1], plan.parts[-1] if plan.parts[-1].when is None else plan.parts[-2]
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text == first.text:
            following = paragraphs[index + 1]
            for run in following.runs:
                run.text = ""
        if paragraph.text == last.text:
            paragraph.text = "其他说明"
    edited = tmp_path / "改过的.docx"
    document.save(edited)
    found = docgen.check([edited], form=plans[0].value).findings
    assert {(f.code, f.label) for f in found} >= {(Code.CHECK_EMPTY, first.text), (Code.CHECK_MISSING, last.text)}
    assert all(f.article and f.article.startswith("第") for f in found)


@pytest.mark.parametrize(
    ("profile", "asked"),
    [
        ("qinzhou2016", "项目实施方案（第九条）"),
        ("qinzhou2023", "信创技术情况说明（第十一条）"),
        ("jiangxi", "运维实施方案"),
    ],
)
def test_a_form_the_profile_does_not_define_is_refused_in_chinese(tmp_path: Path, profile: str, asked: str) -> None:
    project = docgen.api.load_data(variant({**QINZHOU, **JIANGXI}), base_dir=SAMPLES, profile=profile, today=TODAY)
    with pytest.raises(InputError) as caught:
        docgen.build(project, tmp_path, forms="申报表")
    message = caught.value.message
    assert "没有规定「申报表」" in message and asked in message and project.profile.name in message
    assert not list(tmp_path.iterdir())


def test_shizuishan_still_builds_its_annexes_and_refuses_the_others(tmp_path: Path) -> None:
    project = docgen.load(SAMPLES / "contract-example.yaml")
    assert len(docgen.build(project, tmp_path / "a").outputs) == 4
    with pytest.raises(InputError, match="没有规定「技术方案」"):
        docgen.build(project, tmp_path / "b", forms="技术方案")


def test_an_empty_chapter_is_an_error_of_the_article_that_lists_it() -> None:
    changes = {**QINZHOU, "qinzhou.implementation_plan": {"tendering": "公开招标。"}}
    project = docgen.api.load_data(variant(changes), base_dir=SAMPLES, profile="qinzhou2016", today=TODAY)
    (f,) = of("QZ16-09.4", project.findings)
    assert "「三、详细技术方案」没有内容" in f.message and f.article == "第九条"
    above = docgen.api.load_data(variant({**changes, **total_with_items("600")}), profile="qinzhou2016", today=TODAY)
    assert not of("QZ16-09.4", above.findings)  # ≥ 500万: the 实施方案 is not the procedure


@pytest.mark.libreoffice
@pytest.mark.parametrize(("profile", "changes", "plans"), CASES, ids=IDS)
def test_the_profile_s_documents_open_in_libreoffice_with_their_outline(
    tmp_path: Path, profile: str, changes: dict[str, Any], plans: list[Form]
) -> None:
    result = docgen.build(loaded(changes, profile), tmp_path, forms=[plans[0], Form.MATERIALS], pdf=True)
    pdfs = [p for p in result.outputs if p.suffix == ".pdf"]
    assert len(pdfs) == 2
    (plan_pdf,) = [p for p in pdfs if FORMS[plans[0]].suffix in p.name]
    text = squash(pdf_text(plan_pdf))
    plan = PLANS_BY_FORM[plans[0].value]
    positions = [text.index(squash(part.text)) for part in plan.parts if squash(part.text) in text]
    assert len(positions) >= len(plan.parts) - 1 and positions == sorted(positions)
    assert squash(FORMS[plans[0]].title) in text and "石嘴山" not in text
