"""The 办法 as written (issue 20): each probe project is the contract example changed the way the
article's text describes, and the test says which finding — or its absence — the article gives."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from helpers import SAMPLES
from openpyxl import load_workbook
from rulecase import findings, of, project, total_with_items, variant

import docgen
from docgen import filing, spreadsheet
from docgen.cli import main
from docgen.errors import Severity
from docgen.fields import find
from docgen.render import pdf
from docgen.rules import Stage, stage_of
from docgen.sources.yaml_source import dump
from docgen.summary import COLUMNS

TENDERED = {"procurement.tender_completed_on": "2026-10-15", "filing.filed_on": "2026-11-01"}
OM = {
    "project.category": "服务类",
    "project.construction_type": "运维",
    "project.free_maintenance_years": None,
    "project.service_period_years": 3,
    "project.investment.items": [{"name": "运维服务", "category": "其他费用", "amount": 860}],
}


def codes(found: list[Any], prefix: str) -> set[str]:
    return {f.code for f in found if f.code.startswith(prefix)}


# ---------------------------------------------------------------- 1. 涉密 (第四条)


def test_a_classified_project_gets_the_scope_finding_and_no_other_rule_of_the_shizuishan_measures() -> None:
    # 第四条: 「…的非涉密项目…适用本办法」. Late filing, a wrong cloud, infrastructure: none of it is asked.
    changes = {
        "project.classified": True,
        "project.deployment": "单位自建机房",
        "project.infrastructure.servers": True,
        "procurement.tender_completed_on": "2026-01-10",
        "project.supervisor_org": None,
    }
    found = findings(changes)
    assert codes(found, "SZS-") == {"SZS-04.3"}
    (f,) = of("SZS-04.3", found)
    assert f.severity is Severity.ERROR and f.article == "第四条" and "保密" in f.message
    loaded = project(changes)
    assert loaded.required == []  # no document of the 办法 is asked either
    assert "保密" in loaded.profile.scope_for(loaded.data)


def test_below_sixty_wan_a_classified_project_is_outside_too() -> None:
    # 「总投资低于60万元的非涉密项目，参照本办法开展项目备案」: a 涉密 one is not filed under the 办法.
    changes = {**total_with_items("50"), "project.classified": True, "procurement.tender_completed_on": "2026-01-10"}
    assert codes(findings(changes), "SZS-") == {"SZS-04.3"}


def test_jiangxi_keeps_its_own_rules_for_classified_projects() -> None:
    # 江西 第十四条 sends 涉密 审批 and 运维 to the 保密 rules but 第十八条 still asks for two 保密 experts.
    changes = {"project.classified": True, "jiangxi.classified_experts": 1}
    assert of("JX-18.2", findings(changes, "jiangxi"))


# ---------------------------------------------------------------- 2. 自筹资金 (第四条、第十八条)

SELF_FUNDED = {
    "project.investment.sources": {
        "national": 0,
        "autonomous_region": 300,
        "municipal": 360,
        "social": 0,
        "self_funded": 200,
    }
}


def test_self_funding_counts_in_the_sources_sum() -> None:
    assert not of("DG-SOURCES", findings(SELF_FUNDED))
    short = {"project.investment.sources": {**SELF_FUNDED["project.investment.sources"], "self_funded": 100}}
    (f,) = of("DG-SOURCES", findings(short))
    assert "自筹资金" in f.message and "760" in f.message


def test_a_self_funded_project_is_not_missing_its_funding_source_at_filing() -> None:
    only_self = {"project.investment.sources": {"national": 0, "autonomous_region": 0, "municipal": 0, "social": 0}}
    only_self["project.investment.sources"]["self_funded"] = 860  # type: ignore[index]
    loaded = project({**only_self, **TENDERED})
    assert not [f for f in loaded.findings if f.field == "project.investment.sources"]
    sources = next(item for item in filing.items_for("construction") if item.label == "资金来源")
    assert filing.value_text(loaded.data, sources) == "自筹资金860万元"


def test_the_summary_has_a_self_funding_column(tmp_path: Any) -> None:

    assert "自筹资金（万元）" in [c.header for c in COLUMNS]
    source = tmp_path / "p.yaml"
    source.write_text(dump(variant(SELF_FUNDED), []), encoding="utf-8")
    table = docgen.write_summary([source], tmp_path / "汇总表.xlsx", today=dt.date(2026, 11, 24))
    assert table.rows[0].values["自筹资金（万元）"] == Decimal(200)
    sheet = load_workbook(tmp_path / "汇总表.xlsx").active
    headers = [cell.value for cell in sheet[1]]
    assert sheet.cell(2, headers.index("自筹资金（万元）") + 1).value == 200


def test_the_workbook_and_the_browser_form_have_the_field_from_the_model() -> None:

    (column,) = [c for c in spreadsheet.columns() if c.path == ("project", "investment", "sources", "self_funded")]
    assert "自筹资金" in column.header and not column.mandatory
    node = find(("project", "investment", "sources", "self_funded"))
    assert node is not None and node.label == "自筹资金" and node.kind == "amount"


# ---------------------------------------------------------------- 3. 钦州 funding (2016 第十三条, 2023 稿 第十八条)


@pytest.mark.parametrize(("profile", "rule_id"), [("qinzhou2016", "QZ16-13"), ("qinzhou2023", "QZ23-18")])
def test_in_the_plan_and_not_yet_approved_is_the_normal_state_at_application(profile: str, rule_id: str) -> None:
    assert not of(rule_id, findings({"plan.in_annual_plan": True}, profile))
    assert not of(rule_id, findings({"plan.in_annual_plan": False}, profile))


@pytest.mark.parametrize(("profile", "rule_id"), [("qinzhou2016", "QZ16-13"), ("qinzhou2023", "QZ23-18")])
def test_funds_for_an_unapproved_project_are_found_where_funds_are_arranged(profile: str, rule_id: str) -> None:
    # tendered (money is being spent) without the 市发改委's 审批
    (f,) = of(
        rule_id, findings({"plan.in_annual_plan": True, "procurement.tender_completed_on": "2027-01-10"}, profile)
    )
    assert f.field == "approval.approved_on" and "不予安排经费" in f.message
    approved_outside_plan = {"plan.in_annual_plan": False, "approval.approved_on": "2026-12-01"}
    assert [f.field for f in of(rule_id, findings(approved_outside_plan, profile))] == ["plan.in_annual_plan"]


# ---------------------------------------------------------------- 4. 工程监理 after tender


@pytest.mark.parametrize(
    ("profile", "rule_id", "article"),
    [
        ("qinzhou2023", "QZ23-15.1", "第十五条"),
        ("jiangxi", "JX-26.1", "第二十六条"),
        ("shizuishan", "SZS-23.2", "第二十三条"),
    ],
)
def test_supervision_is_a_duty_of_the_construction_stage(profile: str, rule_id: str, article: str) -> None:
    assert not of(rule_id, findings({}, profile))  # the contract example, at 申报
    (f,) = of(rule_id, findings({"procurement.tender_completed_on": "2027-01-10"}, profile))
    assert f.article == article and f.field == "project.supervisor_org" and f.severity is Severity.ERROR
    assert not of(
        rule_id,
        findings({"procurement.tender_completed_on": "2027-01-10", "project.supervisor_org": "某监理公司"}, profile),
    )
    om = {**OM, "procurement.tender_completed_on": "2027-01-10"}
    assert not of(rule_id, findings(om, profile))  # 运维: no 项目建设 to supervise


def test_the_contract_example_no_longer_fails_on_supervision_under_qinzhou_2023_and_jiangxi() -> None:
    assert not of("QZ23-15.1", findings({}, "qinzhou2023"))
    assert not of("JX-26.1", findings({}, "jiangxi"))
    assert [f for f in findings({}, "qinzhou2023") if f.severity is Severity.ERROR] == []


def test_a_project_s_stage_comes_from_its_data() -> None:
    assert stage_of(project().data) is Stage.DECLARE
    assert stage_of(project({"approval.approved_on": "2026-12-01"}).data) is Stage.APPROVE
    assert stage_of(project({"procurement.contract_signed_on": "2027-01-10"}).data) is Stage.PROCURE
    assert stage_of(project({"procurement.tender_completed_on": "2027-01-10"}).data) is Stage.FILE
    assert stage_of(project({"acceptance.final_on": "2028-03-01"}).data) is Stage.ACCEPT


# ---------------------------------------------------------------- 5. 江西 第八条 / 第二十三条

JUNE_LATE = {"plan": {"plan_year": 2027, "submitted_on": "2026-07-01"}}


@pytest.mark.parametrize(("level", "fires"), [("省直部门", True), ("设区市", False), ("县区", False), (None, False)])
def test_jiangxi_article_eight_is_for_provincial_departments_only(level: str | None, fires: bool) -> None:
    assert bool(of("JX-08.1", findings({**JUNE_LATE, "jiangxi.level": level}, "jiangxi"))) is fires


def test_a_county_project_below_the_limit_is_filed_after_its_approval() -> None:
    small = {**total_with_items("300"), "jiangxi.level": "县区", "approval.approved_on": "2026-10-01"}
    (f,) = of("JX-23.1", findings(small, "jiangxi"))
    assert f.article == "第二十三条" and f.field == "filing.filed_on" and f.severity is Severity.WARNING
    assert not of("JX-23.1", findings({**small, "filing.filed_on": "2026-10-20"}, "jiangxi"))
    assert not of("JX-23.1", findings({**small, "jiangxi.level": "省直部门"}, "jiangxi"))
    big = {**small, **total_with_items("600")}
    assert not of("JX-23.1", findings(big, "jiangxi"))  # above the 限额: 省级论证评估 (第九条)
    assert not of("JX-23.1", findings({**small, "approval.approved_on": None}, "jiangxi"))  # not yet approved


# ---------------------------------------------------------------- 6. 石嘴山 第四条 thresholds


def test_both_sentences_of_article_four_as_written() -> None:
    rules = docgen.api.profile_rules("shizuishan")
    assert "工程费、设备费及预备费合计" in rules.rule("SZS-04.1").text
    assert rules.rule("SZS-04.2").text.startswith("总投资低于60万元")
    # 三项 50, 总投资 70: in neither sentence — checked in full, and the 材料清单 says why
    gap = {**total_with_items("70", "50"), "project.free_maintenance_years": 1}
    assert of("SZS-14.3", findings(gap))
    assert "均未明确涵盖" in rules.scope_for(project(gap).data)
    assert "50万元" in rules.rule("SZS-04.1").reading  # type: ignore[operator]
    # 总投资 59: filing only (second sentence)
    below = {**total_with_items("59"), "project.free_maintenance_years": 1}
    assert not of("SZS-14.3", findings(below))


# ---------------------------------------------------------------- 7. 第十五条、第十六条 for 运维、购买服务


@pytest.mark.parametrize("construction_type", ["运维", "购买服务"])
def test_service_projects_submit_the_application_form_not_a_preliminary_design(construction_type: str) -> None:
    loaded = project({**OM, "project.construction_type": construction_type, **total_with_items("300")})
    documents = {m.document: [b[0] for b in m.bases] for m in loaded.required}
    assert "preliminary_design" not in documents and "feasibility" not in documents
    assert documents["application_form"] == ["SZS-14.1"]
    listed = {**OM, "project.construction_type": construction_type, "project.materials": ["项目初步设计"]}
    (f,) = of("SZS-14.1", findings(listed))
    assert "申报表" in f.message and f.article == "第十四条"


def test_a_large_service_project_also_writes_the_requirements_report() -> None:
    documents = {m.document for m in project({**OM, **total_with_items("800")}).required}
    assert {"application_form", "requirements_report"} <= documents
    assert "preliminary_design" not in documents


def test_new_projects_still_follow_article_fifteen() -> None:
    documents = {m.document for m in project(total_with_items("300")).required}
    assert "preliminary_design" in documents


# ---------------------------------------------------------------- 9. 服务类（含运维类）


@pytest.mark.parametrize("written", ["服务类（含运维类）", "服务类(含运维类)", "运维类", "服务类（运维类）"])
def test_the_article_s_own_wording_of_the_category_means_service(written: str) -> None:
    loaded = project({**OM, "project.category": written})
    assert loaded.data.project.category == "服务类"
    assert not of("DG-TYPE", loaded.findings)
    (note,) = of("DG-NORMALIZED", loaded.findings)
    assert written in note.message and note.severity is Severity.WARNING


def test_a_category_outside_the_list_is_still_refused() -> None:
    assert of("DG-TYPE", findings({"project.category": "软件类"}))


# ---------------------------------------------------------------- the twelve missing duties


@pytest.mark.parametrize("review", ["network_security", "cryptography"])
def test_shizuishan_a_failed_review_is_an_unclear_protection(review: str) -> None:
    # 第十三条（七）、附件2
    entry = {"result": "不符合", "unit": "石嘴山市委网信办", "date": "2026-11-22"}
    (f,) = of("SZS-13.7", findings({f"review.{review}": entry}))
    assert f.field == f"review.{review}.result" and f.severity is Severity.ERROR and f.article == "第十三条第（七）项"


def test_shizuishan_a_protection_summary_without_a_level_is_a_warning() -> None:
    # 第二十一条
    no_level = {"security.network_security.protection_level": None, "security.network_security.summary": "部署防火墙。"}
    (f,) = of("SZS-21", findings(no_level))
    assert f.severity is Severity.WARNING and f.field == "security.network_security.summary"
    stated = {**no_level, "security.network_security.summary": "系统按三级等保建设。"}
    assert not of("SZS-21", findings(stated))


@pytest.mark.parametrize(
    ("approver", "level", "fires"),
    [("石嘴山市发展和改革委员会", "市本级", True), ("石嘴山市审批服务管理局", "市本级", False),
     ("石嘴山市行政审批服务局", "市本级", False), ("某县发改局", "县区", False)],
)  # fmt: skip
def test_shizuishan_new_projects_are_approved_by_the_city_approval_bureau(
    approver: str, level: str, fires: bool
) -> None:
    # 第十七条（第五条）
    changes = {"approval.approved_on": "2026-12-01", "approval.approver": approver, "project.level": level}
    found = of("SZS-17.3", findings(changes))
    assert bool(found) is fires
    assert all(f.severity is Severity.WARNING and f.article == "第十七条" for f in found)


def test_qinzhou_2016_a_project_without_sharing_is_not_approved() -> None:
    # 第二十一条
    (f,) = of("QZ16-21", findings({"qinzhou.supports_sharing": False}, "qinzhou2016"))
    assert f.field == "qinzhou.supports_sharing" and f.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("profile", "rule_id", "article"),
    [("qinzhou2016", "QZ16-10.1", "第十条"), ("qinzhou2023", "QZ23-14.1", "第十四条")],
)
def test_qinzhou_deployment_on_the_government_networks_and_cloud(profile: str, rule_id: str, article: str) -> None:
    (f,) = of(rule_id, findings({"project.deployment": "单位自建机房"}, profile))
    assert f.severity is Severity.WARNING and f.article == article
    assert of(rule_id, findings({"project.deployment": None}, profile))
    assert not of(rule_id, findings({"project.deployment": "钦州市电子政务外网"}, profile))


def test_qinzhou_2016_year_end_budget_report() -> None:
    # 第十九条: 年底向市财政局报送预算执行情况
    started = {
        "approval.approved_on": "2025-03-01",
        "project.schedule.start": "2025-04-01",
        "project.schedule.end": "2027-03-31",
    }
    today = dt.date(2026, 11, 24)
    year_end = [
        f
        for f in of("QZ16-19", findings(started, "qinzhou2016", today))
        if f.field == "reporting.year_end_budget_report"
    ]
    assert year_end and "2025年底" in year_end[0].message
    sent = {**started, "reporting.year_end_budget_report": "2025-12-28"}
    assert not [
        f for f in of("QZ16-19", findings(sent, "qinzhou2016", today)) if f.field == "reporting.year_end_budget_report"
    ]


def test_qinzhou_2016_late_completion_without_reason_and_unapproved_changes() -> None:
    # 第十六条（一）（四）
    late = {
        "approval.approved_on": "2025-03-01",
        "project.schedule.start": "2025-04-01",
        "project.schedule.end": "2026-06-30",
    }
    found = {f.field for f in of("QZ16-16", findings(late, "qinzhou2016"))}
    assert "qinzhou.delay_reason" in found
    excused = {**late, "qinzhou.delay_reason": "上级平台接口延期开放"}
    assert "qinzhou.delay_reason" not in {f.field for f in of("QZ16-16", findings(excused, "qinzhou2016"))}
    changed = {**excused, "qinzhou.scope_change": "取消综合研判子系统"}
    assert "qinzhou.scope_change_approval" in {f.field for f in of("QZ16-16", findings(changed, "qinzhou2016"))}
    approved = {**changed, "qinzhou.scope_change_approval": "钦政函〔2026〕5号"}
    assert not of("QZ16-16", findings(approved, "qinzhou2016"))


def test_qinzhou_2016_classified_duties() -> None:
    # 第二十四条、第二十六条
    secret = {"project.classified": True, "security.network_security.protection_level": None}
    assert not of("QZ16-24", findings(secret, "qinzhou2016"))  # 分级保护, not 等级保护
    assert of("QZ16-24", findings({"security.network_security.protection_level": None}, "qinzhou2016"))
    tendered = {**secret, "procurement.tender_completed_on": "2027-01-10"}
    assert of("QZ16-26.1", findings(tendered, "qinzhou2016"))
    assert not of("QZ16-26.1", findings({**tendered, "qinzhou.classified_qualification": True}, "qinzhou2016"))
    in_use = {**secret, "acceptance": {"completed_on": "2028-01-10", "in_service_on": "2028-03-01"}}
    assert of("QZ16-26.2", findings(in_use, "qinzhou2016"))
    assert "qinzhou.secrecy_approval" in {f.field for f in of("QZ16-24", findings(in_use, "qinzhou2016"))}
    assert not of("QZ16-26.2", findings({**in_use, "qinzhou.secrecy_approval": "钦保审〔2028〕3号"}, "qinzhou2016"))


def test_jiangxi_work_secret_needs_its_protection_content() -> None:
    # 第十五条（二）
    (f,) = of("JX-15.3", findings({"jiangxi.work_secret": True}, "jiangxi"))
    assert f.field == "jiangxi.work_secret_protection" and f.article == "第十五条第（二）项"
    assert not of(
        "JX-15.3", findings({"jiangxi.work_secret": True, "jiangxi.work_secret_protection": "内网隔离。"}, "jiangxi")
    )


def test_jiangxi_civil_works_and_high_energy_keep_their_approvals() -> None:
    # 第二十一条
    documents = {m.document: m for m in project({"jiangxi.new_civil_works": True}, "jiangxi").required}
    assert {"site_selection", "land_pre_review", "environmental_assessment", "energy_assessment"} <= set(documents)
    assert documents["energy_assessment"].bases[0][1] == "第二十一条"
    energy = {m.document for m in project({"jiangxi.high_energy": True}, "jiangxi").required}
    assert "energy_assessment" in energy and "site_selection" not in energy
    assert "energy_assessment" not in {m.document for m in project({}, "jiangxi").required}


# ---------------------------------------------------------------- docgen rules: the stage


def test_rules_show_the_stage_each_rule_applies_at() -> None:
    result = CliRunner().invoke(main, ["rules", "--profile", "江西"])
    line = next(line for line in result.output.splitlines() if line.startswith("JX-26.1 "))
    assert "环节：采购" in line
    assert "环节：申报" in next(line for line in result.output.splitlines() if line.startswith("JX-15.1 "))
    shown = CliRunner().invoke(main, ["rules", "--format", "json"])
    stages = {rule["id"]: rule["stage"] for rule in json.loads(shown.output)["rules"]}
    assert stages["SZS-18.3"] == "备案" and stages["SZS-25.2"] == "验收" and stages["SZS-17.1"] == "立项"
    assert set(stages.values()) == {"申报", "立项", "采购", "备案", "验收"}


# ---------------------------------------------------------------- 8. the form in hand is the 申报表; 自筹资金 column


def _edited_form(tmp_path: Any, form: str, replace: dict[str, str], name: str = "申报表.docx") -> Any:
    """A docgen-built form of the contract example with some value cells rewritten as a person would."""
    built = docgen.build(SAMPLES / "contract-example.yaml", tmp_path / "built", forms=form)
    document = docx.Document(built.outputs[0])
    for table in document.tables:
        cells = [cell for row in table.rows for cell in row.cells]
        for label, value in replace.items():
            for index, cell in enumerate(cells[:-1]):
                if "".join(cell.text.split()) == label and cells[index + 1].text != cell.text:
                    target = cells[index + 1]
                    for paragraph in target.paragraphs[1:]:
                        paragraph._p.getparent().remove(paragraph._p)
                    target.paragraphs[0].text = value
                    break
    path = tmp_path / name
    document.save(path)
    return path


def test_a_filled_application_form_is_not_asked_to_list_itself(tmp_path: Any) -> None:
    # 第十六条: the 申报表 belongs to the package ≥500万; the form being checked is that 申报表
    form = _edited_form(tmp_path, "申报表", {"申报材料": "项目初步设计\n项目需求分析报告\n网络安全和密码保护审查表"})
    result = docgen.check([form])
    assert not [f for f in result.findings if "申报表" in f.message and f.field == "project.materials"]
    assert result.findings.ok, [f.format() for f in result.findings]


def test_documents_checked_together_need_not_be_listed(tmp_path: Any) -> None:
    form = _edited_form(tmp_path, "申报表", {"申报材料": "项目初步设计"})
    alone = docgen.check([form])
    missing = [f.message for f in alone.findings if f.field == "project.materials"]
    assert any("需求分析报告" in m for m in missing)  # 第十六条: 投资概算 860万元
    others = docgen.build(SAMPLES / "contract-example.yaml", tmp_path / "others", forms="需求分析报告")
    together = docgen.check([form, *others.outputs])
    assert not [f for f in together.findings if f.field == "project.materials"]


def test_a_form_with_an_added_self_funding_column_is_read(tmp_path: Any) -> None:
    document = docx.Document()
    document.add_paragraph("项目申报单位：石嘴山市某局\t2026年11月20日")
    rows = [
        ["项目名称", "某平台运维项目", "项目类别", "服务类（含运维类）"],
        ["项目预计总投资（万元）", "300", "本年度预计投入（万元）", "100"],
        ["计划资金来源", "国家资金", "自治区资金", "市级资金", "社会资金", "自筹资金"],
        ["", "0", "0", "200", "0", "100"],
    ]
    table = document.add_table(rows=len(rows), cols=6)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "加了自筹资金栏的申报表.docx"
    document.save(path)
    extracted = docgen.extract(path, form="申报表")
    project_data = extracted.data["project"]
    assert project_data["investment"]["sources"]["self_funded"] == Decimal(100)
    assert project_data["category"] == "服务类"
    assert not [f for f in docgen.check([path]).findings if f.code in ("DG-SOURCES", "DG-TYPE")]


def test_the_annex_without_the_column_stays_valid(tmp_path: Any) -> None:
    (form,) = docgen.build(SAMPLES / "contract-example.yaml", tmp_path, forms="申报表").outputs
    extracted = docgen.extract(form)
    assert "self_funded" not in extracted.data["project"]["investment"]["sources"]
    assert extracted.exit_code == 0


# ---------------------------------------------------------------- the FangSong face


def test_without_a_fangsong_face_the_stand_in_is_said_once(monkeypatch: pytest.MonkeyPatch) -> None:
    have = frozenset(f for f in pdf.installed_families() if "仿宋" not in f and "Fang" not in f)
    monkeypatch.setattr(pdf, "installed_families", lambda: have)
    pdf.font_plan.cache_clear()
    try:
        plan = pdf.font_plan()
        said = [note for note in plan.notes if "仿宋" in note]
        assert len(said) == 1 and "宋体风格" in said[0] and "Noto Serif CJK SC" in said[0]
        assert ("仿宋", "Noto Serif CJK SC", None) in plan.mapping
    finally:
        pdf.font_plan.cache_clear()


def test_a_real_fangsong_face_is_used_whenever_one_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    have = pdf.installed_families() | {"FandolFang"}
    monkeypatch.setattr(pdf, "installed_families", lambda: have)
    pdf.font_plan.cache_clear()
    try:
        plan = pdf.font_plan()
        assert ("仿宋", "FandolFang", None) in plan.mapping and ("FangSong", "FandolFang", None) in plan.mapping
        assert not [note for note in plan.notes if "仿宋" in note]
    finally:
        pdf.font_plan.cache_clear()


def test_a_failed_review_is_still_recorded_on_the_security_form(tmp_path: Any) -> None:
    # the 「不符合」 makes the application wrong (第十三条（七）), and 附件2 is where it is written down
    data = tmp_path / "项目.yaml"
    data.write_text((SAMPLES / "contract-example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    entry = {"result": "不符合", "unit": "石嘴山市密码管理局", "date": dt.date(2026, 11, 23)}
    result = docgen.api.review_project(data, {"cryptography": entry}, out_dir=tmp_path / "out")
    assert len(result.outputs) == 1
    assert of("SZS-13.7", list(result.project.findings))
    cells = [cell.text for table in docx.Document(result.outputs[0]).tables for row in table.rows for cell in row.cells]
    assert any("审查结果：不符合" in cell for cell in cells)
