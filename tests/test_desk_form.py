"""The clerk's form as the rules make it: which fields each 办法 reads (from its rules' own source and
the documents it builds), which fields a project must fill (asked of the rules, with the article),
and the sections a project's form shows under its 办法."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from typing import Any

from helpers import SAMPLES

from docgen.desk.needed import needed_fields
from docgen.fields import FieldNode
from docgen.rules.reads import module_reads, profile_reads, reads_field
from docgen.serve.form import form_sections
from docgen.sources.yaml_source import parse
from docgen.starter import starter_yaml


def contract() -> dict[str, Any]:
    return parse((SAMPLES / "contract-example.yaml").read_text(encoding="utf-8"), "x.yaml").data


def starter() -> dict[str, Any]:
    return parse(starter_yaml(), "x.yaml").data


def leaves(nodes: tuple[FieldNode, ...]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        found |= leaves(node.children) if node.kind == "group" else {node.dotted}
    return found


def shown(profile: str, data: dict[str, Any]) -> set[str]:
    return {field for section in form_sections(profile, data) for field in leaves(section.fields)}


def test_each_banfa_reads_its_own_fields_and_no_others() -> None:
    szs, jx, gx, qz16 = (profile_reads(key) for key in ("shizuishan", "jiangxi", "guangxi", "qinzhou2016"))
    assert reads_field(szs, ("project", "superior_approval"))
    assert reads_field(szs, ("project", "free_maintenance_years"))
    assert not any(path[0] in ("jiangxi", "guangxi", "qinzhou") for path in szs)
    assert reads_field(jx, ("jiangxi", "work_secret")) and not reads_field(jx, ("project", "superior_approval"))
    # the chapters of a 办法's own document (its outline) and the 备案信息表's rows count as read
    assert reads_field(gx, ("guangxi", "scheme", "architecture"))
    assert reads_field(qz16, ("qinzhou", "implementation_plan", "tendering"))
    assert reads_field(szs, ("filing", "main_functions"))
    # an alias, a loop over items and a path written as a tuple are followed
    assert reads_field(szs, ("project", "data_catalog", "items")) and reads_field(szs, ("project", "infrastructure"))


def test_a_new_rule_is_read_from_its_own_source(tmp_path: Path) -> None:
    source = tmp_path / "new_rules.py"
    source.write_text(
        "P = ('jiangxi',)\n"
        "def check(data, rule, ctx):\n"
        "    cost = data.jiangxi\n"
        "    if cost.om_cost and cost.om_cost.is_finite():\n"
        "        yield Violation((*P, 'high_energy'), '…')\n"
        "    for item in data.project.products:\n"
        "        item.domestic\n",
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("new_rules", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["new_rules"] = module
    try:
        spec.loader.exec_module(module)
        found = module_reads(module)
    finally:
        del sys.modules["new_rules"]
    assert {("jiangxi", "om_cost"), ("jiangxi", "high_energy"), ("project", "products")} <= found
    assert ("jiangxi",) not in found  # a part named whole is no field


def test_the_fields_a_project_needs_come_from_its_rules_with_their_articles() -> None:
    data = contract()
    needed = needed_fields(data)
    assert needed["project.free_maintenance_years"].article == "第十四条"  # a 工程类 project
    assert needed["project.implementing_body"].article == "第二十三条"
    assert needed["project.name"].article is None  # the annex's own 必填
    assert "project.remarks" not in needed and "project.service_period_years" not in needed
    service = copy.deepcopy(data)
    service["project"]["category"] = "服务类"
    assert "project.free_maintenance_years" not in needed_fields(service)
    jiangxi = copy.deepcopy(data)
    jiangxi["profile"] = "jiangxi"
    assert "project.superior_approval" not in needed_fields(jiangxi)  # 石嘴山 第十三条 is not 江西's


def test_the_form_of_a_banfa_shows_its_fields_and_keeps_what_the_project_holds() -> None:
    data = starter()
    szs = shown("shizuishan", data)
    assert "project.superior_approval" in szs and "jiangxi.work_secret" not in szs
    assert "qinzhou.upper_level_funded" not in szs and "guangxi.user_unit" not in szs
    jx = shown("jiangxi", data)
    assert "jiangxi.work_secret" in jx and "project.superior_approval" not in jx
    assert "project.name" in jx and "requirements_report.overview" in jx  # the annexes' data is every 办法's
    assert "project.responsible_person.phone" in szs and "project.responsible_person.phone" in jx  # 必填 anywhere
    # a value of another 办法 the project holds stays on its form, apart
    data["jiangxi"] = {"work_secret": True}
    sections = {section.key: leaves(section.fields) for section in form_sections("shizuishan", data)}
    assert sections["elsewhere"] == {"jiangxi.work_secret"}
    assert [s.key for s in form_sections("shizuishan", starter())][:3] == ["declaration", "basic", "investment"]
