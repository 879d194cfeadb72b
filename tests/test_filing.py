"""The 备案信息表 (第十八条): for each kind of project the rows 第（二）项 lists, and only those, with
the data's values; the blank form prints the labels only; what is missing is a finding from the
备案 stage on, not at the 申报 stage; the deadline is printed and judged against --as-of."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from helpers import SAMPLES, require_tool

import docgen
from docgen.cli import main
from docgen.sources.yaml_source import parse

TENDERED = SAMPLES / "tendered-project.yaml"
CONSTRUCTION = [
    "项目名称",
    "主要功能",
    "中标单位",
    "结算金额",
    "审批部门",
    "资金来源",
    "信息资源目录",
    "信息共享开放",
    "政务信息化系统网络安全等级保护备案情况",
    "密码应用",
    "安全性评估情况",
]
SERVICE = ["项目名称", "服务内容", "中标单位", "结算金额", "审批部门", "资金来源", "服务期限"]
OM = ["项目名称", "运维服务内容", "中标单位", "结算金额", "资金使用情况"]


def tendered() -> dict[str, Any]:
    return copy.deepcopy(parse(TENDERED.read_text(encoding="utf-8"), "x.yaml").data)  # type: ignore[no-any-return]


def rows_of(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(path)
    (table,) = document.tables
    return [(row.cells[0].text, row.cells[1].text) for row in table.rows[1:]]


def build_filing(data: dict[str, Any], folder: Path) -> Path:
    project = docgen.load_data(data, base_dir=SAMPLES)
    assert project.ok, [f.format() for f in project.findings.errors]
    (path,) = docgen.build(project, folder, forms="备案信息表").outputs
    return path


@pytest.mark.parametrize(
    ("construction_type", "labels"),
    [("新建", CONSTRUCTION), ("改建", CONSTRUCTION), ("购买服务", SERVICE), ("运维", OM)],
)
def test_each_kind_prints_its_rows_and_only_those(tmp_path: Path, construction_type: str, labels: list[str]) -> None:
    data = tendered()
    data["project"]["construction_type"] = construction_type
    if construction_type == "购买服务":
        data["project"]["category"] = "服务类"
        data["project"]["service_period_years"] = 2
        data["filing"]["service_content"] = "城市运行数据分析服务"
        data["project"]["free_maintenance_years"] = None
    if construction_type == "运维":
        data["project"]["category"] = "服务类"
        data["filing"].update({"budget_year": 2026, "om_content": "平台运行维护", "funds_usage": "已支付 60%"})
        data["project"]["free_maintenance_years"] = None
        data["project"]["service_period_years"] = 1
    rows = rows_of(build_filing(data, tmp_path))
    assert [label for label, _ in rows] == [*labels, "其他应备案内容"]
    values = dict(rows)
    assert values["项目名称"] == "石嘴山市城市运行“一网统管”平台建设项目"
    assert values["中标单位"] == "宁夏某某信息技术有限公司" and values["结算金额"] == "842.6万元"
    if "资金来源" in values:
        assert values["资金来源"] == "自治区资金300万元、市级资金560万元"
    if "信息资源目录" in values:
        assert values["信息资源目录"].endswith("（共3项）")
    if "服务期限" in values:
        assert values["服务期限"] == "2年"
    if "资金使用情况" in values:
        assert values["资金使用情况"] == "已支付 60%"
    paragraphs = [p.text for p in docx.Document(next(tmp_path.glob("*.docx"))).paragraphs]
    evaluation = any("前期项目第三方评价报告" in p for p in paragraphs)
    assert evaluation == (construction_type == "改建")


def test_the_blank_form_prints_the_labels_only(tmp_path: Path) -> None:
    (path,) = docgen.api.build_blank(tmp_path, forms="备案信息表")
    rows = rows_of(path)
    labels = [label for label, _ in rows]
    assert set(CONSTRUCTION) | set(SERVICE) | set(OM) <= set(labels) and len(labels) == len(set(labels))
    assert all(value == "" for _, value in rows)
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert "年   月   日前" in text and "按建设性质填写" in text


def test_missing_items_are_findings_from_the_filing_stage_on() -> None:
    applying = docgen.load(SAMPLES / "contract-example.yaml")  # not tendered: nothing asked yet
    assert not [f for f in applying.findings if f.code.startswith("SZS-18")]
    data = tendered()
    del data["filing"]["filed_on"]
    data["filing"].pop("info_sharing")
    warned = docgen.load_data(data, today=dt.date(2026, 7, 1))
    (finding,) = [f for f in warned.findings if f.field == "filing.info_sharing"]
    assert finding.severity == "warning" and "备案时须写明「信息共享开放」" in finding.message
    assert finding.article == "第十八条第（二）项第1目" and "2026年7月15日前" in finding.message
    data["filing"]["filed_on"] = dt.date(2026, 7, 8)
    filed = docgen.load_data(data, today=dt.date(2026, 7, 9))
    (error,) = [f for f in filed.findings if f.field == "filing.info_sharing"]
    assert error.severity == "error" and error.code == "SZS-18.5"


def test_the_deadline_is_printed_and_judged_on_the_given_day(tmp_path: Path) -> None:
    data = tendered()
    del data["filing"]["filed_on"]
    path = tmp_path / "p.json"
    import json

    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    within = CliRunner().invoke(main, ["validate", str(path), "--as-of", "2026-07-15"])
    assert "SZS-18.3" not in within.output
    late = CliRunner().invoke(main, ["validate", str(path), "--as-of", "2026-07-16"])
    assert late.exit_code == 1 and "SZS-18.3" in late.output and "2026年7月15日前应备案" in late.output
    data["filing"]["filed_on"] = "2026-07-08"
    paragraphs = [p.text for p in docx.Document(build_filing(data, tmp_path / "out")).paragraphs]
    assert "备案期限：2026年7月15日前（完成项目招标后一个月内，第十八条第（一）项）" in paragraphs
    assert "备案日期：2026年7月8日" in paragraphs


def test_a_change_resets_the_deadline() -> None:
    from docgen import filing

    data = docgen.load(TENDERED).data.model_copy(deep=True)
    data.filing.changed_on = dt.date(2027, 1, 31)
    due = filing.deadline(data)
    assert due is not None and due.due == dt.date(2027, 2, 28) and "变更" in due.reason
    assert filing.status(data, dt.date(2027, 3, 1)).startswith("逾期未更新")
    assert filing.value_text(data, filing.ITEMS["construction"][3]) == f"{Decimal('842.6')}万元"


@pytest.mark.libreoffice
def test_the_filing_form_reads_back_from_libreoffices_pdf(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    result = docgen.build(TENDERED, tmp_path, forms="备案信息表", pdf=True)
    pdf = next(p for p in result.outputs if p.suffix == ".pdf")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for label in ("项目名称", "主要功能", "中标单位", "结算金额", "审批部门", "资金来源", "安全性评估情况"):
        assert label in flat
    assert "宁夏某某信息技术有限公司" in flat and "842.6万元" in flat and "2026年7月15日前" in flat
    assert "服务期限" not in flat and "资金使用情况" not in flat  # another kind's rows
