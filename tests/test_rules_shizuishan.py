"""石嘴山 rules: each checkable rule fires with its id and article, thresholds are
tested at, just below and just above the number, and each disputed boundary
(rules.md §7) on both sides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rulecase import findings, of, project, total_with_items

import docgen
from docgen.errors import Severity


def test_the_contract_example_has_no_rule_findings() -> None:
    assert findings() == []


# ---------------------------------------------------------------- one violation per rule

VIOLATIONS: list[tuple[str, str, dict[str, Any], str]] = [
    ("SZS-04.3", "第四条", {"project.classified": True}, "project.classified"),
    ("SZS-09.1", "第九条", {"project.infrastructure.servers": True}, "project.infrastructure.servers"),
    ("SZS-09.2", "第九条", {"project.is_common_support": True}, "project.is_common_support"),
    (
        "SZS-10.2",
        "第十条",
        {"project.data_catalog.items": [{"name": "群众评价信息", "shared": False}]},
        "project.data_catalog.items[0].basis",
    ),
    ("SZS-10.4", "第十条", {"project.data_to_city_platform": False}, "project.data_to_city_platform"),
    ("SZS-11.1", "第十一条", {"project.deployment": "自建机房"}, "project.deployment"),
    ("SZS-11.2", "第十一条", {"project.app_integrations": ["我的宁夏"]}, "project.app_integrations"),
    (
        "SZS-12.2",
        "第十二条",
        {"project.level": "县区", "project.existing_city_system": "市级一件事平台"},
        "project.existing_city_system",
    ),
    (
        "SZS-13.1",
        "第十三条第（一）项",
        {"project.infrastructure.office_equipment": True},
        "project.infrastructure.office_equipment",
    ),
    ("SZS-13.2", "第十三条第（二）项", {"project.superior_approval": False}, "project.superior_approval"),
    ("SZS-13.3", "第十三条第（三）项", {"project.data_catalog.provided": False}, "project.data_catalog"),
    ("SZS-13.4", "第十三条第（四）项", {"project.duplicate_of": "市政务服务平台"}, "project.duplicate_of"),
    (
        "SZS-13.5",
        "第十三条第（五）项",
        {"project.unfinished_similar_project": "一期工程"},
        "project.unfinished_similar_project",
    ),
    (
        "SZS-13.6",
        "第十三条第（六）项",
        {"project.integrates_existing_systems": False},
        "project.integrates_existing_systems",
    ),
    ("SZS-13.7", "第十三条第（七）项", {"security.cryptography.summary": ""}, "security.cryptography.summary"),
    ("SZS-14.1", "第十四条", {"project.category": None}, "project.category"),
    ("SZS-14.2", "第十四条", {"project.includes_om_content": False}, "project.includes_om_content"),
    ("SZS-14.3", "第十四条", {"project.free_maintenance_years": 1}, "project.free_maintenance_years"),
    ("SZS-14.6", "第十四条", {"project.post_maintenance_funding": ""}, "project.post_maintenance_funding"),
    (
        "SZS-17.1",
        "第十七条",
        {"review_process.tech_review_passed_on": "2026-10-01", "approval.approved_on": "2026-09-30"},
        "approval.approved_on",
    ),
    (
        "SZS-20",
        "第二十条",
        {"approval.approved_estimate": 800, "procurement.settlement_amount": 800.5},
        "procurement.settlement_amount",
    ),
    (
        "SZS-22",
        "第二十二条",
        {"project.products": [{"name": "数据库", "autonomous_controllable": False}]},
        "project.products[0].autonomous_controllable",
    ),
    ("SZS-23", "第二十三条", {"project.implementing_body": ""}, "project.implementing_body"),
    (
        "SZS-25.1",
        "第二十五条",
        {"acceptance.prelim_on": "2028-03-01", "acceptance.trial_run_start": "2028-02-01"},
        "acceptance.trial_run_start",
    ),
    ("SZS-25.2", "第二十五条", {"acceptance.in_service_on": "2028-06-01"}, "acceptance.in_service_on"),
]


@pytest.mark.parametrize(("rule_id", "article", "changes", "field"), VIOLATIONS, ids=[v[0] for v in VIOLATIONS])
def test_each_rule_reports_its_id_article_and_field(
    rule_id: str, article: str, changes: dict[str, Any], field: str
) -> None:
    found = of(rule_id, findings(changes))
    assert found, f"{rule_id} did not fire"
    assert {f.article for f in found} == {article}
    assert field in {f.field for f in found}
    assert all(f.message.endswith(f"（{article}）") for f in found)
    rule = docgen.api.profile_rules("shizuishan").rule(rule_id)
    assert {f.severity for f in found} == {rule.severity}


def test_every_checkable_rule_of_the_profile_is_exercised() -> None:
    profile = docgen.api.profile_rules("shizuishan")
    checked = {rule.id for rule in profile.rules if rule.check is not None}
    tested = {v[0] for v in VIOLATIONS} | {"SZS-10.3", "SZS-14.4", "SZS-14.5", "SZS-15.6", "SZS-21"}
    tested |= {"SZS-17.3", "SZS-23.2"}  # tests/test_articles_as_written.py
    tested |= {"SZS-18.2", "SZS-18.3", "SZS-18.4", "SZS-18.5", "SZS-18.7", "SZS-18.8"}
    assert checked <= tested, checked - tested


def test_the_message_names_the_data_and_the_threshold() -> None:
    (f,) = of("SZS-14.3", findings({"project.free_maintenance_years": 1}))
    assert f.message == "「项目类别」为工程类，「免费运维期（年）」为1年，应不少于三年（第十四条）"
    assert f.label == "项目信息 › 免费运维期（年）"


# ---------------------------------------------------------------- thresholds


@pytest.mark.parametrize(("years", "fires"), [("2.9", True), ("3", False), ("3.1", False)])
def test_free_maintenance_of_three_years(years: str, fires: bool) -> None:
    assert bool(of("SZS-14.3", findings({"project.free_maintenance_years": years}))) is fires


SERVICE = {
    "project.category": "服务类",
    "project.construction_type": "运维",
    "project.free_maintenance_years": None,
    "project.investment.items": [{"name": "运维服务", "category": "其他费用", "amount": 860}],
}


@pytest.mark.parametrize(("years", "fires"), [("2.9", False), ("3", False), ("3.1", True), (None, True)])
def test_service_period_of_three_years_applies_to_om_projects_too(years: str | None, fires: bool) -> None:
    # AMB-10: 运维类 is 服务类（含运维类）, so the cap binds a 运维 project.
    assert bool(of("SZS-14.4", findings({**SERVICE, "project.service_period_years": years}))) is fires


def test_service_project_declaring_construction_is_an_error_cost_items_a_warning() -> None:
    declared = of(
        "SZS-14.5", findings({**SERVICE, "project.service_period_years": 3, "project.includes_construction": True})
    )
    assert [f.severity for f in declared] == [Severity.ERROR]
    heuristic = of(
        "SZS-14.5",
        findings(
            {
                **SERVICE,
                "project.service_period_years": 3,
                "project.investment.items": [{"name": "服务器", "category": "设备费", "amount": 860}],
            }
        ),
    )
    assert [f.severity for f in heuristic] == [Severity.WARNING]


def test_post_maintenance_funding_is_asked_of_construction_projects_only() -> None:
    # AMB-09: only 工程类 have a free maintenance period to follow.
    assert of("SZS-14.6", findings({"project.post_maintenance_funding": None}))
    assert not of(
        "SZS-14.6", findings({**SERVICE, "project.service_period_years": 3, "project.post_maintenance_funding": None})
    )


@pytest.mark.parametrize(("total", "full"), [("59.99", False), ("60", True), ("60.01", True)])
def test_sixty_wan_decides_the_full_rule_set(total: str, full: bool) -> None:
    # AMB-01: 超过60万元（含） = ≥ 60 on 工程费+设备费+预备费.
    changes = {**total_with_items(total), "project.free_maintenance_years": 1}
    assert bool(of("SZS-14.3", findings(changes))) is full


@pytest.mark.parametrize("counted", ["0", "59.99"])
def test_a_project_in_neither_sentence_of_article_four_is_checked_in_full(counted: str) -> None:
    # Three costs below 60万 but 总投资 not: 第四条 covers neither case; docgen checks in full.
    changes = {**total_with_items("100", counted), "project.free_maintenance_years": 1}
    assert of("SZS-14.3", findings(changes))
    assert "均未明确涵盖" in docgen.api.profile_rules("shizuishan").scope_for(project(changes).data)


def test_below_sixty_wan_the_filing_rules_still_apply() -> None:
    changes = {
        **total_with_items("50"),
        "procurement.tender_completed_on": "2026-09-01",
        "filing.filed_on": "2026-10-15",
    }
    assert of("SZS-18.3", findings(changes))
    assert "低于60万元" in docgen.api.profile_rules("shizuishan").scope_for(project(changes).data)


def required(changes: dict[str, Any]) -> dict[str, list[str]]:
    return {m.document: [b[0] for b in m.bases] for m in project(changes).required}


@pytest.mark.parametrize(
    ("total", "documents"),
    [
        ("1499.99", {"preliminary_design": ["SZS-15.5"]}),
        ("1500", {"feasibility": ["SZS-15.4"], "preliminary_design": ["SZS-15.4"]}),
        ("1500.01", {"feasibility": ["SZS-15.4"], "preliminary_design": ["SZS-15.4"]}),
        ("4999.99", {"feasibility": ["SZS-15.4"], "preliminary_design": ["SZS-15.4"]}),
        ("5000", {"proposal": ["SZS-15.3"], "feasibility": ["SZS-15.3"], "preliminary_design": ["SZS-15.3"]}),
        ("5000.01", {"proposal": ["SZS-15.3"], "feasibility": ["SZS-15.3"], "preliminary_design": ["SZS-15.3"]}),
    ],
)
def test_document_set_by_total_investment(total: str, documents: dict[str, list[str]]) -> None:
    # AMB-02: exactly 1500 is the middle band; exactly 5000 the upper band.
    found = required(total_with_items(total))
    for key in ("proposal", "feasibility", "preliminary_design"):
        assert found.get(key) == documents.get(key), (key, found)


@pytest.mark.parametrize(("estimate", "needed"), [("499.99", False), ("500", True), ("500.01", True)])
def test_requirements_report_from_an_estimate_of_500_wan(estimate: str, needed: bool) -> None:
    # AMB-05: the 投资概算 when given, else the total.
    found = required({"project.budget_estimate": estimate})
    assert ("requirements_report" in found) is needed
    assert ("application_form" in found) is needed


@pytest.mark.parametrize(("total", "fires"), [("1499.99", False), ("1500", True), ("1500.01", True)])
def test_consulting_organisation_from_1500_wan(total: str, fires: bool) -> None:
    assert bool(of("SZS-15.6", findings(total_with_items(total)))) is fires


def test_a_materials_list_lacking_a_required_document_names_it_and_its_article() -> None:
    (f,) = of(
        "SZS-15.5",
        findings(
            {"project.materials": ["项目需求分析报告", "石嘴山市政务信息化项目建设申报表", "网络安全和密码保护审查表"]}
        ),
    )
    assert f.article == "第十五条"
    assert "「项目初步设计」" in f.message
    assert f.field == "project.materials"


def test_material_names_are_matched_whatever_the_remarks_in_parentheses() -> None:
    # 可行性研究报告（代项目建议书） is not a 项目建议书.
    changes = {
        **total_with_items("6000"),
        "project.materials": [
            "可行性研究报告（代项目建议书）",
            "项目初步设计",
            "需求分析报告",
            "申报表",
            "网络安全和密码保护审查表",
        ],
    }
    (f,) = of("SZS-15.3", findings(changes))
    assert "「项目建议书」" in f.message


def test_empty_materials_are_filled_from_the_rules_on_the_application_form() -> None:
    loaded = project({"project.materials": []})
    assert loaded.package_data.project.materials == [
        "信息资源目录（编入可行性研究报告或初步设计）",
        "项目初步设计",
        "项目需求分析报告",
        "石嘴山市政务信息化项目建设申报表",
        "石嘴山市政务信息化项目网络安全和密码保护审查表",
    ]
    assert not [f for f in loaded.findings if f.field == "project.materials"]


def test_industry_project_needs_the_opinion_and_rebuild_needs_an_evaluation_at_filing() -> None:
    found = required({"project.is_industry_project": True, "project.construction_type": "改建"})
    assert found["industry_opinion"] == ["SZS-15.2"]
    assert found["third_party_evaluation"] == ["SZS-18.6"]


# ---------------------------------------------------------------- other disputed readings


def test_seven_cases_bind_new_and_rebuilt_projects_only() -> None:
    # AMB-11
    assert of("SZS-13.2", findings({"project.superior_approval": False, "project.construction_type": "改建"}))
    om = {**SERVICE, "project.service_period_years": 3, "project.superior_approval": False}
    assert not of("SZS-13.2", findings(om))


def test_share_all_warns_only_when_nothing_is_shared() -> None:
    one_unshared = [{"name": "a", "shared": True}, {"name": "b", "shared": False, "basis": "个人信息保护法"}]
    assert not of("SZS-10.3", findings({"project.data_catalog.items": one_unshared}))
    all_unshared = [{"name": "a", "shared": False, "basis": "x"}, {"name": "b", "shared": False, "basis": "y"}]
    (f,) = of("SZS-10.3", findings({"project.data_catalog.items": all_unshared}))
    assert f.severity is Severity.WARNING


# ---------------------------------------------------------------- deadlines (AMB-06)


@pytest.mark.parametrize(("filed", "late"), [("2027-01-30", False), ("2027-01-31", False), ("2027-02-01", True)])
def test_om_funds_filed_within_a_month_of_the_budget_year(filed: str, late: bool) -> None:
    changes = {**SERVICE, "project.service_period_years": 3, "filing.budget_year": 2026, "filing.filed_on": filed}
    assert bool(of("SZS-18.2", findings(changes))) is late


@pytest.mark.parametrize(("filed", "late"), [("2027-02-27", False), ("2027-02-28", False), ("2027-03-01", True)])
def test_filing_within_a_month_of_the_tender_ends_on_the_last_day_of_a_short_month(filed: str, late: bool) -> None:
    changes = {"procurement.tender_completed_on": "2027-01-31", "filing.filed_on": filed}
    assert bool(of("SZS-18.3", findings(changes))) is late


def test_an_unfiled_project_is_late_only_once_the_deadline_has_passed() -> None:
    changes = {"procurement.tender_completed_on": "2026-10-24"}
    assert not of("SZS-18.3", findings(changes, today=dt.date(2026, 11, 24)))
    assert of("SZS-18.3", findings(changes, today=dt.date(2026, 11, 25)))


@pytest.mark.parametrize(("updated", "late"), [("2027-04-30", False), ("2027-05-01", True)])
def test_filing_updated_within_a_month_of_a_change(updated: str, late: bool) -> None:
    changes = {"filing.changed_on": "2027-03-31", "filing.updated_on": updated}
    assert bool(of("SZS-18.4", findings(changes))) is late


FILED = {"filing.filed_on": "2027-05-01"}


def test_filing_contents_follow_the_construction_type() -> None:
    # AMB-22: the 备案 type comes from 建设性质.
    new = {f.field for f in of("SZS-18.5", findings(FILED))}
    assert {"filing.main_functions", "procurement.winning_bidder", "filing.crypto_application"} <= new
    service = {**FILED, "project.construction_type": "购买服务"}
    assert {f.field for f in of("SZS-18.7", findings(service))} >= {"filing.service_content"}
    om = {**SERVICE, **FILED, "project.service_period_years": 3}
    assert {f.field for f in of("SZS-18.8", findings(om))} >= {"filing.om_content", "filing.funds_usage"}


# ---------------------------------------------------------------- waivers (AMB-19)


def test_a_waiver_with_its_basis_turns_a_principle_rule_into_a_note() -> None:
    waived = {
        "project.infrastructure.office_equipment": True,
        "waivers": [{"rule": "SZS-13.1", "basis": "市政府专题会议纪要〔2026〕12号"}],
    }
    (f,) = of("SZS-13.1", findings(waived))
    assert f.severity is Severity.INFO
    assert "市政府专题会议纪要" in f.message


def test_a_waiver_of_a_mandatory_rule_has_no_effect_and_says_so() -> None:
    found = findings({"project.free_maintenance_years": 1, "waivers": [{"rule": "SZS-14.3", "basis": "x"}]})
    assert of("SZS-14.3", found)[0].severity is Severity.ERROR
    assert of("DG-WAIVER", found)[0].field == "waivers[0].rule"
