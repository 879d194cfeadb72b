"""An output path that is, or passes through, a file, or cannot be created: one Chinese
sentence naming the path, exit 2, nothing written, never a traceback (issue: users' habits)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLES

from docgen.cli import main

CONTRACT = str(SAMPLES / "contract-example.yaml")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def refused(result, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert str(path) in result.output or path.name in result.output, result.output


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "某文件"
    path.write_text("不是文件夹", encoding="utf-8")
    return path


def written(tmp_path: Path) -> set[str]:
    return {p.name for p in tmp_path.rglob("*") if p.is_file()}


@pytest.mark.parametrize("command", ["build", "blank", "batch"])
@pytest.mark.parametrize("where", ["file", "below-file", "proc"])
def test_an_output_folder_that_cannot_be_a_folder(tmp_path: Path, a_file: Path, command: str, where: str) -> None:
    target = {"file": a_file, "below-file": a_file / "子目录", "proc": Path("/proc/docgen-x")}[where]
    before = written(tmp_path)
    args = {"build": ["build", CONTRACT], "blank": ["blank"], "batch": ["batch", str(SAMPLES)]}[command]
    result = run(*args, "-o", str(target))
    refused(result, target if where != "below-file" else a_file)
    assert "输出位置" in result.output or "无法写入" in result.output
    assert written(tmp_path) == before


def test_a_report_below_a_file(tmp_path: Path, a_file: Path) -> None:
    result = run("batch", str(SAMPLES), "-o", str(tmp_path / "out"), "--report", str(a_file / "r.json"))
    refused(result, a_file)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_extract_and_init_into_impossible_places(tmp_path: Path, a_file: Path) -> None:
    built = tmp_path / "built"
    assert run("build", CONTRACT, "-o", str(built), "--forms", "申报表").exit_code == 0
    form = next(built.glob("*.docx"))
    refused(run("extract", str(form), "-o", str(a_file / "x.yaml")), a_file)
    refused(run("init", str(a_file / "x.yaml")), a_file)
    folder = tmp_path / "目录"
    folder.mkdir()
    result = run("init", str(folder), "--force")
    refused(result, folder)
    assert "文件夹" in result.output and folder.is_dir()


def test_review_is_all_or_nothing(tmp_path: Path, a_file: Path) -> None:
    data = tmp_path / "项目.yaml"
    shutil.copy(CONTRACT, data)
    before = data.read_bytes()
    result = run("review", str(data), "--network-security", "符合", "--unit", "某单位", "--date", "2026-11-22",
                 "-o", str(a_file))  # fmt: skip
    refused(result, a_file)
    assert data.read_bytes() == before  # the data file is untouched when the 审查表 cannot be written
    ok = run("review", str(data), "--network-security", "符合", "--unit", "某单位", "--date", "2026-11-22")
    assert ok.exit_code == 0, ok.output
    assert data.read_bytes() != before


def test_pdf_without_libreoffice_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "out"
    result = run("build", CONTRACT, "-o", str(out), "--pdf")
    assert result.exit_code == 3 and "libreoffice-writer-nogui" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_ctrl_c_during_batch_exits_130_with_the_report_of_what_was_done(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")
    for number in range(40):
        (folder / f"p{number:03d}.yaml").write_text(text.replace("集成平台", f"集成平台{number}"), encoding="utf-8")
    out, report = tmp_path / "out", tmp_path / "报告.json"
    (tmp_path / ".报告.json.stale.tmp").write_text("left by a killed run", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "batch", str(folder), "-o", str(out), "--jobs", "2", "--report", str(report)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "DOCGEN_TEST_BATCH_SIGNAL": "INT:5"},  # Ctrl-C to the whole group once 5 are in
    )
    _stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 130, stderr.decode()
    assert "Traceback" not in stderr.decode() and "已中断" in stderr.decode()
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["summary"]["complete"] is False and 5 <= written["summary"]["total"] < 40
    assert not list(tmp_path.glob(".*.tmp")) and not list(out.glob(".*.tmp"))


def test_build_does_not_overwrite_a_document_edited_after_it_was_built(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "out"
    assert run("build", CONTRACT, "-o", str(out)).exit_code == 0
    again = run("build", CONTRACT, "-o", str(out))  # unedited earlier outputs are replaced as before
    assert again.exit_code == 0, again.output

    form = next(out.glob("*申报表.docx"))
    document = docx.Document(form)
    document.tables[0].rows[2].cells[-1].paragraphs[0].add_run("（审查人员补注）")
    document.save(form)
    edited = form.read_bytes()
    stranger = out / next(out.glob("*需求分析报告.docx")).name
    stranger.write_bytes((SAMPLES.parent / "docgen" / "templates" / "requirements.docx").read_bytes())
    others = {p.name: p.read_bytes() for p in out.glob("*.docx")}

    refused_build = run("build", CONTRACT, "-o", str(out))
    assert refused_build.exit_code == 2, refused_build.output
    assert form.name in refused_build.output and stranger.name in refused_build.output
    assert "--force" in refused_build.output
    assert {p.name: p.read_bytes() for p in out.glob("*.docx")} == others  # nothing written
    assert form.read_bytes() == edited

    forced = run("build", CONTRACT, "-o", str(out), "--force")
    assert forced.exit_code == 0 and form.read_bytes() != edited
