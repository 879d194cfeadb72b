"""The docgen command, driven through click's CliRunner on real files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from helpers import SAMPLES

from docgen.cli import main
from docgen.sources.yaml_source import parse

CONTRACT_SAMPLE = str(SAMPLES / "contract-example.yaml")
BROKEN = str(SAMPLES / "broken-rules.yaml")
NAME = "石嘴山市政务服务“一件事一次办”集成平台建设项目"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_exit_codes() -> None:
    assert run("validate", CONTRACT_SAMPLE).exit_code == 0
    assert run("validate", BROKEN).exit_code == 1
    assert run("validate", "no-such-file.yaml").exit_code == 2


def test_validate_json_lists_findings_with_the_documented_keys() -> None:
    result = run("validate", BROKEN, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings and all(
        {"severity", "code", "field", "label", "message", "article", "line"} <= set(f) for f in findings
    )
    assert {f["severity"] for f in findings} == {"error", "warning"}
    schedule = next(f for f in findings if f["code"] == "DG-SCHEDULE")
    assert schedule["field"] == "project.schedule.end" and isinstance(schedule["line"], int)


def test_validate_json_on_unreadable_input_is_still_a_list() -> None:
    result = run("validate", "no-such-file.yaml", "--format", "json")
    assert result.exit_code == 2
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "DG-INPUT" and "找不到输入文件" in finding["message"] and finding["line"] is None


def test_validate_text_output_is_chinese() -> None:
    result = run("validate", BROKEN)
    assert "「项目类别」取值「软件类」无效" in result.stdout
    assert "数据校验未通过：11 个错误，4 个警告" in result.stdout


def test_build_writes_the_three_forms_and_the_checklist(tmp_path: Path) -> None:
    result = run("build", CONTRACT_SAMPLE, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{NAME}-{suffix}.docx" for suffix in ("申报表", "网络安全和密码保护审查表", "需求分析报告", "申报材料清单")
    )


def test_build_with_errors_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", BROKEN, "-o", str(out))
    assert result.exit_code == 1
    assert "「项目类别」取值「软件类」无效" in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_build_selected_forms_only(tmp_path: Path) -> None:
    result = run("build", CONTRACT_SAMPLE, "-o", str(tmp_path), "--forms", "security")
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == [f"{NAME}-网络安全和密码保护审查表.docx"]
    bad = run("build", CONTRACT_SAMPLE, "-o", str(tmp_path), "--forms", "budget")
    assert bad.exit_code == 2 and "未知表单「budget」" in bad.output


def test_schema_has_chinese_titles_and_required_fields() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    project = schema["$defs"]["Project"]
    assert project["properties"]["name"]["title"] == "项目名称"
    assert "name" in project["required"]
    assert schema["$defs"]["Investment"]["properties"]["total"]["title"] == "项目预计总投资（万元）"


def test_init_writes_a_commented_starter_that_parses(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    result = run("init", str(target))
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "name:  # *项目名称" in text
    data = parse(text, "new.yaml").data
    assert data["schema_version"] == 1
    # every key line carries a Chinese comment
    key_lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert all("  # " in line for line in key_lines)
    # the starter is not a valid submission until filled in
    assert run("validate", str(target)).exit_code == 1
    # and init does not overwrite without --force
    assert run("init", str(target)).exit_code == 1
    assert run("init", str(target), "--force").exit_code == 0


def test_help_is_chinese() -> None:
    assert "政务信息化项目申报材料生成与检查工具" in run("--help").output
    assert "有错误时不生成任何文件" in run("build", "--help").output


def test_missing_libreoffice_names_the_package_to_install(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "out"
    result = run("build", CONTRACT_SAMPLE, "-o", str(out), "--pdf")
    assert result.exit_code == 3
    assert "libreoffice-writer-nogui" in result.output and "Traceback" not in result.output
    batch = run("batch", str(SAMPLES), "-o", str(tmp_path / "batch"), "--pdf")
    assert batch.exit_code == 3 and "libreoffice-writer-nogui" in batch.output
    assert not (tmp_path / "batch").exists() or not any((tmp_path / "batch").glob("*/*.docx"))


def test_missing_cjk_fonts_names_the_package_to_install(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "fc-list").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # lists no font at all
    (fake / "fc-list").chmod(0o755)
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    (fake / "soffice").symlink_to(soffice)
    monkeypatch.setenv("PATH", str(fake))
    result = run("blank", "-o", str(tmp_path / "out"), "--pdf")
    assert result.exit_code == 3
    assert "fonts-noto-cjk" in result.output


def test_as_of_judges_deadlines_on_the_given_day(tmp_path: Path) -> None:
    text = Path(CONTRACT_SAMPLE).read_text(encoding="utf-8")
    data = tmp_path / "p.yaml"
    text = text.replace("  data_to_city_platform: true", "  data_to_city_platform: true\n  supervisor_org: 某监理公司")
    data.write_text(text + "procurement:\n  tender_completed_on: 2026-10-24\n", encoding="utf-8")
    early = run("validate", str(data), "--as-of", "2026-11-24")
    assert early.exit_code == 0, early.output
    late = run("validate", str(data), "--as-of", "2026-11-25")
    assert late.exit_code == 1 and "SZS-18.3" in late.stdout and "2026年11月24日前应备案" in late.stdout


def test_outputs_are_ordinary_readable_files(tmp_path: Path) -> None:
    import stat

    assert run("build", CONTRACT_SAMPLE, "-o", str(tmp_path), "--forms", "application").exit_code == 0
    (path,) = tmp_path.glob("*.docx")
    assert stat.S_IMODE(path.stat().st_mode) & 0o044  # others may read, as umask allows


def test_a_day_option_is_a_date_however_it_is_written() -> None:
    import datetime as dt

    from docgen.cli import ChineseDate

    for text in ("2026-11-22", "2026/11/22", "2026.11.22", "2026年11月22日"):
        day = ChineseDate().convert(text, None, None)
        assert type(day) is dt.date and day == dt.date(2026, 11, 22), text
