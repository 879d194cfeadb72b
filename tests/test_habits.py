"""Users' habits: the starter file in the format asked for, placeholders that are not errors,
list items named by their list."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import docgen
from docgen.cli import main


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_init_writes_json_for_a_json_name(tmp_path: Path) -> None:
    target = tmp_path / "项目.json"
    result = run("init", str(target))
    assert result.exit_code == 0 and "docgen schema" in result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and data["project"]["investment"]["items"] == []
    codes = {f.code for f in docgen.load(target).findings}
    assert "DG-TYPE" not in codes and "DG-UNKNOWN-KEY" not in codes


def test_init_refuses_a_suffix_it_cannot_write_and_suggests_the_right_one(tmp_path: Path) -> None:
    text = run("init", str(tmp_path / "x.txt"))
    assert text.exit_code == 2 and ".yaml" in text.output and "x.yaml" in text.output
    workbook = run("init", "--xlsx", str(tmp_path / "x.yaml"))
    assert workbook.exit_code == 2 and "x.xlsx" in workbook.output
    assert not list(tmp_path.iterdir())


def test_the_starter_leaves_optional_lists_empty(tmp_path: Path) -> None:
    target = tmp_path / "project.yaml"
    assert run("init", str(target)).exit_code == 0
    findings = docgen.load(target).findings
    about_lists = [f for f in findings if f.field and "[" in f.field]
    assert about_lists == []  # no placeholder product, waiver or catalogue item becomes an error
    assert "# - name:" in target.read_text(encoding="utf-8")  # the item's keys are shown as comments


def test_an_error_in_a_list_item_names_its_list(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    data.write_text("schema_version: 1\nproject:\n  investment:\n    items:\n      - 5\n", encoding="utf-8")
    messages = [
        f.message for f in docgen.load(data).findings if f.field and f.field.startswith("project.investment.items")
    ]
    assert messages and all("投资构成 第1项" in m for m in messages), messages
    data.write_text("schema_version: 1\nproject:\n  investment:\n    items:\n      - {name: 甲}\n", encoding="utf-8")
    messages = [f.message for f in docgen.load(data).findings if f.code == "DG-REQUIRED" and "items" in (f.field or "")]
    assert messages and all(m.startswith("「投资构成 第1项」的「") for m in messages), messages


def test_help_has_no_english_placeholders() -> None:
    import re

    for command in ([], ["build"], ["batch"], ["validate"], ["review"], ["check"], ["extract"], ["init"], ["blank"]):
        result = run(*command, "--help")
        assert result.exit_code == 0
        for english in ("[OPTIONS]", "COMMAND [ARGS]", "[required]", "INTEGER", "Show the version"):
            assert english not in result.output, (command, english)
        assert not re.search(r"--[a-z-]+ (TEXT|PATH|FILENAME|DIRECTORY)", result.output), command
        assert not re.search(r"\.\.\.\s*$", result.output.splitlines()[-1])
    listing = run("--help").output
    assert "批量生成：项目文件夹、JSON Lines 文件或 Excel 工作簿。" in listing  # whole, not cut off


def test_batch_on_an_empty_folder_says_what_it_looks_for(tmp_path: Path) -> None:
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    result = run("batch", str(empty), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "没有项目文件" in result.output and ".jsonl" in result.output
    assert not (tmp_path / "out").exists()


def test_a_full_width_colon_after_a_key_is_named_on_its_own_line(tmp_path: Path) -> None:
    for text, line, column, key in (
        ("schema_version: 1\nproject：\n  name: 某项目\n", 2, 8, "project"),
        ("schema_version: 1\nproject:\n  name：石嘴山\n", 3, 7, "name"),
    ):
        data = tmp_path / "p.yaml"
        data.write_text(text, encoding="utf-8")
        result = run("validate", str(data), "--format", "json")
        assert result.exit_code == 2
        (finding,) = json.loads(result.output)
        assert (finding["line"], finding["column"]) == (line, column)
        assert f"键「{key}」后面是全角冒号" in finding["message"]


def test_utf16_and_old_office_files_get_the_advice_that_fixes_them(tmp_path: Path) -> None:
    notepad = tmp_path / "记事本.yaml"
    notepad.write_bytes("schema_version: 1\n".encode("utf-16"))  # with BOM, as Notepad's "Unicode"
    bare = tmp_path / "无标记.yaml"
    bare.write_bytes("schema_version: 1\n".encode("utf-16-le"))
    for path in (notepad, bare):
        result = run("validate", str(path))
        assert result.exit_code == 2 and "请用“另存为”选择 UTF-8" in result.output
    old = tmp_path / "申报表.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # a .doc renamed .docx
    checked = run("check", str(old))
    assert checked.exit_code == 2 and "另存为 .docx" in checked.output
    extracted = run("extract", str(old))
    assert extracted.exit_code == 2 and "另存为 .docx" in extracted.output


def test_the_control_character_warning_names_the_fields_label() -> None:
    from docgen.sources import read

    data = read(Path(__file__).parents[1] / "sample_data" / "contract-example.yaml").data
    data["project"]["name"] += "\x0b"  # a vertical tab pasted from Excel
    (warning,) = [f for f in docgen.load_data(data).findings if f.code == "DG-CONTROL-CHAR"]
    assert warning.message.startswith("「项目名称」含有") and "U+000B" in warning.message


def test_the_batch_report_is_readable_utf8_and_an_ordinary_file(tmp_path: Path) -> None:
    import os
    import stat

    samples = Path(__file__).parents[1] / "sample_data"
    report = tmp_path / "报告.json"
    result = run("batch", str(samples), "-o", str(tmp_path / "out"), "--jobs", "1", "--report", str(report))
    assert result.exit_code == 1  # the broken sample fails
    text = report.read_text(encoding="utf-8")
    assert "\\\\u" not in text and "石嘴山" in text
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~mask


def test_validate_takes_what_batch_takes_and_writes_nothing(tmp_path: Path) -> None:
    samples = Path(__file__).parents[1] / "sample_data"
    before = {p.name for p in samples.iterdir()}
    folder = run("validate", str(samples))
    assert folder.exit_code == 1  # broken-rules.yaml has errors
    assert "broken-rules.yaml：" in folder.output and "contract-example.yaml：" in folder.output
    assert "校验了 4 个项目：1 个有错误" in folder.output and "未写入任何文件" in folder.output
    assert {p.name for p in samples.iterdir()} == before

    plan = tmp_path / "plan.jsonl"
    contract = docgen.load(samples / "contract-example.yaml").data.model_dump(mode="json", exclude_defaults=True)
    plan.write_text(json.dumps(contract, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    lines = run("validate", str(plan), "--format", "json")
    assert lines.exit_code == 2  # one line cannot be read
    findings = json.loads(lines.output)
    assert [f for f in findings if f["code"] == "DG-INPUT" and f["file"] == "plan.jsonl" and f["line"] == 2]
    assert list(tmp_path.iterdir()) == [plan]


def test_batch_counts_the_warnings_of_the_projects_it_built(tmp_path: Path) -> None:
    samples = Path(__file__).parents[1] / "sample_data"
    folder = tmp_path / "in"
    folder.mkdir()
    text = (samples / "contract-example.yaml").read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text.replace("social: 0 ", "social: 5 "), encoding="utf-8")  # DG-SOURCES
    (folder / "b.yaml").write_text(text.replace("集成平台", "集成平台二期"), encoding="utf-8")
    result = run("batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "已生成的项目中有警告" in result.output and "DG-SOURCES 1 个" in result.output


def test_same_named_projects_get_the_same_folders_on_every_fresh_run(tmp_path: Path) -> None:
    samples = Path(__file__).parents[1] / "sample_data"
    folder = tmp_path / "in"
    folder.mkdir()
    text = (samples / "contract-example.yaml").read_text(encoding="utf-8")
    for number in range(6):  # six files, one project name, told apart by a remark
        (folder / f"p{number}.yaml").write_text(
            text.replace('remarks: ""', f'remarks: "第{number}份"'), encoding="utf-8"
        )
    placements = []
    for attempt in range(2):
        out = tmp_path / f"out{attempt}"
        assert run("batch", str(folder), "-o", str(out), "--jobs", "2").exit_code == 0
        placements.append(
            {
                path.parent.name: (path.parent / ".docgen-source").read_text(encoding="utf-8")
                for path in out.glob("*/*申报表.docx")
            }
        )
    assert placements[0] == placements[1] and len(placements[0]) == 6
    name = docgen.load(samples / "contract-example.yaml").data.project.name
    assert placements[0][f"{name}"].endswith("p0.yaml") and placements[0][f"{name}-6"].endswith("p5.yaml")
