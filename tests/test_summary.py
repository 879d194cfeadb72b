"""docgen summary (and batch --summary): one row per project, a broken input as a row with its
error, totals equal to the exact sum, the findings sheet, a workbook Excel/WPS/LibreOffice open."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import SAMPLES, VALID_SAMPLES, require_tool

import docgen
from docgen.cli import main
from docgen.summary import COLUMNS


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def workbook(tmp_path: Path) -> tuple[Path, Path]:
    broken = tmp_path / "坏的.yaml"
    broken.write_text("project: [没有闭合\n", encoding="utf-8")
    target = tmp_path / "汇总表.xlsx"
    result = run("summary", str(SAMPLES), str(broken), "-o", str(target), "--as-of", "2026-11-24")
    assert result.exit_code == 1, result.output  # broken-rules.yaml and the broken file
    assert "5 个项目，其中 2 个有错误或无法读取" in result.output
    return target, broken


def test_one_row_per_project_and_the_broken_ones_kept(workbook: tuple[Path, Path]) -> None:
    target, _ = workbook
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["项目汇总", "问题清单"]
    sheet = book["项目汇总"]
    header = [cell.value for cell in sheet[1]]
    assert header == [column.header for column in COLUMNS]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    projects, total = rows[:-1], rows[-1]
    assert len(projects) == len(list(SAMPLES.glob("*.yaml"))) + 1
    broken = next(row for row in projects if row[1] == "（无法读取）")
    assert "坏的.yaml" in broken[header.index("数据来源")] and "YAML" in broken[header.index("说明")]
    names = {row[1] for row in projects}
    for sample in VALID_SAMPLES:
        assert docgen.load(SAMPLES / sample).data.project.name in names
    assert total[1] == "合计"
    for column in [c for c in COLUMNS if c.amount]:
        index = header.index(column.header)
        expected = sum((Decimal(str(row[index])) for row in projects if row[index] not in (None, "")), Decimal(0))
        assert Decimal(str(total[index])) == expected, column.header
        assert sheet.cell(row=2, column=index + 1).number_format == "#,##0.00####"
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref
    tendered = next(row for row in projects if row[1] == "石嘴山市城市运行“一网统管”平台建设项目")
    assert tendered[header.index("备案状态")] == "已备案（2026年7月8日）"
    assert tendered[header.index("备案期限")] == "2026年7月15日"
    contract = next(row for row in projects if "一件事一次办" in str(row[1]))
    bands = contract[header.index("材料要求（按投资额）")]
    assert "第十五条" in bands and "第十六条" in bands
    assert sheet.column_dimensions["B"].width >= 30  # Chinese names fit


def test_the_findings_sheet_lists_every_finding(workbook: tuple[Path, Path]) -> None:
    target, _ = workbook
    findings = openpyxl.load_workbook(target)["问题清单"]
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    broken_rules = [r for r in rows if str(r[1]).endswith("broken-rules.yaml")]
    assert len(broken_rules) == len(docgen.load(SAMPLES / "broken-rules.yaml").findings)
    assert any(r[3] == "DG-INPUT" or "YAML" in str(r[5]) for r in rows if r[0] == "（无法读取）")
    assert all(r[2] in ("错误", "警告", "提示") for r in rows)


def test_batch_writes_the_same_summary(tmp_path: Path) -> None:
    target = tmp_path / "汇总.xlsx"
    result = run("batch", str(SAMPLES / "contract-example.yaml"), "-o", str(tmp_path / "out"), "--summary", str(target))
    assert result.exit_code == 0 and "汇总表已写入" in result.output
    rows = list(openpyxl.load_workbook(target)["项目汇总"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2 and "一件事一次办" in rows[0][1] and rows[1][1] == "合计"


def test_batch_summary_is_the_summary_of_the_same_inputs_read_once(
    workbook: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch hands its own results to the 汇总表 (in input order, broken input and all), so each
    project is read and validated once; a rerun reads the unchanged ones once, for their rows."""
    import docgen.batch

    expected, broken = workbook
    calls: list[object] = []
    original = docgen.batch.load_raw

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(docgen.batch, "load_raw", counted)
    target = tmp_path / "批量汇总.xlsx"
    for _run in range(2):  # built, then unchanged
        calls.clear()
        args = [str(SAMPLES), str(broken), "-o", str(tmp_path / "out"), "--summary", str(target)]
        result = run("batch", *args, "--jobs", "1", "--as-of", "2026-11-24")
        assert result.exit_code == 1, result.output
        assert len(calls) == 4  # five inputs: four readable projects and the broken file (no read to validate)
        made = list(openpyxl.load_workbook(target)["项目汇总"].iter_rows(values_only=True))
        wanted = list(openpyxl.load_workbook(expected)["项目汇总"].iter_rows(values_only=True))
        source = [cell for cell in wanted[0]].index("数据来源")
        assert [row[:source] for row in made] == [row[:source] for row in wanted]


@pytest.mark.libreoffice
def test_libreoffice_converts_the_workbook(workbook: tuple[Path, Path], tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    target, _ = workbook
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,UTF8",  # comma, quote, UTF-8
            "--outdir",
            str(tmp_path / "csv"),
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    produced = tmp_path / "csv" / "汇总表.csv"
    assert done.returncode == 0 and produced.is_file(), done.stderr
    text = produced.read_text(encoding="utf-8", errors="replace")
    assert "合计" in text and "石嘴山市城市运行" in text
