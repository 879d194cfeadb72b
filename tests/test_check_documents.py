"""docgen check on documents docgen did not make: written with python-docx in
several styles, converted by LibreOffice from HTML and .odt, hand-filled forms,
and files that are not documents at all."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Pt
from helpers import require_tool
from rulecase import project

import docgen
from docgen.cli import main
from docgen.outline import REPORT_OUTLINE

LEVEL1_STYLES: dict[str, Callable[[str], str]] = {
    "full": lambda n: f"{n}、",
    "dot": lambda n: f"{n}.",
    "space": lambda n: f"{n} ",
}
LEVEL2_STYLES: dict[str, Callable[[str], str]] = {
    "full": lambda n: f"（{n}）",
    "half": lambda n: f"({n})",
    "half-comma": lambda n: f"({n})、",
}


def outline(drop: set[int] = frozenset(), empty: set[int] = frozenset(), order: list[int] | None = None):  # type: ignore[assignment]
    """(heading, body) pairs of the outline, with sections dropped, emptied or reordered."""
    indices = order if order is not None else list(range(len(REPORT_OUTLINE)))
    for index in indices:
        if index in drop:
            continue
        heading = REPORT_OUTLINE[index]
        has_children = heading.level == 1 and index + 1 < len(REPORT_OUTLINE) and REPORT_OUTLINE[index + 1].level == 2
        body = "" if index in empty or has_children else f"第{index}节的内容。一是加强统筹；二是完善机制。"
        yield heading, body


def numbered(heading, level1: str, level2: str) -> str:  # type: ignore[no-untyped-def]
    if heading.level == 0:
        return heading.title
    number = heading.number.strip("、（）")
    style = LEVEL1_STYLES[level1] if heading.level == 1 else LEVEL2_STYLES[level2]
    return style(number) + heading.title


def report_with_heading_styles(path: Path, **changes) -> Path:  # type: ignore[no-untyped-def]
    document = docx.Document()
    document.add_paragraph("某某平台需求分析报告", style="Title")
    for heading, body in outline(**changes):
        document.add_heading(numbered(heading, "full", "full"), level=max(heading.level, 1))
        if body:
            document.add_paragraph(body)
    document.save(path)
    return path


def report_with_bold_paragraphs(path: Path, level1: str = "dot", level2: str = "half", **changes) -> Path:  # type: ignore[no-untyped-def]
    """No heading styles at all: bold Normal paragraphs, half-width numbering, a table in a section."""
    document = docx.Document()
    for heading, body in outline(**changes):
        paragraph = document.add_paragraph()
        # Runs split mid-word, as editors do.
        text = numbered(heading, level1, level2)
        for piece in (text[:2], text[2:5], text[5:]):
            run = paragraph.add_run(piece)
            run.bold = True
            run.font.size = Pt(16)
        if body and "业务量" in heading.title:
            table = document.add_table(rows=2, cols=2)
            table.cell(0, 0).text, table.cell(0, 1).text = "业务", "年办件量"
            table.cell(1, 0).text, table.cell(1, 1).text = "企业开办", "2.4"
        elif body:
            document.add_paragraph(body)
    document.save(path)
    return path


def report_codes(path: Path, form: str | None = None) -> list[tuple[str, str | None]]:
    result = docgen.api.check([path], form=form)
    return sorted((f.code, f.label) for f in result.findings)


def quoted(index: int) -> str:
    return REPORT_OUTLINE[index].quoted[1:-1]


# ---------------------------------------------------------------- 附件3


@pytest.mark.parametrize("writer", [report_with_heading_styles, report_with_bold_paragraphs])
def test_a_complete_report_has_nothing_to_report(tmp_path: Path, writer) -> None:  # type: ignore[no-untyped-def]
    path = writer(tmp_path / "report.docx")
    result = docgen.api.check([path])
    assert result.documents[0].form == "requirements"
    assert result.findings == [] and result.exit_code == 0


@pytest.mark.parametrize("level1", list(LEVEL1_STYLES))
@pytest.mark.parametrize("level2", list(LEVEL2_STYLES))
def test_any_numbering_style_is_recognised(tmp_path: Path, level1: str, level2: str) -> None:
    path = report_with_bold_paragraphs(tmp_path / "r.docx", level1, level2)
    assert report_codes(path) == []


@pytest.mark.parametrize("writer", [report_with_heading_styles, report_with_bold_paragraphs])
def test_dropped_emptied_and_reordered_sections_are_reported_exactly(tmp_path: Path, writer) -> None:  # type: ignore[no-untyped-def]
    dropped = writer(tmp_path / "dropped.docx", drop={12})
    assert report_codes(dropped) == [("DG-CHECK-MISSING", quoted(12))]

    emptied = writer(tmp_path / "emptied.docx", empty={7, 17})
    assert report_codes(emptied) == [("DG-CHECK-EMPTY", quoted(7)), ("DG-CHECK-EMPTY", quoted(17))]

    order = list(range(len(REPORT_OUTLINE)))
    order[2], order[3] = order[3], order[2]  # （三）依据文件 before （二）
    swapped = writer(tmp_path / "swapped.docx", order=order)
    (finding,) = docgen.api.check([swapped]).findings
    assert finding.code == "DG-CHECK-ORDER"
    assert finding.message.startswith("章节「一、项目基本信息（二）项目建设单位概况和负责人、项目责任人」的位置")
    assert (
        "应在「一、项目基本信息（一）项目名称」之后、「一、项目基本信息（三）项目建设相关依据文件」之前"
        in finding.message
    )
    assert finding.article == "第十六条" and finding.file == "swapped.docx"


def test_inline_content_on_the_heading_line_counts(tmp_path: Path) -> None:
    document = docx.Document()
    for heading, body in outline():
        text = "（一）项目名称：某某平台" if heading.title == "项目名称" else heading.text
        document.add_heading(text, level=max(heading.level, 1))
        if body and heading.title != "项目名称":
            document.add_paragraph(body)
    path = tmp_path / "inline.docx"
    document.save(path)
    assert report_codes(path) == []


def test_table_of_contents_lines_are_not_sections(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("目录")
    for heading in REPORT_OUTLINE[:6]:
        document.add_paragraph(f"{heading.text}\t{3}")
    for heading, body in outline(empty={3}):
        document.add_heading(heading.text, level=max(heading.level, 1))
        if body:
            document.add_paragraph(body)
    path = tmp_path / "toc.docx"
    document.save(path)
    assert report_codes(path) == [("DG-CHECK-EMPTY", quoted(3))]


def libreoffice_convert(source: Path, target_dir: Path, to: str) -> Path:
    soffice = require_tool("soffice")
    profile = target_dir / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(target_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return target_dir / (source.stem + "." + to.split(":")[0])


@pytest.mark.libreoffice
def test_html_converted_by_libreoffice(tmp_path: Path) -> None:
    parts = ["<html><head><meta charset='utf-8'></head><body><h1>某某平台需求分析报告</h1>"]
    for heading, body in outline(drop={16}, empty={10}):
        tag = "h2" if heading.level < 2 else "h3"
        parts.append(f"<{tag}>{heading.text}</{tag}>")
        if body:
            parts.append(f"<p>{body}</p>")
    source = tmp_path / "report.html"
    source.write_text("".join(parts) + "</body></html>", encoding="utf-8")
    converted = libreoffice_convert(source, tmp_path, "docx:MS Word 2007 XML")
    assert report_codes(converted) == [("DG-CHECK-EMPTY", quoted(10)), ("DG-CHECK-MISSING", quoted(16))]


@pytest.mark.libreoffice
def test_odt_converted_by_libreoffice(tmp_path: Path) -> None:
    source = report_with_bold_paragraphs(tmp_path / "src.docx", "full", "half-comma", drop={5, 6, 7, 8})
    odt = libreoffice_convert(source, tmp_path, "odt")
    (tmp_path / "again").mkdir()
    converted = libreoffice_convert(odt, tmp_path / "again", "docx:MS Word 2007 XML")
    assert report_codes(converted) == sorted(("DG-CHECK-MISSING", quoted(i)) for i in (5, 6, 7, 8))


# ---------------------------------------------------------------- 附件1 / 附件2


def test_docgen_package_checks_clean_and_detects_each_form(tmp_path: Path) -> None:
    docgen.build(project(), tmp_path)
    result = docgen.api.check([tmp_path])
    forms = sorted(d.form or "-" for d in result.documents)
    assert forms == ["-", "application", "requirements", "security"]  # '-' is the 申报材料清单
    assert [f for f in result.findings if f.severity != "info"] == []


def cell_with(document: docx.document.Document, label: str):  # type: ignore[no-untyped-def]
    """The value cell right of ``label`` (python-docx repeats a spanned cell, so skip its copies)."""
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            for index, cell in enumerate(cells):
                if cell.text.replace("\n", "") == label:
                    return next(c for c in cells[index + 1 :] if c._tc is not cell._tc)
    raise AssertionError(label)


def test_hand_edited_form_with_an_empty_cell_and_sums_that_disagree(tmp_path: Path) -> None:
    docgen.build(project(), tmp_path, forms="application")
    path = next(tmp_path.glob("*申报表.docx"))
    document = docx.Document(path)
    for paragraph in cell_with(document, "项目建设地址").paragraphs:
        for run in paragraph.runs:
            run.text = ""
    value = cell_with(document, "项目预计总投资（万元）")
    value.paragraphs[0].runs[0].text = "900"
    document.save(path)
    found = sorted((f.code, f.label, f.severity.value) for f in docgen.api.check([path]).findings)
    # The form is read into data and judged by validate's rules: validate's codes and labels.
    assert found == [
        ("DG-REQUIRED", "项目信息 › 项目建设地址", "error"),
        ("DG-SOURCES", "项目信息 › 投资 › 计划资金来源（万元）", "warning"),
    ]


@pytest.mark.parametrize(
    ("label", "typed", "change", "code"),
    [
        ("本年度预计投入（万元）", "2000", {"project.investment.this_year": 2000}, "DG-THIS-YEAR"),
        ("项目类别", "软件类", {"project.category": "软件类"}, "DG-TYPE"),
        ("项目名称", "", {"project.name": None}, "DG-REQUIRED"),
        ("联系电话", "电话待定", {"project.leader.phone": "电话待定"}, "DG-PHONE"),
    ],
)
def test_a_defect_has_the_same_code_in_a_data_file_and_in_a_filled_form(
    tmp_path: Path, label: str, typed: str, change: dict[str, object], code: str
) -> None:
    docgen.build(project(), tmp_path, forms="application")
    path = next(tmp_path.glob("*申报表.docx"))
    document = docx.Document(path)
    cell = cell_with(document, label)
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.text = ""
    cell.paragraphs[0].runs[0].text = typed
    document.save(path)
    in_form = {(f.code, f.field) for f in docgen.check([path]).findings}
    in_data = {(f.code, f.field) for f in project(change).findings}
    assert any(found[0] == code for found in in_form), in_form
    assert {found for found in in_form if found[0] == code} <= in_data


def test_blank_form_filled_cell_by_cell_checks_and_reports_what_is_left(tmp_path: Path) -> None:
    (blank,) = docgen.api.build_blank(tmp_path, forms="security")
    document = docx.Document(blank)
    values = {
        "项目建设单位": "某市数据局",
        "项目负责人": "张三",
        "联系电话": "0952-1234567",
        "项目名称": "某平台",
        "项目类别": "服务类",
        "项目建设内容": "运维服务",
        "网络安全保护基本情况": "等保三级",
    }
    for label, text in values.items():
        cell = cell_with(document, label)
        cell.paragraphs[0].add_run(text[:1])
        cell.paragraphs[0].add_run(text[1:])  # typed in two goes: two runs
    document.save(blank)
    found = docgen.api.check([blank]).findings
    assert sorted((f.code, f.field) for f in found) == [
        ("DG-DECL-DATE", "declaration.date"),
        ("DG-REQUIRED", "declaration.applicant"),
        ("DG-REQUIRED", "security.cryptography.summary"),
    ]
    # The form does not show 建设性质, so 第十三条第（七）项 (新建/改建/扩建 only) cannot apply:
    # the same data in a data file gets the same generic finding.
    data = {
        "schema_version": 1,
        "project": {"construction_type": "新建"},
        "security": {"construction_content": "运维服务", "network_security": {"summary": "等保三级"}},
    }
    reviewed = {f.field: f for f in docgen.load_data(data).findings}
    assert reviewed["security.cryptography.summary"].article == "第十三条第（七）项"


def test_documents_of_one_package_that_disagree(tmp_path: Path) -> None:
    docgen.build(project(), tmp_path)
    path = next(tmp_path.glob("*审查表.docx"))
    document = docx.Document(path)
    cell = cell_with(document, "项目名称")
    cell.paragraphs[0].runs[0].text = "另一个项目"
    for run in cell.paragraphs[0].runs[1:]:
        run.text = ""
    document.save(path)
    result = docgen.api.check([tmp_path])
    (finding,) = [f for f in result.findings if f.code == "DG-CHECK-CONSISTENCY"]
    assert finding.label == "项目名称" and "另一个项目" in finding.message
    assert result.exit_code == 1


# ---------------------------------------------------------------- the command and hostile files


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_check_json_carries_the_file_name(tmp_path: Path) -> None:
    path = report_with_heading_styles(tmp_path / "r.docx", drop={1})
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)
    assert finding["file"] == "r.docx" and finding["code"] == "DG-CHECK-MISSING"


def test_form_option_overrides_detection(tmp_path: Path) -> None:
    path = report_with_heading_styles(tmp_path / "r.docx")
    result = run("check", str(path), "--form", "application")
    assert result.exit_code == 1  # read as 附件1 (its 「（一）项目名称」 line is that label, numbered)
    assert "找不到「项目建设单位」栏" in result.stdout


def hostile(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def test_unreadable_files_exit_2_with_a_chinese_message_and_no_traceback(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("这不是 Word 文档", encoding="utf-8")
    entity = hostile(
        tmp_path,
        "entity.docx",
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>",
        },
    )
    bomb = hostile(
        tmp_path,
        "bomb.docx",
        {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>"},
    )
    for path, words in ((text, "不是有效的 .docx"), (entity, "DTD"), (bomb, "拒绝读取")):
        result = run("check", str(path))
        assert result.exit_code == 2, result.output
        assert words in result.stdout
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_bomb_that_lies_about_its_size_is_stopped_while_unpacking(tmp_path: Path) -> None:
    path = hostile(
        tmp_path, "liar.docx", {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"\0" * (50 * 1024 * 1024)}
    )
    blob = bytearray(path.read_bytes())
    # Rewrite the declared sizes of word/document.xml to 1 KiB in both headers.
    archive = zipfile.ZipFile(io.BytesIO(bytes(blob)))
    info = archive.getinfo("word/document.xml")
    real = info.file_size.to_bytes(4, "little")
    blob = blob.replace(real, (1024).to_bytes(4, "little"))
    path.write_bytes(bytes(blob))
    result = docgen.api.check([path])
    assert result.exit_code == 2
    assert result.findings[0].code == "DG-CHECK-READ"


def test_an_unreadable_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = report_with_heading_styles(tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    shutil.copy(good, bad)
    bad.write_bytes(bad.read_bytes()[:200])
    result = docgen.api.check([good, bad])
    assert [d.name for d in result.documents] == ["good.docx"]
    assert result.exit_code == 2


def test_a_title_worded_a_little_differently_is_taken_for_the_outline_s(tmp_path: Path) -> None:
    document = docx.Document()
    for heading, body in outline():
        text = heading.text
        if heading.title == "项目建设相关依据文件":
            text = "（三）项目建设依据文件"
        if heading.title == "建设目标":
            text = "（三）项目建设目标"  # wrong number: not taken
        document.add_heading(text, level=max(heading.level, 1))
        if body:
            document.add_paragraph(body)
    path = tmp_path / "near.docx"
    document.save(path)
    found = docgen.api.check([path]).findings
    assert sorted((f.code, f.severity.value, f.label) for f in found) == [
        ("DG-CHECK-MISSING", "error", quoted(15)),
        ("DG-CHECK-TITLE", "info", quoted(3)),
    ]
