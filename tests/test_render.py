"""Rendering: reproducible bytes, literal text, safe names, atomic writes."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import SAMPLES

import docgen
from docgen.output import atomic_write, inside, safe_filename, unique_names
from docgen.sources.yaml_source import make_yaml


def test_same_data_gives_byte_identical_documents(tmp_path: Path) -> None:
    first = docgen.build(SAMPLES / "service-12345-om.yaml", tmp_path / "a")
    second = docgen.build(SAMPLES / "service-12345-om.yaml", tmp_path / "b")
    for one, two in zip(first.outputs, second.outputs, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_source_date_epoch_sets_zip_times_and_document_properties(monkeypatch: pytest.MonkeyPatch) -> None:
    project = docgen.load(SAMPLES / "contract-example.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    blob = docgen.render_documents(project, ["application"])["application"]
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    props = docx.Document(io.BytesIO(blob)).core_properties
    assert props.created.year == 2026 and props.created.month == 1 and props.modified == props.created
    assert props.title == "石嘴山市政务服务“一件事一次办”集成平台建设项目申报表"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")
    assert docgen.render_documents(project, ["application"])["application"] != blob


def variant(tmp_path: Path, **changes: str) -> docgen.LoadedProject:
    data = make_yaml().load((SAMPLES / "contract-example.yaml").read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split(".")
        for key in parents:
            node = node[key]
        node[last] = value
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    return docgen.load(path)


def test_data_reaches_the_document_as_literal_text(tmp_path: Path) -> None:
    hostile = "A&B <b>加粗</b> {{ 7*7 }} {% if true %}x{% endif %} {_{ z }_}"
    project = variant(tmp_path, **{"project.owner_unit": hostile, "project.remarks": "第一行\n第二行\t制表"})
    assert project.ok, project.findings
    document = docx.Document(io.BytesIO(docgen.render_documents(project, ["application"])["application"]))
    texts = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert hostile in texts
    assert "第一行\n第二行\t制表" in texts
    assert "49" not in "".join(texts)


def test_characters_xml_forbids_are_dropped_with_a_warning_naming_the_field(tmp_path: Path) -> None:
    project = variant(tmp_path, **{"project.location": "石嘴山\x0b市\x00大武口区"})
    warning = next(f for f in project.findings if f.code == "DG-CONTROL-CHAR")
    assert warning.field == "project.location" and "U+0000、U+000B" in warning.message
    assert project.ok
    document = docx.Document(io.BytesIO(docgen.render_documents(project, ["application"])["application"]))
    assert "石嘴山市大武口区" in [cell.text for row in document.tables[0].rows for cell in row.cells]


def test_template_loading_is_done_once_per_renderer() -> None:
    renderer = docgen.api.renderer()
    project = docgen.load(SAMPLES / "contract-example.yaml")
    docgen.render_documents(project, ["requirements"])["requirements"]
    prepared = renderer.template("requirements")
    docgen.render_documents(project, ["requirements"])["requirements"]
    assert renderer.template("requirements") is prepared


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("../../etc/x", "_.._etc_x"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("项目。。. . ", "项目。。"),
        ("", "未命名项目"),
        ("\u202e反转", "反转"),
    ],
)
def test_output_names_are_safe_everywhere(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_long_names_are_bounded_in_bytes() -> None:
    assert len(safe_filename("政" * 500).encode("utf-8")) <= 150


def test_collisions_are_resolved_case_insensitively() -> None:
    assert unique_names(["a", "A", "b", "a"]) == ["a", "A(2)", "b", "a(3)"]


def test_nothing_is_written_outside_the_output_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        inside(tmp_path, "../escape.docx")
    assert inside(tmp_path, "ok.docx") == (tmp_path / "ok.docx").resolve()


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "f.docx"
    atomic_write(target, b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(docgen.InputError, match="无法写入"):  # said in Chinese, naming the file
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.docx"]  # no temporary file left behind


def test_project_names_that_are_paths_stay_in_the_output_folder(tmp_path: Path) -> None:
    project = variant(tmp_path, **{"project.name": "../../etc/x"})
    out = tmp_path / "out"
    result = docgen.build(project, out, forms="application")
    assert [p.parent for p in result.outputs] == [out.resolve()]
    assert result.outputs[0].name == "_.._etc_x-申报表.docx"


def report_paragraphs(project: docgen.LoadedProject) -> list[str]:
    blob = docgen.render_documents(project, ["requirements"])["requirements"]
    return [p.text for p in docx.Document(io.BytesIO(blob)).paragraphs]


def test_the_report_names_the_persons_and_the_investment_once(tmp_path: Path) -> None:
    # the contract example's own 一（二） names both persons and its 五、 states the 总投资: nothing added
    said = report_paragraphs(docgen.load(SAMPLES / "contract-example.yaml"))
    text = "\n".join(said)
    assert text.count("王建国") == 1 and text.count("李文") == 1
    assert "项目负责人：" not in text and "项目预计总投资860万元" not in text
    assert "本年度预计投入500万元。" in said  # not stated by the clerk: docgen says it, once
    # a 一（二） that names nobody and a 五、 that states no amount: docgen's sentences complete them
    plain = variant(
        tmp_path,
        **{
            "requirements_report.owner_overview": "石嘴山市政务服务管理局负责全市政务服务体系建设和管理。",
            "requirements_report.funding": "资金由财政预算安排。",
        },
    )
    said = report_paragraphs(plain)
    assert "项目负责人：王建国（联系电话：0952-2011234）；项目责任人：李文（联系电话：0952-2011235）" in said
    assert "项目预计总投资860万元，本年度预计投入500万元。" in said
    # an amount written with spaces and decimals counts as stated
    stated = variant(tmp_path, **{"requirements_report.funding": "总投资 860.00 万元，今年投入约八成。"})
    assert "本年度预计投入500万元。" in report_paragraphs(stated)
    assert not any("项目预计总投资" in p for p in report_paragraphs(stated))
