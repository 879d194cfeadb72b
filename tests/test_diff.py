"""docgen diff: two versions of a project compared field by field, by the forms' labels, grouped
by form; 备案 information flagged with the date by which to file again; any input docgen reads."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from helpers import SAMPLES

from docgen.cli import main

TENDERED = SAMPLES / "tendered-project.yaml"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def changed(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = TENDERED.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    target = tmp_path / "新版本.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def test_nothing_differs_exit_0(tmp_path: Path) -> None:
    same = changed(tmp_path)
    result = run("diff", str(TENDERED), str(same))
    assert result.exit_code == 0 and "没有不同" in result.output


def test_a_filing_field_and_a_report_paragraph(tmp_path: Path) -> None:
    new = changed(
        tmp_path,
        ("winning_bidder: 宁夏某某信息技术有限公司", "winning_bidder: 宁夏另一家信息技术有限公司"),
        ("  filed_on: 2026-07-08", "  changed_on: 2026-09-01\n  filed_on: 2026-07-08"),
        ("实现身份鉴别、传输加密和重要数据存储加密", "实现身份鉴别和传输加密"),
        ("城市管理事件实现统一受理和协同处置。", "城市管理事件实现统一受理、协同处置和综合研判。"),
    )
    result = run("diff", str(TENDERED), str(new))
    assert result.exit_code == 1
    out = result.output
    assert "「中标单位」：宁夏某某信息技术有限公司 → 宁夏另一家信息技术有限公司　〔备案信息〕" in out
    assert "附件3 需求分析报告：" in out and "「四、项目建设需求 › （一）建设目标」" in out
    assert "附件2 网络安全和密码保护审查表：" in out and "密码保护应用基本情况" in out
    assert "即2026年10月1日前（第十八条第（一）项）" in out  # one month after the change
    listed = out.split("\n", 1)[1]
    assert "project." not in listed and "filing." not in listed  # labels, never data paths
    assert "「密码保护应用基本情况」" in listed
    data = json.loads(run("diff", str(TENDERED), str(new), "--format", "json").output)
    bidder = next(c for c in data["changes"] if c["field"] == "procurement.winning_bidder")
    assert bidder["filing"] and bidder["group"] == "备案信息表" and data["filing_due"] == "2026-10-01"
    report = next(c for c in data["changes"] if c["field"].startswith("requirements_report"))
    assert not report["filing"]


def test_the_deadline_counts_from_as_of_without_a_change_date(tmp_path: Path) -> None:
    new = changed(tmp_path, ("settlement_amount: 842.6", "settlement_amount: 850"))
    result = run("diff", str(TENDERED), str(new), "--as-of", "2027-01-31")
    assert result.exit_code == 1 and "「结算金额（万元）」：842.6 → 850" in result.output
    assert "2027年2月28日前" in result.output


def test_the_change_notice_document(tmp_path: Path) -> None:
    new = changed(tmp_path, ("winning_bidder: 宁夏某某信息技术有限公司", "winning_bidder: 宁夏另一家信息技术有限公司"))
    target = tmp_path / "变更说明.docx"
    result = run("diff", str(TENDERED), str(new), "-o", str(target), "--as-of", "2026-09-10")
    assert result.exit_code == 1 and target.is_file()
    document = docx.Document(target)
    (table,) = document.tables
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["项目", "变更事项", "变更前", "变更后", "变更日期", "依据"]
    row = [cell.text for cell in table.rows[1].cells]
    assert row[1] == "中标单位" and row[2] == "宁夏某某信息技术有限公司" and row[4] == "2026年9月10日"
    assert row[5].startswith("第十八条第（一）项")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2026年10月10日前" in text


def test_documents_are_inputs_too(tmp_path: Path) -> None:
    """What was filed (a docgen document) against what arrived (a data file)."""
    assert run("build", str(TENDERED), "-o", str(tmp_path / "filed"), "--forms", "备案信息表").exit_code == 0
    filed = next((tmp_path / "filed").glob("*.docx"))
    new = changed(tmp_path, ("settlement_amount: 842.6", "settlement_amount: 850"))
    result = run("diff", str(filed), str(new))
    assert result.exit_code == 1 and "结算金额" in result.output
    unreadable = run("diff", str(tmp_path / "没有这个文件.yaml"), str(new))
    assert unreadable.exit_code == 2 and "Traceback" not in unreadable.output


def test_diff_validates_each_input_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unedited docgen .docx is known by its digest: its data is validated once, like a data file's
    (no rendering again to compare its cells)."""
    import docgen.project

    built = docgen.build(TENDERED, tmp_path, forms="application")
    calls: list[object] = []
    original = docgen.project.validate_raw

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(docgen.project, "validate_raw", counted)
    result = docgen.diff(built.outputs[0], TENDERED)
    assert result.changes == [] and len(calls) == 2
