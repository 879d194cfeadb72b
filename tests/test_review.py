"""docgen review: results written into the data file, 附件2 regenerated."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import SAMPLES

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


def test_review_of_data_with_errors_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "p.yaml"
    shutil.copy(SAMPLES / "broken-rules.yaml", data)
    result = CliRunner().invoke(
        main, ["review", str(data), "--network-security", "符合", "--unit", "网信办", "--date", "2026-11-22"]
    )
    assert result.exit_code == 1
    assert data.read_bytes() == (SAMPLES / "broken-rules.yaml").read_bytes()


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
