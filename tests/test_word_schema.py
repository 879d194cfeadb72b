"""Every kind of document docgen writes is XML Word takes as written: no schema or
element-order error under openxml-audit at the Microsoft 365 level (an order error is
one Word may answer by silently dropping a property), and it says it is Chinese."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLES, VALID_SAMPLES
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

import docgen
from docgen.cli import main
from docgen.render import DEFAULT_TEMPLATES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VALIDATOR = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=1000)


def audit(path: Path) -> list[str]:
    result = VALIDATOR.validate(str(path))
    return [f"{error.description} ({error.part_uri} {error.path})" for error in result.errors]


def outputs(kind: str, tmp_path: Path) -> list[Path]:
    """One kind of output: a sample's four documents, the blank forms, a reviewed 附件2, or a build
    through a custom template folder (a clean copy of the standard templates)."""
    if kind in VALID_SAMPLES:
        return docgen.build(SAMPLES / kind, tmp_path / Path(kind).stem).outputs
    if kind == "blank":
        return docgen.build_blank(tmp_path / "blank")
    if kind == "reviewed":
        data = tmp_path / "reviewed.yaml"
        shutil.copy(SAMPLES / "contract-example.yaml", data)
        args = ["review", str(data), "--network-security", "符合", "--cryptography", "不符合"]
        args += ["--unit", "某单位", "--date", "2026-11-22", "-o", str(tmp_path / "reviewed")]
        reviewed = CliRunner().invoke(main, args)
        assert reviewed.exit_code == 0, reviewed.output
        return sorted((tmp_path / "reviewed").glob("*.docx"))
    custom = tmp_path / "custom-templates"
    shutil.copytree(DEFAULT_TEMPLATES, custom)
    return docgen.build(SAMPLES / "contract-example.yaml", tmp_path / "custom", template_dir=custom).outputs


KINDS = {**{sample: 4 for sample in VALID_SAMPLES}, "blank": 3, "reviewed": 1, "custom": 4}


@pytest.mark.slow  # about 0.3 s of openxml-audit per document, 19 documents
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_output_has_no_schema_or_order_error(tmp_path: Path, kind: str) -> None:
    documents = outputs(kind, tmp_path)
    assert len(documents) == KINDS[kind]
    problems = {path.name: audit(path) for path in documents}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_validator_finds_order_errors_when_there_are_some(tmp_path: Path) -> None:
    """The check can fail: w:b before w:rFonts in a run is reported."""
    (built,) = docgen.build(SAMPLES / "contract-example.yaml", tmp_path, forms="申报表").outputs
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename == "word/document.xml":
                blob = blob.replace(b"<w:rPr><w:rFonts", b"<w:rPr><w:b/><w:rFonts", 1)
            target.writestr(item, blob)
    assert any("rFonts" in problem for problem in audit(broken))


@pytest.mark.parametrize("form", ["申报表", "需求分析报告"])
def test_documents_say_they_are_simplified_chinese_in_current_word(tmp_path: Path, form: str) -> None:
    (built,) = docgen.build(SAMPLES / "contract-example.yaml", tmp_path, forms=form).outputs
    with zipfile.ZipFile(built) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        settings = etree.fromstring(package.read("word/settings.xml"))
        fonts = etree.fromstring(package.read("word/fontTable.xml"))
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}eastAsia") == "zh-CN"
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"
    modes = [s.get(f"{W}val") for s in settings.iter(f"{W}compatSetting") if s.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]
    declared = {
        font.get(f"{W}name"): (font.find(f"{W}altName").get(f"{W}val"), font.find(f"{W}charset").get(f"{W}val"))
        for font in fonts.findall(f"{W}font")
        if font.find(f"{W}altName") is not None
    }
    assert declared["仿宋"] == ("FangSong", "86") and declared["楷体"] == ("KaiTi", "86")
    assert declared["黑体"] == ("SimHei", "86") and declared["宋体"] == ("SimSun", "86")
    assert "方正小标宋简体" in declared
