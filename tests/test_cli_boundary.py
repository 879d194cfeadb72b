"""One error boundary: every command returns its exit code and lets a DocgenError go; the command
group shows it once (its findings, then 「docgen：…」 naming where) and exits with the error's code.
A program that embeds the command (click's ``standalone_mode=False``) gets the exit code back."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLES

from docgen.cli import main
from docgen.errors import DocgenError, EnvironmentProblem, InputError, TemplateFailure, ValidationFailed

CONTRACT = SAMPLES / "contract-example.yaml"
BROKEN = SAMPLES / "broken-rules.yaml"


def commands_on_a_missing_file(tmp_path: Path) -> dict[str, list[str]]:
    missing = str(tmp_path / "没有这个文件.yaml")
    out = str(tmp_path / "out")
    return {
        "validate": ["validate", missing],
        "build": ["build", missing, "-o", out],
        "review": ["review", missing, "--network-security", "符合"],
        "check": ["check", str(tmp_path / "没有这个文件.docx"), "--form", "申请书"],
        "extract": ["extract", str(tmp_path / "没有这个文件.docx")],
        "diff": ["diff", missing, str(CONTRACT)],
        "summary": ["summary", str(tmp_path), "-o", str(tmp_path / "汇总表.xlsx")],
        "templates check": ["templates", "check", str(tmp_path / "没有这个文件夹")],
        "rules": ["rules", "--profile", "北京"],
    }


@pytest.mark.parametrize(
    "command", ["validate", "build", "review", "check", "extract", "diff", "summary", "templates check", "rules"]
)
def test_an_error_is_said_once_in_chinese_with_its_exit_code(tmp_path: Path, command: str) -> None:
    result = CliRunner().invoke(main, commands_on_a_missing_file(tmp_path)[command])
    said = [line for line in result.output.splitlines() if line.startswith("docgen：")]
    assert result.exit_code == 2 and len(said) == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out").exists() and not (tmp_path / "汇总表.xlsx").exists()


def test_an_error_with_findings_shows_them_before_the_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(BROKEN), "-o", str(tmp_path / "out")])
    lines = result.output.splitlines()
    (said,) = [number for number, line in enumerate(lines) if line.startswith("docgen：")]
    assert result.exit_code == 1 and lines[said].startswith("docgen：数据校验未通过")
    assert any(line.strip().startswith("[错误] DG-TYPE") for line in lines[:said])
    assert not (tmp_path / "out").exists()
    built = CliRunner().invoke(main, ["init", str(tmp_path / "p.yaml")])
    again = CliRunner().invoke(main, ["init", str(tmp_path / "p.yaml")])
    assert built.exit_code == 0 and again.exit_code == 1 and again.output.startswith("docgen：文件已存在")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", str(CONTRACT)], 0),
        (["validate", str(BROKEN)], 1),
        (["validate", "没有这个文件.yaml"], 2),
        (["validate", "没有这个文件.yaml", "--format", "json"], 2),
        (["rules", "--profile", "江西"], 0),
    ],
)
def test_an_embedding_program_gets_the_exit_code_back(args: list[str], code: int) -> None:
    runner = CliRunner()
    with runner.isolation():
        assert main.main(args, standalone_mode=False) == code


def test_each_error_type_says_its_http_status_for_a_web_layer() -> None:
    from docgen.docx_package import PackageError
    from docgen.render.errors import TemplateProblem
    from docgen.render.pdf import PdfProblem

    statuses = {
        error: error.http_status
        for error in (DocgenError, InputError, ValidationFailed, EnvironmentProblem, TemplateFailure)
    }
    assert statuses == {
        DocgenError: 500,
        InputError: 400,
        ValidationFailed: 422,
        EnvironmentProblem: 503,
        TemplateFailure: 500,
    }
    assert PackageError.http_status == 400 and PdfProblem.http_status == 503 and TemplateProblem.http_status == 500
