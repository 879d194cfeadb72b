"""docgen review: results written into the data file, 附件2 regenerated."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from helpers import SAMPLES

import docgen
from docgen.cli import main


def test_review_is_recorded_keeping_comments_and_order(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "contract-example.yaml", data)
    before = data.read_text(encoding="utf-8").splitlines()
    result = CliRunner().invoke(
        main,
        [
            "review",
            str(data),
            "--network-security",
            "符合",
            "--cryptography",
            "不符合",
            "--unit",
            "石嘴山市委网信办",
            "--date",
            "2026-11-22",
            "-o",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    after = data.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert [new.split("#")[0].strip() for _old, new in changed] == [
        "result: 符合",
        "unit: 石嘴山市委网信办",
        "date: 2026-11-22",
        "result: 不符合",
        "unit: 石嘴山市委网信办",
        "date: 2026-11-22",
    ]
    assert changed[0][1].endswith("# 审查结果：符合 / 不符合")  # the comment stays
    form = next((tmp_path / "out").glob("*审查表.docx"))
    cells = [c.text for row in docx.Document(io.BytesIO(form.read_bytes())).tables[0].rows for c in row.cells]
    assert "审查结果：符合\n审查单位：石嘴山市委网信办\n2026年11月22日" in cells
    assert "审查结果：不符合\n审查单位：石嘴山市委网信办\n2026年11月22日" in cells


def test_review_without_a_result_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "contract-example.yaml", data)
    result = CliRunner().invoke(main, ["review", str(data), "--unit", "某单位"])
    assert result.exit_code == 2 and "请至少给出一项审查结果" in result.output
    assert data.read_bytes() == (SAMPLES / "contract-example.yaml").read_bytes()


def test_a_reviewer_records_a_result_even_when_the_applicants_data_has_errors(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "broken-rules.yaml", data)
    result = CliRunner().invoke(
        main, ["review", str(data), "--network-security", "不符合", "--unit", "网信办", "--date", "2026-11-22"]
    )
    assert result.exit_code == 1  # the data has errors: they are listed, 附件2 is not regenerated
    assert "审查结果已记录" in result.output and "[错误]" in result.output
    assert not list(tmp_path.glob("*.docx"))
    recorded = docgen.load(data).data.review.network_security
    assert (recorded.result, recorded.unit, str(recorded.date)) == ("不符合", "网信办", "2026-11-22")
    before = (SAMPLES / "broken-rules.yaml").read_text(encoding="utf-8").splitlines()
    after = data.read_text(encoding="utf-8").splitlines()
    assert [line for line in after if line not in before] and all(
        "result" in line or "unit" in line or "date" in line or "review" in line or "network_security" in line
        for line in after
        if line not in before
    )


def test_an_invalid_review_value_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "contract-example.yaml", data)
    results = tmp_path / "r.yaml"
    results.write_text("network_security: {result: 符合, unit: 网信办, date: 2026-02-30}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(data), "--from", str(results)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert data.read_bytes() == (SAMPLES / "contract-example.yaml").read_bytes()


def review_lines_removed(text: str) -> list[str]:
    """The file's lines other than those a review writes (its keys and values)."""
    keep = []
    for line in text.splitlines(keepends=True):
        if any(mark in line for mark in ("result", "unit", "date", "网信办", "密码管理局", "2026-11-22")):
            continue
        keep.append(line)
    return keep


@pytest.mark.parametrize(
    ("name", "codec", "crlf", "bom"),
    [("gbk.yaml", "gbk", False, False), ("bom.yaml", "utf-8", False, True), ("crlf.yaml", "utf-8", True, False)],
)
def test_review_keeps_the_files_encoding_bom_and_line_endings(
    tmp_path: Path, name: str, codec: str, crlf: bool, bom: bool
) -> None:
    text = (SAMPLES / "contract-example.yaml").read_text(encoding="utf-8")
    if crlf:
        text = text.replace("\n", "\r\n")
    blob = (b"\xef\xbb\xbf" if bom else b"") + text.encode(codec)
    data = tmp_path / name
    data.write_bytes(blob)
    result = CliRunner().invoke(
        main, ["review", str(data), "--cryptography", "符合", "--unit", "密码管理局", "--date", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    written = data.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == bom
    assert (b"\r\n" in written) == crlf and (written.count(b"\n") == written.count(b"\r\n")) == crlf
    new_text = written.decode("utf-8-sig" if bom else codec)
    assert "密码管理局" in new_text
    assert review_lines_removed(new_text) == review_lines_removed(blob.decode("utf-8-sig" if bom else codec))


def test_review_keeps_json_numbers_and_says_what_it_replaces(tmp_path: Path) -> None:
    data = tmp_path / "p.json"
    source = docgen.load(SAMPLES / "contract-example.yaml").data.model_dump(mode="json", exclude_defaults=True)
    source["project"]["investment"]["this_year"] = 2.4
    source["review"] = {"network_security": {"result": "符合", "unit": "网信办", "date": "2026-11-20"}}
    data.write_text(json.dumps(source, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    before = data.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["review", str(data), "--network-security", "不符合", "--unit", "网信办", "--date", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    assert "「网络安全审查」的「审查结果」：符合 → 不符合" in result.output
    written = json.loads(data.read_text(encoding="utf-8"))
    assert written["project"]["investment"]["this_year"] == 2.4  # a number, not "2.4"
    assert review_lines_removed(data.read_text(encoding="utf-8")) == review_lines_removed(before)


def test_a_result_without_unit_or_date_warns_at_once(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "contract-example.yaml", data)
    result = CliRunner().invoke(main, ["review", str(data), "--network-security", "符合"])
    assert result.exit_code == 0, result.output
    assert "DG-REVIEW" in result.output and "审查单位和日期应一并填写" in result.output


def test_review_from_a_file_with_a_unit_and_date_per_review(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "contract-example.yaml", data)
    before = data.read_text(encoding="utf-8")
    results = tmp_path / "审查结果.yaml"
    results.write_text(
        "network_security: {result: 符合, unit: 石嘴山市委网信办, date: 2026-11-22}\n"
        "cryptography:\n  result: 不符合\n  unit: 石嘴山市密码管理局\n  date: 2026-11-23\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["review", str(data), "--from", str(results), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    after = data.read_text(encoding="utf-8")
    assert before.count("#") == after.count("#")  # comments kept
    form = next((tmp_path / "out").glob("*.docx"))
    cells = [cell.text for row in docx.Document(form).tables[0].rows for cell in row.cells]
    assert any("审查结果：符合" in c and "石嘴山市委网信办" in c and "2026年11月22日" in c for c in cells)
    assert any("审查结果：不符合" in c and "石嘴山市密码管理局" in c and "2026年11月23日" in c for c in cells)


def test_a_wrong_review_file_is_refused_naming_the_field_and_line(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "contract-example.yaml", data)
    before = data.read_bytes()
    results = tmp_path / "r.yaml"
    results.write_text("network_security:\n  result: 基本符合\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(data), "--from", str(results)])
    assert result.exit_code == 2
    assert "「审查结果」取值「基本符合」无效" in result.output and "第2行" in result.output
    assert data.read_bytes() == before
    both = CliRunner().invoke(main, ["review", str(data), "--from", str(results), "--cryptography", "符合"])
    assert both.exit_code == 2 and "不能同时使用" in both.output
