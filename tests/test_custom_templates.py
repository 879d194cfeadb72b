"""--templates: a user's own .docx templates, rendered in the sandbox."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from helpers import SAMPLES

import docgen
import docgen.cli
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


def test_nested_loops_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI owns its process and gives the renderer its time limit (10 s); 1 s here keeps the test fast.
    monkeypatch.setattr(docgen.api, "RENDER_SECONDS", 1.0)  # the CLI reads it when a command runs
    loop = "{% for i in range(9000) %}"
    text = loop * 3 + "{% endfor %}" * 3
    result = build(tmp_path, custom_templates(tmp_path, text))
    assert result.exit_code == 2, result.output
    assert "渲染超过 1 秒" in result.output  # stopped by its limit, not by finishing


def test_the_library_sets_no_time_limit_of_its_own_but_takes_one(tmp_path: Path) -> None:
    import signal

    folder = custom_templates(tmp_path, "{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}")
    project = docgen.load(SAMPLES / "contract-example.yaml")
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(docgen.TemplateFailure, match=r"渲染超过 0\.5 秒"):
        docgen.render_documents(project, ["application"], template_dir=folder, time_limit=0.5)
    assert signal.getsignal(signal.SIGALRM) is before  # the caller's handler is back


def test_a_huge_range_is_refused(tmp_path: Path) -> None:
    result = build(tmp_path, custom_templates(tmp_path, "{% for i in range(10**9) %}x{% endfor %}"))
    assert result.exit_code == 2, result.output
    assert "range 超过" in result.output


def with_part(source: Path, target: Path, part: str, change) -> Path:  # type: ignore[no-untyped-def]
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == part else data)
    return target


def test_templates_check_names_undefined_variables_and_missing_mandatory_fields(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()

    def edit(xml: bytes) -> bytes:
        return xml.replace(b"project.name", b"project.nmae", 1).replace(b"{{ project.location }}", b"", 1)

    with_part(DEFAULT_TEMPLATES / "application.docx", folder / "application.docx", "word/document.xml", edit)
    shutil.copy(DEFAULT_TEMPLATES / "security.docx", folder / "security.docx")
    result = CliRunner().invoke(main, ["templates", "check", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    import json

    found = sorted((f["code"], f["file"], f["message"]) for f in json.loads(result.stdout))
    assert [(code, file) for code, file, _ in found] == [
        ("DG-TEMPLATE-MISSING", "application.docx"),
        ("DG-TEMPLATE-MISSING", "application.docx"),
        ("DG-TEMPLATE-UNDEFINED", "application.docx"),
    ]
    undefined = found[2][2]
    assert "project.nmae" in undefined and "word/document.xml 第" in undefined and "「项目名称」之后" in undefined
    assert any("「项目信息 › 项目建设地址」" in message or "项目建设地址" in message for _, _, message in found[:2])


def test_templates_check_passes_the_standard_templates_and_reads_report_sections(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["templates", "check", str(DEFAULT_TEMPLATES)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "mine"
    folder.mkdir()
    with_part(
        DEFAULT_TEMPLATES / "requirements.docx",
        folder / "requirements.docx",
        "word/document.xml",
        lambda xml: xml.replace(b"{{p report.goals }}", b""),
    )
    result = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert result.exit_code == 1
    assert "（一）建设目标" in result.output and "requirements_report.construction.goals" not in result.output


def test_a_template_with_an_external_entity_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()

    def entity(xml: bytes) -> bytes:
        head, _, rest = xml.partition(b"?>")
        return head + b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + rest

    with_part(DEFAULT_TEMPLATES / "application.docx", folder / "application.docx", "word/document.xml", entity)
    for args in (
        ["templates", "check", str(folder)],
        [
            "build",
            str(SAMPLES / "contract-example.yaml"),
            "-o",
            str(tmp_path / "o"),
            "--templates",
            str(folder),
            "--forms",
            "application",
        ],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert "DTD" in result.output and "Traceback" not in result.output


def test_a_misspelt_variable_is_named_with_its_paragraph(tmp_path: Path) -> None:
    result = build(tmp_path, custom_templates(tmp_path, "联系人：{{ project.nmae }}"))
    assert result.exit_code == 2
    assert "使用了数据中没有的变量「nmae」" in result.output and "段“联系人：”" in result.output
    assert "dict object" not in result.output and "has no attribute" not in result.output


def test_a_template_written_with_line_breaks_in_its_xml_renders_as_without_them(tmp_path: Path) -> None:
    # Some editors save XML with a line break between elements: the renderer keeps them (whitespace between
    # elements) and the document reads as the one saved on one line. (Such a template renders on the path
    # that numbers paragraphs by lines, the other on the quick one: both give the same XML.)
    folder = custom_templates(tmp_path, "联系人：{{ project.responsible_person.name }}")
    broken = tmp_path / "broken"
    broken.mkdir()
    with_part(folder / "application.docx", broken / "application.docx", "word/document.xml", _break_lines)
    assert b"\n<w:p>" in zipfile.ZipFile(broken / "application.docx").read("word/document.xml")
    project = docgen.load(SAMPLES / "contract-example.yaml")
    rendered = {
        name: docgen.render_documents(project, ["application"], template_dir=where)
        for name, where in (("one line", folder), ("broken", broken))
    }
    bodies = {
        name: zipfile.ZipFile(io.BytesIO(blob["application"])).read("word/document.xml")
        for name, blob in rendered.items()
    }
    assert bodies["broken"].replace(b"\n<w:p", b"<w:p") == bodies["one line"]
    assert "联系人：李文" in [p.text for p in docx.Document(io.BytesIO(rendered["broken"]["application"])).paragraphs]


def _break_lines(xml: bytes) -> bytes:
    return xml.replace(b"<w:p>", b"\n<w:p>").replace(b"<w:p ", b"\n<w:p ")


@pytest.mark.parametrize(
    "expression",
    [
        "data.name",
        "data.nested.name",
        "data.items",
        "data.keys()",
        "data.get('name')",
        "data.missing",
        "data.update",
        "data.__class__",
        "data.__init__",
        "data.__getitem__",
        "data.name.__class__",
        "data.nested.__class__.__mro__",
        "data.pop",
        "data.setdefault",
    ],
)
def test_a_dot_on_the_data_reads_what_the_jinja_sandbox_reads(expression: str) -> None:
    # docgen looks a plain dict's keys up first (the display view is nested dicts): nothing else may change,
    # a method or a dunder the sandbox refuses stays refused, whatever the data's keys are called.
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from docgen.render.engine import make_environment
    from docgen.render.wordml import escape_in_run

    data = {"name": "项目", "items": "键", "nested": {"name": "内"}, "__class__": "类", "update": "改", "pop": "出"}
    jinja = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=escape_in_run)

    def outcome(env) -> str:  # type: ignore[no-untyped-def]
        try:
            return str(env.from_string("{{ " + expression + " }}").render(data=data))
        except Exception as exc:  # the test compares which error, not only whether
            return type(exc).__name__

    assert outcome(make_environment()) == outcome(jinja)
