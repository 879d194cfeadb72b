"""The public face after the reshaping: one rule listing with docgen's own rules,
Chinese names for forms and profiles, locations kept as data, the Batch run that
cleans up after itself, and the API a script uses through ``import docgen`` alone."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from helpers import SAMPLES

import docgen
from docgen.cli import main

CONTRACT = SAMPLES / "contract-example.yaml"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


# ---------------------------------------------------------------- rules


def test_rules_json_lists_the_profile_and_docgens_own_rules() -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    listing = json.loads(result.output)
    own = {rule["id"]: rule for rule in listing["docgen_rules"]}
    assert {"DG-REQUIRED", "DG-ITEMS", "DG-THIS-YEAR", "DG-SOURCES", "DG-TYPE"} <= set(own)
    assert all(rule["article"] is None for rule in own.values())
    szs = {rule["id"]: rule for rule in listing["rules"]}
    assert szs["SZS-14.3"]["when"] == {"project.category": ["工程类"]}
    assert szs["SZS-14.3"]["text"] == "工程类项目应包含至少三年的系统免费运维期"  # filled from min_years=3
    assert "seed" not in listing


def test_rules_text_shows_applicability_and_docgens_own_rules() -> None:
    result = run("rules")
    line = next(line for line in result.output.splitlines() if line.startswith("SZS-13.1"))
    assert "适用：「建设性质」为新建、扩建、改建" in line
    assert any(line.startswith("DG-ITEMS") and "docgen" in line for line in result.output.splitlines())


def test_a_threshold_changes_the_wording_with_it() -> None:
    from dataclasses import replace
    from decimal import Decimal

    rule = docgen.profile_rules("shizuishan").rule("SZS-14.3")
    assert replace(rule, thresholds={"min_years": Decimal(5)}).text == "工程类项目应包含至少五年的系统免费运维期"


def test_an_applicability_that_does_not_hold_skips_the_rule() -> None:
    from rulecase import project

    service = project({"project.category": "服务类", "project.free_maintenance_years": 1})
    assert not [f for f in service.findings if f.code == "SZS-14.3"]
    engineering = project({"project.free_maintenance_years": 1})
    assert [f.code for f in engineering.findings if f.code == "SZS-14.3"] == ["SZS-14.3"]


# ---------------------------------------------------------------- Chinese names


def test_forms_by_their_chinese_names(tmp_path: Path) -> None:
    result = run("build", str(CONTRACT), "-o", str(tmp_path), "--forms", "申报表,审查表")
    assert result.exit_code == 0, result.output
    assert sorted(p.name.split("-")[-1] for p in tmp_path.glob("*.docx")) == [
        "申报表.docx",
        "网络安全和密码保护审查表.docx",
    ]
    assert docgen.parse_forms("附件3,申报材料清单") == [docgen.Form.REQUIREMENTS, docgen.Form.MATERIALS]


def test_an_unknown_form_is_refused_naming_the_choices(tmp_path: Path) -> None:
    result = run("build", str(CONTRACT), "-o", str(tmp_path), "--forms", "申请书")
    assert result.exit_code == 2 and "未知表单「申请书」" in result.output and "application（申报表）" in result.output


def test_profile_by_its_chinese_name() -> None:
    by_key = run("validate", str(CONTRACT), "--profile", "jiangxi", "--format", "json")
    by_name = run("validate", str(CONTRACT), "--profile", "江西", "--format", "json")
    assert by_name.exit_code == by_key.exit_code
    assert json.loads(by_name.output) == json.loads(by_key.output)
    assert any(f["code"].startswith("JX-") for f in json.loads(by_name.output))
    assert run("rules", "--profile", "钦州2016").output.startswith("《“智慧钦州”")
    unknown = run("validate", str(CONTRACT), "--profile", "北京")
    assert unknown.exit_code == 2 and "未知的适用办法「北京」" in unknown.output and "jiangxi（江西）" in unknown.output


# ---------------------------------------------------------------- locations as data


def test_a_yaml_syntax_error_keeps_its_line_in_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nproject:\n  name: 某项目\n  category: [工程类\n  owner_unit: 某局\n", "utf-8")
    result = run("validate", str(bad), "--format", "json")
    assert result.exit_code == 2
    (finding,) = json.loads(result.output)
    assert finding["code"] == "DG-INPUT" and finding["file"] == str(bad)
    assert isinstance(finding["line"], int) and finding["line"] >= 4
    assert "第" not in finding["message"]  # the line is data, not text inside the message
    text = run("validate", str(bad))
    assert text.output.count(f"{bad} 第{finding['line']}行") == 1


def test_a_broken_json_lines_line_is_named_once(tmp_path: Path) -> None:
    plan = tmp_path / "p.jsonl"
    plan.write_text('{"schema_version": 1}\n{"bad": json}\n', encoding="utf-8")
    report = tmp_path / "r.json"
    result = run("batch", str(plan), "-o", str(tmp_path / "out"), "--jobs", "1", "--report", str(report))
    assert result.exit_code == 1
    assert "p.jsonl 第2行：p.jsonl" not in result.output
    entries = json.loads(report.read_text(encoding="utf-8"))["projects"]
    (broken,) = [e for e in entries if e["source"] == "p.jsonl 第2行"]
    (finding,) = broken["findings"]
    assert finding["file"] == "p.jsonl" and finding["line"] == 2 and finding["code"] == "DG-INPUT"
    assert "p.jsonl" not in finding["message"]


# ---------------------------------------------------------------- Batch


def folder_of_projects(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    text = CONTRACT.read_text(encoding="utf-8")
    name = docgen.load(CONTRACT).data.project.name or ""
    for number in range(count):
        (folder / f"p{number}.yaml").write_text(text.replace(name, f"项目{number}"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_stopped_early_writes_its_report_and_leaves_no_temporary_file(tmp_path: Path, jobs: int) -> None:
    inputs, out, report = folder_of_projects(tmp_path, 12), tmp_path / "out", tmp_path / "报告.json"
    with docgen.Batch([inputs], out, jobs=jobs, report=report, forms="申报表") as run_:
        for result in run_:
            assert result.status == "built"
            break
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["summary"]["complete"] is False and written["summary"]["built"] == len(written["projects"]) >= 1
    assert not list(tmp_path.glob(".*.tmp")) and not list(out.glob(".*.tmp"))
    for entry in written["projects"]:
        for output in entry["outputs"]:
            docx.Document(out / output)  # every document it names is whole


def test_a_batch_run_to_the_end_is_complete_and_counts_what_it_enumerates(tmp_path: Path) -> None:
    inputs, out = folder_of_projects(tmp_path, 3), tmp_path / "out"
    batch = docgen.Batch([inputs], out, jobs=1, forms=[docgen.Form.SECURITY])
    assert batch.count() == 3
    with batch as run_:
        results = list(run_)
    assert batch.summary.complete and batch.summary.built == 3 == len(results)
    assert all(len(r.outputs) == 1 and r.outputs[0].endswith("网络安全和密码保护审查表.docx") for r in results)


def test_a_batch_options_are_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(docgen.InputError, match="未知的适用办法"):
        docgen.Batch([tmp_path], tmp_path / "out", profile="北京")
    assert not (tmp_path / "out").exists()


def test_an_error_inside_the_with_block_still_finishes_the_report(tmp_path: Path) -> None:
    inputs, out, report = folder_of_projects(tmp_path, 4), tmp_path / "out", tmp_path / "r.json"
    with pytest.raises(KeyboardInterrupt), docgen.Batch([inputs], out, jobs=2, report=report) as run_:
        for _result in run_:
            raise KeyboardInterrupt
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["complete"] is False
    assert not list(tmp_path.glob(".*.tmp"))


# ---------------------------------------------------------------- the API a script uses


def test_a_script_needs_nothing_but_import_docgen(tmp_path: Path) -> None:
    project = docgen.load(CONTRACT, profile="石嘴山")
    assert project.findings.ok and project.findings.errors == [] and json.loads(project.findings.to_json()) == []
    documents = docgen.render_documents(project, "申报表,需求分析报告")
    assert list(documents) == [docgen.Form.APPLICATION, docgen.Form.REQUIREMENTS]
    result = docgen.build(project, tmp_path, forms=[docgen.Form.SECURITY])
    assert [p.name for p in result.outputs] == [docgen.output_name(project.data, docgen.Form.SECURITY)]
    with pytest.raises(TypeError):
        docgen.build(project, tmp_path, "application")  # type: ignore[misc]  # options are keyword-only
    broken = docgen.load_data({"schema_version": 1})
    with pytest.raises(docgen.ValidationFailed) as failed:
        docgen.render_documents(broken)
    assert failed.value.findings and not failed.value.findings.ok


def test_lower_errors_are_docgen_errors_with_their_exit_codes(tmp_path: Path) -> None:
    not_docx = tmp_path / "x.docx"
    not_docx.write_bytes(b"not a zip")
    with pytest.raises(docgen.InputError) as caught:
        docgen.extract(not_docx)
    assert caught.value.exit_code == 2 and "x.docx" in caught.value.format_message()


def test_the_public_face_lists_what_it_exports() -> None:
    assert sorted(docgen.__all__) == sorted(set(docgen.__all__))
    for name in docgen.__all__:
        assert hasattr(docgen, name), name
    public = {name for name in vars(docgen) if not name.startswith("_")}
    assert public - set(docgen.__all__) <= modules_of(docgen), "every public name is listed in __all__"


def modules_of(package: types.ModuleType) -> set[str]:
    return {info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_")}


def test_no_public_name_is_named_like_a_module_of_the_package() -> None:
    import docgen.api

    modules = modules_of(docgen)
    assert {"render", "rules", "summary", "review", "checking", "sources"} <= modules
    assert not modules & set(docgen.__all__)
    assert not modules & {name for name in vars(docgen.api) if not name.startswith("_")}
    for name in sorted(modules):
        module = importlib.import_module(f"docgen.{name}")
        assert isinstance(module, types.ModuleType) and getattr(docgen, name) is module, name


def test_the_subpackages_are_what_import_gives() -> None:
    code = "import docgen.render, docgen.rules, docgen.summary; print(docgen.render.__name__, docgen.rules.__name__)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["docgen.render", "docgen.rules"]
