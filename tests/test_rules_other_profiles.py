"""钦州 2016, 钦州 2023 稿, 广西本级稿 and 江西: each checkable rule fires with its id
and article; thresholds at, just below and just above the number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rulecase import findings, of, project, total_with_items

import docgen

# (profile, rule id, article, changes, field)
VIOLATIONS: list[tuple[str, str, str, dict[str, Any], str]] = [
    (
        "qinzhou2016",
        "QZ16-07.1",
        "第七条",
        {"plan": {"declaration_type": "年度申报", "plan_year": 2027, "submitted_on": "2026-10-01"}},
        "plan.submitted_on",
    ),
    ("qinzhou2016", "QZ16-07.2", "第七条", {"requirements_report.analysis.data_sharing": None}, "requirements_report"),
    ("qinzhou2016", "QZ16-08.1", "第八条", {"plan": {"declaration_type": "专项申报"}}, "plan.prereview_opinion"),
    ("qinzhou2016", "QZ16-09.3", "第九条", {**total_with_items("300")}, "project.consulting_org"),
    (
        "qinzhou2016",
        "QZ16-10",
        "第十条",
        {"project.infrastructure_ext": {"website_platform": True}},
        "project.infrastructure_ext.website_platform",
    ),
    (
        "qinzhou2016",
        "QZ16-13",
        "第十三条",
        {"plan": {"in_annual_plan": False}, "approval.approved_on": "2026-12-01"},
        "plan.in_annual_plan",
    ),
    ("qinzhou2016", "QZ16-16", "第十六条", {"acceptance.attempts": 2}, "acceptance.attempts"),
    (
        "qinzhou2016",
        "QZ16-19",
        "第十九条",
        {"approval.approved_on": "2026-01-10", "project.schedule.start": "2026-02-01"},
        "reporting.quarterly_funds_reports",
    ),
    (
        "qinzhou2016",
        "QZ16-21",
        "第二十一条",
        {"requirements_report.analysis.data_sharing": None, "project.data_catalog.items": []},
        "requirements_report.analysis.data_sharing",
    ),
    ("qinzhou2016", "QZ16-24", "第二十四条", {"acceptance.trial_run_end": "2028-01-01"}, "acceptance.risk_assessment"),
    (
        "qinzhou2016",
        "QZ16-25",
        "第二十五条",
        {"project.products": [{"name": "中间件", "domestic": False}]},
        "project.products[0].domestic",
    ),
    (
        "qinzhou2023",
        "QZ23-11.1",
        "第十一条",
        {"project.products": [{"name": "操作系统", "xinchuang": False}]},
        "project.products[0].xinchuang",
    ),
    (
        "qinzhou2023",
        "QZ23-14",
        "第十四条",
        {"project.infrastructure.machine_room": True},
        "project.infrastructure.machine_room",
    ),
    (
        "qinzhou2023",
        "QZ23-15.1",
        "第十五条",
        {"procurement.tender_completed_on": "2027-01-10"},
        "project.supervisor_org",
    ),
    ("qinzhou2023", "QZ23-16", "第十六条", {"security.cryptography.summary": ""}, "security.cryptography.summary"),
    (
        "qinzhou2023",
        "QZ23-18",
        "第十八条",
        {"plan": {"in_annual_plan": False}, "approval.approved_on": "2026-12-01"},
        "plan.in_annual_plan",
    ),
    ("qinzhou2023", "QZ23-29.2", "第二十九条", {"qinzhou.supports_sharing": False}, "qinzhou.supports_sharing"),
    (
        "qinzhou2023",
        "QZ23-32.1",
        "第三十二条",
        {"security.network_security.protection_level": None},
        "security.network_security",
    ),
    (
        "qinzhou2023",
        "QZ23-32.2",
        "第三十二条",
        {"review.cryptography": {"result": "不符合", "unit": "市密码管理局", "date": "2026-11-20"}},
        "review.cryptography.result",
    ),
    ("guangxi", "GX-05", "第五条", {"guangxi": {"user_unit": "石嘴山市政务服务管理局"}}, "project.owner_unit"),
    ("guangxi", "GX-10", "第十条", {"plan": {"in_annual_plan": False}}, "plan.supplementary_approval"),
    (
        "guangxi",
        "GX-16.1",
        "第十六条",
        {"procurement.contract_parties": ["用户单位", "项目实施单位"]},
        "procurement.contract_parties",
    ),
    ("guangxi", "GX-18", "第十八条", {"guangxi": {"adjustment_reason": "领导要求"}}, "guangxi.adjustment_reason"),
    (
        "guangxi",
        "GX-25.1",
        "第二十五条",
        {"security.network_security.summary": ""},
        "security.network_security.summary",
    ),
    ("guangxi", "GX-25.2", "第二十五条", {"acceptance.in_service_on": "2023-06-01"}, "reporting.security_assessments"),
    (
        "guangxi",
        "GX-29",
        "第二十九条",
        {"guangxi.connects_integrated_platform": False},
        "guangxi.connects_integrated_platform",
    ),
    ("jiangxi", "JX-06", "第六条", {"project.deployment": "单位自建机房"}, "project.deployment"),
    (
        "jiangxi",
        "JX-08.1",
        "第八条",
        {"plan": {"plan_year": 2027, "submitted_on": "2026-07-01"}, "jiangxi.level": "省直部门"},
        "plan.submitted_on",
    ),
    ("jiangxi", "JX-08.2", "第八条、第九条", {"jiangxi.library_entered_on": "2024-11-19"}, "declaration.date"),
    ("jiangxi", "JX-11", "第十一条", {"project.connects_share_exchange": False}, "project.connects_share_exchange"),
    ("jiangxi", "JX-13", "第十三条", {"jiangxi.started_on": "2026-12-01"}, "jiangxi.started_on"),
    ("jiangxi", "JX-15.1", "第十五条第（一）项", {}, "jiangxi.main_tasks"),
    ("jiangxi", "JX-15.5", "第十五条", {"project.investment.sources": {}}, "project.investment.sources"),
    (
        "jiangxi",
        "JX-17.1",
        "第十七条第（一）项",
        {"project.infrastructure_ext": {"storage_devices": True}},
        "project.infrastructure_ext.storage_devices",
    ),
    (
        "jiangxi",
        "JX-17.2",
        "第十七条第（二）项",
        {"project.infrastructure_ext": {"internet_egress_lease": True}},
        "project.infrastructure_ext.internet_egress_lease",
    ),
    ("jiangxi", "JX-17.3", "第十七条第（三）项", {"project.deployment": "单位自建机房"}, "project.deployment"),
    (
        "jiangxi",
        "JX-17.4",
        "第十七条第（四）项",
        {"project.products": [{"name": "数据库", "secure_reliable": False}]},
        "project.products[0].secure_reliable",
    ),
    (
        "jiangxi",
        "JX-17.5",
        "第十七条第（五）项",
        {"review.network_security": {"result": "不符合", "unit": "网信办", "date": "2026-11-20"}},
        "review.network_security.result",
    ),
    (
        "jiangxi",
        "JX-17.6",
        "第十七条第（六）项",
        {"project.integrates_existing_systems": False},
        "project.integrates_existing_systems",
    ),
    (
        "jiangxi",
        "JX-17.7",
        "第十七条第（七）项",
        {"project.construction_type": "改建", "jiangxi.predecessor_accepted": False},
        "jiangxi.predecessor_accepted",
    ),
    (
        "jiangxi",
        "JX-18.2",
        "第十八条",
        {"project.classified": True, "jiangxi.classified_experts": 1},
        "jiangxi.classified_experts",
    ),
    ("jiangxi", "JX-19", "第十九条", {"jiangxi.in_key_library": False}, "jiangxi.in_key_library"),
    ("jiangxi", "JX-24", "第二十四条", {"project.implementing_body": None}, "project.implementing_body"),
    ("jiangxi", "JX-25", "第二十五条", {"security.cryptography.summary": ""}, "security.cryptography.summary"),
    ("jiangxi", "JX-26.1", "第二十六条", {"procurement.tender_completed_on": "2027-01-10"}, "project.supervisor_org"),
    (
        "jiangxi",
        "JX-26.2",
        "第二十六条",
        {"project.classified": True, "procurement.tender_completed_on": "2027-01-10"},
        "jiangxi.supervisor_classified_qualification",
    ),
    (
        "jiangxi",
        "JX-27.1",
        "第二十七条",
        {"project.schedule.start": "2025-03-01", "approval.approved_on": "2025-02-01"},
        "reporting.performance_reports",
    ),
    ("jiangxi", "JX-29", "第二十九条", {"approval.approved_on": "2026-01-10"}, "jiangxi.started_on"),
    (
        "jiangxi",
        "JX-30.1",
        "第三十条",
        {"acceptance": {"trial_run_start": "2028-01-01", "trial_run_end": "2028-05-01"}},
        "acceptance.trial_run_end",
    ),
    ("jiangxi", "JX-30.3", "第三十条", {"acceptance": {"final_on": "2028-08-01"}}, "acceptance.data_sharing_confirmed"),
    ("jiangxi", "JX-31", "第三十一条", {"procurement.contract_signed_on": "2027-04-01"}, "procurement.ip_clause"),
    (
        "jiangxi",
        "JX-37.1",
        "第三十七条第（一）项",
        {"project.construction_type": "运维", "project.connects_share_exchange": False},
        "project.connects_share_exchange",
    ),
    (
        "jiangxi",
        "JX-37.2",
        "第三十七条第（二）项",
        {
            "project.construction_type": "运维",
            "review.cryptography": {"result": "不符合", "unit": "x", "date": "2026-11-20"},
        },
        "review.cryptography.result",
    ),
    (
        "jiangxi",
        "JX-37.3",
        "第三十七条第（三）项",
        {"project.construction_type": "运维", "project.deployment": "单位机房"},
        "project.deployment",
    ),
    ("jiangxi", "JX-40", "第四十条", {"acceptance.in_service_on": "2025-01-01"}, "reporting.self_evaluation_on"),
]


@pytest.mark.parametrize(
    ("profile", "rule_id", "article", "changes", "field"), VIOLATIONS, ids=[v[1] for v in VIOLATIONS]
)
def test_each_rule_reports_its_id_article_and_field(
    profile: str, rule_id: str, article: str, changes: dict[str, Any], field: str
) -> None:
    found = of(rule_id, findings(changes, profile))
    assert found, f"{rule_id} did not fire"
    assert {f.article for f in found} == {article}
    assert field in {f.field for f in found}
    assert all(f.message.endswith(f"（{article}）") for f in found)


@pytest.mark.parametrize("profile", ["qinzhou2016", "qinzhou2023", "guangxi", "jiangxi"])
def test_every_checkable_rule_is_exercised(profile: str) -> None:
    rules = docgen.api.profile_rules(profile).rules
    checked = {rule.id for rule in rules if rule.check is not None}
    tested = {v[1] for v in VIOLATIONS if v[0] == profile} | {"JX-09.1", "GX-16.2", "QZ23-22.1", "JX-03"}
    # tests/test_articles_as_written.py (issue 20: the 办法 as written)
    tested |= {"QZ16-10.1", "QZ16-26.1", "QZ16-26.2", "QZ23-14.1", "JX-15.3", "JX-23.1"}
    tested |= {"QZ16-09.4", "GX-13", "JX-15.2", "JX-15.4"}  # tests/test_profile_documents.py
    assert checked <= tested, checked - tested


def test_profile_option_overrides_the_data() -> None:
    loaded = project(
        {"project.supervisor_org": None, "procurement.tender_completed_on": "2027-01-10"}, profile="jiangxi"
    )
    assert loaded.profile.key == "jiangxi"
    assert of("JX-26.1", loaded.findings)
    assert not [f for f in loaded.findings if f.code.startswith("SZS-")]


# ---------------------------------------------------------------- thresholds


@pytest.mark.parametrize(("submitted", "late"), [("2026-09-29", False), ("2026-09-30", False), ("2026-10-01", True)])
def test_qinzhou_annual_projects_by_september_30(submitted: str, late: bool) -> None:
    plan = {"declaration_type": "年度申报", "plan_year": 2027, "submitted_on": submitted}
    assert bool(of("QZ16-07.1", findings({"plan": plan}, "qinzhou2016"))) is late


@pytest.mark.parametrize(
    ("total", "plan", "full"), [("499.99", True, False), ("500", False, True), ("500.01", False, True)]
)
def test_qinzhou_2016_implementation_plan_below_500(total: str, plan: bool, full: bool) -> None:
    needed = {m.document for m in project(total_with_items(total), "qinzhou2016").required}
    assert ("implementation_plan" in needed) is plan
    assert ("feasibility" in needed) is full


@pytest.mark.parametrize(("total", "design"), [("399.99", False), ("400", False), ("400.01", True)])
def test_qinzhou_2023_no_preliminary_design_up_to_400(total: str, design: bool) -> None:
    # AMB-03: 400万元以下 includes 400.
    needed = {m.document for m in project(total_with_items(total), "qinzhou2023").required}
    assert ("preliminary_design" in needed) is design


@pytest.mark.parametrize(("total", "fires"), [("49.99", False), ("50", True), ("50.01", True)])
def test_qinzhou_2023_supervision_from_50(total: str, fires: bool) -> None:
    # AMB-04: below 50 the 市发展改革委 arranges supervision; 50 itself reaches the procurement limit.
    tendered = {**total_with_items(total), "procurement.tender_completed_on": "2027-01-10"}
    assert bool(of("QZ23-15.1", findings(tendered, "qinzhou2023"))) is fires


@pytest.mark.parametrize(("applied", "late"), [("2028-08-28", False), ("2028-08-29", False), ("2028-08-30", True)])
def test_qinzhou_2023_acceptance_within_half_a_year(applied: str, late: bool) -> None:
    changes = {"acceptance": {"completed_on": "2028-02-29", "applied_on": applied}}
    assert bool(of("QZ23-22.1", findings(changes, "qinzhou2023"))) is late


@pytest.mark.parametrize(("years", "fires"), [("2.9", False), ("3", False), ("3.1", True)])
def test_guangxi_contract_term_three_years(years: str, fires: bool) -> None:
    assert bool(of("GX-16.2", findings({"procurement.contract_term_years": years}, "guangxi"))) is fires


@pytest.mark.parametrize(
    ("category", "total", "om", "routed"),
    [
        ("基础设施类", "999.99", None, False),
        ("基础设施类", "1000", None, True),
        ("基础设施类", "1000.01", None, True),
        ("其他", "600", "100.01", False),  # AMB-18: 500 on the amount less 运维
        ("其他", "600", "100", True),
        ("其他", "600", "99.99", True),
    ],
)
def test_jiangxi_provincial_library_thresholds(category: str, total: str, om: str | None, routed: bool) -> None:
    changes = {
        **total_with_items(total),
        "jiangxi": {"category": category, "om_cost": om, "in_key_library": False},
    }
    assert bool(of("JX-09.1", findings(changes, "jiangxi"))) is routed


@pytest.mark.parametrize(("experts", "fires"), [(1, True), (2, False), (3, False)])
def test_jiangxi_two_classified_experts(experts: int, fires: bool) -> None:
    changes = {"project.classified": True, "jiangxi.classified_experts": experts}
    assert bool(of("JX-18.2", findings(changes, "jiangxi"))) is fires


@pytest.mark.parametrize(("end", "fires"), [("2028-06-30", True), ("2028-07-01", False), ("2028-07-02", False)])
def test_jiangxi_six_months_of_trial_run(end: str, fires: bool) -> None:
    changes = {"acceptance": {"trial_run_start": "2028-01-01", "trial_run_end": end}}
    assert bool(of("JX-30.1", findings(changes, "jiangxi"))) is fires


@pytest.mark.parametrize(
    ("evaluated", "fires"),
    [("2027-06-30", True), ("2027-07-01", False), ("2028-01-01", False), ("2028-01-02", True)],
)
def test_jiangxi_self_evaluation_window_of_six_to_twelve_months(evaluated: str, fires: bool) -> None:
    # AMB-17: a window, not only a deadline.
    changes = {"acceptance.in_service_on": "2027-01-01", "reporting.self_evaluation_on": evaluated}
    assert bool(of("JX-40", findings(changes, "jiangxi", today=dt.date(2029, 1, 1)))) is fires


@pytest.mark.parametrize(("today", "fires"), [(dt.date(2026, 7, 10), False), (dt.date(2026, 7, 11), True)])
def test_jiangxi_funds_clawed_back_after_half_a_year_without_start(today: dt.date, fires: bool) -> None:
    changes = {"approval.approved_on": "2026-01-10"}
    assert bool(of("JX-29", findings(changes, "jiangxi", today=today))) is fires
