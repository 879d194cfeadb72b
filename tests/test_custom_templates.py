"""--templates: a user's own .docx templates, rendered in the sandbox."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from docgen.cli import main
from docgen.render import DEFAULT_TEMPLATES


def custom_templates(tmp_path: Path, extra_text: str) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(DEFAULT_TEMPLATES, folder)
    document = docx.Document(folder / "application.docx")
    document.add_paragraph(extra_text)
    document.save(folder / "application.docx")
    return folder


def build(tmp_path: Path, folder: Path):
    return CliRunner().invoke(
        main,
        [
            "build",
            str(SAMPLES / "contract-example.yaml"),
            "-o",
            str(tmp_path / "out"),
            "--forms",
            "application",
            "--templates",
            str(folder),
        ],
    )


def test_a_custom_template_is_used(tmp_path: Path) -> None:
    result = build(tmp_path, custom_templates(tmp_path, "联系人：{{ project.responsible_person.name }}"))
    assert result.exit_code == 0, result.output
    produced = next((tmp_path / "out").glob("*.docx"))
    assert "联系人：李文" in [p.text for p in docx.Document(produced).paragraphs]


@pytest.mark.parametrize(
    "text",
    ["{{ project.no_such_field }}", "{{ ''.__class__.__mro__ }}", "{{ project.name.__class__ }}", "{% for %}"],
)
def test_bad_or_hostile_templates_fail_with_a_chinese_message(tmp_path: Path, text: str) -> None:
    result = build(tmp_path, custom_templates(tmp_path, text))
    assert result.exit_code == 2, result.output
    assert "模板「application.docx」" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_missing_template_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    result = build(tmp_path, folder)
    assert result.exit_code == 2 and "找不到模板文件" in result.output
