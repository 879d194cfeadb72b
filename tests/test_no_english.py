"""No English reaches a user: the CLI's output over a catalogue of bad inputs holds no
Latin-letter phrase outside codes (DG-TYPE, SZS-14.3), data paths (project.name), option
and command names, file names and the technical names a Chinese office uses as they are
(YAML, JSON, Excel, Word, WPS, LibreOffice, UTF-8 …)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLES

from docgen.cli import main
from docgen.render import DEFAULT_TEMPLATES

CONTRACT = SAMPLES / "contract-example.yaml"

#: Names used as they are in Chinese text (products, formats, encodings, commands, packages).
KEPT = {
    "YAML", "JSON", "Lines", "Excel", "Word", "WPS", "LibreOffice", "Office", "UTF", "GBK", "PDF", "Tab", "APP",
    "Unicode", "ZIP", "XML", "DTD", "MiB", "Python", "Jinja", "YYYY", "MM", "DD", "docgen", "sudo", "apt", "get",
    "install", "writer", "nogui", "fonts", "noto", "cjk", "text", "json", "application", "security", "requirements",
    "materials", "shizuishan", "qinzhou", "guangxi", "jiangxi", "init", "build", "batch", "validate", "check",
    "extract", "review", "blank", "rules", "schema", "templates", "docx", "xlsx", "xls", "doc", "yaml", "yml",
    "jsonl", "main",
}  # fmt: skip
CODE = re.compile(r"\b[A-Z]{2,}[0-9]*(?:-[A-Z0-9.]+)+\b")
DATA_PATH = re.compile(r"\b[a-z_]+(?:\[\d+\])?(?:\.[a-z_0-9]+(?:\[\d+\])?)+\b")
OPTION = re.compile(r"(?<![A-Za-z])--?[a-z][a-z-]*")
PHRASE = re.compile(r"\b[A-Za-z]{2,}\b(?:[ \t,'’:;]+\b[A-Za-z]{2,}\b)+")


def english_phrases(text: str, paths: list[str]) -> list[str]:
    for path in sorted(paths, key=len, reverse=True):
        text = text.replace(path, "□")
    for pattern in (CODE, DATA_PATH, OPTION):
        text = pattern.sub("□", text)
    text = re.sub(r"\b[\w.-]+\.(?:yaml|yml|json|jsonl|xlsx|docx|doc|txt|pdf)\b", "□", text)
    text = re.sub(r"\b[A-Za-z]+\b", lambda m: "□" if m.group(0) in KEPT or len(m.group(0)) < 2 else m.group(0), text)
    return PHRASE.findall(text)


def catalogue(tmp: Path) -> list[list[str]]:
    bad = tmp / "bad"
    bad.mkdir()
    cases: list[list[str]] = []
    yaml_texts = {
        "flow.yaml": "a: [1, 2\n",
        "mapping.yaml": "a: {b: 1\n",
        "quote.yaml": 'a: "x\n',
        "colon.yaml": "a: b: c\n",
        "indent.yaml": "a:\n  b: 1\n c: 2\n",
        "token.yaml": "a: @x\n",
        "escape.yaml": 'a: "C:\\q"\n',
        "tab.yaml": "a:\n\tb: 1\n",
        "date.yaml": "schema_version: 1\ndeclaration:\n  date: 2026-02-30\n",
        "fullwidth.yaml": "project：\n  name: x\n",
    }
    for name, text in yaml_texts.items():
        (bad / name).write_text(text, encoding="utf-8")
        cases += [["validate", str(bad / name)], ["validate", str(bad / name), "--format", "json"]]
    for name, text in {"comma.json": '{"a": 1,}', "keys.json": "{a: 1}", "end.json": '{"a": '}.items():
        (bad / name).write_text(text, encoding="utf-8")
        cases.append(["validate", str(bad / name)])
    (bad / "utf16.yaml").write_bytes("a: 1\n".encode("utf-16"))
    (bad / "binary.yaml").write_bytes(b"\x00\x01\x02" * 10)
    (bad / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (bad / "text.docx").write_text("不是 Word 文档", encoding="utf-8")
    (bad / "bad.xlsx").write_text("不是工作簿", encoding="utf-8")
    (bad / "a-file").write_text("x", encoding="utf-8")
    cases += [
        ["validate", str(bad / "utf16.yaml")],
        ["validate", str(bad / "binary.yaml")],
        ["validate", str(bad / "missing.yaml")],
        ["validate", str(bad)],
        ["validate", str(bad / "notes.txt")],
        ["check", str(bad / "old.docx")],
        ["check", str(bad / "text.docx")],
        ["extract", str(bad / "text.docx")],
        ["batch", str(bad / "bad.xlsx"), "-o", str(tmp / "out")],
        ["batch", str(SAMPLES), "-o", str(tmp / "out"), "--jobs", "0"],
        ["batch", str(SAMPLES), "-o", str(tmp / "out"), "--jobs", "x"],
        ["validate", str(CONTRACT), "--as-of", "2026/02/30"],
        ["validate", str(CONTRACT), "--profile", "beijing"],
        ["build", str(CONTRACT), "-o", str(bad / "a-file")],
        ["build", str(CONTRACT), "-o", str(tmp / "o"), "--forms", "proposal"],
        ["build", str(CONTRACT)],
        ["build"],
        ["bulid", str(CONTRACT)],
        ["review", str(CONTRACT), "--network-security", "ok"],
        ["build", str(CONTRACT), "--bogus"],
    ]
    for label, text in {"syntax": "{{ project.name ", "undefined": "{{ project.nmae }}"}.items():
        folder = tmp / f"templates-{label}"
        shutil.copytree(DEFAULT_TEMPLATES, folder)
        import docx

        document = docx.Document(folder / "application.docx")
        document.add_paragraph(text)
        document.save(folder / "application.docx")
        cases.append(["build", str(CONTRACT), "-o", str(tmp / f"out-{label}"), "--templates", str(folder)])
    return cases


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[str], str, list[str]]]:
    tmp = tmp_path_factory.mktemp("english")
    found = []
    for args in catalogue(tmp):
        result = CliRunner().invoke(main, args)
        assert "Traceback" not in result.output, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        found.append((args, result.output, [str(tmp), *[a for a in args if "/" in a]]))
    return found


def test_no_english_phrase_in_any_message(outputs: list[tuple[list[str], str, list[str]]]) -> None:
    leaks = {" ".join(args[:2]): english_phrases(text, paths) for args, text, paths in outputs}
    assert {case: phrases for case, phrases in leaks.items() if phrases} == {}


def test_the_scan_finds_english_when_there_is_some() -> None:
    assert english_phrases("YAML 格式错误：while parsing a flow sequence", [])
    assert english_phrases("「项目名称」不能为空（第3行，project.name）DG-REQUIRED --forms 申报表", []) == []
