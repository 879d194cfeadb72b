"""docgen extract: built forms give back the data that built them (also after
LibreOffice re-saves them); edits show up with --diff; hand-filled blank forms
are read by label, and what cannot be read is listed."""

from __future__ import annotations

import copy
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from helpers import SAMPLES, VALID_SAMPLES, require_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docgen
from docgen.cli import main
from docgen.models import ProjectData
from docgen.normalize import says_nothing
from docgen.sources import read
from docgen.sources.yaml_source import parse


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def reloaded(result: docgen.api.ExtractResult) -> ProjectData:
    return docgen.api.load_raw(parse(result.yaml(), "extracted.yaml")).data


@pytest.mark.parametrize("sample", VALID_SAMPLES)
def test_every_built_document_gives_back_the_data_that_built_it(tmp_path: Path, sample: str) -> None:
    project = docgen.load(SAMPLES / sample)
    result = docgen.build(project, tmp_path)
    for path in result.outputs:
        extracted = docgen.api.extract(path)
        assert extracted.embedded and not extracted.problems
        assert reloaded(extracted) == project.data, path.name


def test_extract_writes_the_yaml_file(tmp_path: Path) -> None:
    docgen.build(SAMPLES / "contract-example.yaml", tmp_path, forms="application")
    form = next(tmp_path.glob("*申报表.docx"))
    result = run("extract", str(form), "-o", str(tmp_path / "back.yaml"))
    assert result.exit_code == 0, result.output
    assert docgen.load(tmp_path / "back.yaml").data == docgen.load(SAMPLES / "contract-example.yaml").data


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda t: t.strip() == t and t.strip() and not says_nothing(t)  # 「X」「—」「无」 are no values (normalize)
)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=TEXT, unit=TEXT, location=TEXT, total=st.decimals(min_value=1, max_value=1499, places=2))
def test_round_trip_on_generated_data(tmp_path: Path, name: str, unit: str, location: str, total: Any) -> None:
    data = copy.deepcopy(read(SAMPLES / "contract-example.yaml").data)
    data["project"].update({"name": name, "owner_unit": unit, "location": location})
    data["project"]["investment"].update({"total": total, "this_year": total, "items": []})
    data["project"]["investment"]["sources"] = {"national": 0, "autonomous_region": 0, "municipal": total, "social": 0}
    project = docgen.api.load_data(data, base_dir=SAMPLES)
    assert project.ok, [f.format() for f in project.findings if f.severity == "error"]
    blobs = docgen.render_documents(project, "application,security")
    for file_name, blob in blobs.items():
        path = tmp_path / "x.docx"
        path.write_bytes(blob)
        assert reloaded(docgen.api.extract(path)) == project.data, file_name


@pytest.mark.libreoffice
def test_a_form_resaved_by_libreoffice_still_extracts_to_the_same_data(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    project = docgen.load(SAMPLES / "contract-example.yaml")
    built = docgen.build(project, tmp_path / "built", forms="application,security").outputs
    out = tmp_path / "resaved"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(out), *map(str, built)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    for path in built:
        resaved = out / path.name
        assert resaved.read_bytes() != path.read_bytes()
        extracted = docgen.api.extract(resaved)
        assert extracted.embedded
        assert reloaded(extracted) == project.data
        assert extracted.changes == [], extracted.changes


def test_an_edit_made_in_word_shows_up_with_diff(tmp_path: Path) -> None:
    docgen.build(SAMPLES / "contract-example.yaml", tmp_path, forms="application")
    path = next(tmp_path.glob("*申报表.docx"))
    document = docx.Document(path)
    row = next(r for r in document.tables[0].rows if r.cells[0].text == "项目建设地址")
    row.cells[1].paragraphs[0].runs[0].text = "银川市"
    for run_ in row.cells[1].paragraphs[0].runs[1:]:
        run_.text = ""
    document.save(path)
    for args in ((), ("--diff",)):  # the change is always listed, --diff or not
        result = run("extract", str(path), *args)
        assert result.exit_code == 1
        assert "「项目建设地址」：宁夏回族自治区石嘴山市大武口区朝阳西街 政务服务中心 → 银川市" in result.stderr
        # The YAML holds what the reader sees (and says so), everything else as built.
        assert "  location: 银川市\n" in result.stdout
        assert "# 被改动：「项目建设地址」" in result.stdout
        assert "一件事一次办" in reloaded_text(result.stdout).project.name
    kept = run("extract", str(path), "--prefer", "embedded")
    assert kept.exit_code == 1
    assert "location: 宁夏回族自治区石嘴山市大武口区朝阳西街 政务服务中心" in kept.stdout


def test_an_output_is_known_unedited_by_its_body_digest_and_a_resave_by_its_text(tmp_path: Path) -> None:
    """The digest answers for a file as docgen wrote it; a re-save that changes no text (python-docx
    rewrites the XML) is still known unedited, by the slower comparison; an edit is not."""
    from docgen.checking.extract import unedited
    from docgen.docx_package import read_package

    docgen.build(SAMPLES / "contract-example.yaml", tmp_path, forms="application")
    path = next(tmp_path.glob("*申报表.docx"))
    parts = read_package(path.read_bytes(), path.name).parts
    assert unedited(parts, path.name)
    assert not docgen.api.edited_since_built(path, docgen.Form.APPLICATION, [docgen.Form.APPLICATION])

    docx.Document(path).save(path)
    assert not unedited(read_package(path.read_bytes(), path.name).parts, path.name)
    assert not docgen.api.edited_since_built(path, docgen.Form.APPLICATION, [docgen.Form.APPLICATION])
    assert run("extract", str(path)).exit_code == 0

    document = docx.Document(path)
    document.tables[0].rows[2].cells[-1].paragraphs[0].add_run("（补注）")
    document.save(path)
    assert docgen.api.edited_since_built(path, docgen.Form.APPLICATION, [docgen.Form.APPLICATION])


def reloaded_text(text: str) -> ProjectData:
    return docgen.api.load_raw(parse(text, "extracted.yaml")).data


def fill(document: docx.document.Document, label: str, text: str) -> None:
    """Type into the value cell right of ``label`` in two goes, as a person does."""
    for table in document.tables:
        for row in table.rows:
            cells = row.cells
            for index, cell in enumerate(cells):
                if cell.text.replace("\n", "") == label:
                    target = next(c for c in cells[index + 1 :] if c._tc is not cell._tc)
                    target.paragraphs[0].add_run(text[:2])
                    target.paragraphs[0].add_run(text[2:])
                    return
    raise AssertionError(label)


def test_a_blank_form_filled_by_hand_is_read_by_label(tmp_path: Path) -> None:
    (blank,) = docgen.api.build_blank(tmp_path, forms="application")
    document = docx.Document(blank)
    header = next(p for p in document.paragraphs if "项目申报单位" in p.text)
    header.runs[0].text = header.runs[0].text.replace("项目申报单位：", "项目申报单位：某县数据局")
    fill(document, "项目建设单位", "某县数据局")
    fill(document, "项目名称", "某县一网通办平台")
    fill(document, "项目类别", "工程")  # not one of the three: listed, not guessed
    fill(document, "项目预计总投资（万元）", "约八百万")  # not a number: listed
    fill(document, "本年度预计投入（万元）", "120.5")
    fill(document, "项目建设依据", "1．《某文件》\n2．《另一文件》")
    document.save(blank)
    result = docgen.api.extract(blank)
    assert not result.embedded and result.form == "application"
    project = result.data["project"]
    assert project["name"] == "某县一网通办平台" and project["owner_unit"] == "某县数据局"
    assert str(project["investment"]["this_year"]) == "120.5"
    assert project["basis"] == ["《某文件》", "《另一文件》"]
    assert "category" not in project and "total" not in project["investment"]
    assert result.data["declaration"]["applicant"] == "某县数据局"
    unread = sorted(p.label for p in result.problems if p.code == "DG-EXTRACT-UNREAD")
    assert unread == ["项目类别", "项目预计总投资（万元）"]
    cli = run("extract", str(blank))
    assert (
        cli.exit_code == 1
        and "「项目类别」写的是「工程」，不是工程类、货物类、服务类之一，也看不出勾选了哪一类，未读取" in cli.stderr
    )


def test_a_tampered_source_part_is_not_trusted(tmp_path: Path) -> None:
    docgen.build(SAMPLES / "contract-example.yaml", tmp_path, forms="security")
    path = next(tmp_path.glob("*.docx"))
    tampered = tmp_path / "tampered.docx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tampered, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if b"urn:docgen:source" in data and info.filename.startswith("customXml/item"):
                data = data.replace("王建国".encode(), "张三".encode())
            zout.writestr(info, data)
    result = docgen.api.extract(tampered)
    assert not result.embedded
    assert result.problems[0].code == "DG-EXTRACT-SOURCE"
    assert result.data["project"]["leader"]["name"] == "王建国"  # read from the cells instead


def test_extract_refuses_what_is_not_a_form(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    document = docx.Document()
    document.add_paragraph("会议纪要")
    document.save(path)
    result = run("extract", str(path))
    assert result.exit_code == 2 and "不是附件1 申报表或附件2 审查表" in result.output


def test_diff_works_away_from_the_pictures_and_names_fields_by_label(tmp_path: Path) -> None:
    """The 12345 sample's report has a picture; its 附件1, moved elsewhere, still diffs."""
    built = tmp_path / "built"
    docgen.build(SAMPLES / "service-12345-om.yaml", built, forms="申报表")
    moved = tmp_path / "elsewhere" / "申报表.docx"
    moved.parent.mkdir()
    next(built.glob("*.docx")).rename(moved)
    unchanged = docgen.extract(moved)
    assert unchanged.changes == []
    document = docx.Document(moved)
    header = next(p for p in document.paragraphs if "项目申报单位" in p.text)
    header.runs[-1].text = header.runs[-1].text.replace("2026", "2025")
    document.save(moved)
    changes = docgen.extract(moved).changes
    assert changes and all("." not in change.label for change in changes), changes
    assert any(change.label == "申报日期" for change in changes), changes


@pytest.mark.parametrize(
    ("marked", "result"),
    [
        ("审查结果：符合", "符合"),
        ("审查结果：符合/", "符合"),  # 「不符合」 struck through: the reader drops it
        ("☑符合 □不符合", "符合"),
        ("□符合 ☑不符合", "不符合"),
        ("☒不符合 ☐符合", "不符合"),
        ("符合（√） 不符合（ ）", "符合"),
        ("符合（ ） 不符合（✓）", "不符合"),
        ("审查结果：（符合/不符合）", ""),  # the printed prompt: nothing chosen
        ("符合□ 不符合□", ""),
        ("☑符合 ☑不符合", None),  # both ticked: cannot be read, listed
        ("审查结果：待定", None),
    ],
)
def test_review_results_marked_by_hand(marked: str, result: str | None) -> None:
    from docgen.checking.extract import review_result

    assert review_result(marked) == result
